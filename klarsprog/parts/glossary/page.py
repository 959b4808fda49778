"""The glossary page and its downloads (JSON and CSV), for one audience."""
from __future__ import annotations

import csv
import io
import json
import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote

from ... import danish
from ...linker import key_of
from ...render import _md_escape as esc
from ...render import render
from ...site import Asset, Page
from .entry import Entry, text_of

PAGE_PATH = "ordbog/index.md"
TITLE = "Økonomisk ordbog"
ALPHABET = "abcdefghijklmnopqrstuvwxyzæøå"
OTHER = "0–9"  # terms that begin with a digit ('1. behandling') come before A
MAX_USED = 12  # "Bruges på" shows this many pages, then a count: the page must not grow with pages × terms
CSV_COLUMNS = ("term", "anchor", "url", "definition", "example", "details", "forms", "see_also",
               "category", "audience", "owner", "reviewed")


@dataclass
class Group:
    """The entries under one letter of the page."""

    label: str
    anchor: str
    entries: list = field(default_factory=list)


def for_audience(entries: list[Entry], audience: str) -> list[Entry]:
    """The entries a site may show: the public site never gets internal terms."""
    return [e for e in entries if audience == "intranet" or e.audience == "public"]


def letter_of(term: str) -> str:
    folded = danish.sort_key(term)[1]
    first = next((ch for ch in folded if ch.isalnum()), "")
    return first if first in ALPHABET else OTHER


def letter_anchor(letter: str) -> str:
    """'a' -> 'bogstav-a', 'æ' -> 'bogstav-ae'; terms that begin with a digit -> 'bogstav-tal'."""
    return "bogstav-tal" if letter == OTHER else "bogstav-" + danish.slugify(letter)


def groups_of(entries: list[Entry]) -> list[Group]:
    """Entries by first letter, in Danish alphabetical order (A–Z, then Æ, Ø, Å)."""
    groups: dict[str, Group] = {}
    for entry in sorted(entries, key=lambda e: danish.sort_key(e.term)):
        letter = letter_of(entry.term)
        label = letter if letter == OTHER else letter.upper()
        groups.setdefault(letter, Group(label, letter_anchor(letter))).entries.append(entry)
    order = [OTHER, *ALPHABET]
    return [groups[k] for k in order if k in groups]


def letter_bar(groups: list[Group]) -> list[tuple[str, str | None]]:
    """Every letter A–Z, Æ, Ø, Å; those without terms have no link."""
    present = {g.label: g.anchor for g in groups}
    bar = [(OTHER, present[OTHER])] if OTHER in present else []
    return bar + [(ch.upper(), present.get(ch.upper())) for ch in ALPHABET]


@lru_cache(maxsize=65536)  # the page is rendered twice per site (before and after term linking)
def mailto(address: str, subject: str) -> str:
    body = "Skriv ordet, og hvad der var svært at forstå:"
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def page_markdown(entries: list[Entry], audience: str, settings: dict, usage: dict | None = None) -> str:
    """The Markdown of the glossary page; `usage` maps anchor -> [(page path, title)]."""
    usage = usage or {}
    by_key = {key_of(s): e for e in entries for s in e.spellings}
    groups = groups_of(entries)
    for group in groups:
        group.entries = [_view(e, audience, settings, by_key, usage.get(e.anchor, [])) for e in group.entries]
    return render("ordbog/index.md.j2", audience=audience, groups=groups, letters=letter_bar(groups),
                  mailto=mailto(settings["glossary_email"], f"Forslag til {TITLE}"))


def _view(entry: Entry, audience: str, settings: dict, by_key: dict, used: list) -> dict:
    example = entry.example
    if example and not example.lower().startswith("eksempel"):
        example = f"Eksempel: {example}"
    return {"term": entry.term, "display": entry.display, "anchor": entry.anchor, "definition": entry.definition,
            "example": example, "details": entry.details, "forms": entry.forms,
            "meta": " ".join(_meta(entry, audience, by_key, used)),
            "mailto": mailto(settings["glossary_email"], f"{TITLE}: {entry.term}")}


def _meta(entry: Entry, audience: str, by_key: dict, used: list) -> list[str]:
    """See-also links, the pages that use the term, its category; owner and review date on the intranet."""
    out = []
    targets = [by_key[key_of(n)] for n in entry.see_also if key_of(n) in by_key]
    if targets:
        out.append("Se også: " + ", ".join(f"[{esc(t.display)}](#{t.anchor})" for t in targets) + ".")
    pages = sorted(set(used), key=lambda u: danish.sort_key(u[1]))
    if pages:
        base = posixpath.dirname(PAGE_PATH)
        links = [f"[{esc(title)}]({posixpath.relpath(path, base)})" for path, title in pages[:MAX_USED]]
        more = f" og {len(pages) - MAX_USED} andre sider" if len(pages) > MAX_USED else ""
        out.append(f"Bruges på: {', '.join(links)}{more}.")
    if entry.category:
        out.append(f"Emne: {esc(entry.category)}.")
    if audience == "intranet" and entry.owner:
        out.append(f"Ansvarlig: {esc(entry.owner)}.")
    if audience == "intranet" and entry.reviewed:
        out.append(f"Sidst gennemgået {danish.date_long(entry.reviewed)}.")
    return out


def page(entries: list[Entry], audience: str, settings: dict, usage: dict | None = None) -> Page:
    """The glossary page; its LIX is that of the definitions, examples and details it shows."""
    return Page(PAGE_PATH, TITLE, page_markdown(entries, audience, settings, usage), order=10,
                content_type="glossary", link_terms=False,
                prose=lambda: [u for e in entries for u in text_of(e).units])


def records(entries: list[Entry], audience: str, base_url: str) -> list[dict]:
    """One plain record per entry, for the downloads; the owner is only shared on the intranet."""
    out = []
    for e in sorted(entries, key=lambda e: danish.sort_key(e.term)):
        out.append({"term": e.term, "anchor": e.anchor, "url": f"{base_url}ordbog/#{e.anchor}",
                    "definition": e.definition, "example": e.example, "details": e.details,
                    "forms": list(e.forms), "see_also": list(e.see_also), "category": e.category,
                    "audience": e.audience, "owner": e.owner if audience == "intranet" else "",
                    "reviewed": e.reviewed.isoformat() if e.reviewed else ""})
    return out


def downloads(entries: list[Entry], audience: str, settings: dict, base_url: str) -> list[Asset]:
    """ordbog/ordbog.json and ordbog/ordbog.csv: exactly the entries of this audience."""
    rows = records(entries, audience, base_url)
    doc = {"schema": 1, "title": TITLE, "municipality": settings.get("municipality", ""),
           "audience": audience, "url": f"{base_url}ordbog/", "count": len(rows), "terms": rows}
    data = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(["; ".join(row[c]) if isinstance(row[c], list) else row[c] for c in CSV_COLUMNS])
    return [Asset("ordbog/ordbog.json", data), Asset("ordbog/ordbog.csv", buf.getvalue().encode("utf-8"))]
