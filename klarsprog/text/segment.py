"""Danish sentence and word segmentation that knows abbreviations, ordinals, numbers and URLs."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
MONTHS = {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
          "sep", "sept", "okt", "nov", "dec"}
LONG_WORD = 6  # Björnsson: a long word has more than six letters


WORD_KINDS = frozenset(("word", "abbr", "num", "url", "email"))


def load_data(path: Path):
    """A rule data file, through libyaml when it is there (the pure-Python parser takes a quarter second)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


class Token(NamedTuple):
    """One token; a named tuple because a long page has hundreds of thousands of them."""

    kind: str  # word, abbr, num, url, email, end (. ! ?), punct
    text: str
    start: int
    end: int

    @property
    def letters(self) -> int:
        text = self.text
        return len(text) if text.isalpha() else sum(map(str.isalpha, text))

    @property
    def is_word(self) -> bool:
        return self.kind in WORD_KINDS

    @property
    def is_long(self) -> bool:
        # Most words are short: the length alone rules them out before letters are counted.
        return len(self.text) > LONG_WORD and self.kind in ("word", "abbr") and self.letters > LONG_WORD


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
    data = load_data(RULES_DIR / "abbreviations.yml")
    out = {}
    for item in data["abbreviations"]:
        a = Abbreviation(str(item["abbr"]), str(item.get("expansion", "")),
                         bool(item.get("can_end", False)), bool(item.get("uncommon", False)))
        if a.abbr.endswith("."):
            out[a.abbr.lower()] = a
    return out


@lru_cache(maxsize=2)
def _token_re(email: bool = True) -> re.Pattern:
    """The tokenizer; without the e-mail branch for text without '@' (it would scan every word twice)."""
    abbrs = sorted(abbreviations(), key=len, reverse=True)
    abbr_alt = "|".join(re.escape(a) for a in abbrs)
    # Every abbreviation starts with a few letters and a period: a cheap look-ahead skips the
    # alternation of 130 spellings for almost every word.
    heads = [a.split(".")[0] for a in abbrs]
    guard = rf"(?=[^\W\d_]{{1,{max(map(len, heads))}}}\.)" if all(h.isalpha() for h in heads) else ""
    return re.compile(
        rf"(?P<url>(?i:https?://|www\.)[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?])"
        + (rf"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)" if email else "")
        + rf"|(?P<abbr>(?<![\w.]){guard}(?i:{abbr_alt})(?![\w]))"
        rf"|(?P<num>\d+(?:[.,:]\d+)*(?:[-–]\d+(?:[.,]\d+)*)?(?![\w]|-[^\W\d_]))"
        rf"|(?P<word>[^\W_]\w*(?:[-'’/][^\W_]\w*)*-?)"
        rf"|(?P<end>[.!?…]+)"
        rf"|(?P<punct>[^\s\w])")  # case matters only for the letters of URLs and abbreviations


_CHUNK = re.compile(r"\S+")
_TRAIL = {".": "end", "!": "end", "?": "end", ",": "punct", ";": "punct", ":": "punct"}


def tokenize(text: str) -> list[Token]:
    """Tokens never span whitespace, so each run of non-space is read on its own; plain words
    ('budget', 'budget.', 'budget,') need no regex. The result equals the regex over the whole text."""
    new, abbrs, rx, out = tuple.__new__, abbreviations(), _token_re("@" in text), []
    for m in _CHUNK.finditer(text):
        chunk, at, end = m.group(), m.start(), m.end()
        if chunk.isalpha():
            out.append(new(Token, ("word", chunk, at, end)))
            continue
        last = chunk[-1]
        if last in _TRAIL and chunk[:-1].isalpha():
            if last == "." and chunk.lower() in abbrs:
                out.append(new(Token, ("abbr", chunk, at, end)))
            else:
                out += (new(Token, ("word", chunk[:-1], at, end - 1)), new(Token, (_TRAIL[last], last, end - 1, end)))
            continue
        out += [new(Token, (t.lastgroup, t.group(), at + t.start(), at + t.end())) for t in rx.finditer(chunk)]
    return out


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
        kind = tok.kind
        if start is None and kind != "end":
            start = tok.start
        if kind in WORD_KINDS:
            words.append(tok)
        if (kind == "end" or kind == "abbr") and words and _ends_sentence(tokens, i, text):
            out.append(Sentence(start, tok.end, tuple(words)))
            words, start = [], None
    if words:
        out.append(Sentence(start, words[-1].end, tuple(words)))
    return out
