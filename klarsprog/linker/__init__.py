"""Term linking: every glossary term on a page gets its plain definition as a tooltip, in one pass.

A page is read once (`prose.link_markdown`): its prose blocks are masked and joined, split at whitespace and each chunk is looked
up in a dict of lowercase spellings (`matcher.Matcher`), with runs of up to N chunks for spellings of
N words. The cost grows with the page, not with the number of terms.
"""
from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, field

from ..memo import digest
from .matcher import EDGE, Matcher, Term, key_of, lower
from .prose import link_markdown, masked

__all__ = ["EDGE", "Linker", "Matcher", "Term", "key_of", "link_markdown", "lower", "masked", "prose_matches", "root_of"]


@dataclass
class _Page:
    """Per-page state while linking: terms used so far, in order."""

    rel: str
    used: dict = field(default_factory=dict)


class Linker:
    """Callable: page -> term-linked Markdown; `usage` maps anchor -> [(page path, title)]."""

    def __init__(self, terms, glossary_path: str = "ordbog/index.md", urls: dict[str, str] | None = None,
                 memory=None):
        """`urls` maps a term's anchor to its glossary page's address below the site ('ordbog/b/'),
        when the glossary has more than one page; otherwise every term is on `glossary_path`.
        `memory` (memo.Memory) gives back the result for a page linked before with the same terms."""
        terms = list(terms)
        self.matcher = Matcher(terms)
        self.glossary_dir = posixpath.dirname(glossary_path)
        self.urls = urls or {}
        self.usage: dict[str, list[tuple[str, str]]] = {}
        self.memory = memory
        self.terms = b""
        if memory is not None:  # every term as the links show it, in one short digest
            self.terms = digest(glossary_path, *(part for t in terms for part in (
                t.anchor, t.definition, *t.forms, "\x00", self.urls.get(t.anchor, ""))))

    def __call__(self, page) -> str:
        if self.memory is None:
            out, used = self._link(page)
        else:
            out, used = self.memory.recall(self.memory.key(self.terms, page.path, page.markdown),
                                           lambda: self._link(page))
        for anchor in used:
            self.usage.setdefault(anchor, []).append((page.path, page.title))
        return out

    def _link(self, page) -> tuple[str, tuple[str, ...]]:
        """The linked Markdown and the anchors of the terms used, in order."""
        state = _Page(root_of(page.path))
        out = link_markdown(page.markdown, self.matcher.find, lambda text, hits: self._mark(text, hits, state))
        if not state.used:
            return out, ()
        defs = "\n".join(f'<span id="kl-def-{a}">{html.escape(t.definition, quote=False)}</span>'
                         for a, t in state.used.items())
        return out.rstrip("\n") + f'\n\n<div class="kl-defs" hidden data-search-exclude>\n{defs}\n</div>\n', \
            tuple(state.used)

    def _mark(self, text: str, hits: list, state: _Page) -> str:
        """One prose block with its terms marked up: the first use on a page links to the glossary."""
        parts, last = [], 0
        for start, end, term in hits:
            parts.append(text[last:start])
            anchor = term.anchor
            if anchor in state.used:
                parts += (f'<span class="kl-term" tabindex="0" aria-describedby="kl-def-{anchor}">',
                          text[start:end], "</span>")
            else:
                state.used[anchor] = term
                url = self.urls.get(anchor) or f"{self.glossary_dir}/"
                parts += (f'<a class="kl-term" href="{state.rel}/{url}#{anchor}" '
                          f'aria-describedby="kl-def-{anchor}">', text[start:end], "</a>")
            last = end
        parts.append(text[last:])
        return "".join(parts)


def prose_matches(matcher: Matcher, text: str, skip: int = 0):
    """(start, end, term) of each term in the prose of a text (not in code, links or HTML)."""
    return matcher.find(masked(text, skip))


def root_of(path: str) -> str:
    """Relative path from a page's URL to the site root (use_directory_urls: 'a/b.md' is served at 'a/b/')."""
    parts = path.split("/")
    depth = len(parts) - 1 + (0 if parts[-1] in ("index.md", "README.md") else 1)
    return "/".join([".."] * depth) or "."
