"""The budget booklet ("pixi-bog"): budget/*.yml and budget/historier/*.md become pages, charts, data and a PDF.

Part interface: load, texts, render, owns, check_file, cross_check; and pdf_command for `build.py pdf`.
"""
from __future__ import annotations

import difflib
from pathlib import Path

from ...findings import Finding, finding
from ...gate import Text
from ...site import Asset, Output
from . import data, pages, pdf
from .load import BudgetState, field_texts, load_folder, match_stories, read_story, story_texts
from .model import PHASES
from .read import read_budget

__all__ = ["load", "texts", "render", "owns", "check_file", "cross_check", "pdf_command"]


def load(project) -> tuple[BudgetState, list[Finding]]:
    return load_folder(project.budget_dir)


def texts(state: BudgetState | None) -> list[Text]:
    return list(state.texts) if state else []


def owns(path: Path, project) -> bool:
    """Budget files and stories in the project's budget/ folder, and budget-file drafts anywhere."""
    try:
        path.resolve().relative_to(project.budget_dir.resolve())
        return path.suffix in (".yml", ".yaml", ".md")
    except ValueError:
        return path.suffix in (".yml", ".yaml") and _looks_like_budget(path)


def _looks_like_budget(path: Path) -> bool:
    """A YAML draft outside the project is a budget file when it says which budget year it is."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return any(line.startswith("budget_year:") for line in handle.read(20_000).splitlines())
    except OSError:
        return False


def _inside(path: Path, project) -> bool:
    """Inside the project's budget/ folder (then stories and areas are checked against each other)."""
    return path.resolve().is_relative_to(project.budget_dir.resolve())


def check_file(path: Path, project, context) -> tuple[list[Text], list[Finding]]:
    """`check FILE`: one budget file or one story, also a draft outside the project."""
    if path.suffix in (".yml", ".yaml"):
        budget, doc, found = read_budget(path)
        if budget is not None and budget.areas_read and _inside(path, project):
            state = context.states.get("budget") or BudgetState()
            found += match_stories(budget, state.stories, project.budget_dir / "historier")
        if budget is not None:
            found += _term_findings([budget], context.states.get("glossary"))
        return field_texts(doc), found
    story, found = read_story(path)
    if story is None:
        return [], found
    booklet = (context.states.get("budget") or BudgetState()).booklet
    if booklet is not None and _inside(path, project):
        found += [f for f in match_stories(booklet, [story], path.parent) if f.rule == "story-without-area"]
    return story_texts(story), found


def cross_check(state: BudgetState | None, states: dict) -> list[Finding]:
    """Glossary terms named by areas (`terms:`) must exist in the glossary."""
    return _term_findings(state.parsed if state else [], states.get("glossary"))


def _term_findings(budgets, glossary_state) -> list[Finding]:
    from .. import glossary  # imported late: the part must load even while the glossary part changes

    term_names = getattr(glossary, "term_names", None)
    if term_names is None or glossary_state is None:
        return []  # the glossary part does not offer term names yet
    known = {name.casefold(): name for name in term_names(glossary_state)}
    lookup = getattr(glossary, "lookup", None) if hasattr(glossary_state, "entries") else None
    found = []
    for b in budgets:
        for area in b.areas:
            for term, line, col in area.terms:
                entry = lookup(glossary_state, term) if lookup and term.casefold() in known else None
                if entry is not None and entry.audience == "internal":  # the booklet is for everyone
                    found.append(finding(b.path, line, col, "error", "internal-term",
                                         f"Området '{area.name}' henviser til ordet '{term}', som kun står på "
                                         f"intranettet. Borgere kan ikke se det. Vælg et andet ord, eller gør "
                                         f"ordet offentligt (audience: public)."))
                if term.casefold() not in known:
                    close = difflib.get_close_matches(term.casefold(), list(known), n=1, cutoff=0.7)
                    hint = f" Mente du '{known[close[0]]}'?" if close else " Skriv ordet i ordbogen, eller fjern det her."
                    found.append(finding(b.path, line, col, "error", "unknown-term",
                                         f"Området '{area.name}' henviser til ordet '{term}', men det står ikke "
                                         f"i ordbogen.{hint}"))
    return found


