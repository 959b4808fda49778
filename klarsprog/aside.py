"""HTML that Klarsprog writes itself, held aside while Markdown converts a page, then put back.

Python-Markdown reads raw HTML in a page with an HTML parser, keeps every tag in a stash and puts it
back in a last pass. On a term-linked page (two tags per term, hidden definitions at the end) and on
the glossary's pages (a heading and a list of forms per term, as HTML) that is a large share of
MkDocs's time, for markup that passes through unchanged. The engine swaps this markup, which Klarsprog
generates and knows to be well formed, for short placeholders before Markdown sees the page, and puts
it back afterwards (`hide`, `restore`): the HTML comes out byte for byte as if Markdown had read the
markup itself. A term's word stays in the text, so Markdown treats it as before.

Only exact, generated shapes are held aside; an author's own HTML is left to Markdown. Placeholders
are characters from Unicode's private use plane 16; a page that already holds one is converted as it
is, and so is a page where a placeholder does not come back exactly once, in its place (`restore`
returns None).
"""
from __future__ import annotations

import re

INLINE, BLOCK, END = "\U0010fff0", "\U0010fff1", "\U0010fff2"
_MARKS = re.compile(f"[{INLINE}{BLOCK}{END}]")

_ANCHOR = r"[a-z0-9-]+"  # danish.slugify's alphabet
# A linked term (linker.Linker._mark): the first use links to the glossary, later uses only explain.
_TERM = re.compile(
    rf'(<a class="kl-term" href="[^"<>\s]*" aria-describedby="kl-def-{_ANCHOR}">)([^<>\n]*)(</a>)'
    rf'|(<span class="kl-term" tabindex="0" aria-describedby="kl-def-{_ANCHOR}">)([^<>\n]*)(</span>)')
# Blocks of their own (a blank line before, a blank line or the end after): the hidden definitions at
# the end of a linked page, and a glossary entry's heading and list of forms (ordbog/_entry.md.j2).
_DEFS = rf'<div class="kl-defs" hidden data-search-exclude>\n(?:<span id="kl-def-{_ANCHOR}">[^<>]*</span>\n)*</div>'
_HEADING = rf'<h3 id="{_ANCHOR}">[^<>\n]*<a class="headerlink" href="#{_ANCHOR}" title="[^"<>\n]*">&para;</a></h3>'
_RAW_P = r'<p class="kl-(?:forms">[^<>\n]*|meta">[^\n]*)</p>'
_BLOCK = re.compile(rf"(?<=\n\n)(?:{_DEFS}|{_HEADING}|{_RAW_P})(?=\n\n|\n?\Z)")
# A glossary entry from its heading on (ordbog/_entry.md.j2), held aside as one block: the heading, then
# its definition and example while they are plain text, the list of forms and the meta lines. Plain text
# is one line that starts with a letter and holds nothing Markdown reads (no markup, escape, entity, tab
# or control character, no space at the end): Markdown makes it '<p>text</p>' (the example, with its
# attribute list, '<p class="kl-example">text</p>'). Markdown then converts one placeholder per term
# instead of two paragraphs and four HTML blocks: converting the glossary's pages was 40 % of MkDocs's time.
_PLAIN = r"[^\W\d_](?:[^\x00-\x1f\x7f\x85\u2028\u2029\\`*_\[\]{}<>&|~^#]*[^\s\\`*_\[\]{}<>&|~^#])?"
_EXAMPLE_ATTR = "\n{: .kl-example }"
_ENTRY = re.compile(
    rf"(?<=\n\n){_HEADING}(?:\n\n(?:{_PLAIN}(?:{re.escape(_EXAMPLE_ATTR)})?|{_RAW_P}))*(?=\n\n|\n?\Z)")
_CODE = re.compile(r"<code\b[^>]*>([\s\S]*?)</code>")
_ID = re.compile(r'\sid="([^"]*)"')
_PLACED = re.compile(f"<(div|h3|p)>{BLOCK}(\\d+){END}</\\1>|{INLINE}(\\d+){END}")


