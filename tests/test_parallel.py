"""Work shared with forked processes (klarsprog/parallel.py): the result is always the one a plain loop gives."""
from __future__ import annotations

import os
import sys

import pytest

from conftest import ROOT, files_of
from klarsprog import parallel
from klarsprog.config import load_project
from klarsprog.parts import glossary

sys.path.insert(0, str(ROOT / "scripts"))
from bench_content import make_project  # noqa: E402
from benchmark import _forget_all_but_the_booklet  # noqa: E402

MANY = 2 * parallel.MIN_SHARED


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_shared_work_gives_the_plain_loops_result_in_order_made_in_several_processes():
    items = list(range(MANY + 7))
    made = parallel.shared_map(_square_and_pid, items, lambda: 2)
    assert [square for square, _ in made] == [n * n for n in items]
    assert len({pid for _, pid in made}) == 2  # half of it made by a forked process
    assert {pid for _, pid in made[:len(items) // 2]} == {os.getpid()}  # the first half here


def test_a_few_items_are_not_shared_and_the_number_of_processes_is_not_even_asked():
    def never():
        raise AssertionError("asked")

    made = parallel.shared_map(_square_and_pid, list(range(MANY - 1)), never)
    assert {pid for _, pid in made} == {os.getpid()}


def test_what_a_forked_process_cannot_send_is_made_here():
    def unpicklable(n):
        return (lambda: n) if n >= MANY // 2 else n  # a function cannot be pickled: the helper sends nothing

    made = parallel.shared_map(unpicklable, list(range(MANY)), lambda: 2)
    assert made[:MANY // 2] == list(range(MANY // 2))
    assert [f() for f in made[MANY // 2:]] == list(range(MANY // 2, MANY))


def test_a_forked_process_that_dies_costs_time_not_the_result():
    parent = os.getpid()

    def dies_in_the_helper(n):
        if os.getpid() != parent:
            os._exit(3)
        return n + 1

    assert parallel.shared_map(dies_in_the_helper, list(range(MANY)), lambda: 2) == list(range(1, MANY + 1))


def test_an_error_in_the_work_is_raised_as_in_a_plain_loop():
    def fails(n):
        if n == 3:
            raise ValueError("tre")
        return n

    with pytest.raises(ValueError, match="tre"):
        parallel.shared_map(fails, list(range(MANY)), lambda: 2)


def test_the_glossary_read_by_two_processes_is_the_glossary_read_by_one(tmp_path, monkeypatch):
    """Entries, their order and every finding (a broken file, a file that is not YAML, a doubled term)."""
    monkeypatch.setenv("KLARSPROG_TODAY", "2026-12-01")
    root = make_project(tmp_path / "kommune", terms=MANY + 10)
    folder = root / "glossary"
    files = sorted(folder.glob("*.yml"))
    (folder / "noter.txt").write_text("ikke et ord\n", encoding="utf-8")
    files[5].write_text("term: Brudt\ndefinition: [ikke lukket\n", encoding="utf-8")
    files[-3].write_text(files[-4].read_text(encoding="utf-8"), encoding="utf-8")
    project = load_project(root)[0]
    project.remember = True  # entries as build/cache/ keeps them, as in a build (nothing is stored by load)

    asked = []

    def read(readers: int):
        state, found = glossary.load(project, lambda: asked.append(readers) or readers)
        return [(e.path, e.term, e.definition, e.forms, e.see_also, e.units, e.places) for e in state.entries], \
            [f.format() for f in found], [f.format() for f in state.cross]

    one, two = read(1), read(2)
    assert asked == [1, 2]  # many files to read: shared when two processes may read
    assert two == one
    assert any("Brudt" in f or "noter.txt" in f for f in one[1]) and one[2], "the planted mistakes were not found"
    assert len(one[0]) == MANY + 9  # the broken file gives no entry

    def never():
        raise AssertionError("asked")

    project.remember = False  # whole parsed files: not worth sending, so not shared
    assert len(glossary.load(project, never)[0].entries) == MANY + 9


def _printer_with(monkeypatch, tmp_path, fake):
    from klarsprog import build
    from klarsprog.config import Project
    from klarsprog.parts import budget

    monkeypatch.setattr(budget, "print_booklets", fake)  # the printer is forked: it runs the fake
    printer = build._Printer(Project(tmp_path))
    printer.start("budget", None)
    return printer


def test_the_printer_says_first_whether_it_prints_so_the_glossary_is_read_on_both_cores_only_if_not(
        monkeypatch, tmp_path):
    import time

    def prints(state, project, audiences, found_printed):
        found_printed(False)
        time.sleep(0.5)
        return {"public": b"%PDF-1"}, []

    def from_the_cache(state, project, audiences, found_printed):
        found_printed(True)
        time.sleep(0.5)  # the PDFs are not sent yet, but nothing is printed
        return {"public": b"%PDF-2"}, []

    printer = _printer_with(monkeypatch, tmp_path, prints)
    try:
        assert printer.printing()
        assert printer.result() == ({"public": b"%PDF-1"}, [])
        assert not printer.printing()
    finally:
        printer.stop()
    printer = _printer_with(monkeypatch, tmp_path, from_the_cache)
    try:
        assert not printer.printing()
        assert printer.result() == ({"public": b"%PDF-2"}, [])
    finally:
        printer.stop()


def test_a_printer_that_dies_before_its_first_word_gives_a_danish_error_not_a_hang(monkeypatch, tmp_path):
    def dies(state, project, audiences, found_printed):
        os._exit(1)

    printer = _printer_with(monkeypatch, tmp_path, dies)
    try:
        assert not printer.printing()
        printed, problems = printer.result()
        assert printed == {} and [p.rule for p in problems] == ["pdf"]
        assert "Budgethæftet kunne ikke laves som PDF" in problems[0].message
    finally:
        printer.stop()


def test_a_printer_that_fails_before_it_knows_what_to_print_still_gives_its_answer(monkeypatch, tmp_path):
    from klarsprog.findings import finding

    problem = finding(tmp_path / "budget", 1, 1, "error", "pdf", "Budgethæftet kunne ikke laves som PDF (x).")
    printer = _printer_with(monkeypatch, tmp_path, lambda state, project, audiences, found_printed: ({}, [problem]))
    try:
        printer.printing()
        assert printer.result() == ({}, [problem])
    finally:
        printer.stop()


def test_the_gate_hands_its_counts_to_the_intranets_worker_and_the_sites_are_the_same_without_them(
        tmp_path, monkeypatch):
    """The intranet's glossary pages and Læsbarhed page add up LIX counts that the gate over the sources
    read in the other worker; the counts come over before the intranet needs them, and a site whose
    worker never gets them (it reads every text again) is the same byte for byte."""
    from conftest import copy_project
    from klarsprog import build, gate

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    monkeypatch.setenv("KLARSPROG_TODAY", "2026-12-01")
    monkeypatch.setattr(build, "COUNTS_WAIT", 20.0)
    root = copy_project(tmp_path / "proj")
    project = load_project(root)[0]
    project.remember = True  # as the command line builds

    def built() -> dict:
        found, summary = build.build_sites(project)
        assert summary, [f.format() for f in found]
        return files_of(root / "site")

    built()  # prints the booklet: the gate runs before the sites, and the workers inherit its counts
    _forget_all_but_the_booklet(root)
    monkeypatch.setattr(gate, "_COUNTS", {})  # as in a new process
    seen = tmp_path / "counts.txt"
    receive = build._gate_counts

    def spied() -> None:  # runs in the intranet's worker (forked: it writes down what it had)
        before = len(gate._COUNTS)
        receive()
        seen.write_text(f"{before} {len(gate._COUNTS)}")

    monkeypatch.setattr(build, "_gate_counts", spied)
    handed = built()
    before, after = map(int, seen.read_text().split())
    entries = len(list((root / "glossary").glob("*.yml")))
    assert before == 0, "the intranet's worker read counts before it had the gate's"
    assert after > entries, "the gate's counts did not reach the intranet's worker"

    _forget_all_but_the_booklet(root)
    monkeypatch.setattr(gate, "_COUNTS", {})
    monkeypatch.setattr(build, "_gate_counts", lambda: None)
    alone = built()
    assert sorted(handed) == sorted(alone) and any(name.endswith("laesbarhed/index.html") for name in handed)
    assert [name for name in handed if handed[name] != alone[name]] == []


def _given_in_a_fork(helping, items, stay: float = 0.0) -> None:
    """A forked helper gives these (key, value) pairs, then goes on with other work for `stay` seconds."""
    import time

    pid = os.fork()
    if pid == 0:
        try:
            for key, value in items:
                helping.give(key, value)
            helping.done()
            time.sleep(stay)
        finally:
            os._exit(0)
    return pid


def test_what_the_helper_made_is_taken_by_its_key_and_nothing_else_is():
    import multiprocessing
    import time

    helping = parallel.Helping(multiprocessing.get_context("fork"))
    pid = _given_in_a_fork(helping, [(b"k1", ("<p>en</p>", 1)), (b"k2", ("<p>to</p>", 2))], stay=60)
    try:
        deadline = time.monotonic() + 30
        while (second := helping.take(b"k2")) is None and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    assert second == ("<p>to</p>", 2)
    assert helping.take(b"k3") is None  # the helper made no such job
    assert helping.take(b"k1") == ("<p>en</p>", 1)
    assert helping.take(b"k1") is None  # taken once


def test_a_helper_never_waits_for_a_process_that_stopped_reading():
    """The intranet may finish converting while the helper still sends: far more than a pipe holds is
    given here and nobody reads, yet the helper goes on at once (and its process ends)."""
    import multiprocessing
    import time

    helping = parallel.Helping(multiprocessing.get_context("fork"))
    start = time.monotonic()
    pid = _given_in_a_fork(helping, [(str(n).encode(), "x" * 1_000_000) for n in range(8)])
    for _ in range(100):
        if os.waitpid(pid, os.WNOHANG) != (0, 0):
            break
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        pytest.fail("the helper waited for a reader")
    assert time.monotonic() - start < 5


class _Helped:
    """The intranet's side as the helper sees it: started or not, with this much MkDocs work left."""

    def __init__(self, started: bool, total: float):
        self.started, self.total = started, total
        self.weight_reached, self.jobs_reached, self.working = 0.0, 0, True
        self.given = []

    def wait(self, timeout):
        return self.started

    def give(self, key, value):
        self.given.append(key)

    def done(self):
        pass


def test_the_public_worker_helps_only_a_cold_intranet_build_that_started_and_has_more_left(tmp_path):
    from klarsprog import engine
    from klarsprog.config import Project

    project = Project(tmp_path)  # no build/ at all: any page converted here would fail loudly below
    large = 1000 * engine.PAGE_COST

    class Never(_Helped):
        def wait(self, timeout):
            raise AssertionError("waited for the intranet although its HTML cache is there")

    cache = tmp_path / "build" / "cache" / "html-intranet.pickle"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"")
    assert engine.help_convert(project, "intranet", Never(True, large), 0.0, 30.0) == 0
    cache.unlink()
    not_started = _Helped(False, large)
    assert engine.help_convert(project, "intranet", not_started, 0.0, 30.0) == 0
    less_left = _Helped(True, large)
    assert engine.help_convert(project, "intranet", less_left, large, 30.0) == 0
    assert not_started.given == less_left.given == []


def test_the_public_worker_converts_intranet_pages_and_the_sites_are_the_same_as_without_help(
        tmp_path, monkeypatch):
    """In a cold build the public site's worker converts some of the intranet's pages from the end of
    its list (here: as many as it can, the intranet slowed down), the intranet's worker takes them, and
    both sites are byte for byte those of a build without help."""
    import time

    from conftest import copy_project
    from klarsprog import build, engine

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    monkeypatch.setenv("KLARSPROG_TODAY", "2026-12-01")
    root = copy_project(tmp_path / "proj")
    project = load_project(root)[0]
    project.remember = True
    log = tmp_path / "log.txt"

    def built() -> dict:
        _forget_all_but_the_booklet(root)  # cold, the booklet printed before: the gate beside the sites
        found, summary = build.build_sites(project)
        assert summary, [f.format() for f in found]
        return files_of(root / "site")

    assert build.build_sites(project)[1]  # prints the booklet
    converting = engine.help_convert
    reached, take, convert = parallel.Helping.reached, parallel.Helping.take, engine._converted

    def helps(*args) -> int:  # in the public site's worker (forked: the counts go to a file)
        sent = converting(*args)
        with open(log, "a") as out:
            out.write(f"sent {sent}\n")
        return sent

    def slowly(self, weight) -> None:  # the intranet's worker, at each page
        time.sleep(0.03)
        with open(log, "a") as out:
            out.write(f"reached {os.getpid()}\n")
        reached(self, weight)

    def converted(*args) -> tuple:  # in both workers
        with open(log, "a") as out:
            out.write(f"converted {os.getpid()}\n")
        return convert(*args)

    def taken(self, key):
        given = take(self, key)
        if given is not None:
            with open(log, "a") as out:
                out.write("taken\n")
        return given

    monkeypatch.setattr(engine, "help_convert", helps)
    monkeypatch.setattr(engine, "_ahead", lambda helping, helped, own: float("inf"))  # always worth helping
    monkeypatch.setattr(parallel.Helping, "reached", slowly)
    monkeypatch.setattr(parallel.Helping, "take", taken)
    monkeypatch.setattr(engine, "_converted", converted)
    helped = built()
    words = log.read_text().split("\n")
    sent = sum(int(line.split()[1]) for line in words if line.startswith("sent"))
    taken = words.count("taken")
    intranet = {line.split()[1] for line in words if line.startswith("reached")}
    pages = sum(line.startswith("reached") for line in words)
    assert len(intranet) == 1 and sent >= 3 and 3 <= taken <= sent
    assert words.count(f"converted {intranet.pop()}") == pages - taken  # what it took, it did not convert

    monkeypatch.setattr(engine, "help_convert", lambda *args: 0)
    alone = built()
    assert sorted(helped) == sorted(alone) and len(helped) > 100
    assert [name for name in helped if helped[name] != alone[name]] == []
