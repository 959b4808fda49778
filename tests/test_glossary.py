"""The glossary: reading and checking the term files, Danish order, the page and the downloads."""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from conftest import ROOT, write_files
from klarsprog.config import load_project
from klarsprog.gate import Text, Vocabulary, judge
from klarsprog.parts import glossary
from klarsprog.parts.glossary import page as glossary_page
from klarsprog.pipeline import Context, gate
from klarsprog.site import Output
from klarsprog.text.extract import extract, lines_of

GOLDEN = ROOT / "tests" / "golden" / "ordbog"
DEF = "En kort forklaring med almindelige ord."


def load(root: Path):
    project, problems = load_project(root)
    assert project is not None, problems
    return project, *glossary.load(project)


def entry(term: str, definition: str = DEF, **more) -> str:
    """A small glossary file; values in `more` are written as they are."""
    lines = [f"term: {term}", f"definition: {definition}"] + [f"{k}: {v}" for k, v in more.items()]
    return "\n".join(lines) + "\n"


def test_the_repository_glossary_is_valid_complete_and_readable():
    project, state, found = load(ROOT)
    assert [f for f in found if f.level == "error"] == []
    assert len(state.entries) >= 100
    assert all(e.example.startswith("Eksempel:") for e in state.entries)
    required = ("budgetår, overslagsår, budgetforslag, 1. behandling, 2. behandling, vedtaget budget, "
                "korrigeret budget, tillægsbevilling, overførsel, budgetopfølgning, drift, anlæg, "
                "serviceudgifter, overførselsudgifter, rammestyring, demografiregulering, "
                "pris- og lønfremskrivning, udskrivningsprocent, grundskyld, bloktilskud, udligning, "
                "økonomiaftalen, serviceramme, anlægsloft, kassebeholdning, likviditet, regnskab, årsregnskab, "
                "revision, afskrivning, hovedkonto, den autoriserede kontoplan, årsværk, normering, "
                "overenskomst, pension, feriepenge, sygefravær, lønsum").split(", ")
    assert [name for name in required if glossary.lookup(state, name) is None] == []
    _, hits = gate(glossary.texts(state), Vocabulary(glossary.vocabulary(state)))
    assert [h.format() for h in hits if h.level == "error"] == []


def test_terms_sort_in_danish_alphabetical_order(empty_project):
    names = ["åbning", "ægte", "Zone", "øre", "anlæg", "Budget", "1. behandling", "aftale"]
    write_files(empty_project, {f"glossary/t{i}.yml": entry(n) for i, n in enumerate(names)})
    _, state, found = load(empty_project)
    assert found == []
    groups = glossary_page.groups_of(state.entries)
    order = [e.term for g in groups for e in g.entries]
    assert order == ["1. behandling", "aftale", "anlæg", "Budget", "Zone", "ægte", "øre", "åbning"]
    assert sorted(["æ", "ø", "å"]) == ["å", "æ", "ø"]  # why plain sorting is not enough
    assert [g.label for g in groups] == ["0–9", "A", "B", "Z", "Æ", "Ø", "Å"]
    assert [g.anchor for g in groups][-3:] == ["bogstav-ae", "bogstav-oe", "bogstav-aa"]
    bar = {label: href for label, href, _ in glossary_page.letter_bar(groups)}
    assert bar["Æ"] == "#bogstav-ae" and bar["C"] is None and list(bar)[-3:] == ["Æ", "Ø", "Å"]
    md = glossary_page.page_markdown(state.entries, "public", {"glossary_email": "ordbog@x.dk"})
    headings = [line.split("<a ")[0] for line in md.splitlines() if line.startswith("<h3 ")]
    assert headings[-3:] == ['<h3 id="aegte">Ægte', '<h3 id="oere">Øre', '<h3 id="aabning">Åbning']


