"""The readability rules as small functions over one sentence; their data lives in YAML beside this file."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..text.segment import Sentence, abbreviations, load_data

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Hit:
    """A rule hit inside a sentence: character span, rule id and Danish message."""

    start: int
    rule: str
    message: str


@lru_cache(maxsize=1)
def rules() -> dict:
    return load_data(HERE / "rules.yml")


@lru_cache(maxsize=1)
def policy() -> dict:
    return load_data(HERE / "policy.yml")


@lru_cache(maxsize=1)
def officialese() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """First word -> [(phrase words, plain alternative, source name)], longest phrase first."""
    data = load_data(HERE / "officialese.yml")
    names = data.get("source_names", {})
    index: dict[str, list] = {}
    for entry in data["entries"]:
        source = names.get(entry.get("source"), entry.get("source", ""))
        for phrase in entry["phrases"]:
            words = tuple(str(phrase).lower().split())
            index.setdefault(words[0], []).append((words, entry["write"], source))
    for phrases in index.values():
        phrases.sort(key=lambda p: -len(p[0]))
    return index


def _quote(sentence_text: str, limit: int = 90) -> str:
    text = " ".join(sentence_text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def check_length(sent: Sentence, text: str) -> list[Hit]:
    n = len(sent.words)
    hard, soft = rules()["very-long-sentence"]["limit"], rules()["long-sentence"]["limit"]
    if n > hard:
        rule, limit = "very-long-sentence", hard
    elif n > soft:
        rule, limit = "long-sentence", soft
    else:
        return []
    return [Hit(sent.start, rule,
                f"Sætningen har {n} ord (højst {limit}): \"{_quote(text[sent.start:sent.end])}\". "
                f"Del den i to eller flere korte sætninger.")]


def check_officialese(sent: Sentence, text: str) -> list[Hit]:
    index = officialese()
    words = [w.text.lower() for w in sent.words]
    if index.keys().isdisjoint(words):
        return []  # most sentences: no word starts a phrase
    hits, i = [], 0
    while i < len(words):
        for phrase, plain, source in index.get(words[i], ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                found = text[sent.words[i].start:sent.words[i + len(phrase) - 1].end]
                hits.append(Hit(sent.words[i].start, "officialese",
                                f"Kancellisprog: \"{found}\". Skriv hellere: \"{plain}\". (Kilde: {source})"))
                i += len(phrase) - 1
                break
        i += 1
    return hits


def check_abbreviations(sent: Sentence, text: str) -> list[Hit]:
    known = abbreviations()
    return [Hit(w.start, "abbreviation",
                f"Forkortelsen \"{w.text}\" er svær for mange læsere. Skriv den ud: \"{known[w.text.lower()].expansion}\".")
            for w in sent.words if w.kind == "abbr" and known[w.text.lower()].uncommon]


def check_compounds(sent: Sentence, text: str, vocabulary: frozenset) -> list[Hit]:
    minimum = rules()["long-compound"]["min_letters"]
    return [Hit(w.start, "long-compound",
                f"Det lange ord \"{w.text}\" ({w.letters} bogstaver) er ikke forklaret i ordbogen. "
                f"Del det op (\"model til fordeling af ...\"), eller forklar ordet i ordbogen.")
            for w in sent.words
            if w.kind == "word" and len(w.text) >= minimum and w.letters >= minimum
            and w.text.lower().strip("-") not in vocabulary]


@lru_cache(maxsize=1)
def _nominal() -> tuple[frozenset, tuple, int]:
    cfg = rules()["nominal-style"]
    return frozenset(cfg["verbs"]), tuple(cfg["noun_endings"]), cfg["max_gap"]


def check_nominal(sent: Sentence, text: str) -> list[Hit]:
    verbs, endings, gap = _nominal()
    words = sent.words
    hits = []
    for i, w in enumerate(words):
        if w.text.lower() not in verbs:
            continue
        for nxt in words[i + 1:i + 2 + gap]:
            low = nxt.text.lower()
            if low.endswith(endings) and len(low) > 6:
                hits.append(Hit(w.start, "nominal-style",
                                f"Navneordsstil: \"{text[w.start:nxt.end]}\". Brug udsagnsordet direkte "
                                f"(\"foretage en justering\" → \"justere\")."))
                break
    return hits


def check_sentence(sent: Sentence, text: str, vocabulary: frozenset) -> list[Hit]:
    """Every sentence rule on one sentence."""
    return (check_length(sent, text) + check_officialese(sent, text) + check_abbreviations(sent, text)
            + check_compounds(sent, text, vocabulary) + check_nominal(sent, text))
