"""A synthetic municipality for the benchmark: N glossary terms, 40 budget areas and 100 café meetings.

Usage: python scripts/bench_content.py DEST --terms 2000

Everything is made from the word lists below with a fixed seed, so the same size gives the same
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

# (first half of a compound, what it is about): 'skole' + 'budget' = 'skolebudget', 'budget til skoler'.
PREFIXES = [
    ("skole", "skoler"), ("børnehave", "børnehaver"), ("vuggestue", "vuggestuer"), ("klub", "klubber"),
    ("plejehjems", "plejehjem"), ("hjemmeplejens", "hjemmeplejen"), ("biblioteks", "biblioteker"),
    ("museums", "museer"), ("svømmehal", "svømmehaller"), ("idrætshal", "idrætshaller"), ("park", "parker"),
    ("skov", "skove"), ("strand", "strande"), ("havne", "havnen"), ("vej", "veje"), ("cykelsti", "cykelstier"),
    ("bro", "broer"), ("bus", "busser"), ("kloak", "kloakker"), ("vand", "vand"), ("affalds", "affald"),
    ("genbrugs", "genbrug"), ("brand", "brandvæsnet"), ("rådhus", "rådhuset"), ("kantine", "kantinen"),
    ("sundheds", "sundhed"), ("tandpleje", "tandplejen"), ("jobcenter", "jobcentret"), ("natur", "naturen"),
    ("miljø", "miljøet"), ("klima", "klimaet"), ("kultur", "kulturen"), ("musikskole", "musikskolen"),
    ("ungdomsskole", "ungdomsskolen"), ("sfo", "fritidsordninger"), ("dagpleje", "dagplejen"),
    ("bolig", "boliger"), ("lejligheds", "lejligheder"), ("byggesags", "byggesager"), ("lokale", "lokaler"),
    ("bygnings", "bygninger"), ("energi", "energi"), ("varme", "varme"), ("el", "strøm"), ("lys", "lys i gaderne"),
    ("sne", "snerydning"), ("grus", "grusveje"), ("fortovs", "fortove"), ("torve", "torve"), ("parkerings", "parkering"),
    ("løn", "løn"), ("ferie", "ferie"), ("kursus", "kurser"), ("elev", "elever"), ("praktik", "praktik"),
    ("senior", "ældre ansatte"), ("vikar", "vikarer"), ("ansættelses", "nye ansatte"), ("pensions", "pension"),
    ("sygefraværs", "sygefravær"), ("trivsels", "trivsel"), ("arbejdsmiljø", "arbejdsmiljøet"), ("it", "computere"),
    ("telefon", "telefoner"), ("post", "post"), ("arkiv", "arkivet"), ("borger", "borgere"), ("forenings", "foreninger"),
    ("frivilligheds", "frivillige"), ("handicap", "handicap"), ("børne", "børn"), ("familie", "familier"),
    ("unge", "unge"), ("ældre", "ældre"), ("landsby", "landsbyer"), ("midtby", "midtbyen"), ("turist", "turister"),
    ("erhvervs", "firmaer"), ("skat", "skat"), ("kirke", "kirker"), ("valg", "valg"),
]
# (second half, its forms as endings, what it means, category). '-' means: the same as the term.
BASES = [
    ("budget", ("tet", "ter", "terne"), "En plan for de penge, vi har", "budget"),
    ("konto", ("en", "-", "ene"), "Et sted i regnskabet, hvor vi skriver penge ind og ud", "regnskab"),
    ("pulje", ("n", "r", "rne"), "En sum penge, som man kan søge om", "finansiering"),
    ("tilskud", ("det", "-", "dene"), "Penge, som vi giver eller får", "finansiering"),
    ("regnskab", ("et", "er", "erne"), "En liste over, hvad vi faktisk brugte", "regnskab"),
    ("ramme", ("n", "r", "rne"), "Den største sum, vi må bruge", "budget"),
    ("takst", ("en", "er", "erne"), "Den pris, borgerne betaler", "finansiering"),
    ("afgift", ("en", "er", "erne"), "Et beløb, man skal betale", "finansiering"),
    ("lån", ("et", "-", "ene"), "Penge, vi låner og betaler tilbage", "finansiering"),
    ("lønsum", ("men", "mer", "merne"), "Den løn, vi betaler i alt", "løn og personale"),
    ("bevilling", ("en", "er", "erne"), "Lov fra byrådet til at bruge penge", "budget"),
    ("udgift", ("en", "er", "erne"), "Penge, vi bruger", "budget"),
    ("indtægt", ("en", "er", "erne"), "Penge, vi får ind", "budget"),
    ("plan", ("en", "er", "erne"), "En tidsplan for, hvad vi gør", "styring"),
    ("aftale", ("n", "r", "rne"), "Det, vi er enige om med andre", "styring"),
    ("gæld", ("en", "-", "-"), "Det, vi skylder", "finansiering"),
    ("leder", ("en", "e", "ne"), "Den chef, der har ansvaret", "organisation"),
    ("team", ("et", "s", "ene"), "En gruppe ansatte, der arbejder sammen", "organisation"),
    ("råd", ("et", "-", "ene"), "En gruppe, der kommer med gode ideer", "organisation"),
    ("udvalg", ("et", "-", "ene"), "Politikere, der styrer et område", "organisation"),
    ("vagt", ("en", "er", "erne"), "Den tid, hvor en ansat er på arbejde", "løn og personale"),
    ("kontrakt", ("en", "er", "erne"), "En skriftlig aftale med et firma", "styring"),
    ("pris", ("en", "er", "erne"), "Det, noget koster", "finansiering"),
    ("kasse", ("n", "r", "rne"), "De penge, der står klar", "finansiering"),
    ("rapport", ("en", "er", "erne"), "En kort tekst med tal, som lederne læser", "styring"),
    ("mål", ("et", "-", "ene"), "Det, vi gerne vil nå", "styring"),
    ("norm", ("en", "er", "erne"), "Et tal for, hvor mange ansatte der skal være", "løn og personale"),
    ("opgave", ("n", "r", "rne"), "Noget, vi skal gøre", "styring"),
    ("projekt", ("et", "er", "erne"), "En stor opgave med en start og en slutning", "styring"),
    ("drift", ("en", "-", "-"), "De faste udgifter hver dag", "budget"),
    ("anlæg", ("get", "-", "gene"), "Penge til at bygge nyt", "budget"),
    ("bidrag", ("et", "-", "ene"), "En del af prisen, som nogen betaler", "finansiering"),
    ("gebyr", ("et", "er", "erne"), "En lille pris for en ydelse", "finansiering"),
    ("fond", ("en", "e", "ene"), "Penge, der er sat til side", "finansiering"),
    ("reserve", ("n", "r", "rne"), "Penge, vi gemmer til noget uventet", "budget"),
    ("besparelse", ("n", "r", "rne"), "Penge, vi ikke længere bruger", "budget"),
    ("måling", ("en", "er", "erne"), "En tælling af, hvordan det går", "styring"),
    ("tilsyn", ("et", "-", "ene"), "Et besøg, hvor nogen ser efter, at alt er i orden", "styring"),
    ("ansøgning", ("en", "er", "erne"), "Et brev, hvor man beder om penge eller lov", "styring"),
    ("kvote", ("n", "r", "rne"), "Den del, hver enkelt må få", "budget"),
    ("honorar", ("et", "er", "erne"), "Betaling for en opgave", "løn og personale"),
    ("overskud", ("det", "-", "dene"), "Penge, der er tilbage", "regnskab"),
    ("underskud", ("det", "-", "dene"), "Penge, der mangler", "regnskab"),
    ("faktura", ("en", "er", "erne"), "En regning", "regnskab"),
    ("indkøb", ("et", "-", "ene"), "Ting, vi køber", "regnskab"),
    ("lager", ("et", "-", "ene"), "Ting, vi har liggende", "regnskab"),
    ("statistik", ("ken", "ker", "kerne"), "Tal, der viser en udvikling", "styring"),
    ("prognose", ("n", "r", "rne"), "Et bud på, hvordan tallene bliver", "styring"),
    ("tillæg", ("get", "-", "gene"), "Ekstra løn for en særlig opgave", "løn og personale"),
    ("timetal", ("let", "-", "lene"), "Antal timer, der er sat af", "løn og personale"),
    ("husleje", ("n", "r", "rne"), "Det, vi betaler for at bo eller låne et hus", "finansiering"),
    ("forsikring", ("en", "er", "erne"), "Betaling, der dækker en skade", "finansiering"),
    ("skade", ("n", "r", "rne"), "Noget, der er gået i stykker", "regnskab"),
    ("tal", ("let", "-", "lene"), "Et beløb i en oversigt", "regnskab"),
    ("politik", ("ken", "ker", "kerne"), "Regler, som byrådet har vedtaget", "styring"),
    ("strategi", ("en", "er", "erne"), "En plan for mange år", "styring"),
    ("ordning", ("en", "er", "erne"), "En fast måde at gøre tingene på", "styring"),
    ("tjek", ("ket", "-", "kene"), "En kort kontrol", "styring"),
    ("oversigt", ("en", "er", "erne"), "En liste, der giver overblik", "styring"),
    ("analyse", ("n", "r", "rne"), "En grundig undersøgelse", "styring"),
    ("udbud", ("det", "-", "dene"), "Når firmaer giver et bud på en opgave", "styring"),
    ("leverandør", ("en", "er", "erne"), "Et firma, der sælger til os", "organisation"),
    ("frist", ("en", "er", "erne"), "Den dag, noget skal være klar", "styring"),
    ("møde", ("t", "r", "rne"), "En samling, hvor vi taler sammen", "organisation"),
    ("kursus", ("et", "=kurser", "=kurserne"), "Undervisning for ansatte", "løn og personale"),
    ("stilling", ("en", "er", "erne"), "Et job hos os", "løn og personale"),
    ("timeløn", ("nen", "=timelønninger", "=timelønningerne"), "Løn for hver time", "løn og personale"),
    ("overtid", ("en", "-", "-"), "Timer ud over den normale tid", "løn og personale"),
    ("pause", ("n", "r", "rne"), "Tid til at hvile sig", "løn og personale"),
    ("regel", ("en", "=regler", "=reglerne"), "Noget, man skal følge", "styring"),
    ("sag", ("en", "er", "erne"), "Et emne, som vi arbejder med", "organisation"),
    ("service", ("n", "-", "-"), "Det, borgerne får", "budget"),
    ("bil", ("en", "er", "erne"), "En bil, som de ansatte kører i", "regnskab"),
    ("beholdning", ("en", "er", "erne"), "Det, vi har i alt", "regnskab"),
    ("afregning", ("en", "er", "erne"), "Betaling mellem to steder", "regnskab"),
    ("vedligehold", ("et", "-", "-"), "Arbejde, der holder noget i stand", "budget"),
]
EXTRA = [
    "Tallet står i budgettet for hvert år.", "Byrådet bestemmer beløbet.", "Tallet kan ændre sig i årets løb.",
    "Lederen holder øje med det hver måned.", "Du kan se beløbet på intranettet.",
    "Pengene følger året og kan ikke gemmes.", "Vi tjekker det to gange om året.",
]
ROLES = ["Økonomichef", "HR-chef", "Budgetchef", "Lønchef", "Webredaktør", "Budgetkonsulent", "Lønkonsulent"]
SAY = [
    "{R} fortalte om {t}.", "Der er flere penge til {t} i år.", "Vi skal holde øje med {t} hver måned.",
    "Mange spurgte til {t}, og vi fik svar på mødet.", "{T} steg lidt i forhold til sidste år.",
    "Lederne vil gerne have en kort oversigt over {t}.", "Vi ser på {t} igen til næste møde.",
    "Det er svært at spare på {t}, sagde {r}.", "Tallene for {t} kommer i næste uge.",
    "Så er der {t} og {u}, som vi også skal tale om.", "Alle kan læse mere om {t} på intranettet.",
    "{R} viste en graf over {t}.", "Vi har brugt lidt mindre på {t} end planlagt.",
    "Nogle ansatte savner en bedre guide til {t}.",
]
# Sentences without a term. About half of all sentences: one term in every 15 words or so, four times
# as dense as the shipped sample content (one in 60), so term linking is tested hard.
PLAIN = [
    "Politikerne vil have et bedre overblik.", "Det gik godt i første halvdel af året.",
    "Det vigtige er at sige det tidligt.", "Mange havde gode spørgsmål til mødet.", "Der var kaffe og kage til alle.",
    "Flere ledere bad om en kort guide.", "Vi lægger referatet på intranettet i næste uge.",
    "Alle er velkomne til at sende et emne.", "Tallene ligner dem fra sidste år.", "Byrådet tager stilling i oktober.",
    "Vi prøver at gøre det mere enkelt.", "Der kom mange gode forslag.", "Næste skridt er at tale med afdelingerne.",
    "Det tager tid at lære et nyt system.", "Vi siger til, når vi ved mere.",
]
PLAIN_SHARE = 0.55
# Budget areas with short names: the booklet's front page lists them all and must stay easy to read.
AREAS = ("Skoler Klubber Veje Parker Skove Strande Havnen Broer Busser Vand Affald Genbrug Brand Kultur Natur Miljø "
         "Klima Sport Musik Kunst Ældre Unge Børn Job Ferie Løn Kurser Elever Vikarer Pension Trivsel IT Post Arkiv "
         "Kirker Valg Lys Sne Torve Huse Energi Varme").split()
COMMITTEES = ["Børne- og Skoleudvalget", "Sundheds- og Ældreudvalget", "Teknik- og Miljøudvalget",
              "Kultur- og Fritidsudvalget", "Økonomiudvalget", "Social- og Handicapudvalget"]
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
