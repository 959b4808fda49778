"""Danish specifics: ASCII slugs, alphabetical order, and number and date formatting through babel."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal

_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss",
                           "Æ": "ae", "Ø": "oe", "Å": "aa", "Ä": "ae", "Ö": "oe", "Ü": "ue", "§": "paragraf"})
# Danish alphabet: ... x y z æ ø å; ä, ö and é sort with æ, ø and e (Retskrivningsordbogen).
_ORDER = {ch: i for i, ch in enumerate("0123456789abcdefghijklmnopqrstuvwxyzæøå")}
_FOLD = str.maketrans({"ä": "æ", "ö": "ø", "ü": "y", "é": "e", "è": "e", "á": "a", "à": "a", "ó": "o"})
NBSP = "\u00a0"
# The functions below are pure and called for every term on every build (anchors, order, dates),
# and the slug also for every heading MkDocs renders: each keeps its recent answers.
_CACHE = 65536


@lru_cache(maxsize=_CACHE)
def slugify(value: str, separator: str = "-", unicode: bool = False) -> str:
    """ASCII slug: 'Økonomisk ordbog' -> 'oekonomisk-ordbog' (also used as Markdown's toc slugify)."""
    text = value.translate(_TRANSLIT).lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", separator, text)
    return text.strip(separator) or "x"


@lru_cache(maxsize=_CACHE)
def sort_key(term: str) -> tuple:
    """Danish alphabetical order: A–Z, then Æ, Ø, Å; case and punctuation only break ties."""
    low = term.lower().translate(_FOLD)
    primary = tuple(_ORDER[ch] for ch in low if ch in _ORDER)
    return primary, low, term


def number(value: float, decimals: int = 0) -> str:
    """1234567.89 -> '1.234.568' (decimals=0) or '1.234.567,9' (decimals=1)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round(value, decimals), format=pattern, locale="da_DK")


def kroner(value: float, decimals: int = 0) -> str:
    return f"{number(value, decimals)}{NBSP}kr."


def mio(value_kr: float, decimals: int = 1) -> str:
    """Kroner as '310,5 mio. kr.' with non-breaking spaces."""
    return f"{number(value_kr / 1_000_000, decimals)}{NBSP}mio.{NBSP}kr."


def percent(value: float, decimals: int = 1) -> str:
    return f"{number(value, decimals)}{NBSP}%"


@lru_cache(maxsize=4096)
def date_long(value: dt.date) -> str:
    """'11. oktober 2026'."""
    return format_date(value, format="d. MMMM y", locale="da_DK")


@lru_cache(maxsize=4096)
def date_weekday(value: dt.date) -> str:
    """'tirsdag den 11. oktober 2026'."""
    return format_date(value, format="EEEE 'den' d. MMMM y", locale="da_DK")
