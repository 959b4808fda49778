"""Checks across glossary files: one owner per spelling, unique addresses, see-also targets, categories."""
from __future__ import annotations

import difflib
from collections import Counter

from ...findings import Finding, display_path, finding
from ...linker import key_of
from .entry import Entry


def claims(entries: list[Entry]) -> dict[str, list[tuple[Entry, str, tuple[int, int]]]]:
    """Lookup key -> every (entry, spelling, position) that claims it, in file order."""
    out: dict[str, list] = {}
    for entry in entries:
        mine = set()
        for spelling, pos in entry.spelling_positions():
            key = key_of(spelling)
            if key and key not in mine:
                mine.add(key)
                out.setdefault(key, []).append((entry, spelling, pos))
    return out


def cross_check(entries: list[Entry]) -> list[Finding]:
    """All checks that compare files; each finding names the other file too."""
    claimed = claims(entries)
    by_key = {key: owners[0][0] for key, owners in claimed.items()}
    return (_duplicates(claimed) + _anchors(entries) + _see_also(entries, by_key)
            + _categories(entries))


def _duplicates(claimed: dict) -> list[Finding]:
    out = []
    for owners in claimed.values():
        for entry, spelling, (line, col) in owners if len(owners) > 1 else ():
            others = [f"{display_path(o.path)} (linje {p[0]}, ordet '{o.term}')"
                      for o, _, p in owners if o is not entry]
            out.append(finding(entry.path, line, col, "error", "duplicate-term",
                               f"'{spelling}' hører også til et andet opslag: {', '.join(others)}. "
                               f"Et ord må kun stå i ét opslag. Slet det i den ene fil, eller slå filerne sammen."))
    return out


def _anchors(entries: list[Entry]) -> list[Finding]:
    out, first = [], {}
    for entry in entries:
        other = first.setdefault(entry.anchor, entry)
        if other is not entry and key_of(other.term) != key_of(entry.term):
            line, col = entry.where("term")
            out.append(finding(entry.path, line, col, "error", "anchor-clash",
                               f"'{entry.term}' får samme adresse i ordbogen (#{entry.anchor}) som "
                               f"'{other.term}' i {display_path(other.path)}. Skriv ordene, så de kan skelnes."))
    return out


def _see_also(entries: list[Entry], by_key: dict[str, Entry]) -> list[Finding]:
    out = []
    names = sorted({e.term for e in entries})
    for entry in entries:
        for i, name in enumerate(entry.see_also):
            target = by_key.get(key_of(name))
            line, col = entry.where("see_also", i)
            problem = _see_also_problem(entry, name, target, names)
            if problem:
                out.append(finding(entry.path, line, col, "error", problem[0], problem[1]))
    return out


def _see_also_problem(entry: Entry, name: str, target: Entry | None, names: list[str]):
    if target is None:
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.7)
        hint = f"Mente du '{close[0]}'?" if close else "Opret ordet i ordbogen, eller fjern henvisningen."
        return "see-also-missing", f"'see_also' peger på '{name}', som ikke findes i ordbogen. {hint}"
    if target is entry:
        return "see-also-self", f"'see_also' peger på ordet selv ('{name}'). Fjern henvisningen."
    if entry.audience == "public" and target.audience == "internal":
        return "see-also-internal", (f"'see_also' peger på '{name}', som kun står på intranettet "
                                     f"({display_path(target.path)}). Borgere kan ikke se det. Fjern "
                                     f"henvisningen, eller gør '{target.term}' offentligt (audience: public).")
    return None


def _categories(entries: list[Entry]) -> list[Finding]:
    """A category used once that looks like a common one is probably a typo."""
    counts = Counter(e.category for e in entries if e.category)
    common = {c.lower(): c for c, n in counts.items() if n > 1}
    out = []
    for entry in entries:
        if entry.category and counts[entry.category] == 1:
            close = difflib.get_close_matches(entry.category.lower(), list(common), n=1, cutoff=0.75)
            if close:
                line, col = entry.where("category")
                out.append(finding(entry.path, line, col, "warning", "category-typo",
                                   f"Emnet '{entry.category}' bruges kun her. Mente du '{common[close[0]]}'?"))
    return out
