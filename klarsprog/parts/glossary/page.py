"""The glossary page and its downloads (JSON and CSV), for one audience.

A glossary of up to `glossary_one_page_max` terms (klarsprog.yml, default ONE_PAGE_MAX) is one page.
A larger one gets a page per letter (ordbog/b.md ...) and a front page with the letters: a page of
thousands of terms is slow to open on a phone, and MkDocs converts it again after any change to a term.
"""
from __future__ import annotations

import csv
import html
import io
import json
import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote

from ... import danish, links
from ...linker import key_of
from ...render import render
from ...site import Asset, Page
from .entry import Entry, text_of

PAGE_PATH = "ordbog/index.md"
FOLDER = posixpath.dirname(PAGE_PATH)
TITLE = "Økonomisk ordbog"
ONE_PAGE_MAX = 400
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
    path: str = PAGE_PATH  # the page the entries are on

    @property
    def href(self) -> str:
        """The group's Markdown link from a glossary page (they are all in ordbog/)."""
        return f"#{self.anchor}" if self.path == PAGE_PATH else posixpath.basename(self.path)

    def url_from(self, page: str) -> str:
        """The group's address as seen from a glossary page, for HTML (MkDocs rewrites only Markdown links)."""
        if self.path == PAGE_PATH:
            return f"#{self.anchor}"
        return posixpath.relpath(url_of(self.path), url_of(page)) + "/"

    @property
    def count(self) -> int:
        return len(self.entries)


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


def split_groups(entries: list[Entry], settings: dict) -> tuple[list[Group], bool]:
    """The letter groups, each with the page its entries are on, and whether there is a page per letter."""
    groups = groups_of(entries)
    split = len(entries) > settings.get("glossary_one_page_max", ONE_PAGE_MAX)  # set in config.py
    if split:
        for group in groups:
            group.path = f"{FOLDER}/{group.anchor.removeprefix('bogstav-')}.md"
    return groups, split


def page_of(entries: list[Entry], settings: dict) -> dict[str, str]:
    """anchor -> the glossary page that explains the term."""
    return {e.anchor: g.path for g in split_groups(entries, settings)[0] for e in g.entries}


def url_of(path: str) -> str:
    """A glossary page's address below the site: 'ordbog/index.md' -> 'ordbog/', 'ordbog/b.md' -> 'ordbog/b/'."""
    return path.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"


def letter_bar(groups: list[Group], current: Group | None = None) -> list[tuple[str, str | None, bool]]:
    """Every letter A–Z, Æ, Ø, Å as (label, link, is this page); those without terms have no link."""
    present = {g.label: g for g in groups}
    labels = ([OTHER] if OTHER in present else []) + [ch.upper() for ch in ALPHABET]
    here = current.path if current else PAGE_PATH
    return [(label, present[label].url_from(here) if label in present else None,
             current is not None and present.get(label) is current) for label in labels]


@lru_cache(maxsize=65536)  # one address per term, the same on both sites
def mailto(address: str, subject: str) -> str:
    body = "Skriv ordet, og hvad der var svært at forstå:"
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def pages(entries: list[Entry], audience: str, settings: dict, usage: dict | None = None,
          memory=None) -> list[Page]:
    """The glossary's pages: one, or a front page and a page per letter; `usage` maps anchor ->
    [(page path, title)] (the "Bruges på" links, once term linking has run). `memory` (memo.Memory)
    gives back their Markdown when nothing they show has changed.

    The LIX of the glossary (on its front page) is that of every definition, example and details.
    """
    usage = usage or {}
    groups, split = split_groups(entries, settings)
    def make():
        return _markdowns(groups, split, entries, audience, settings, usage)

    markdowns = make() if memory is None else memory.recall(
        memory.key(*_fingerprint(entries, audience, settings, usage)), make)
    return _pages(entries, groups if split else [], markdowns)


def placeholders(entries: list[Entry], settings: dict) -> list[Page]:
    """The glossary's pages with empty Markdown: their places in the site, for the steps before term
    linking. `pages` makes them once linking has found where each term is used ("Bruges på")."""
    groups, split = split_groups(entries, settings)
    letters = groups if split else []
    return _pages(entries, letters, [""] * (1 + len(letters)))


def _pages(entries: list[Entry], groups: list[Group], markdowns: list[str]) -> list[Page]:
    # The readability gate judges the glossary as a whole, however many pages show it: a letter with a
    # handful of terms could fail on its own while every entry and the glossary pass, and its author
    # could not fix a generated page. The front page carries every entry's prose; letter pages none.
    out = [Page(PAGE_PATH, TITLE, markdowns[0], order=10, content_type="glossary", link_terms=False,
                prose=lambda: [u for e in entries for u in text_of(e).units])]
    for group, markdown in zip(groups, markdowns[1:]):
        out.append(Page(group.path, f"{TITLE}: {group.label}", markdown, in_nav=False, content_type="glossary",
                        link_terms=False, prose=list))
    return out


def _markdowns(groups: list[Group], split: bool, entries: list[Entry], audience: str, settings: dict,
               usage: dict) -> list[str]:
    """The front page's Markdown, then each letter page's (when there is a page per letter)."""
    by_key = {key_of(s): e for e in entries for s in e.spellings}
    where = {e.anchor: g.path for g in groups for e in g.entries}
    views = [Group(g.label, g.anchor, [_view(e, audience, settings, by_key, where, g.path, usage.get(e.anchor, []))
                                       for e in g.entries], g.path) for g in groups]
    out = [render("ordbog/index.md.j2", audience=audience, groups=views, letters=letter_bar(views), split=split,
                  total=len(entries), mailto=mailto(settings["glossary_email"], f"Forslag til {TITLE}"))]
    for group in views if split else ():
        out.append(render("ordbog/letter.md.j2", title=f"{TITLE}: {group.label}", group=group,
                          letters=letter_bar(views, group)))
    return out


