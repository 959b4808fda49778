"""Sharing one step's work with forked processes, where a core would otherwise wait.

Reading 5,000 glossary files takes about two seconds on one core, before anything else can start;
`shared_map` lets a forked copy of the process read part of them at the same time. The intranet's site
takes MkDocs longer than the public one; `Helping` lets the public site's process take over part of it.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import threading
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


class Helping:
    """One process helping another through a list of jobs that the other works through from the start:
    the helper takes jobs from the end, and what it made goes to the other through a pipe, by key; the
    other takes it instead of making it. Used for MkDocs's conversion of the larger site's pages
    (engine.build_html, engine.help_convert).

    Made before both processes are forked (they inherit it). Only the helped process writes the shared
    numbers (its state, the weight of its whole list, how many jobs it has reached and their weight); the
    helper reads them to know where to stop. Whatever goes wrong on the way only means less help: the
    helped process makes every job it was not given.
    """

    WAITING, WORKING, OVER = 0.0, 1.0, 2.0

    def __init__(self, context):
        self._shared = context.RawArray("d", 4)  # state, total weight, jobs reached, weight reached
        self._shared[0] = self.WAITING
        self._ready = context.Event()
        self._receive, self._send = context.Pipe(duplex=False)
        self._made: dict = {}
        self._outbox: queue.SimpleQueue | None = None

    # The helped process.
    def start(self, total: float) -> None:
        """Its jobs begin; `total` is the weight of all of them."""
        self._shared[1] = total
        self._shared[0] = self.WORKING
        self._ready.set()

    def reached(self, weight: float) -> None:
        """It begins its next job (of this weight): the helper leaves that one alone."""
        self._shared[2] += 1
        self._shared[3] += weight

    def over(self) -> None:
        """It has no more jobs to take (done, or it stopped): the helper stops too."""
        self._shared[0] = self.OVER
        self._ready.set()

    def take(self, key):
        """What the helper made for this key, or None."""
        try:
            while self._receive.poll():
                made_key, value = pickle.loads(self._receive.recv_bytes())
                self._made[made_key] = value
        except Exception:  # noqa: BLE001 - the helper is gone (EOFError) or sent something broken
            pass
        return self._made.pop(key, None)

    # The helper.
    def wait(self, timeout: float) -> bool:
        """True once the helped process has begun its jobs (within `timeout` seconds) and is still at them."""
        return self._ready.wait(timeout) and self.working

    @property
    def working(self) -> bool:
        return self._shared[0] == self.WORKING

    @property
    def total(self) -> float:
        return self._shared[1]

    @property
    def jobs_reached(self) -> int:
        return int(self._shared[2])

    @property
    def weight_reached(self) -> float:
        return self._shared[3]

    def give(self, key, value) -> None:
        """Sends a job's result. A thread writes to the pipe, so that the helper never waits on a helped
        process that no longer reads (it finished its jobs meanwhile)."""
        data = pickle.dumps((key, value), pickle.HIGHEST_PROTOCOL)
        if self._outbox is None:
            self._outbox = queue.SimpleQueue()
            threading.Thread(target=self._post, args=(self._outbox,), daemon=True).start()
        self._outbox.put(data)

    def _post(self, outbox: queue.SimpleQueue) -> None:
        while (data := outbox.get()) is not None:
            try:
                self._send.send_bytes(data)
            except OSError:  # the helped process is gone
                return

    def done(self) -> None:
        """The helper gives nothing more (its thread ends once what it gave is sent)."""
        if self._outbox is not None:
            self._outbox.put(None)
            self._outbox = None

    def close(self) -> None:
        """Close this process's ends of the pipe (the process that made it, once both are forked)."""
        self._receive.close()
        self._send.close()
