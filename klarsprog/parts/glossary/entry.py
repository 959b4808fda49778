"""One glossary file: its fields, the entry they make and the checks that need only that file."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ... import safety
from ...danish import slugify
from ...findings import Finding, finding
from ...gate import Text
from ...linker import Matcher, Term, key_of, lower, prose_matches
from ...schema import Field, validate
from ...source import Document, Sequence, load_yaml, scalar_lines
from ...text.extract import extract
from ...text.segment import sentences

MAX_DEFINITION_SENTENCES = 3
SCHEMA = {
    "term": Field("text", required=True,
                  help="Skriv ordet, som det skal stå i ordbogen, for eksempel 'term: budgetår'."),
    "definition": Field("text", required=True,
                        help="Forklar ordet med én til tre korte sætninger i 'definition'."),
    "example": Field("text", help="Skriv et eksempel, der begynder med 'Eksempel:'."),
    "details": Field("markdown", help="Skriv en længere forklaring som almindelig tekst."),
    "forms": Field("list", item=Field("text"),
                   help="Skriv andre former af ordet som en liste, for eksempel [budgettet, budgetter]."),
    "see_also": Field("list", item=Field("text"),
                      help="Skriv andre ord fra ordbogen som en liste, for eksempel [budgetår, overslagsår]."),
    "category": Field("text", help="For eksempel budget, regnskab, finansiering eller løn og personale."),
    "audience": Field("enum", choices=("public", "internal"),
                      help="Skriv 'public' (alle kan se ordet) eller 'internal' (kun intranettet)."),
    "owner": Field("text", help="Skriv, hvem der har ansvar for forklaringen, for eksempel et team."),
    "reviewed": Field("date", help="Skriv datoen for seneste gennemgang, for eksempel 2026-12-03."),
}
PROSE = ("definition", "example", "details")  # the fields the readability gate reads
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s", re.MULTILINE)


@dataclass
class Entry:
    """One term of the glossary, read from one YAML file."""

    path: Path
    term: str
    definition: str
    example: str = ""
    details: str = ""
    forms: list[str] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)
    category: str = ""
    audience: str = "public"
    owner: str = ""
    reviewed: dt.date | None = None
    doc: Document | None = field(default=None, repr=False, compare=False)
    # The prose for the readability gate (text_of), kept once made, and where each key and list item
    # stands: a remembered entry (to_keep) has these instead of its parsed document.
    units: list | None = field(default=None, repr=False, compare=False)
    places: dict | None = field(default=None, repr=False, compare=False)
    field_units: dict = field(default_factory=dict, repr=False, compare=False)  # key -> units, while reading

    @property
    def anchor(self) -> str:
        return slugify(self.term)

    @property
    def display(self) -> str:
        """The term as a heading: first letter in upper case ('budgetår' -> 'Budgetår')."""
        return self.term[:1].upper() + self.term[1:]

    @property
    def spellings(self) -> list[str]:
        return [self.term, *self.forms]

    def where(self, key: str, item: int | None = None) -> tuple[int, int]:
        """(line, col) of a key, or of one item of a list value."""
        if self.doc is None:
            places = self.places or {}
            return places.get((key, item)) or places.get((key, None)) or (1, 1)
        raw = self.doc.data.get(key)
        if item is not None and isinstance(raw, Sequence) and item < len(raw.item_pos):
            return tuple(raw.item_pos[item])
        return tuple(self.doc.data.where(key))

    def spelling_positions(self) -> list[tuple[str, tuple[int, int]]]:
        return [(self.term, self.where("term"))] + [(f, self.where("forms", i)) for i, f in enumerate(self.forms)]

    def link_term(self) -> Term:
        return Term(self.anchor, plain(self.definition), tuple(self.spellings))


def plain(markdown: str) -> str:
    """A definition as plain text for a tooltip: links keep their text, emphasis marks go."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"(\*{1,3}|_{1,3}|`+)(\S(?:.*?\S)?)\1", r"\2", text)
    return " ".join(text.split())


def read_entry(path: Path, raw: bytes | None = None) -> tuple[Entry | None, list[Finding]]:
    """Read and validate one glossary file; the entry is kept when it has a term and a definition.
    `raw`: the file's bytes when they were read already (source.read_text)."""
    doc, problems = load_yaml(path, raw)
    if doc is None:
        return None, problems
    clean, problems = validate(doc.data, SCHEMA, path)
    if "term" not in clean or "definition" not in clean:
        return None, problems
    entry = Entry(path, clean["term"].strip(), clean["definition"].strip(),
                  example=clean.get("example", "").strip(), details=clean.get("details", "").strip(),
                  forms=[f.strip() for f in clean.get("forms", [])],
                  see_also=[s.strip() for s in clean.get("see_also", [])],
                  category=clean.get("category", "").strip(), audience=clean.get("audience", "public"),
                  owner=clean.get("owner", "").strip(), reviewed=clean.get("reviewed"), doc=doc)
    # 'details' is Markdown on the glossary page (ordbog/); every other field is plain text.
    return entry, problems + check_entry(entry) + safety.check_document(doc, ("details",), "ordbog")


def text_of(entry: Entry) -> Text:
    """Definition, example and details for the readability gate, with their exact lines in the file."""
    if entry.units is None:
        entry.units = [u for key in PROSE for u in _field_units(entry, key)]
    return Text(entry.path, "glossary", list(entry.units))


def _field_units(entry: Entry, key: str) -> list:
    """The prose units of one field, made once while the parsed file is at hand."""
    units = entry.field_units.get(key)
    if units is None:
        units = entry.field_units[key] = extract(scalar_lines(entry.doc, entry.doc.data, key))
    return units


def to_keep(entry: Entry | None) -> Entry | None:
    """The entry as build/cache/ keeps it: its prose and the places of its keys made, the parsed file
    (PyYAML's nodes, a position object per value: slow to store and to load) dropped."""
    if entry is not None and entry.doc is not None:
        text_of(entry)
        data = entry.doc.data
        places = {}
        for key, raw in data.items():
            places[(key, None)] = tuple(data.where(key))
            for i, pos in enumerate(getattr(raw, "item_pos", ()) if isinstance(raw, Sequence) else ()):
                places[(key, i)] = tuple(pos)
        entry.places, entry.doc, entry.field_units = places, None, {}
    return entry


def check_entry(entry: Entry) -> list[Finding]:
    """Checks that need only this file: spellings, definition length, circular definitions, headings."""
    return _spelling_findings(entry) + _definition_findings(entry) + _details_findings(entry)


def _spelling_findings(entry: Entry) -> list[Finding]:
    out, seen = [], {}
    for spelling, (line, col) in entry.spelling_positions():
        key = key_of(spelling)
        if not any(ch.isalnum() for ch in key):
            out.append(finding(entry.path, line, col, "error", "empty-term",
                               f"'{spelling}' indeholder ingen bogstaver. Skriv ordet med bogstaver."))
        elif key in seen:
            out.append(finding(entry.path, line, col, "warning", "duplicate-form",
                               f"'{spelling}' står allerede i filen (linje {seen[key]}). Slet den ene."))
        else:
            seen[key] = line
    return out


def _definition_findings(entry: Entry) -> list[Finding]:
    units = _field_units(entry, "definition") if entry.doc else []
    out = []
    # A sentence ends at '.', '!', '?' or '…', or with the text: without more of these than the limit
    # allows, the definition is short enough without being segmented.
    marks = sum(u.text.count(".") + u.text.count("!") + u.text.count("?") + u.text.count("…") + 1 for u in units)
    count = sum(len(sentences(u.text)) for u in units) if marks > MAX_DEFINITION_SENTENCES else 0
    if count > MAX_DEFINITION_SENTENCES:
        line, col = entry.where("definition")
        out.append(finding(entry.path, line, col, "error", "definition-length",
                           f"Forklaringen har {count} sætninger; højst {MAX_DEFINITION_SENTENCES}. "
                           f"Flyt resten til 'details'."))
    # A spelling's first word must at least stand somewhere in the text; usually none does.
    heads = {key_of(s).split(" ")[0] for s in entry.spellings} - {""}
    lows = [lower(u.text) for u in units]
    if not any(head in low for head in heads for low in lows):
        return out
    matcher = Matcher([entry.link_term()])
    for unit in units:
        for start, end, _ in prose_matches(matcher, unit.text):
            line, col = unit.locate(start)
            out.append(finding(entry.path, line, col, "error", "definition-circular",
                               f"Forklaringen bruger selve ordet (\"{unit.text[start:end]}\"). Forklar det "
                               f"med andre ord, så læseren ikke skal kende ordet i forvejen."))
            return out
    return out


def _details_findings(entry: Entry) -> list[Finding]:
    if not _HEADING.search(entry.details):
        return []
    line, col = entry.where("details")
    return [finding(entry.path, line, col, "error", "details-heading",
                    "'details' må ikke have overskrifter (linjer, der begynder med #). "
                    "Brug **fed skrift** i stedet.")]
