"""`build`: both sites, swapped in only when everything succeeded."""
from __future__ import annotations

import fcntl
import gc
import multiprocessing
import os
import pickle
import threading

from . import engine, gate, sitecheck
from .config import Project
from .findings import Finding, finding, has_errors
from .memo import Clean
from .parallel import Helping, cores
from .parts import budget
from .pipeline import all_texts, finish_audience, gate_remembered, load_all, remember
from .site import AUDIENCES

NICE_WORKERS = 5  # see _yield_to_the_printer: enough for the printer to keep its core
# (project, loaded content), set before the workers fork: they inherit it, nothing is pickled.
_JOB: tuple = ()
_NICED = False  # this process runs at a lower priority (see _yield_to_the_printer)


GATE = "gate"  # the task of the readability gate over every source text (see _sites_and_gate)
# When the gate is a task beside the sites: the LIX counts it read go from its worker to the intranet's
# (a pipe, both ends inherited), which would otherwise read every text again for the glossary's pages
# and the readability page. How long the intranet waits for them before it reads them itself:
_COUNTS_PIPE: tuple = ()
COUNTS_WAIT = 30.0
# When the gate is a task beside the sites, the public site's worker (the gate's) helps the intranet's
# with MkDocs's conversion of its pages, where the intranet has more to do (engine.help_convert):
_HELPING: tuple = ()  # (parallel.Helping,)
HELPED, HELPER = "intranet", "public"
HELP_WAIT = 0.3  # how long the helper waits for the intranet's MkDocs to start before going on alone


def _task(name: str):
    """One task in a worker process: a site, or the gate (its findings)."""
    if name == GATE:
        project, loaded = _JOB
        found = gate_remembered(loaded, all_texts(loaded), "sources")[1]
        if _COUNTS_PIPE:
            data = pickle.dumps(gate._COUNTS, pickle.HIGHEST_PROTOCOL)
            # Sent by a thread: a pipe holds 64 kB until the intranet's worker reads, and this worker
            # goes on with the public site meanwhile.
            threading.Thread(target=_COUNTS_PIPE[1].send_bytes, args=(data,), daemon=True).start()
        return found
    return _site(name)


def _gate_counts() -> None:
    """The LIX counts the gate over the sources read in the other worker, into this one's gate._COUNTS.
    They are a pure function of each text: without them (they did not come in time) the same counts
    are read again here, the pages come out the same."""
    if _COUNTS_PIPE and _COUNTS_PIPE[0].poll(COUNTS_WAIT):
        gate._COUNTS.update(pickle.loads(_COUNTS_PIPE[0].recv_bytes()))


def _site(audience: str) -> tuple[list[Finding], int, list[str]]:
    """One site in a worker process: its pages, the Markdown on disk, MkDocs, the checks on the HTML.

    Returns the findings, the number of pages and the files left pending (see Asset.pending).
    """
    project, loaded = _JOB
    _yield_to_the_printer()
    helping = _HELPING[0] if _HELPING else None
    helped = helping if audience == HELPED else None  # this site's process is the one helped
    try:
        clean = Clean(project.build_dir / "cache" / f"clean-{audience}.pickle")
        output, found = finish_audience(loaded, audience, [], gate_pages=audience == "intranet", clean=clean,
                                        counts=_gate_counts if audience == "intranet" else None)
        clean.save()
        if has_errors(found):
            return found, 0, []
        config = engine.write_docs(project, output)
        if helped is not None:
            helped.start(engine.site_weight(output))
        elif helping is not None and audience == HELPER:
            engine.help_convert(project, HELPED, helping, engine.site_weight(output), HELP_WAIT)
        found += engine.build_html(project, config, audience, helped)
    finally:
        if helped is not None:
            helped.over()
    if not has_errors(found):
        found += sitecheck.check_site(project.build_dir / f"site-{audience}.new")
    return found, len(output.pages), [a.path for a in output.assets if a.pending]


def _yield_to_the_printer() -> None:
    """A site's worker runs at a lower priority: the booklet's PDF, printed in one long process from the
    start of the build, is then never the last to finish while the sites share the other core (a cold
    build of a small project waited seconds for it). With no PDF to print, the workers have the cores."""
    global _NICED
    if not _NICED:  # a worker may make both a site and another
        _NICED = True
        try:
            os.nice(NICE_WORKERS)
        except OSError:  # not allowed here: the same work at the usual priority
            pass