# (what is wrong, files, expected (file, line, level, rule, words in the message))
CASES = [
    ("misspelt key", {"a.yml": entry("budget", exampel='"Eksempel: x"')},
     [("a.yml", 3, "error", "unknown-key", "Mente du 'example'?")]),
    ("missing definition", {"a.yml": "term: budget\nforms: [budgettet]\n"},
     [("a.yml", 1, "error", "missing-field", "'definition' mangler")]),
    ("duplicate key", {"a.yml": entry("budget") + "term: regnskab\n"},
     [("a.yml", 3, "error", "duplicate-key", "Nøglen 'term' står to gange (også i linje 1)")]),
    ("same term in two files, other case", {"a.yml": entry("Budget"), "b.yml": entry("plan", forms="[budget]")},
     [("a.yml", 1, "error", "duplicate-term", "glossary/b.yml (linje 3, ordet 'plan')"),
      ("b.yml", 3, "error", "duplicate-term", "glossary/a.yml (linje 1, ordet 'Budget')")]),
    ("same form twice in one file", {"a.yml": entry("budget", forms="[budgettet, Budgettet]")},
     [("a.yml", 3, "warning", "duplicate-form", "står allerede i filen")]),
    ("see_also to a missing term", {"a.yml": entry("budget", see_also="[budgetaar]"), "b.yml": entry("budgetår")},
     [("a.yml", 3, "error", "see-also-missing", "Mente du 'budgetår'?")]),
    ("see_also to itself", {"a.yml": entry("budget", forms="[budgettet]", see_also="[budgettet]")},
     [("a.yml", 4, "error", "see-also-self", "ordet selv")]),
    ("public term points at internal term",
     {"a.yml": entry("budget", see_also="[lukkedag]"), "b.yml": entry("lukkedag", audience="internal")},
     [("a.yml", 3, "error", "see-also-internal", "kun står på intranettet")]),
    ("definition uses its own term", {"a.yml": entry("budget", "En plan. Et budget viser penge.")},
     [("a.yml", 2, "error", "definition-circular", "\"budget\"")]),
    ("definition of four sentences", {"a.yml": entry("budget", "En. To. Tre. Fire.")},
     [("a.yml", 2, "error", "definition-length", "4 sætninger")]),
    ("forms of the wrong type", {"a.yml": entry("budget", forms="{a: 1}")},
     [("a.yml", 3, "error", "wrong-type", "'forms' skal være en liste")]),
    ("invalid review date", {"a.yml": entry("budget", reviewed="2026-13-40")},
     [("a.yml", 3, "error", "wrong-type", "gyldig dato")]),
    ("unknown audience", {"a.yml": entry("budget", audience="alle")},
     [("a.yml", 3, "error", "wrong-type", "public, internal")]),
    ("heading in details", {"a.yml": entry("budget", details="|\n  # Mere\n  Tekst.")},
     [("a.yml", 3, "error", "details-heading", "overskrifter")]),
    ("two terms with the same address", {"a.yml": entry("år"), "b.yml": entry("aar")},
     [("b.yml", 1, "error", "anchor-clash", "#aar")]),
    ("category typo", {"a.yml": entry("a1", category="budget"), "b.yml": entry("a2", category="budget"),
                       "c.yml": entry("a3", category="budgett")},
     [("c.yml", 3, "warning", "category-typo", "Mente du 'budget'?")]),
    ("file that is not YAML", {"a.yml": entry("budget"), "noter.txt": "hej"},
     [("noter.txt", 1, "warning", "not-yaml", "ikke brugt")]),
]


