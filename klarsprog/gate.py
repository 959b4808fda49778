"""The readability gate: rules and LIX over the prose units of one text, with overrides."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .danish import number
from .findings import FileReport, Finding, display_path, finding
from .rules.checks import check_sentence, policy, rules
from .text.extract import Unit
from .text.lix import Counts, band, counts
from .text.segment import sentences


@dataclass
class Text:
    """One text to judge: a Markdown page, a glossary entry, a budget story, a meeting's notes."""

    path: Path
    content_type: str
    units: list[Unit]
    lix_limit: float | None = None  # raised in front matter, with a reason
    lix_reason: str = ""
    override_line: int = 1
    rules_only: bool = False  # short fields: sentence and word rules, no LIX
    lix_only: bool = False  # generated pages: LIX only (their sources get the word rules)
    label: str = ""


@dataclass
class Vocabulary:
    """The glossary as the gate's accepted vocabulary: words a reader can look up."""

    words: frozenset = field(default_factory=frozenset)


def limit_for(content_type: str) -> float:
    types = policy()["content_types"]
    return float(types.get(content_type, types["page"])["lix"])


def _override_findings(text: Text) -> tuple[float, list[Finding]]:
    base = limit_for(text.content_type)
    hard = float(policy()["hard_limit"])
    if text.lix_limit is None:
        return base, []
    if not text.lix_reason.strip():
        return base, [finding(text.path, text.override_line, 1, "error", "override",
                              "Grænsen for LIX er hævet uden en begrundelse. Skriv en begrundelse i "
                              "'lix_reason', eller fjern 'lix_limit'.")]
    if text.lix_limit >= hard:
        return base, [finding(text.path, text.override_line, 1, "error", "override",
                              f"LIX-grænsen kan ikke hæves til {text.lix_limit:g}: {hard:g} og derover er "
                              f"'svær' tekst. Vælg en grænse under {hard:g}.")]
    return text.lix_limit, [finding(text.path, text.override_line, 1, "suggestion", "override",
                                    f"LIX-grænsen er hævet fra {base:g} til {text.lix_limit:g}. "
                                    f"Begrundelse: \"{text.lix_reason.strip()}\".")]


def _disabled_findings(text: Text) -> list[Finding]:
    out = []
    for unit in text.units:
        if unit.kind != "directive":
            continue
        line, col = unit.locate(0)
        if unit.disabled:
            names = ", ".join(sorted(unit.disabled))
            what = "alle regler" if "all" in unit.disabled else f"reglerne {names}"
            out.append(finding(text.path, line, col, "suggestion", "override",
                               f"Herfra er {what} slået fra med en kommentar (klarsprog: off)."))
    return out


# LIX counts of each prose unit's text the gate has read (a pure function of the text). The gate over
# the sources fills it before `build` forks the sites' workers; the glossary's page, made of every
# entry's prose, then adds up its entries' counts instead of segmenting them all again.
_COUNTS: dict[str, Counts] = {}
_MAX_COUNTS = 200_000  # `serve` runs for hours: start again rather than grow without end


def unit_counts(unit: Unit) -> Counts:
    """The LIX counts of one prose unit, read once per text (see _COUNTS)."""
    c = _COUNTS.get(unit.text)
    return _keep(unit.text, counts(sentences(unit.text))) if c is None else c


def _keep(text: str, c: Counts) -> Counts:
    if len(_COUNTS) > _MAX_COUNTS:
        _COUNTS.clear()
    _COUNTS[text] = c
    return c


def _known_total(units: list[Unit]) -> Counts | None:
    """The counts of units whose texts were all read before, else None."""
    total, known = Counts(), _COUNTS
    for unit in units:
        if unit.kind == "directive":
            continue
        c = known.get(unit.text)
        if c is None:
            return None
        total = total + c
    return total


def judge(text: Text, vocabulary: Vocabulary) -> tuple[FileReport, list[Finding]]:
    """Run every rule on a text; returns its LIX figures and findings."""
    if text.lix_only:
        total = _known_total(text.units)
        limit, override = _override_findings(text)
        if total is not None and not _too_hard(text, total, limit):
            report = FileReport(display_path(text.path), total.lix, total.words, total.sentences, total.long_words)
            return report, override + _disabled_findings(text)
    total = Counts()
    found: list[Finding] = []
    worst = None
    long_words: dict[str, int] = {}
    levels = {rid: r["level"] for rid, r in rules().items()}
    for unit in text.units:
        if unit.kind == "directive":
            continue
        sents = sentences(unit.text)
        total = total + _keep(unit.text, counts(sents))
        for sent in sents:
            for w in sent.words:
                if w.is_long:
                    long_words[w.text.lower()] = w.letters
            if worst is None or len(sent.words) > len(worst[1].words):
                worst = (unit, sent)
            if text.lix_only:
                continue
            for hit in check_sentence(sent, unit.text, vocabulary.words):
                if hit.rule in unit.disabled or "all" in unit.disabled:
                    continue
                line, col = unit.locate(hit.start)
                found.append(finding(text.path, line, col, levels[hit.rule], hit.rule, hit.message))
    limit, override = _override_findings(text)
    found += override + _disabled_findings(text)
    report = FileReport(display_path(text.path), total.lix, total.words, total.sentences, total.long_words)
    if _too_hard(text, total, limit):
        longest = sorted(long_words, key=lambda w: (-long_words[w], w))[:4]
        found += _lix_findings(text, total, limit, worst, longest)
    return report, found


def _too_hard(text: Text, total: Counts, limit: float) -> bool:
    """True when the text's LIX is over its limit (or the hard limit) and the text is long enough to say so."""
    if text.rules_only or total.words < policy()["min_words_for_lix"] or total.lix is None:
        return False
    return total.lix > limit or total.lix >= float(policy()["hard_limit"])


def _lix_findings(text: Text, total: Counts, limit: float, worst, longest: list[str]) -> list[Finding]:
    score, hard = total.lix, float(policy()["hard_limit"])
    rule = "lix-hard" if score >= hard else "lix-limit"
    kind = policy()["content_types"].get(text.content_type, {}).get("label", text.content_type)
    per = total.words / total.sentences
    pct = 100 * total.long_words / total.words
    line, col = text.units[0].locate(0) if text.units else (1, 1)
    if per > 15:
        hint = "Del de lange sætninger i kortere sætninger"
    else:
        hint = "Skift lange ord ud med korte" + (f", for eksempel: {', '.join(longest)}" if longest else "")
    where = ""
    if worst is not None:
        wline, _ = worst[0].locate(worst[1].start)
        where = f" Den længste sætning står i linje {wline} ({len(worst[1].words)} ord)."
    limit_text = f"{number(hard)}" if rule == "lix-hard" else f"{number(limit)} for {kind}"
    msg = (f"Teksten er for svær: LIX {number(score, 1)} ({band(score)}), grænsen er {limit_text}. "
           f"{total.words} ord i {total.sentences} sætninger giver {number(per, 1)} ord pr. sætning, "
           f"og {total.long_words} lange ord er {number(pct)} %. {hint}.{where}")
    return [finding(text.path, line, col, rules()[rule]["level"], rule, msg)]
