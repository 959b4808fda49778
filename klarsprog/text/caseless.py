"""A regex search that ignores case, several times faster on large texts than re.IGNORECASE."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache


@lru_cache(maxsize=16)
def _lower(pattern: re.Pattern) -> re.Pattern:
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def finditer(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a case-insensitive pattern written in lower case: the text is read in
    lower case with the pattern's case-sensitive twin. The matches' offsets hold in `text`, so take what
    they found from `text` (m.start(g), m.end(g)), not from the match. If a character becomes two in
    lower case ('İ'), the offsets would not hold: then the pattern reads `text` as it is."""
    low = text.lower()
    return _lower(pattern).finditer(low) if len(low) == len(text) else pattern.finditer(text)
