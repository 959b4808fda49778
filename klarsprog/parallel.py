"""Sharing one step's work with forked processes, where a core would otherwise wait.

Reading 5,000 glossary files takes about two seconds on one core, before anything else can start;
`shared_map` lets a forked copy of the process read part of them at the same time.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence

# Below this many items the fork and the pickled results cost more than they save.
MIN_SHARED = 200


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def shared_map(fn: Callable, items: Sequence, processes: Callable[[], int]) -> list:
    """`[fn(item) for item in items]`, the later parts made in up to `processes() - 1` forked processes
    (asked only when there are enough items to share).

    `fn` must be pure: a forked process sends its results back pickled. Whatever a forked process does
    not send (it died, or a result could not be pickled) is made here, so the result never depends on
    the forks; an exception from `fn` is raised here, as in a plain loop.
    """
    processes = min(processes(), len(items) // MIN_SHARED) if len(items) >= 2 * MIN_SHARED else 1
    if (processes < 2 or "fork" not in multiprocessing.get_all_start_methods()
            or multiprocessing.current_process().daemon):  # a pool's worker may not start processes
        return [fn(item) for item in items]
    context = multiprocessing.get_context("fork")
    size = -(-len(items) // processes)  # the first part (made here) is the largest
    parts = [items[i:i + size] for i in range(0, len(items), size)]
    helpers = []
    try:
        for part in parts[1:]:
            pipe, theirs = context.Pipe(duplex=False)
            process = context.Process(target=_send, args=(theirs, fn, part), daemon=True)
            process.start()
            theirs.close()
            helpers.append((process, pipe, part))
        out = [fn(item) for item in parts[0]]
        for process, pipe, part in helpers:
            out += _received(pipe, len(part)) or [fn(item) for item in part]
        return out
    finally:
        for process, pipe, _ in helpers:
            pipe.close()
            if process.is_alive():  # stopped early (an exception here): it may wait to send forever
                process.terminate()
            process.join()


def _received(pipe, count: int) -> list | None:
    try:
        made = pipe.recv()
    except Exception:  # noqa: BLE001 - died before sending (EOFError), or its results do not load
        return None
    return made if isinstance(made, list) and len(made) == count else None


def _send(pipe, fn: Callable, part: Sequence) -> None:
    try:
        pipe.send([fn(item) for item in part])
    except Exception:  # noqa: BLE001 - nothing sent: the parent makes this part itself and reports
        pass
    finally:
        pipe.close()
