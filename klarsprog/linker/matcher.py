"""Finding glossary spellings in text: one dict lookup per word, whatever the number of terms."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress


@dataclass(frozen=True)
class Term:
    """A glossary entry as the linker sees it: anchor, plain definition and every spelling."""

    anchor: str
    definition: str
    forms: tuple[str, ...]


# Punctuation that may stand next to a word without being part of it. The hyphen is not here on
# purpose: 'budget-' in 'budget- og regnskabsår' is half a compound, not the word 'budget'.
BLANK = "\x00"  # stands in for markup that is not prose (see prose.masked)
EDGE = BLANK + ".,;:!?()[]{}\"'«»“”„‘’*_…<>`~–—|=^"
_MAX_SEEN = 500_000


def lower(text: str) -> str:
    """Lowercase with the same length, so that offsets stay exact."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(ch.lower()[0] for ch in text)


@lru_cache(maxsize=131072)  # every spelling, asked for by the glossary's checks, page and linker
def key_of(form: str) -> str:
    """The lookup key of a spelling: lowercase words with single spaces, no punctuation at the ends."""
    return " ".join(lower(form).split()).strip(EDGE)


class Matcher:
    """Finds the longest term spelling at each word of a text, left to right, in one pass.

    Text is split at whitespace; a chunk matches when it equals a spelling once the punctuation at
    its ends is removed, and runs of up to N chunks are tried for spellings of N words.
    """

    def __init__(self, terms):
        self.keys: dict[str, Term] = {}
        self.multi: dict[str, int] = {}  # first word of a spelling of several words -> most words
        for term in terms:
            for form in term.forms:
                key = key_of(form)
                if not key or key in self.keys:
                    continue  # the glossary's own validation reports clashes and empty forms
                self.keys[key] = term
                words = key.split(" ")
                if len(words) > 1:
                    self.multi[words[0]] = max(self.multi.get(words[0], 1), len(words))
        # Chunks seen so far, and for those that can start a match: (term of the chunk alone, most
        # words of a longer spelling, punctuation before, punctuation after). Set operations in C
        # then decide for a whole paragraph whether it needs a closer look, whatever the term count.
        self._seen: set[str] = set()
        self._hits: dict[str, tuple] = {}

    def _learn(self, present: set) -> None:
        if len(self._seen) > _MAX_SEEN:
            self._seen, self._hits = set(), {}
        new = present - self._seen
        if not new:
            return
        self._seen |= new
        keys, multi = self.keys, self.multi
        for c in new:
            alone, most = keys.get(c.strip(EDGE)), multi.get(c.lstrip(EDGE), 1)
            if alone is not None or most > 1:
                self._hits[c] = (alone, most, len(c) - len(c.lstrip(EDGE)), len(c) - len(c.rstrip(EDGE)))

    def find(self, low: str):
        """Yield (start, end, term) for each match in a lowercased text; longest match first."""
        chunks = low.split()
        present = set(chunks)
        self._learn(present)
        hits = self._hits
        wanted = present & hits.keys()
        if not wanted:
            return
        pos, free = 0, 0
        for j in compress(range(len(chunks)), map(wanted.__contains__, chunks)):  # in C: most chunks are no term
            if j < free:
                continue
            chunk = chunks[j]
            at = _locate(low, chunk, pos)
            pos = at + len(chunk)
            term, most, lead, trail = hits[chunk]
            size = 1
            if most > 1:
                size, term = self._longest(chunks, j, min(most, len(chunks) - j), term)
            if term is None:
                continue
            if size > 1:
                for extra in chunks[j + 1:j + size]:
                    pos = _locate(low, extra, pos) + len(extra)
                last = chunks[j + size - 1]
                trail = len(last) - len(last.rstrip(EDGE))
            free = j + size
            yield at + lead, pos - trail, term

    def _longest(self, chunks: list[str], j: int, most: int, alone: Term | None) -> tuple[int, Term | None]:
        for size in range(most, 1, -1):
            term = self.keys.get(" ".join(chunks[j:j + size]).strip(EDGE))
            if term is not None:
                return size, term
        return 1, alone


def _locate(low: str, chunk: str, pos: int) -> int:
    """Offset of the next whitespace-separated occurrence of chunk at or after pos."""
    while True:
        at = low.find(chunk, pos)
        after = at + len(chunk)
        if at < 0 or ((at == 0 or low[at - 1].isspace()) and (after == len(low) or low[after].isspace())):
            return at
        pos = at + 1
