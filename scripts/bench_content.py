"""A synthetic municipality for the benchmark: N glossary terms, 40 budget areas and 100 café meetings.

Usage: python scripts/bench_content.py DEST --terms 2000

Everything is made from the word lists in scripts/bench_words.yml with a fixed seed, so the same size gives the same
files. The text is plain Danish with short sentences, and the terms occur in it, so the project passes
the readability gate and the build succeeds.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from klarsprog.danish import slugify  # noqa: E402

WORDS = yaml.safe_load((Path(__file__).with_name("bench_words.yml")).read_text(encoding="utf-8"))
PREFIXES = [tuple(p) for p in WORDS["prefixes"]]
BASES = [(base, tuple(endings), meaning, category) for base, endings, meaning, category in WORDS["bases"]]
EXTRA, ROLES, SAY, PLAIN = WORDS["extra"], WORDS["roles"], WORDS["say"], WORDS["plain"]
AREAS, COMMITTEES = WORDS["areas"], WORDS["committees"]
# About half of all sentences have no term: one term in every 17 words or so, three to four times as
# dense as the shipped sample's café meetings (one in 60), so term linking is tested hard.
PLAIN_SHARE = 0.55
YEARS = (2027, 2028, 2029, 2030)


class Words:
    """The glossary as the text generator sees it: terms and their spellings."""

    def __init__(self, entries: list[dict], rng: random.Random):
        self.entries, self.rng = entries, rng
        self.public = [e for e in entries if e["audience"] == "public"]

    def any(self, public: bool = False) -> str:
        """One spelling of a random term (the term itself, an inflected form or a synonym)."""
        entry = self.rng.choice(self.public if public else self.entries)
        return self.rng.choice([entry["term"], *entry["forms"]])

    def sentences(self, n: int, public: bool = False) -> str:
        out = []
        for _ in range(n):
            if self.rng.random() < PLAIN_SHARE:
                out.append(self.rng.choice(PLAIN))
                continue
            t, u, role = self.any(public), self.any(public), self.rng.choice(ROLES)
            out.append(self.rng.choice(SAY).format(t=t, u=u, T=t[:1].upper() + t[1:], R=role, r=role.lower()))
        return " ".join(out)


def _forms(base: str, endings: tuple[str, ...]) -> list[str]:
    """'-' is the base itself, '=x' replaces the base with x, anything else is an ending."""
    out = []
    for ending in endings:
        form = base if ending == "-" else ending[1:] if ending.startswith("=") else base + ending
        if form != base and form not in out:
            out.append(form)
    return out


def glossary_entries(count: int, rng: random.Random) -> list[dict]:
    """`count` terms: compounds of a prefix and a base, with forms, a synonym, see-also links."""
    pairs = [(p, b) for b in BASES for p in PREFIXES]
    rng.shuffle(pairs)
    entries, seen = [], set()
    for (join, what), (base, endings, meaning, category) in pairs:
        term = join + base
        forms = [join + f for f in _forms(base, endings)] + [f"{base} til {what}"]
        spellings = [term, *forms]
        if any(s in seen for s in spellings) or slugify(term) in seen:
            continue
        seen.update(spellings + [slugify(term)])
        n = len(entries)
        entries.append({
            "term": term, "forms": forms, "category": category, "audience": "internal" if n % 10 == 9 else "public",
            "definition": f"{meaning} til {what}. {rng.choice(EXTRA)}",
            "example": f"Eksempel: I 2027 bruger vi 2,5 mio. kr. på {rng.choice(spellings)}.",
            "owner": rng.choice(["Budget og Analyse", "Løn og Personale", "Regnskab", "Indkøb"]),
            "reviewed": dt.date(2026, 1 + n % 11, 1 + n % 27),
        })
        if len(entries) == count:
            break
    if len(entries) < count:
        raise SystemExit(f"Word lists give only {len(entries)} terms, {count} were asked for.")
    return entries


def _link(entries: list[dict], rng: random.Random) -> None:
    """Two see-also links per term; a public term links only to public terms."""
    public = [e["term"] for e in entries if e["audience"] == "public"]
    for n, e in enumerate(entries):
        pool = public if e["audience"] == "public" else [x["term"] for x in entries]
        e["see_also"] = sorted({t for t in rng.sample(pool, 3) if t != e["term"]})[:2]
        if n % 5 == 0:
            e["details"] = (f"Vi skriver beløbet i en tabel.\n\n- Lederen ser tallet hver måned.\n"
                            f"- Byrådet ser det i budgettet.\n\n{rng.choice(EXTRA)}\n")


def write_glossary(root: Path, entries: list[dict]) -> None:
    folder = root / "glossary"
    folder.mkdir(parents=True)
    for e in entries:
        data = {k: e[k] for k in ("term", "definition", "example", "details", "forms", "see_also", "category",
                                  "audience", "owner", "reviewed") if k in e}
        (folder / f"{slugify(e['term'])}.yml").write_text(_yaml(data), encoding="utf-8")


def _yaml(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)


def write_budget(root: Path, words: Words, rng: random.Random, areas: int = 40) -> None:
    """One budget file with `areas` areas, five investments and a short story for every area."""
    folder = root / "budget" / "historier"
    folder.mkdir(parents=True)
    names = AREAS[:areas]
    items = []
    for n, name in enumerate(names):
        drift, anlaeg = 20.0 + 7 * n % 90, float(n % 5 * 3)
        items.append({"name": name, "committee": COMMITTEES[n % len(COMMITTEES)], "main_accounts": [n % 7],
                      "terms": sorted({words.any(public=True) for _ in range(2)}),
                      "amounts": {y: {"drift": round(drift + i * 1.5, 1), "anlæg": anlaeg} for i, y in enumerate(YEARS)},
                      "key_figures": [{"text": f"Så mange borgere bruger {name.lower()}:", "value": 500 + 37 * n,
                                       "unit": "borgere"}]})
        story = (f"---\ntitle: {name}\n---\nPengene går til {name.lower()}. {words.sentences(1, public=True)}\n\n"
                 f"**Nyt i 2027:** {words.sentences(1, public=True)}\n")
        (folder / f"{slugify(name)}.md").write_text(story, encoding="utf-8")
    spend = {y: sum(a["amounts"][y]["drift"] + a["amounts"][y]["anlæg"] for a in items) for y in YEARS}
    budget = {
        "example_data": True, "municipality": "Eksempelby Kommune", "title": "Budget 2027 og overslagsår",
        "budget_year": 2027, "estimate_years": list(YEARS[1:]), "phase": "vedtaget", "adopted": dt.date(2026, 10, 8),
        "unit": "mio. kr.", "population": 61500, "headline": "I 2027 bruger vi flere penge på skoler og veje.",
        "taxes": {"udskrivningsprocent": 25.2, "grundskyldspromille": 26.5, "kirkeskat": 0.95},
        "income": [{"name": "Skat af indkomst", "main_accounts": [7], "amounts": {y: round(spend[y] * 0.6, 1) for y in YEARS}},
                   {"name": "Tilskud og udligning", "main_accounts": [7],
                    "amounts": {y: round(spend[y] * 0.4, 1) for y in YEARS}}],
        "areas": items,
        "investments": [{"name": f"Nyt projekt for {items[i]['name'].lower()}", "area": items[i]["name"],
                         "description": "Projektet står klar i 2028.", "amounts": {2027: 1.0, 2028: 1.0}}
                        for i in range(1, 40, 8) if items[i]["amounts"][2027]["anlæg"] >= 1],
    }
    (root / "budget" / "budget-2027.yml").write_text(_yaml(budget), encoding="utf-8")


def meeting_file(n: int, day: dt.date, words: Words, rng: random.Random) -> str:
    """One café meeting: front matter with agenda, questions and follow-ups, and about 500 words of notes."""
    public = n % 3 == 0
    meta = {
        "title": f"Cafémøde nummer {n + 1}", "date": day, "start": "14:00", "end": "15:30",
        "place": "Kantinen på rådhuset", "audience": "public" if public else "internal",
        "hosts": ["Økonomichef", "HR-chef"], "participants": 30 + n % 40,
        "agenda": [{"title": f"Nyt om {words.any(public)}", "presenter": rng.choice(ROLES), "minutes": 20,
                    "description": words.sentences(1, public)} for _ in range(4)],
        "questions": [{"question": f"Hvad er nyt om {words.any(public)}?", "answer": words.sentences(2, public),
                       "answered_by": rng.choice(ROLES)} for _ in range(3)],
        "decisions": [words.sentences(1, public)],
        "follow_ups": [{"text": f"Skrive en kort guide om {words.any(public)}.", "owner": rng.choice(ROLES),
                        "due": day + dt.timedelta(days=30), "status": "done" if n < 96 else "open"}],
        "proposed_topics": [{"text": f"Hvordan virker {words.any(public)}?", "status": "done" if n < 96 else "open"}],
    }
    if not public:
        meta["public_summary"] = "Vi talte om budgettet og om nye regler for ferie. " + words.sentences(1, True)
    body = "".join(f"### Nyt om {words.any(public)}\n\n{words.sentences(3, public)}\n{words.sentences(4, public)}\n\n"
                   for _ in range(5))
    return "---\n" + _yaml(meta) + "---\n" + body


def write_meetings(root: Path, words: Words, rng: random.Random, count: int = 100) -> None:
    """`count` meetings, four a year, the last ones in 2026 (the last one still ahead on 1 December 2026)."""
    folder = root / "cafe_meetings"
    folder.mkdir(parents=True)
    first = 2027 - (count + 3) // 4
    for n in range(count):
        day = dt.date(first + n // 4, 3 * (n % 4) + 3, 10)
        (folder / f"{day.isoformat()}.md").write_text(meeting_file(n, day, words, rng), encoding="utf-8")


def write_pages(root: Path, words: Words, count: int = 10) -> None:
    """The repository's own pages and `count` theme pages with running text."""
    shutil.copytree(ROOT / "pages", root / "pages")
    for n in range(count):
        body = "".join(f"## Del {k + 1}\n\n{words.sentences(6, True)}\n\n{words.sentences(6, True)}\n\n"
                       for k in range(6))
        text = f"---\ntitle: Tema {n + 1}\nsection: Temaer\nnav_order: {70 + n}\n---\n# Tema {n + 1}\n\n{body}"
        (root / "pages" / f"tema-{n + 1}.md").write_text(text, encoding="utf-8")


def make_project(dest: Path, terms: int, seed: int = 7) -> Path:
    """Write a complete project with `terms` glossary terms into an empty or missing folder `dest`."""
    if dest.exists() and any(dest.iterdir()):
        raise SystemExit(f"{dest} is not empty.")
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("klarsprog.yml", "mkdocs.yml"):
        shutil.copy(ROOT / name, dest / name)
    rng = random.Random(seed)
    entries = glossary_entries(terms, rng)
    _link(entries, rng)
    write_glossary(dest, entries)
    words = Words(entries, rng)
    write_budget(dest, words, rng)
    write_meetings(dest, words, rng)
    write_pages(dest, words)
    return dest


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="Write a synthetic municipality for the benchmark.")
    p.add_argument("dest", type=Path)
    p.add_argument("--terms", type=int, default=2000)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    make_project(args.dest, args.terms, args.seed)
    print(f"Wrote {args.dest} with {args.terms} terms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
