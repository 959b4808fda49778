"""`serve`: the intranet site on localhost, regenerated when a content file changes."""
from __future__ import annotations

import functools
import multiprocessing
import sys
import threading
import time
from pathlib import Path

from . import engine
from .config import Project
from .findings import format_text, has_errors
from .parts import budget
from .pipeline import prepare

CONTENT = ("pages", "glossary", "budget", "cafe_meetings")
POLL_SECONDS = 0.3


def _snapshot(project: Project) -> dict[Path, float]:
    stamps = {}
    for folder in CONTENT:
        for path in (project.root / folder).rglob("*"):
            if path.is_file():
                stamps[path] = path.stat().st_mtime_ns
    config = project.root / "klarsprog.yml"
    stamps[config] = config.stat().st_mtime_ns if config.exists() else 0
    return stamps


def regenerate(project: Project, later: list | None = None) -> Path | None:
    """Write the intranet's Markdown for the server; on content errors keep the last good pages.

    A booklet PDF that is not printed yet follows the pages: printed now, or left in `later` (at start:
    `serve` prints it in a process of its own, so that neither the server nor the watcher waits for it).
    """
    start = time.perf_counter()
    loaded, outputs, _, found = prepare(project, audiences=("intranet",), defer_pdf=True)
    if has_errors(found):
        print(format_text(found))
        print("Siden er ikke opdateret: ret fejlene ovenfor, og gem igen.", flush=True)
        return None
    output = outputs["intranet"]
    path = engine.write_docs(project, output, name="serve")
    print(f"Indholdet er opdateret ({time.perf_counter() - start:.1f} s).", flush=True)
    pending = [a.path for a in output.assets if a.pending]
    if pending and later is not None:
        later.append(functools.partial(_print_pdf, project, loaded, pending))
    elif pending:
        _print_pdf(project, loaded, pending)
    return path


def _print_pdf(project: Project, loaded, pending: list[str]) -> None:
    printed, problems = budget.print_booklets(loaded.states.get("budget"), project, ("intranet",))
    if problems:
        print(format_text(problems), flush=True)
        return
    data = printed["intranet"]
    for rel in pending:
        (project.build_dir / "docs" / "serve" / rel).write_bytes(data)
    print("Budgethæftet som PDF er opdateret.", flush=True)


def _watch(project: Project, stop: threading.Event, last: dict) -> None:
    """Regenerate on every change since `last` (the files as they were before the first regeneration:
    an edit saved meanwhile is not missed)."""
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(project)
        if now != last:
            last = now
            regenerate(project)


def serve(project: Project, port: int) -> int:
    import logging

    from mkdocs.commands.serve import serve as mkdocs_serve

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)

    jobs: list = []
    before = _snapshot(project)
    config = regenerate(project, jobs)
    if config is None:
        return 1
    for job in jobs:  # the first PDF: printed meanwhile, forked before any thread starts
        sys.stdout.flush()
        multiprocessing.get_context("fork").Process(target=job, daemon=True).start()
    stop = threading.Event()
    threading.Thread(target=_watch, args=(project, stop, before), daemon=True).start()
    print(f"Intranettets side vises på http://127.0.0.1:{port}/ — stop med Ctrl+C.", flush=True)
    try:
        mkdocs_serve(config_file=str(config), livereload=True, dev_addr=f"127.0.0.1:{port}",
                     site_url=f"http://127.0.0.1:{port}/")
    finally:
        stop.set()
    return 0
