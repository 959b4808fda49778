"""No leaks: what is internal, a draft or personal never reaches site/public.

Unique markers are planted in internal glossary terms, internal meetings (notes, agenda, questions,
topics, calendar data), a draft meeting, an internal page and an internal budget story. After a real
build, every file under site/public is searched (HTML, search index, sitemap, JSON, CSV, calendar files
and the PDF's text), and the intranet is checked to carry what belongs there.
"""
from __future__ import annotations

import functools
import gzip
import io
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import copy_project, run_cli, write_files

TODAY = "2026-11-01"  # the internal meeting below is upcoming, the other one is past
ONLY_INTRANET = {  # marker -> files on the intranet that must carry it
    "GLOSSAR7Q": ["ordbog/index.html", "ordbog/ordbog.json", "ordbog/ordbog.csv", "search/search_index.json"],
    "TOOLTIP9K": ["laekage-offentlig/index.html"],
    "EJER2E": ["ordbog/index.html", "ordbog/ordbog.json", "ordbog/ordbog.csv"],
    "CAFE4M": ["cafemoeder/2026-11-19/index.html", "cafemoeder/2026-11-19.ics", "cafemoeder/cafemoeder.ics",
               "cafemoeder/2026-11-19-dagsorden/index.html", "cafemoeder/emner/index.html"],
    "REFERAT6R": ["cafemoeder/2026-10-08/index.html"],
    "SIDE3P": ["side3p-intern/index.html", "search/search_index.json", "sitemap.xml", "sitemap.xml.gz",
               "ordbog/index.html"],  # the glossary's "Bruges på" names the internal page there
    "BUDGET5B": ["budget/omraader/sundhed/index.html", "budget/budget-2027.pdf"],
}
NOWHERE = ("UTKAST8D",)  # a draft meeting is on neither site
MEETING = ("---\ndate: {date}\nstart: \"14:00\"\nend: \"15:30\"\nplace: {place}\naudience: {audience}\n"
           "hosts:\n  - Økonomichef\n{extra}---\n{body}\n")
PLANTED = {
    "glossary/laekagemarkoer.yml": (
        "term: lækagemarkør glossar7q\n"
        "definition: Et ord kun for ansatte. LÆKAGEMARKØR-GLOSSAR7Q står i forklaringen.\n"
        "example: \"Eksempel: LÆKAGEMARKØR-GLOSSAR7Q i et eksempel.\"\n"
        "details: Mere om LÆKAGEMARKØR-GLOSSAR7Q.\n"
        "forms: [lækagemarkørerne glossar7q]\ncategory: emne glossar7q\nowner: Team GLOSSAR7Q\n"
        "audience: internal\n"),
    "glossary/tavsord.yml": "term: tavsord\ndefinition: Et ord kun for ansatte. LÆKAGEMARKØR-TOOLTIP9K.\naudience: internal\n",
    "glossary/ejerord.yml": "term: ejerord\ndefinition: Et ord for alle.\nowner: Team LÆKAGEMARKØR-EJER2E\n",
    "pages/laekage-offentlig.md": "---\ntitle: Offentlig side\n---\n# Offentlig side\n\nHer står tavsord og ejerord i en tekst.\n",
    "pages/side3p-intern.md": ("---\ntitle: Intern side SIDE3P\naudience: internal\n---\n# Intern side SIDE3P\n\n"
                                "Kun for ansatte: LÆKAGEMARKØR-SIDE3P. Her står budgettet.\n"),
    "cafe_meetings/2026-11-19.md": MEETING.format(
        date="2026-11-19", place="Lokale CAFE4M", audience="internal",
        extra=("title: Møde CAFE4M\nagenda:\n  - title: Punkt CAFE4M\n    presenter: Chef CAFE4M\n    minutes: 20\n"
               "    description: Om LÆKAGEMARKØR-CAFE4M.\nquestions:\n  - question: Hvad med CAFE4M?\n"
               "    answer: Svaret er CAFE4M.\ndecisions:\n  - Vi vælger CAFE4M.\nfollow_ups:\n"
               "  - text: Gør CAFE4M.\n    owner: Chef CAFE4M\n    status: open\nproposed_topics:\n"
               "  - text: Emnet CAFE4M.\n"),
        body="Referat: LÆKAGEMARKØR-CAFE4M."),
    "cafe_meetings/2026-10-08.md": MEETING.format(
        date="2026-10-08", place="Kantinen", audience="internal",
        extra="public_summary: Vi talte om budgettet.\nquestions:\n  - question: Hvad med REFERAT6R?\n",
        body="Referat: LÆKAGEMARKØR-REFERAT6R."),
    "cafe_meetings/2026-11-26.md": MEETING.format(
        date="2026-11-26", place="Kantinen UTKAST8D", audience="public", extra="draft: true\ntitle: Kladde UTKAST8D\n",
        body="Kladde: LÆKAGEMARKØR-UTKAST8D."),
    "budget/historier/sundhed.md": ("---\ntitle: Et sundt liv BUDGET5B\naudience: internal\n---\n"
                                    "Pengene går til træning og tandpleje. LÆKAGEMARKØR-BUDGET5B.\n"),
}