def _meta(b, project) -> dict:
    return {"heading": b.heading, "municipality": b.municipality, "year": b.budget_year,
            "phase_name": PHASES[b.phase], "status": pages.status(b),
            "example": b.example_data or project.settings.get("example_data", False)}


def booklet_pdf(state: BudgetState, project, audience: str, print_it: bool = True) -> tuple[list, bytes | None]:
    """The booklet's pages for one audience and its PDF (cached in build/cache/); with `print_it` false
    the PDF is None unless it was printed before."""
    book, meta, url = _booklet(state, project, audience)
    find = pdf.cached_pdf if print_it else pdf.printed_pdf
    return book, find(book, meta, url, project.build_dir / "cache")


def _booklet(state: BudgetState, project, audience: str) -> tuple[list, dict, str]:
    b = state.booklet
    older = [o for o in state.budgets if o is not b]
    example = project.settings.get("example_data", False)
    return pages.booklet(b, audience, example, older), _meta(b, project), project.url("public")


def print_booklets(state: BudgetState | None, project, audiences,
                   found_printed=lambda printed: None) -> tuple[dict[str, bytes], list[Finding]]:
    """The PDF of each audience's booklet, printed now if it is not in build/cache/ (for the files
    `render` left pending), or an error in Danish if it cannot be printed.

    `found_printed(True)` is called as soon as it is known that nothing needs printing (every PDF is in
    build/cache/, or there is no booklet), `found_printed(False)` before printing starts.
    """
    if not state or state.booklet is None:
        found_printed(True)
        return {}, []
    try:
        cache = project.build_dir / "cache"
        books = {aud: _booklet(state, project, aud) for aud in audiences}
        out = {aud: pdf.printed_pdf(*book, cache) for aud, book in books.items()}
        found_printed(None not in out.values())
        return {aud: pdf.cached_pdf(*books[aud], cache) if data is None else data for aud, data in out.items()}, []
    except Exception as exc:  # WeasyPrint's errors have no common base class
        return {}, [finding(project.budget_dir, 1, 1, "error", "pdf",
                            f"Budgethæftet kunne ikke laves som PDF ({type(exc).__name__}: {exc}). "
                            f"Tjek budgetfilen og historierne, og prøv igen.")]


def render(state: BudgetState | None, output: Output, context) -> None:
    """Pages under budget/, the figures as CSV and JSON, and the PDF, for one audience."""
    if not state or state.booklet is None:
        return
    book, pdf_bytes = booklet_pdf(state, context.project, context.audience, print_it=not context.defer_pdf)
    output.pages.extend(book)
    for b in state.budgets:
        output.assets += [Asset(f"budget/{b.stem}.csv", data.to_csv(b)),
                          Asset(f"budget/{b.stem}.json", data.to_json(b))]
    output.assets.append(Asset(f"budget/{state.booklet.stem}.pdf", pdf_bytes or b"", pending=pdf_bytes is None))


def pdf_command(project) -> int:
    """`python build.py pdf`: check the budget, then write the public edition to build/budget-ÅÅÅÅ.pdf."""
    from ...findings import display_path, format_text
    from ...pipeline import all_texts, gate, load_all

    loaded = load_all(project)
    folder = display_path(project.budget_dir)
    found = [f for f in loaded.findings + gate(all_texts(loaded), loaded.vocabulary)[1]
             if f.path == folder or f.path.startswith(folder + "/")]
    if found:
        print(format_text(found))
    if any(f.level == "error" for f in found):
        print("Hæftet blev ikke skrevet. Ret fejlene ovenfor, og prøv igen.")
        return 1
    state = loaded.states.get("budget")
    if state is None or state.booklet is None:
        print(f"Der er ingen budgetfil i {folder}/. Læg en fil som {folder}/budget-2027.yml, og prøv igen.")
        return 2
    try:
        _, pdf_bytes = booklet_pdf(state, project, "public")
        target = project.build_dir / f"{state.booklet.stem}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf_bytes)
    except OSError as exc:
        print(f"PDF-filen kunne ikke skrives ({exc.strerror}). Tjek, at mappen build/ kan skrives i.")
        return 2
    print(f"Skrev {display_path(target)} ({len(pdf_bytes) // 1024} kB), hæftet til internettet.")
    return 0
