"""LIX (Björnsson): words per sentence plus the percentage of long words, with Danish bands."""
from __future__ import annotations

from dataclasses import dataclass

from .segment import Sentence

BANDS = ((24, "meget let"), (34, "let"), (44, "middel"), (54, "svær"))


@dataclass(frozen=True)
class Counts:
    words: int = 0
    sentences: int = 0
    long_words: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.words + other.words, self.sentences + other.sentences,
                      self.long_words + other.long_words)

    @property
    def lix(self) -> float | None:
        return lix(self.words, self.sentences, self.long_words)


def counts(sents: list[Sentence]) -> Counts:
    words = sum(len(s.words) for s in sents)
    long_words = sum(1 for s in sents for w in s.words if w.is_long)
    return Counts(words, len(sents), long_words)


def lix(words: int, sentences: int, long_words: int) -> float | None:
    """LIX = words / sentences + 100 * long words / words; None for an empty text."""
    if not words or not sentences:
        return None
    return words / sentences + 100 * long_words / words


def band(score: float) -> str:
    """The Danish band name for a LIX score."""
    rounded = round(score)
    for upper, name in BANDS:
        if rounded <= upper:
            return name
    return "meget svær"
