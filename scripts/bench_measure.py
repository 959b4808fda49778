"""Measuring commands for the benchmark: wall time, CPU time and peak memory of a process tree.

Peak memory is the largest sum of resident memory (RSS) over the command's whole process tree,
sampled every 20 ms from /proc (the build runs MkDocs in two worker processes, so the largest
single process would understate it), and never less than the largest single process as the kernel
counts it (wait4's ru_maxrss). It is an upper bound: memory the forked workers still share with the
main process counts once per process. Linux only, like the machine the targets are set for.
"""
from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass

PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_SECONDS = 0.02


@dataclass
class Usage:
    wall: float  # seconds from start until every command has ended
    cpu: float  # user + system seconds of the whole tree
    peak_rss: int  # bytes
    returncode: int
    output: str = ""


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as handle:
                out += [int(c) for c in handle.read().split()]
    except OSError:
        pass  # the process ended while we looked
    return out


def _tree_rss(pids: list[int]) -> int:
    """Resident bytes of these processes and all their descendants."""
    total, todo = 0, list(pids)
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except OSError:
            continue
        todo += _children(pid)
    return total


def measure(commands: list[list[str]], env: dict | None = None, cwd: str | None = None,
            timeout: float = 1800.0) -> Usage:
    """Run commands side by side (one for most measurements, two for the baseline) until all end."""
    start = time.perf_counter()
    procs = [subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
             for cmd in commands]
    logs = {p.pid: [] for p in procs}
    running = {p.pid: p for p in procs}
    peak, cpu, code = 0, 0.0, 0
    for p in procs:
        os.set_blocking(p.stdout.fileno(), False)
    while running:
        if time.perf_counter() - start > timeout:
            for p in running.values():
                p.kill()
            raise RuntimeError(f"{commands[0]} took more than {timeout:.0f} s")
        peak = max(peak, _tree_rss(list(running)))
        for pid, p in list(running.items()):
            _drain(p, logs[pid])
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                _drain(p, logs[pid])
                p.returncode = os.waitstatus_to_exitcode(status)
                code = code or p.returncode
                cpu += usage.ru_utime + usage.ru_stime
                peak = max(peak, usage.ru_maxrss * 1024)
                del running[pid]
        time.sleep(SAMPLE_SECONDS)
    wall = time.perf_counter() - start
    text = "".join(b"".join(logs[p.pid]).decode("utf-8", "replace") for p in procs)
    return Usage(wall, cpu, peak, code, text)


def _drain(proc: subprocess.Popen, into: list) -> None:
    """Read what the command printed so far, so a full pipe never blocks it."""
    while True:
        try:
            chunk = os.read(proc.stdout.fileno(), 65536)
        except BlockingIOError:
            return
        if not chunk:
            return
        into.append(chunk)


def _get(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def serve_latency(root, command: list[str], port: int, runs: int, env: dict | None = None,
                  timeout: float = 60.0) -> list[float]:
    """Seconds from saving pages/index.md until `serve` shows the edit, once per run."""
    page = root / "pages" / "index.md"
    original = page.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    try:
        if not _wait_for(lambda: "</html>" in _get(url), timeout, proc):
            raise RuntimeError("serve did not start")
        for n in range(runs):
            marker = f"Målepunkt {n + 1} er gemt."
            time.sleep(1.0)  # let the watcher settle, as between two real edits
            page.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            start = time.perf_counter()
            if not _wait_for(lambda: marker in _get(url), timeout, proc):
                raise RuntimeError(f"serve did not show the edit within {timeout:.0f} s")
            times.append(time.perf_counter() - start)
    finally:
        page.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return times


def _wait_for(ready, timeout: float, proc: subprocess.Popen) -> bool:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end and proc.poll() is None:
        if ready():
            return True
        time.sleep(0.05)
    return False
