"""The intranet's "Læsbarhed" page: every page with its LIX and band, worst first."""
from __future__ import annotations

from .findings import display_path
from .gate import unit_counts
from .render import _md_escape
from .site import GENERATED, Page
from .text.extract import extract, lines_of
from .text.lix import Counts, band


def page_counts(markdown: str) -> Counts:
    total = Counts()
    for unit in extract(lines_of(markdown)):
        if unit.kind == "directive":
            continue
        total = total + unit_counts(unit)  # a page's paragraphs are mostly its source's: read by the gate
    return total


def page(pages: list[Page], reports) -> Page:
    """The page for these pages (before term linking); a generated page's counts come from the gate's
    report (the same text: read it once)."""
    known = {r.path: r for r in reports}
    rows = []
    for p in pages:
        r = known.get(display_path(GENERATED / p.path))
        c = Counts(r.words, r.sentences, r.long_words) if r is not None else page_counts(p.markdown)
        if c.lix is not None:
            rows.append((c.lix, p, c))
    rows.sort(key=lambda r: (-r[0], r[1].path))
    lines = [
        "# Læsbarhed", "",
        "Her er alle sider med deres LIX, den sværeste først. LIX måler, hvor let en tekst er at læse: "
        "lange sætninger og mange lange ord giver et højt tal. Tal under 35 er let at læse.", "",
        "Er en side svær? Så del de lange sætninger, og skift lange ord ud med korte.", "",
        "| Side | LIX | Niveau | Ord | Sætninger |", "|---|---:|---|---:|---:|",
    ]
    for score, p, c in rows:
        link = "[" + _md_escape(p.title).replace("|", "-") + "](" + p.path + ")"  # titles hold authors' text
        lines.append(f"| {link} | {score:.0f} | {band(score)} | {c.words} | {c.sentences} |".replace(".", ",", 0))
    lines.append("")
    return Page("laesbarhed.md", "Læsbarhed", "\n".join(lines), section=None, order=90, link_terms=False)