@pytest.mark.parametrize("files, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_mistakes_are_reported_with_file_line_and_a_danish_hint(empty_project, files, expected):
    write_files(empty_project, {f"glossary/{name}": text for name, text in files.items()})
    _, _, found = load(empty_project)
    got = [(Path(f.path).name, f.line, f.level, f.rule, f.message) for f in found]
    assert [g[:4] for g in got] == [e[:4] for e in expected], got
    for (*_, message), (*_, words) in zip(got, expected):
        assert words in message


def test_check_file_judges_a_draft_against_the_projects_glossary(empty_project, tmp_path):
    write_files(empty_project, {"glossary/budget.yml": entry("budget")})
    draft = tmp_path / "kladde.yml"
    draft.write_text(entry("plan", forms="[Budget]", see_also="[budget, regnskab]"), encoding="utf-8")
    project, state, _ = load(empty_project)
    texts, found = glossary.check_file(draft, project, Context(project, "intranet", {"glossary": state}))
    assert [(f.line, f.rule) for f in found] == [(3, "duplicate-term"), (4, "see-also-missing")]
    assert "glossary/budget.yml" in found[0].message
    assert [t.content_type for t in texts] == ["glossary"]


def test_definition_example_and_details_reach_the_gate_with_their_lines(empty_project):
    text = "term: budget\ndefinition: >-\n  En plan for penge.\n  Jf. loven.\nexample: \"Eksempel: Et år.\"\n"
    write_files(empty_project, {"glossary/budget.yml": text})
    _, state, _ = load(empty_project)
    _, hits = gate(glossary.texts(state), Vocabulary(glossary.vocabulary(state)))
    assert [(Path(h.path).name, h.line, h.col, h.rule) for h in hits] == [("budget.yml", 4, 3, "abbreviation")]


def test_terms_the_glossary_explains_are_not_flagged_as_long_words(empty_project):
    word = "praktikpladsfordelingsmodellen"
    write_files(empty_project, {"glossary/p.yml": entry("praktikpladsfordelingsmodel", forms=f"[{word}]")})
    _, state, _ = load(empty_project)
    text = Text(Path("side.md"), "page", extract(lines_of(f"Vi bruger {word} i år.")))
    assert [h.rule for h in judge(text, Vocabulary())[1]] == ["long-compound"]
    assert judge(text, Vocabulary(glossary.vocabulary(state)))[1] == []


def test_names_and_vocabulary_hold_every_term_and_form_in_lower_case(empty_project):
    write_files(empty_project, {"glossary/k.yml": entry("Korrigeret budget", forms="[Det korrigerede budget]")})
    _, state, _ = load(empty_project)
    assert glossary.term_names(state) == {"korrigeret budget", "det korrigerede budget"}
    assert glossary.vocabulary(state) == frozenset(glossary.term_names(state))
    assert glossary.term_names(None) == set() and glossary.vocabulary(None) == frozenset()


def _small_glossary(root: Path):
    write_files(root, {
        "glossary/budget.yml": entry("budget", "Kommunens plan for penge i et år.",
                                     example='"Eksempel: Budgettet for 2027."', forms="[budgettet, budgetter]",
                                     see_also="[årsværk]", category="budget", reviewed="2026-12-03"),
        "glossary/aarsvaerk.yml": entry("årsværk", "Et års arbejde for én person på fuld tid.",
                                        example='"Skolen har 40 årsværk."', details="|\n  Deltid tæller mindre.",
                                        category="løn og personale", owner="Løn og Personale"),
        "glossary/lukkedag.yml": entry("lønsystemets lukkedag", "Den sidste dag, hvor løn kan nå med.",
                                       audience="internal", see_also="[årsværk]", category="løn og personale"),
    })
    return load(root)


@pytest.mark.parametrize("audience", ["public", "intranet"])
def test_glossary_page_matches_the_golden_file(empty_project, audience):
    project, state, found = _small_glossary(empty_project)
    assert found == []
    usage = {"budget": [("budget/index.md", "Budget 2027"), ("index.md", "Forside")]}
    md = glossary_page.page_markdown(state.for_audience(audience), audience, project.settings, usage)
    golden = GOLDEN / f"index-{audience}.md"
    if os.environ.get("KLARSPROG_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(md, encoding="utf-8")
    assert md == golden.read_text(encoding="utf-8")


def test_glossary_page_links_usage_and_mail_and_hides_internal_terms_from_the_public(empty_project):
    project, state, _ = _small_glossary(empty_project)
    outputs = {}
    for audience in ("public", "intranet"):
        outputs[audience] = Output(audience)
        glossary.render(state, outputs[audience], Context(project, audience, {"glossary": state}))
        glossary.add_usage(state, outputs[audience], {"budget": [("budget/omraader/skole.md", "Skole")]})
    public = outputs["public"].pages[0].markdown
    assert "lukkedag" not in public and "Løn og Personale" not in public
    assert 'Bruges på: <a href="../budget/omraader/skole/">Skole</a>.' in public
    assert "mailto:ordbog@eksempelby.dk?subject=%C3%98konomisk%20ordbog%3A%20budget&amp;body=" in public  # in HTML: & written &amp;
    intranet = outputs["intranet"].pages[0].markdown
    assert '<h3 id="loensystemets-lukkedag">Lønsystemets lukkedag<a class="headerlink"' in intranet
    assert "Ansvarlig: Løn og Personale." in intranet


@pytest.mark.parametrize("audience, terms", [("public", ["budget", "årsværk"]),
                                             ("intranet", ["budget", "lønsystemets lukkedag", "årsværk"])])
def test_downloads_hold_exactly_the_entries_of_their_audience(empty_project, audience, terms):
    project, state, _ = _small_glossary(empty_project)
    output = Output(audience)
    glossary.render(state, output, Context(project, audience, {"glossary": state}))
    files = {a.path: a.data for a in output.assets}
    data = json.loads(files["ordbog/ordbog.json"].decode("utf-8"))
    assert [t["term"] for t in data["terms"]] == terms and data["count"] == len(terms)
    assert data["terms"][0]["url"] == f"{project.url(audience)}ordbog/#budget"
    rows = list(csv.DictReader(io.StringIO(files["ordbog/ordbog.csv"].decode("utf-8"))))
    assert [r["term"] for r in rows] == terms
    assert tuple(rows[0]) == glossary_page.CSV_COLUMNS
    assert rows[0]["forms"] == "budgettet; budgetter"
    owners = {r["term"]: r["owner"] for r in rows}
    assert owners["årsværk"] == ("Løn og Personale" if audience == "intranet" else "")


def test_remembered_glossary_pages_are_the_same_and_follow_new_usage(empty_project, tmp_path):
    from klarsprog.memo import Memory

    project, state, _ = _small_glossary(empty_project)
    usage = {"budget": [("budget/index.md", "Budget 2027")]}
    expected = glossary_page.pages(state.entries, "intranet", project.settings, usage)
    memory = Memory(tmp_path / "pages.pickle")
    assert [p.markdown for p in glossary_page.pages(state.entries, "intranet", project.settings, usage, memory)] == \
        [p.markdown for p in expected]
    memory.save()
    again = glossary_page.pages(state.entries, "intranet", project.settings, usage, Memory(tmp_path / "pages.pickle"))
    assert [(p.path, p.title, p.markdown, p.in_nav) for p in again] == \
        [(p.path, p.title, p.markdown, p.in_nav) for p in expected]
    moved = {"budget": [("cafemoeder/index.md", "Cafémøder")]}
    changed = glossary_page.pages(state.entries, "intranet", project.settings, moved, Memory(tmp_path / "pages.pickle"))
    assert 'Bruges på: <a href="../cafemoeder/">Cafémøder</a>.' in changed[0].markdown


def test_the_glossary_pages_are_made_once_per_site_and_still_guarded(tmp_path, monkeypatch):
    """The pages are made after term linking (they list where each term is used); the guards on what a
    site shows still read them: personal data in a term is reported on its page, not only in the JSON."""
    from conftest import copy_project
    from klarsprog import privacy
    from klarsprog.pipeline import finish_audience, load_all

    root = copy_project(tmp_path / "proj")
    path = root / "glossary" / "1-behandling.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("category: budget", "details: Ring til 23 45 67 89.\n"
                                                             "category: budget"), encoding="utf-8")
    made, scanned = [], []
    pages, scan = glossary_page.pages, privacy.scan
    monkeypatch.setattr(glossary_page, "pages", lambda *a, **k: made.append(a[1]) or pages(*a, **k))
    monkeypatch.setattr(privacy, "scan", lambda output, *a: scanned.extend(
        p.markdown for p in output.pages if p.path == "ordbog/index.md") or scan(output, *a))
    loaded = load_all(load_project(root)[0])
    output, found = finish_audience(loaded, "public", [])
    assert made == ["public"]
    assert any("Bruges på:" in markdown and "23 45 67 89" in markdown for markdown in scanned), "not guarded"
    phone = [f for f in found if f.rule == "personal-phone"]
    assert len(phone) == 3 and {(f.path, f.line) for f in phone} == {(str(path), 8)}  # page, JSON and CSV
    page = next(p for p in output.pages if p.path == "ordbog/index.md")
    assert "Ring til 23 45 67 89." in page.markdown and "Bruges på:" in page.markdown


