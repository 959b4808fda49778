"""Prose extraction: the text a reader sees, as units that map back to file, line and column.

Markup is blanked with spaces rather than removed, so that a character's offset in a unit still
points at its column in the source line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

DIRECTIVE = re.compile(r"<!--\s*klarsprog:\s*(off|on)\b([^>]*?)-->", re.IGNORECASE)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})(\s+|$)")
_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,3}[.)])(\s+)")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?)\s*\w[^\n]*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")  # also used by the term linker
TABLE_SEP = re.compile(  # also used by the term linker
    r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HTML_BLOCK = re.compile(r"^\s{0,3}</?([a-zA-Z][a-zA-Z0-9-]*)[\s>/]|^\s{0,3}<!--")
_SKIP_TAGS = {"svg", "table", "script", "style", "pre", "figure", "math", "object", "iframe"}
_ABBR_DEF = re.compile(r"^\s*\*\[[^\]]+\]:")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S")

# (pattern, what a match needs at least one of): a cheap `in` test skips most patterns on most lines.
_INLINE = [
    (re.compile(r"(`+)[^`]*?\1"), "`"),  # inline code: blank all
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), "!"),  # images: blank all
    (re.compile(r"<!--.*?-->"), "<"),
    (re.compile(r"<(?:https?://|mailto:)[^>]*>"), "<"),
    (re.compile(r"</?[a-zA-Z][^>]*>"), "<"),  # inline HTML tags, keep their text
    (re.compile(r"\[\^[^\]]+\]"), "["),  # footnote references
    (re.compile(r"\{\s*[:.#][^}]*\}"), "{"),  # attribute lists
    (re.compile(r"(?:https?://|www\.)[^\s)\]>]+"), ("://", "www.")),  # bare URLs
    (re.compile(r"(?<![\w\\])\[(?=[^\]]*\])"), "["),  # opening link bracket
    (re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]"), "]"),  # link targets
    (re.compile(r"(\*{1,3}|_{1,3}|~~|==|\^\^)(?=\S)|(?<=\S)(\*{1,3}|_{1,3}|~~|==|\^\^)(?![\w])"), "*_~=^"),
    (re.compile(r"\]"), "]"),
]
# Plain prose (most lines) has none of these characters and is returned as is.
# One character per branch, so that the regex engine skips to them at C speed (see linker/prose.py).
_MARKUP = re.compile(r"`|!|<|\[|\]|\{|\}|\*|_|~|=|\^|https?://|www\.")


def _blank(m: re.Match) -> str:
    found = m.group()
    return " " * len(found) if "\n" not in found else re.sub(r"[^\n]", " ", found)


def mask_inline(text: str) -> str:
    """Replace inline markup with spaces, keeping the readable words at their columns."""
    if not _MARKUP.search(text):
        return text
    for rx, needs in _INLINE:
        if any(ch in text for ch in needs):
            text = rx.sub(_blank, text)
    return text


class SourceLine(NamedTuple):
    """One line of prose in a file (a named tuple: long pages have many thousands)."""

    line: int  # 1-based line in the file
    col: int  # 1-based column in the file where `text` starts
    text: str


@dataclass
class Unit:
    """A stretch of prose that a reader sees as one block: a heading, a list item or a paragraph."""

    kind: str
    lines: list[SourceLine] = field(default_factory=list)
    disabled: frozenset = frozenset()
    text: str = ""
    starts: list[int] = field(default_factory=list)

    def finish(self) -> "Unit":
        parts, pos = [], 0
        self.starts = []
        for sl in self.lines:
            self.starts.append(pos)
            parts.append(sl.text)
            pos += len(sl.text) + 1
        self.text = "\n".join(parts)
        return self

    def locate(self, offset: int) -> tuple[int, int]:
        """(line, column) in the source file of a character offset in `text`."""
        idx = 0
        for i, start in enumerate(self.starts):
            if start <= offset:
                idx = i
        sl = self.lines[idx]
        return sl.line, sl.col + max(offset - self.starts[idx], 0)


def lines_of(text: str, first_line: int = 1) -> list[SourceLine]:
    return [SourceLine(first_line + i, 1, t) for i, t in enumerate(text.split("\n"))]


def _directive(state: set, text: str) -> None:
    for mode, rules in DIRECTIVE.findall(text):
        names = set(rules.split()) or {"all"}
        if mode.lower() == "off":
            state |= names
        else:
            state -= names if rules.split() else set(state)


def extract(lines: list[SourceLine]) -> list[Unit]:
    """Split Markdown source lines into prose units; code, tables, HTML and URLs are left out.

    A `klarsprog: off/on` comment becomes a unit of kind "directive" (no prose) so that the gate can
    list every override, even one around a table.
    """
    units: list[Unit] = []
    off: set = set()
    cur: Unit | None = None
    fence = None
    skip_tag = None
    in_comment = False
    container = False  # inside a list item or admonition: indented lines continue it

    def close():
        nonlocal cur
        if cur is not None and any(sl.text.strip() for sl in cur.lines):
            units.append(cur.finish())
        cur = None

    def add(kind, sl, new=False):
        nonlocal cur
        if new or cur is None or cur.kind != kind and kind != "para":
            close()
            cur = Unit(kind, disabled=frozenset(off))
        cur.lines.append(sl)

    for i, sl in enumerate(lines):
        raw = sl.text
        if in_comment:
            if "-->" in raw:
                in_comment = False
            continue
        if fence:
            if raw.strip().startswith(fence):
                fence = None
            continue
        if skip_tag:
            if f"</{skip_tag}" in raw.lower():
                skip_tag = None
            continue
        if raw[:1].isalpha() and "|" not in raw and "<!--" not in raw:
            # Running text, most lines: every block pattern below starts with a space, a mark or a digit.
            if cur is None:
                container = False
                cur = Unit("para", disabled=frozenset(off))
            cur.lines.append(SourceLine(sl.line, sl.col, mask_inline(raw)))
            continue
        if DIRECTIVE.search(raw):
            close()
            _directive(off, raw)
            units.append(Unit("directive", [sl], frozenset(off)).finish())
            continue
        m = _FENCE.match(raw)
        if m:
            close()
            fence = m.group(1)[:3]
            continue
        stripped = raw.strip()
        if not stripped:
            close()
            continue
        if stripped.startswith("<!--") and "-->" not in stripped:
            close()
            in_comment = True
            continue
        hm = _HTML_BLOCK.match(raw)
        if hm:
            close()
            tag = (hm.group(1) or "").lower()
            if tag in _SKIP_TAGS and f"</{tag}" not in raw.lower():
                skip_tag = tag
            continue
        if _RULE.match(raw) or _ABBR_DEF.match(raw) or _REF_DEF.match(raw):
            close()
            continue
        if "|" in raw and (stripped.startswith("|") or TABLE_SEP.match(raw)
                           or (i + 1 < len(lines) and TABLE_SEP.match(lines[i + 1].text))):
            close()
            continue
        if SETEXT.match(raw) and cur is not None and cur.kind == "para":
            cur.kind = "heading"
            close()
            continue
        if _ADMONITION.match(raw):
            close()
            container = True
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        hm = _HEADING.match(raw)
        if hm:
            body = re.sub(r"\s+#+\s*$", "", raw[hm.end():])
            add("heading", SourceLine(sl.line, sl.col + hm.end(), mask_inline(body)), new=True)
            close()
            container = False
            continue
        im = _ITEM.match(raw)
        if im:
            start = im.end()
            add("item", SourceLine(sl.line, sl.col + start, mask_inline(raw[start:])), new=True)
            container = True
            continue
        qm = _QUOTE.match(raw)
        if qm:
            add("para", SourceLine(sl.line, sl.col + qm.end(), mask_inline(raw[qm.end():])))
            continue
        if cur is None:
            if indent >= 4 and not container:
                continue  # indented code block
            if indent < 2:
                container = False
            cur = Unit("para", disabled=frozenset(off))
        cur.lines.append(SourceLine(sl.line, sl.col + indent, mask_inline(raw[indent:])))
    close()
    return units