def build_sites(project: Project) -> tuple[list[Finding], str]:
    project.build_dir.mkdir(exist_ok=True)
    with open(project.build_dir / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return [finding(project.root / "build", 1, 1, "error", "busy",
                            "En anden bygning kører allerede. Vent til den er færdig, og prøv igen.")], ""
        printer = _Printer(project)
        try:
            # The glossary's files are read on both cores, unless the booklet is being printed on one.
            loaded = load_all(project, after_part=printer.start, readers=lambda: 1 if printer.printing() else cores())
            loaded.defer_pdf = True  # printed meanwhile: see _Printer
            found = list(loaded.findings)
            if has_errors(found):
                return found, ""
            results = _sites_and_gate(project, loaded, found, printer)
        finally:
            printer.stop()
        if results is None or has_errors(found):
            return found, ""
        engine.swap_in(project, AUDIENCES)
        counts = dict(zip(AUDIENCES, (pages for _, pages, _ in results)))
        return found, (f"Byggede site/public ({counts['public']} sider) og "
                       f"site/intranet ({counts['intranet']} sider).")


class _Printer:
    """The budget booklet's PDF, printed in a process of its own from the moment the budget is loaded
    (printing takes seconds: it runs while the rest loads and the sites are made), or taken from
    build/cache/ there when it was printed before."""

    def __init__(self, project: Project):
        self.project, self.process, self.pipe = project, None, None
        self.printed_before: bool | None = None  # the printer's first word: nothing needs printing
        self.answered = False  # result() has the PDFs (or the error)

    def start(self, part: str, state) -> None:
        if part != "budget" or self.process is not None:
            return
        context = multiprocessing.get_context("fork")
        self.pipe, theirs = context.Pipe(duplex=False)
        self.process = context.Process(target=_print, args=(theirs, state, self.project), daemon=True)
        self.process.start()
        theirs.close()

    def printing(self) -> bool:
        """True while the booklet is being printed: not when every PDF comes from build/cache/ (the
        printer says which first, a tenth of a second after it starts), nor once it has answered."""
        if self.process is None or self.answered:
            return False
        self._first_word()
        return not self.printed_before and not self.pipe.poll()

    def _first_word(self) -> None:
        if self.printed_before is None:
            try:
                word = self.pipe.recv()
            except EOFError:  # the process died: result() reports it
                word = True
            self.printed_before = word is True

    def result(self) -> tuple[dict[str, bytes], list[Finding]]:
        if self.process is None:
            return {}, []
        self.answered = True
        try:
            self._first_word()
            return self.pipe.recv()
        except EOFError:  # the process died without an answer (killed, out of memory)
            return {}, [finding(self.project.budget_dir, 1, 1, "error", "pdf",
                                "Budgethæftet kunne ikke laves som PDF: processen, der laver det, stoppede. "
                                "Prøv igen. Sker det igen, så send beskeden til dem, der vedligeholder værktøjet.")]

    def stop(self) -> None:
        if self.process is not None:
            if self.process.is_alive():
                self.process.terminate()
            self.process.join()
            self.pipe.close()


def _print(pipe, state, project: Project) -> None:
    """Sends two messages: whether every PDF was printed before (True or False), then the PDFs."""
    told = []

    def tell(printed: bool) -> None:
        told.append(printed)
        pipe.send(printed)

    try:
        answer = budget.print_booklets(state, project, AUDIENCES, found_printed=tell)
        if not told:  # it failed before it knew
            pipe.send(False)
        pipe.send(answer)
    finally:
        pipe.close()


def _sites_and_gate(project: Project, loaded, found: list[Finding], printer: _Printer) -> list | None:
    """The gate over every source text and both sites in two worker processes; the booklet's PDF comes
    from `printer`. Nothing is swapped in unless all passed.

    While the booklet is being printed (on the other core), the gate runs first: errors stop the build
    before any site is made, and the workers inherit what it read (the glossary's page adds up its
    entries' LIX counts, gate._COUNTS, instead of reading 5,000 entries again). Otherwise the gate is a
    task for the workers beside the sites, in this order: the intranet (the larger site) on one core, the
    gate and then the public site on the other, so that neither core waits; errors stop the sites at once.
    The gate's worker then sends the counts it read to the intranet's (_COUNTS_PIPE, _gate_counts).
    """
    global _JOB, _COUNTS_PIPE, _HELPING
    # The loaded content lives for the whole build. Frozen objects are left out of garbage collections,
    # which would otherwise walk it again and again: the gate's here, and the workers', which inherit it
    # (and would copy every page of memory they walk).
    gc.freeze()
    try:
        gate_first = printer.printing()
        if gate_first:
            found += gate_remembered(loaded, all_texts(loaded), "sources")[1]
            if has_errors(found):
                return None
        _JOB = (project, loaded)
        context = multiprocessing.get_context("fork")
        _COUNTS_PIPE = () if gate_first else context.Pipe(duplex=False)
        # While the booklet is printed the sites share one core: helping would only add work.
        _HELPING = () if gate_first or cores() < 2 else (Helping(context),)
        with context.Pool(len(AUDIENCES)) as pool:
            tasks = ("intranet", "public") if gate_first else ("intranet", GATE, "public")
            site_done = threading.Event()

            def a_site_is_done(_) -> None:  # or failed
                site_done.set()

            done = {}
            for task in tasks:
                mark = None if task == GATE else a_site_is_done
                done[task] = pool.apply_async(_task, (task,), callback=mark, error_callback=mark)
            if not gate_first:
                found += done[GATE].get()
                if has_errors(found):
                    pool.terminate()
                    return None
            # What loading read is stored for the next build once one site is made: then a core is free
            # (the other site or the PDF has the other one), where before it slowed both sites down, or
            # came last, after the PDF.
            site_done.wait()
            remember(loaded)
            printed, problems = printer.result()
            found += problems
            results = [done[audience].get() for audience in AUDIENCES]
    finally:
        for end in _COUNTS_PIPE:
            end.close()
        for helping in _HELPING:
            helping.close()
        _JOB, _COUNTS_PIPE, _HELPING = (), (), ()
        gc.unfreeze()
    for (result, _, pending), audience in zip(results, AUDIENCES):
        found += result
        if not has_errors(found):
            _fill_in(project, audience, pending, printed.get(audience))
    return results


def _fill_in(project: Project, audience: str, pending: list[str], data: bytes | None) -> None:
    """Put the printed PDF where MkDocs copied an empty file, in the new site and in its docs folder."""
    for path in pending:
        if data is None:
            raise RuntimeError(f"no PDF for {path}")  # a pending file is always the booklet
        for folder in (project.build_dir / f"site-{audience}.new", project.build_dir / "docs" / audience):
            (folder / path).write_bytes(data)