def test_the_guards_read_the_authors_text_on_the_glossary_pages_but_not_the_html_klarsprog_wrote(tmp_path):
    """On the glossary's pages the checks for active content and links skip the headings, forms and
    see-also/"Bruges på" links that Klarsprog made itself, and still read what the authors wrote."""
    from conftest import copy_project
    from klarsprog.pipeline import guards
    from klarsprog.site import Output, Page

    project = load_project(copy_project(tmp_path / "proj"))[0]
    made = ('<h3 id="budget">Budget<a class="headerlink" href="#budget" title="Link til dette afsnit">&para;</a></h3>'
            '\n\nKommunens plan.\n\n<p class="kl-meta">Se også: <a href="../mangler/#x">X</a>.</p>\n\n')
    written = "Læs [reglerne](../findes-ikke.md) og <a href=\"javascript:alert(1)\">her</a>.\n\n"
    page = Page("ordbog/index.md", "Ordbog", made + written, content_type="glossary", link_terms=False)
    output = Output("intranet", [page, Page("index.md", "Forside", "Hej.")], [])
    found = guards(project, output, [page], [], None, generated=True)
    assert sorted(f.rule for f in found) == ["broken-link", "unsafe-link"]
    assert "findes-ikke" in next(f.message for f in found if f.rule == "broken-link")
    assert sorted(f.rule for f in guards(project, output, [page], [], None)) == ["broken-link", "broken-link",
                                                                                  "unsafe-link"]


@pytest.mark.parametrize("path", ["index.md", "budget/index.md", "budget/omraader/skole.md", "ordbog/index.md",
                                  "ordbog/b.md", "cafemoeder/2026-03-12.md", "tema æ.md", "ordbog/ordbog.csv"])
@pytest.mark.parametrize("here", ["ordbog/index.md", "ordbog/b.md"])
def test_the_glossarys_html_links_have_the_addresses_mkdocs_gives_markdown_links(path, here):
    """The glossary writes its links as HTML (held aside while Markdown converts): the same addresses."""
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    def url(p):
        return File(p, "docs", "site", use_directory_urls=True).url

    expected = "" if path == here else get_relative_url(url(path), url(here))
    assert glossary_page._to(path, here) == expected
