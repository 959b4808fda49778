"""A large glossary gets a page per letter; every link to a term still lands on its explanation."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import run_cli, write_files
from klarsprog.config import load_project
from klarsprog.parts import glossary
from klarsprog.parts.glossary import page as glossary_page

TERMS = {  # term -> (definition, see_also)
    "aftale": ("Når to parter bliver enige om penge.", "[budget]"),
    "anlæg": ("Penge til at bygge og købe ting, der holder i mange år.", "[]"),
    "budget": ("Kommunens plan for penge i et år.", "[aftale, økonomiudvalg]"),
    "bloktilskud": ("Penge, som staten giver til kommunen hvert år.", "[]"),
    "økonomiudvalg": ("Det udvalg, der styrer kommunens penge.", "[]"),
}
PAGE = "# Om budgettet\n\nDet nye budget bygger på en aftale med staten. Her er en kort tekst til alle.\n"


@pytest.fixture
def big(empty_project: Path) -> Path:
    """A glossary over the one-page limit (set to 3 here, 400 by default)."""
    config = empty_project / "klarsprog.yml"
    config.write_text(config.read_text(encoding="utf-8") + "glossary_one_page_max: 3\n", encoding="utf-8")
    files = {f"glossary/t{i}.yml": f"term: {t}\ndefinition: {d}\nsee_also: {s}\n"
             for i, (t, (d, s)) in enumerate(TERMS.items())}
    write_files(empty_project, {**files, "pages/om-budget.md": PAGE})
    done = run_cli(empty_project)
    assert done.returncode == 0, done.stdout + done.stderr
    return empty_project


def page_of(site: Path, url: str) -> str:
    path = site / url.split("#")[0] / "index.html" if not url.split("#")[0].endswith(".html") else site / url
    return path.read_text(encoding="utf-8")


def test_up_to_the_limit_the_glossary_is_one_page_and_above_it_a_page_per_letter(empty_project):
    project = load_project(empty_project)[0]
    write_files(empty_project, {f"glossary/t{i}.yml": f"term: {t}\ndefinition: {d}\n"
                                for i, (t, (d, _)) in enumerate(TERMS.items())})
    entries = glossary.load(project)[0].entries
    settings = dict(project.settings, glossary_one_page_max=len(entries))
    assert [p.path for p in glossary_page.pages(entries, "public", settings)] == ["ordbog/index.md"]
    settings["glossary_one_page_max"] = len(entries) - 1
    pages = glossary_page.pages(entries, "public", settings)
    assert [p.path for p in pages] == ["ordbog/index.md", "ordbog/a.md", "ordbog/b.md", "ordbog/oe.md"]
    assert [p.in_nav for p in pages] == [True, False, False, False]
    assert [p.title for p in pages[1:]] == ["Økonomisk ordbog: A", "Økonomisk ordbog: B", "Økonomisk ordbog: Ø"]


def test_the_front_page_lists_the_letters_and_each_letter_page_its_terms(big):
    site = big / "site" / "public"
    front = page_of(site, "ordbog/")
    assert "Ordbogen har 5 ord." in front and "Kommunens plan for penge" not in front
    assert re.search(r'<a href="b/">B: 2 ord</a>', front), "the list of letters links to the letter pages"
    letter = page_of(site, "ordbog/b/")
    assert '<h3 id="budget">Budget' in letter and '<h3 id="bloktilskud">Bloktilskud' in letter
    assert '<h3 id="aftale">' not in letter
    assert '<a href="./" aria-current="page">B</a>' in letter and '<a href="../a/">A</a>' in letter
    assert '<span aria-disabled="true">C</span>' in letter
    assert "<title>Økonomisk ordbog: B" in letter


def test_every_link_to_a_term_lands_on_its_explanation(big):
    """Term links on other pages, see-also links between letters and the downloads' addresses."""
    site = big / "site" / "public"
    checked = 0
    for path in site.rglob("index.html"):
        base = "/" + path.parent.relative_to(site).as_posix() + "/"
        for href in re.findall(r'<a class="kl-term" href="([^"]+)"', path.read_text(encoding="utf-8")):
            target = urljoin(base.replace("//", "/"), html.unescape(href))
            page, anchor = target.split("#")
            assert f'id="{anchor}"' in page_of(site, page.strip("/")), (path, href)
            checked += 1
    assert checked >= 2
    budget = page_of(site, "ordbog/b/")
    assert '<a href="../a/#aftale">Aftale</a>' in budget and '<a href="../oe/#oekonomiudvalg">Økonomiudvalg</a>' in budget
    assert "Bruges på: " in budget and '<a href="../../om-budget/">Om budgettet</a>' in budget
    data = json.loads((site / "ordbog" / "ordbog.json").read_text(encoding="utf-8"))
    project = load_project(big)[0]
    assert {t["term"]: t["url"] for t in data["terms"]}["budget"] == f"{project.url('public')}ordbog/b/#budget"


def test_letter_pages_stay_out_of_the_navigation_but_are_searchable(big):
    site = big / "site" / "intranet"
    front = page_of(site, "")
    assert "Økonomisk ordbog: B" not in front
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert "ordbog/b/#budget" in {d["location"] for d in docs}


def test_the_gate_judges_the_glossary_as_a_whole_not_each_letter(sample_project):
    """The repository's glossary passes; split into letters, a letter with few terms must not fail alone."""
    config = sample_project / "klarsprog.yml"
    config.write_text(config.read_text(encoding="utf-8") + "glossary_one_page_max: 30\n", encoding="utf-8")
    done = run_cli(sample_project)
    assert done.returncode == 0, done.stdout
    assert "ordbog/" not in done.stdout
    readability = page_of(sample_project / "site" / "intranet", "laesbarhed/")
    assert readability.count(">Økonomisk ordbog</a></td>") == 1 and "Økonomisk ordbog: B" not in readability