# What hide_ahead() made, for the engine: the guards read the glossary's pages with their generated HTML
# held aside, and the engine converts the same pages moments later in the same process.
_AHEAD: dict[str, tuple[str, list]] = {}


def hide_ahead(markdowns: list[str]) -> list[str]:
    """hide() for pages that the engine converts next: their stashes are kept until it asks (those of
    an earlier call are dropped). Returns the Markdown with the placeholders."""
    _AHEAD.clear()
    for markdown in markdowns:
        _AHEAD[markdown] = _hide(markdown)
    return [_AHEAD[m][0] for m in markdowns]


def hide(markdown: str) -> tuple[str, list[tuple[str | None, str]]]:
    """The Markdown with generated HTML replaced by placeholders, and what they stand for: (the tag of
    the element that stands in for a block, or None inline; HTML) per placeholder."""
    known = _AHEAD.pop(markdown, None)
    return known if known is not None else _hide(markdown)


def _hide(markdown: str) -> tuple[str, list[tuple[str | None, str]]]:
    if _MARKS.search(markdown):
        return markdown, []
    stash: list[tuple[str | None, str]] = []

    def block(m: re.Match) -> str:
        # An empty element of the same kind stands in, so that Markdown reads the blocks as before.
        tag = m.group()[1:m.group().index(" ")]  # div, h3 or p
        stash.append((tag, m.group()))
        return f"<{tag}>{BLOCK}{len(stash) - 1}{END}</{tag}>"

    def term(m: re.Match) -> str:
        first = 1 if m.group(1) else 4
        stash.extend(((None, m.group(first)), (None, m.group(first + 2))))
        n = len(stash) - 2
        return f"{INLINE}{n}{END}{m.group(first + 1)}{INLINE}{n + 1}{END}"

    def entry(m: re.Match) -> str:
        blocks = m.group().split("\n\n")
        while not blocks[-1].startswith("<"):  # the run ends with HTML: Markdown ends both alike
            blocks.pop()
        html, rest = [], m.group()[len("\n\n".join(blocks)):]
        for b in blocks:  # after an HTML block Markdown leaves a blank line, after a paragraph none
            if b.startswith("<"):
                html.append(b + "\n\n")
            elif b.endswith(_EXAMPLE_ATTR):
                html.append(f'<p class="kl-example">{b[:-len(_EXAMPLE_ATTR)]}</p>\n')
            else:
                html.append(f"<p>{b}</p>\n")
        stash.append(("h3", "".join(html).rstrip("\n")))
        return f"<h3>{BLOCK}{len(stash) - 1}{END}</h3>{rest}"

    text = markdown
    if '\n\n<h3 id="' in text:
        text = _ENTRY.sub(entry, text)
    if "\n\n<" in text:
        text = _BLOCK.sub(block, text)
    if 'class="kl-term"' in text:
        text = _TERM.sub(term, text)
    return text, stash


def restore(html: str, stash: list[tuple[str | None, str]]) -> str | None:
    """The HTML with every placeholder put back, or None if one is missing, doubled or out of place
    (a block's placeholder must come out as the element that stands in for it)."""
    if not stash:
        return None if _MARKS.search(html) else html
    seen = [False] * len(stash)
    broken = False

    def put(m: re.Match) -> str:
        nonlocal broken
        n = int(m.group(2) or m.group(3))
        if n >= len(stash) or seen[n] or m.group(1) != stash[n][0]:
            broken = True
            return ""
        seen[n] = True
        return stash[n][1]

    if "<code" in html and any(_MARKS.search(code) for code in _CODE.findall(html)):
        return None  # in code Markdown shows HTML as text (a term the linker took for prose)
    out = _PLACED.sub(put, html)
    if broken or not all(seen) or _MARKS.search(out):
        return None
    return out


def marked(text: str) -> bool:
    """Whether a text (a heading, a title) holds a placeholder."""
    return bool(_MARKS.search(text))


def ids(stash: list[tuple[str | None, str]]) -> set[str]:
    """The element ids in the HTML held aside (anchors that links may point at)."""
    return {m for _, html in stash for m in _ID.findall(html)}
