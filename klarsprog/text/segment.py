"""Danish sentence and word segmentation that knows abbreviations, ordinals, numbers and URLs."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
MONTHS = {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
          "sep", "sept", "okt", "nov", "dec"}
LONG_WORD = 6  # Björnsson: a long word has more than six letters


@dataclass(frozen=True)
class Token:
    kind: str  # word, abbr, num, url, email, end (. ! ?), punct
    text: str
    start: int
    end: int

    @property
    def letters(self) -> int:
        return sum(ch.isalpha() for ch in self.text)

    @property
    def is_word(self) -> bool:
        return self.kind in ("word", "abbr", "num", "url", "email")

    @property
    def is_long(self) -> bool:
        return self.kind in ("word", "abbr") and self.letters > LONG_WORD


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    words: tuple[Token, ...]


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    expansion: str
    can_end: bool
    uncommon: bool


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, Abbreviation]:
    """The abbreviation list from rules/abbreviations.yml, keyed by lowercase spelling."""
    data = yaml.safe_load((RULES_DIR / "abbreviations.yml").read_text(encoding="utf-8"))
    out = {}
    for item in data["abbreviations"]:
        a = Abbreviation(str(item["abbr"]), str(item.get("expansion", "")),
                         bool(item.get("can_end", False)), bool(item.get("uncommon", False)))
        if a.abbr.endswith("."):
            out[a.abbr.lower()] = a
    return out


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern:
    abbrs = sorted(abbreviations(), key=len, reverse=True)
    abbr_alt = "|".join(re.escape(a) for a in abbrs)
    return re.compile(
        rf"(?P<url>(?:https?://|www\.)[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?])"
        rf"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
        rf"|(?P<abbr>(?<![\w.])(?:{abbr_alt})(?![\w]))"
        rf"|(?P<num>\d+(?:[.,:]\d+)*(?:[-–]\d+(?:[.,]\d+)*)?(?![\w]|-[^\W\d_]))"
        rf"|(?P<word>[^\W_](?:[\w]|[-'’/](?=[^\W_]))*-?)"
        rf"|(?P<end>[.!?…]+)"
        rf"|(?P<punct>[^\s\w])",
        re.IGNORECASE,
    )


def tokenize(text: str) -> list[Token]:
    return [Token(m.lastgroup, m.group(), m.start(), m.end()) for m in _token_re().finditer(text)]


def _next_word(tokens: list[Token], i: int) -> Token | None:
    for tok in tokens[i + 1:]:
        if tok.is_word:
            return tok
        if tok.kind == "end":
            return None
    return None


def _is_capital(tok: Token | None) -> bool:
    return tok is not None and tok.kind in ("word", "abbr") and tok.text[0].isupper()


def _ends_sentence(tokens: list[Token], i: int, text: str) -> bool:
    """Whether token i (an 'end' run or an abbreviation) closes the sentence."""
    tok = tokens[i]
    nxt = _next_word(tokens, i)
    if tok.kind == "abbr":
        info = abbreviations().get(tok.text.lower())
        return bool(info and info.can_end and _is_capital(nxt))
    if "!" in tok.text or "?" in tok.text:
        return True
    if nxt is None:
        return True
    prev = tokens[i - 1] if i else None
    if prev is not None and prev.kind == "num" and prev.end == tok.start and tok.text == ".":
        # Ordinal or date: "den 3. marts", "2. kvartal", "1. og 2. behandling"
        return _is_capital(nxt) and nxt.text.lower() not in MONTHS
    if tok.text.startswith("…") or tok.text.startswith(".."):
        return _is_capital(nxt)
    return True


def sentences(text: str) -> list[Sentence]:
    """Split text into sentences; each keeps its word tokens and character span."""
    tokens = tokenize(text)
    out: list[Sentence] = []
    words: list[Token] = []
    start = None
    for i, tok in enumerate(tokens):
        if start is None and tok.kind != "end":
            start = tok.start
        if tok.is_word:
            words.append(tok)
        if tok.kind in ("end", "abbr") and words and _ends_sentence(tokens, i, text):
            out.append(Sentence(start, tok.end, tuple(words)))
            words, start = [], None
    if words:
        out.append(Sentence(start, words[-1].end, tuple(words)))
    return out