@functools.lru_cache(maxsize=None)
def readable(path: Path) -> str:
    """A file's text as a reader or a program would get it: PDFs as text, gzip unpacked, ics unfolded."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if path.suffix == ".pdf":
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages) + str(reader.metadata or "")
    else:
        text = data.decode("utf-8", errors="ignore")
    text = re.sub(r"\r?\n[ \t]", "", text)  # calendar lines are folded at 75 octets
    return text + "\n" + re.sub(r"[\s\u00ad-]+", "", text)  # and PDF text may break inside a word


def holds(path: Path, marker: str) -> bool:
    return marker.lower() in readable(path).lower()


def test_internal_content_never_reaches_the_public_site_but_the_intranet_has_it(tmp_path):
    """One build (tests on other workers would each build it again), three checks."""
    planted = copy_project(tmp_path / "proj")
    write_files(planted, PLANTED)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KLARSPROG_TODAY", TODAY)
        result = run_cli(planted)
    assert result.returncode == 0, result.stdout + result.stderr
    markers_are_in_no_public_file(planted)
    intranet_carries_what_belongs_there_and_no_draft(planted)
    public_site_shows_the_summary_but_neither_the_notes_nor_the_tooltip(planted)


def markers_are_in_no_public_file(planted: Path) -> None:
    files = sorted(p for p in (planted / "site" / "public").rglob("*") if p.is_file())
    kinds = {p.suffix for p in files}
    assert {".html", ".json", ".csv", ".ics", ".pdf", ".xml", ".gz"} <= kinds, kinds
    leaks = [f"{p.relative_to(planted)}: {m}" for p in files for m in [*ONLY_INTRANET, *NOWHERE] if holds(p, m)]
    assert not leaks, "internal content on the public site:\n" + "\n".join(leaks)


def intranet_carries_what_belongs_there_and_no_draft(planted: Path) -> None:
    site = planted / "site" / "intranet"
    missing = [f"{rel}: {m}" for m, rels in ONLY_INTRANET.items() for rel in rels if not holds(site / rel, m)]
    assert not missing, "missing on the intranet:\n" + "\n".join(missing)
    drafts = [str(p.relative_to(planted)) for p in site.rglob("*") if p.is_file() for m in NOWHERE if holds(p, m)]
    assert not drafts, drafts


def public_site_shows_the_summary_but_neither_the_notes_nor_the_tooltip(planted: Path) -> None:
    public = planted / "site" / "public"
    assert holds(public / "cafemoeder" / "2026-10-08" / "index.html", "Vi talte om")
    page = (public / "laekage-offentlig" / "index.html").read_text(encoding="utf-8")
    assert "tavsord" in page and 'kl-def-tavsord' not in page  # the word stays, its internal tooltip does not


# --- the personal-data guard, through the real build --------------------------------------------------

PERSONAL = {  # file -> (text, line of the personal data, rule); all public content
    "pages/persondata.md": "---\ntitle: Persondata\n---\n# Persondata\n\n{}\n",
    "glossary/persondata.yml": "term: persondataord\ndefinition: {}\n",
    "budget/historier/sundhed.md": "Pengene går til træning.\n\n{}\n",
    "cafe_meetings/2027-03-11.md": MEETING.format(date="2027-03-11", place="Kantinen", audience="public",
                                                  extra="questions:\n  - question: \"{}\"\n", body="Et referat."),
    "cafe_meetings/2026-10-08.md": MEETING.format(date="2026-10-08", place="Kantinen", audience="internal",
                                                  extra="public_summary: \"{}\"\n", body="Et referat."),
}
CASES = [  # (file, a sentence, the personal data in it, rule)
    ("pages/persondata.md", "Borgerens CPR-nummer er {}.", "070761-4285", "personal-cpr"),  # passes modulus 11
    ("glossary/persondata.yml", "Et nummer som {} stod i sagen.", "120385-1237", "personal-cpr"),  # fails it
    ("budget/historier/sundhed.md", "Skriv til {} om det.", "jens.hansen@example.com", "personal-email"),
    ("cafe_meetings/2027-03-11.md", "Må jeg ringe til lederen på {}?", "20 30 40 50", "personal-phone"),
    ("cafe_meetings/2026-10-08.md", "Ring på {} for at høre mere.", "+45 87 65 43 21", "personal-phone"),
]


def test_the_personal_data_guard_stops_the_build_for_each_planted_case(built_repo, tmp_path):
    root = tmp_path / "proj"
    shutil.copytree(built_repo, root, ignore=shutil.ignore_patterns(".lock"))
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    files = {rel: PERSONAL[rel].format(sentence.format(value)) for rel, sentence, value, _ in CASES}
    files["pages/intern-persondata.md"] = "---\naudience: internal\n---\n# Intern\n\nRing til HR på 20 30 40 50.\n"
    write_files(root, files)
    result = run_cli(root)
    assert result.returncode == 1, result.stdout + result.stderr
    for rel, _, value, rule in CASES:
        line = files[rel][:files[rel].index(value)].count("\n") + 1
        hits = [ln for ln in result.stdout.splitlines() if ln.startswith(f"{rel}:{line}:") and f" fejl {rule}: " in ln]
        assert hits, f"{rule} in {rel}:{line} was not reported\n{result.stdout}"
        assert value not in hits[0], hits[0]  # the message masks what it found
    assert "intern-persondata" not in result.stdout  # the intranet may show a colleague's number
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before