def _fingerprint(entries: list[Entry], audience: str, settings: dict, usage: dict) -> list[str]:
    """Everything the glossary's pages show, as strings (for memo.Memory.key)."""
    rows = [repr((e.term, e.definition, e.example, e.details, e.forms, e.see_also, e.category, e.audience, e.owner,
                  e.reviewed)) for e in entries]
    return [audience, settings["glossary_email"], str(settings.get("glossary_one_page_max", ONE_PAGE_MAX)),
            *rows, repr(sorted(usage.items()))]


def page_markdown(entries: list[Entry], audience: str, settings: dict, usage: dict | None = None) -> str:
    """The Markdown of the glossary's front page (the whole glossary, unless it has a page per letter)."""
    return pages(entries, audience, settings, usage)[0].markdown


def _view(entry: Entry, audience: str, settings: dict, by_key: dict, where: dict, here: str, used: list) -> dict:
    example = entry.example
    if example and not example.lower().startswith("eksempel"):
        example = f"Eksempel: {example}"
    return {"term": entry.term, "display": entry.display, "anchor": entry.anchor, "definition": entry.definition,
            "example": example, "details": entry.details, "forms": entry.forms,
            "meta": " ".join(_meta(entry, audience, by_key, where, here, used)),
            "mailto": mailto(settings["glossary_email"], f"{TITLE}: {entry.term}")}


def _meta(entry: Entry, audience: str, by_key: dict, where: dict, here: str, used: list) -> list[str]:
    """See-also links, the pages that use the term, its category; owner and review date on the intranet.

    As HTML, with each link's address as MkDocs would write it from a Markdown link: the engine holds
    generated HTML aside while Markdown converts the page (see aside.py), and thousands of links would
    otherwise be a large part of converting a big glossary.
    """
    out = []
    targets = [by_key[key_of(n)] for n in entry.see_also if key_of(n) in by_key]
    if targets:
        out.append("Se også: " + ", ".join(f'<a href="{_to(where[t.anchor], here)}#{t.anchor}">{_h(t.display)}</a>'
                                          for t in targets) + ".")
    pages = sorted(set(used), key=lambda u: danish.sort_key(u[1]))
    if pages:
        links = [f'<a href="{_to(path, here)}">{_h(title)}</a>' for path, title in pages[:MAX_USED]]
        more = f" og {len(pages) - MAX_USED} andre sider" if len(pages) > MAX_USED else ""
        out.append(f"Bruges på: {', '.join(links)}{more}.")
    if entry.category:
        out.append(f"Emne: {_h(entry.category)}.")
    if audience == "intranet" and entry.owner:
        out.append(f"Ansvarlig: {_h(entry.owner)}.")
    if audience == "intranet" and entry.reviewed:
        out.append(f"Sidst gennemgået {danish.date_long(entry.reviewed)}.")
    return out


def _h(text: str) -> str:
    return html.escape(str(text), quote=False)


def _to(path: str, here: str) -> str:
    """The address of a docs file as a link from the glossary page `here` writes it ('' on that page)."""
    return "" if path == here else html.escape(links.href(path, here))


def records(entries: list[Entry], audience: str, base_url: str, settings: dict) -> list[dict]:
    """One plain record per entry, for the downloads; the owner is only shared on the intranet."""
    out = []
    where = page_of(entries, settings)
    for e in sorted(entries, key=lambda e: danish.sort_key(e.term)):
        out.append({"term": e.term, "anchor": e.anchor, "url": f"{base_url}{url_of(where[e.anchor])}#{e.anchor}",
                    "definition": e.definition, "example": e.example, "details": e.details,
                    "forms": list(e.forms), "see_also": list(e.see_also), "category": e.category,
                    "audience": e.audience, "owner": e.owner if audience == "intranet" else "",
                    "reviewed": e.reviewed.isoformat() if e.reviewed else ""})
    return out


def downloads(entries: list[Entry], audience: str, settings: dict, base_url: str) -> list[Asset]:
    """ordbog/ordbog.json and ordbog/ordbog.csv: exactly the entries of this audience."""
    rows = records(entries, audience, base_url, settings)
    doc = {"schema": 1, "title": TITLE, "municipality": settings.get("municipality", ""),
           "audience": audience, "url": f"{base_url}ordbog/", "count": len(rows)}
    # One term per line: as readable as indented JSON, and written by json's C encoder (indent makes
    # json use its Python encoder: half a second per site at 5,000 terms).
    terms = ",\n".join("    " + json.dumps(row, ensure_ascii=False) for row in rows)
    head = json.dumps(doc, ensure_ascii=False, indent=2).removesuffix("\n}")
    data = f'{head},\n  "terms": [\n{terms}\n  ]\n}}\n'.encode("utf-8")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(["; ".join(row[c]) if isinstance(row[c], list) else row[c] for c in CSV_COLUMNS])
    return [Asset("ordbog/ordbog.json", data), Asset("ordbog/ordbog.csv", buf.getvalue().encode("utf-8"))]
