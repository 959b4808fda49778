"""Command line: build, check, serve, pdf and new-meeting, with Danish help and messages."""
from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

from . import findings as F

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

_ARGPARSE_DA = {
    "usage: ": "brug: ",
    "positional arguments": "argumenter",
    "options": "valgmuligheder",
    "show this help message and exit": "vis denne hjælp og stop",
    "the following arguments are required: %s": "disse argumenter mangler: %s",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ugyldigt valg: %(value)r (vælg mellem %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
    "expected one argument": "kræver én værdi",
    "invalid %(type)s value: %(value)r": "ugyldig værdi: %(value)r",
}
argparse._ = lambda s: _ARGPARSE_DA.get(s, s)  # argparse looks its messages up through this name


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python build.py", description=(
        "Klarsprog bygger ordbogen, budgethæftet og cafémøderne til to hjemmesider: site/public "
        "(internettet) og site/intranet (intranettet). Uden kommando bygges begge sider."))
    p.add_argument("--root", type=Path, default=None, help="projektets mappe (standard: mappen med build.py)")
    sub = p.add_subparsers(dest="command", metavar="KOMMANDO", title="kommandoer")
    sub.add_parser("build", help="byg begge sider (det samme som uden kommando)")
    c = sub.add_parser("check", help="tjek indhold og læsbarhed uden at bygge siderne")
    c.add_argument("paths", nargs="*", type=Path, metavar="FIL",
                   help="tjek kun disse filer eller mapper (også kladder uden for projektet)")
    c.add_argument("--format", choices=("text", "json"), default="text", help="text (standard) eller json")
    c.add_argument("--type", choices=("page", "budget", "glossary", "cafe"), default=None,
                   help="tekstens type for en kladde (bestemmer LIX-grænsen)")
    s = sub.add_parser("serve", help="vis intranettets side lokalt og opdatér den, når en fil ændres")
    s.add_argument("--port", type=int, default=8000, help="port (standard 8000)")
    sub.add_parser("pdf", help="skriv budgethæftet som PDF")
    n = sub.add_parser("new-meeting", help="lav en kladde til et nyt cafémøde")
    n.add_argument("date", metavar="DATO", help="mødets dato, ÅÅÅÅ-MM-DD")
    return p


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """Run a command; an unexpected internal error is reported in Danish (traceback only with KLARSPROG_DEBUG=1)."""
    try:
        return _main(argv, root)
    except Exception as exc:  # noqa: BLE001 - the last line of defence for authors
        import os
        import traceback

        if os.environ.get("KLARSPROG_DEBUG"):
            traceback.print_exc()
        print(f"Der skete en intern fejl i Klarsprog ({type(exc).__name__}: {exc}). Det er ikke din fejl. "
              f"Send denne besked til dem, der vedligeholder værktøjet. Siden site/ er ikke ændret.", file=sys.stderr)
        return EXIT_INTERNAL


def _main(argv: list[str] | None, root: Path | None) -> int:
    # Loading makes hundreds of thousands of small objects that live for the whole run; with the
    # default thresholds the garbage collector walks them over and over (a tenth of a large build).
    gc.set_threshold(50_000, 20, 20)
    args = parser().parse_args(argv)
    root = (args.root or root or Path.cwd()).resolve()
    F.set_display_root(Path.cwd())
    from .config import load_project

    project, problems = load_project(root)
    if project is None:
        print(F.format_text(problems))
        return EXIT_USAGE
    project.remember = True
    command = args.command or "build"
    try:
        if command == "build":
            return cmd_build(project)
        if command == "check":
            return cmd_check(project, args.paths, args.format, args.type)
        if command == "serve":
            from .serve import serve
            return serve(project, args.port)
        if command == "pdf":
            from .parts import budget
            return budget.pdf_command(project)
        if command == "new-meeting":
            from .parts import cafe
            return cafe.new_meeting_command(project, args.date)
    except KeyboardInterrupt:
        return EXIT_OK
    return EXIT_USAGE


def report(findings: list[F.Finding], out=sys.stdout) -> None:
    if findings:
        print(F.format_text(findings), file=out)


def content_files(folder: Path) -> list[Path]:
    """The content files under a folder, in order; hidden files and folders are left out."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".md", ".yml", ".yaml")
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def cmd_check(project, paths, fmt: str, content_type: str | None) -> int:
    from .check import check_paths, check_project

    start = time.perf_counter()
    if paths:
        missing = [p for p in paths if not p.exists()]
        if missing:
            print(f"Filen findes ikke: {missing[0]}. Tjek stavningen af stien.")
            return EXIT_USAGE
        files, folders = [], []
        for path in paths:
            inside = content_files(path) if path.is_dir() else [path]
            if not inside:
                print(f"Mappen {path} har ingen indholdsfiler (.md, .yml eller .yaml). Tjek stien.")
                return EXIT_USAGE
            if path.is_dir() and content_type is None and path.resolve().is_relative_to(project.root.resolve()):
                shown = F.display_path(path).rstrip("/")  # check the whole project, then keep this folder
                folders.append("" if shown in ("", ".") else shown + "/")
            else:
                files += inside
        reports, found = check_paths(project, files, content_type) if files else ([], [])
        if folders:
            every_report, every_finding = check_project(project)
            reports += [r for r in every_report if r.path.startswith(tuple(folders))]
            found += [f for f in every_finding if f.path.startswith(tuple(folders))]
    else:
        reports, found = check_project(project)
    if fmt == "json":
        print(F.format_json(reports, found))
    else:
        report(found)
        if not found:
            print("0 fejl, 0 advarsler, 0 forslag.")
        print(f"Tjekkede {len(reports)} {'fil' if len(reports) == 1 else 'filer'} på {time.perf_counter() - start:.2f} s.")
    return EXIT_CONTENT if F.has_errors(found) else EXIT_OK


def cmd_build(project) -> int:
    from .build import build_sites

    start = time.perf_counter()
    found, summary = build_sites(project)
    report(found)
    if F.has_errors(found):
        print("Bygningen stoppede på grund af fejlene ovenfor. Den forrige udgave af site/ er ikke ændret.")
        return EXIT_CONTENT
    print(f"{summary} Tid: {time.perf_counter() - start:.1f} s.")
    return EXIT_OK
