"""`build`: both sites, swapped in only when everything succeeded."""
from __future__ import annotations

import fcntl
import gc
import multiprocessing
import os

from . import engine, sitecheck
from .config import Project
from .findings import Finding, finding, has_errors
from .memo import Clean
from .parts import budget
from .pipeline import all_texts, finish_audience, gate_remembered, load_all, remember
from .site import AUDIENCES

NICE_WORKERS = 5  # see _yield_to_the_printer: enough for the printer to keep its core
# (project, loaded content), set before the workers fork: they inherit it, nothing is pickled.
_JOB: tuple = ()


def _site(audience: str) -> tuple[list[Finding], int, list[str]]:
    """One site in a worker process: its pages, the Markdown on disk, MkDocs, the checks on the HTML.

    Returns the findings, the number of pages and the files left pending (see Asset.pending).
    """
    project, loaded = _JOB
    _yield_to_the_printer()
    clean = Clean(project.build_dir / "cache" / f"clean-{audience}.pickle")
    output, found = finish_audience(loaded, audience, [], gate_pages=audience == "intranet", clean=clean)
    clean.save()
    if has_errors(found):
        return found, 0, []
    found += engine.build_html(project, engine.write_docs(project, output), audience)
    if not has_errors(found):
        found += sitecheck.check_site(project.build_dir / f"site-{audience}.new")
    return found, len(output.pages), [a.path for a in output.assets if a.pending]


def _yield_to_the_printer() -> None:
    """A site's worker runs at a lower priority: the booklet's PDF, printed in one long process from the
    start of the build, is then never the last to finish while the sites share the other core (a cold
    build of a small project waited seconds for it). With no PDF to print, the workers have the cores."""
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
            loaded = load_all(project, after_part=printer.start)
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

    def start(self, part: str, state) -> None:
        if part != "budget" or self.process is not None:
            return
        context = multiprocessing.get_context("fork")
        self.pipe, theirs = context.Pipe(duplex=False)
        self.process = context.Process(target=_print, args=(theirs, state, self.project), daemon=True)
        self.process.start()
        theirs.close()

    def printing(self) -> bool:
        """True while the booklet is being printed (no answer yet: a PDF from build/cache/ comes at once)."""
        return self.process is not None and not self.pipe.poll()

    def result(self) -> tuple[dict[str, bytes], list[Finding]]:
        if self.process is None:
            return {}, []
        try:
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
    try:
        pipe.send(budget.print_booklets(state, project, AUDIENCES))
    finally:
        pipe.close()


def _sites_and_gate(project: Project, loaded, found: list[Finding], printer: _Printer) -> list | None:
    """The gate over every source text and both sites in two worker processes; the booklet's PDF comes
    from `printer`. Nothing is swapped in unless all passed.

    While the booklet is being printed (on the other core), the gate runs first: errors stop the build
    before any site is made, and the workers inherit what it read (the glossary's page adds up its
    entries' LIX counts, gate._COUNTS, instead of reading 5,000 entries again). Otherwise a core would
    wait for the gate: it runs beside the sites, and errors stop them at once.
    """
    global _JOB
    # The loaded content lives for the whole build. Frozen objects are left out of garbage collections,
    # which would otherwise walk it again and again: the gate's here, and the workers', which inherit it
    # (and would copy every page of memory they walk).
    def gate_fails() -> bool:
        found.extend(gate_remembered(loaded, all_texts(loaded), "sources")[1])
        return has_errors(found)

    gc.freeze()
    try:
        gate_first = printer.printing()
        if gate_first and gate_fails():
            return None
        _JOB = (project, loaded)
        with multiprocessing.get_context("fork").Pool(len(AUDIENCES)) as pool:
            sites = pool.map_async(_site, AUDIENCES)
            if not gate_first and gate_fails():
                pool.terminate()
                return None
            printed, problems = printer.result()
            found += problems
            remember(loaded)  # what loading read, for the next build: while the sites are made
            results = sites.get()
    finally:
        _JOB = ()
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
