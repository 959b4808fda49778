"""The glossary end to end: the real command line, and the two built sites of the repository."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

from conftest import run_cli, write_files
from klarsprog.config import load_project
from klarsprog.parts import glossary

GOOD = "term: budget\ndefinition: Kommunens plan for penge i et år.\n"


@pytest.mark.parametrize("files, expected", [
    ({"glossary/budget.yml": GOOD, "glossary/plan.yml": "term: plan\ndefinition: En plan.\nforms: [Budget]\n"},
     ["glossary/budget.yml:1:1: fejl duplicate-term: 'budget' hører også til et andet opslag: glossary/plan.yml",
      "glossary/plan.yml:3:9: fejl duplicate-term: 'Budget' hører også til et andet opslag: glossary/budget.yml"]),
    ({"glossary/budget.yml": GOOD + "term: regnskab\n"},
     ["glossary/budget.yml:3:1: fejl duplicate-key: Nøglen 'term' står to gange (også i linje 1)."]),
    ({"glossary/budget.yml": GOOD + "see_also: [regnskab]\n"},
     ["glossary/budget.yml:3:12: fejl see-also-missing: 'see_also' peger på 'regnskab', som ikke findes i ordbogen."]),
], ids=["duplicate term", "duplicate key", "dangling see-also"])
def test_the_build_fails_with_file_and_line(empty_project, files, expected):
    write_files(empty_project, files)
    result = run_cli(empty_project)
    assert result.returncode == 1, result.stdout + result.stderr
    for line in expected:
        assert line in result.stdout, result.stdout
    assert "Bygningen stoppede" in result.stdout
    assert not (empty_project / "site").exists()


def test_check_of_one_glossary_file_uses_the_projects_other_terms(empty_project, tmp_path):
    write_files(empty_project, {"glossary/budget.yml": GOOD})
    draft = tmp_path / "kladde.yml"
    draft.write_text("term: plan\ndefinition: En plan for året.\nsee_also: [budgettet]\n", encoding="utf-8")
    result = run_cli(empty_project, "check", "--type", "glossary", str(draft))
    assert result.returncode == 1
    assert "kladde.yml:3:12: fejl see-also-missing: 'see_also' peger på 'budgettet'" in result.stdout
    assert "Mente du 'budget'?" in result.stdout


@pytest.fixture(scope="module")
def repo_glossary(built_repo):
    project, _ = load_project(built_repo)
    state, found = glossary.load(project)
    return built_repo, state


def _site_files(root: Path):
    return [p for p in root.rglob("*") if p.is_file()]


def test_internal_terms_are_on_the_intranet_and_nowhere_on_the_public_site(repo_glossary):
    root, state = repo_glossary
    internal = [e for e in state.entries if e.audience == "internal"]
    assert internal, "the repository should have at least one internal term"
    intranet = (root / "site/intranet/ordbog/index.html").read_text(encoding="utf-8")
    public_texts = [p.read_bytes().decode("utf-8", "replace").lower() for p in _site_files(root / "site/public")]
    for e in internal:
        assert f'id="{e.anchor}"' in intranet
        words = [re.compile(rf"(?<!\w){re.escape(s.lower())}(?!\w)") for s in e.spellings]
        leaks = [w.pattern for w in words if any(w.search(t) for t in public_texts)]
        assert leaks == [], f"{e.term} leaks to site/public"


def test_a_term_on_a_budget_page_has_its_definition_as_tooltip_and_links_to_its_entry(repo_glossary):
    root, state = repo_glossary
    site = root / "site/public"
    page = next(p for p in sorted((site / "budget").rglob("index.html")) if 'class="kl-term"' in p.read_text("utf-8"))
    text = page.read_text(encoding="utf-8")
    href, anchor = re.search(r'<a class="kl-term" href="([^"#]*)#([^"]+)" aria-describedby="kl-def-\2"', text).groups()
    entry = next(e for e in state.entries if e.anchor == anchor)
    tip = re.search(rf'<span id="kl-def-{anchor}">(.*?)</span>', text).group(1)
    assert html.unescape(tip) == " ".join(entry.definition.split())
    assert re.search(r'<div class="kl-defs" hidden data-search-exclude>', text)
    url = page.relative_to(site).parent.as_posix() + "/"
    target = site / urljoin(url, href) / "index.html"
    assert target == site / "ordbog/index.html" and f'id="{anchor}"' in target.read_text(encoding="utf-8")


def test_search_finds_entries_by_any_form_and_ignores_the_hidden_definitions(repo_glossary):
    root, state = repo_glossary
    docs = json.loads((root / "site/public/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    budget = next(d for d in docs if d["location"] == "ordbog/#budget")
    assert all(form in budget["text"] for form in glossary.lookup(state, "budget").forms)
    definition = " ".join(glossary.lookup(state, "budget").definition.split())
    assert [d["location"] for d in docs if definition in d["text"]] == ["ordbog/#budget"]


def test_the_glossary_page_lists_where_terms_are_used_and_offers_mail_and_downloads(repo_glossary):
    root, state = repo_glossary
    page = (root / "site/public/ordbog/index.html").read_text(encoding="utf-8")
    assert re.search(r'Bruges på: <a href="\.\./budget/', page)
    mails = re.findall(r'href="mailto:([^"?]+)\?subject=([^"&]+)', page)
    assert ("ordbog@eksempelby.dk", "Forslag til Økonomisk ordbog") in [(a, unquote(s)) for a, s in mails]
    assert len(mails) == len(state.for_audience("public")) + 1
    for name in ("ordbog.json", "ordbog.csv"):
        assert f'href="{name}"' in page and (root / "site/public/ordbog" / name).exists()
    public = json.loads((root / "site/public/ordbog/ordbog.json").read_text(encoding="utf-8"))
    assert {t["term"] for t in public["terms"]} == {e.term for e in state.for_audience("public")}


def test_the_glossary_pages_lix_is_that_of_the_definitions_it_shows():
    """The Læsbarhed page scores the glossary page on its definitions, examples and details (the
    words a reader reads), not on the headings, mail links and "Bruges på" lists around them."""
    from klarsprog.gate import Vocabulary
    from klarsprog.parts.glossary.entry import text_of
    from klarsprog.pipeline import gate, load_all, page_texts, render_audience
    from klarsprog.text.lix import Counts, counts
    from klarsprog.text.segment import sentences

    project, _ = load_project(Path(__file__).resolve().parents[1])
    loaded = load_all(project)
    reports, _ = gate(page_texts(render_audience(loaded, "intranet")), Vocabulary())
    report = next(r for r in reports if r.path.endswith("ordbog/index.md"))
    expected = Counts()
    for entry in loaded.states["glossary"].for_audience("intranet"):
        for unit in text_of(entry).units:
            expected = expected + counts(sentences(unit.text))
    assert (report.words, report.sentences, report.long_words) == (expected.words, expected.sentences,
                                                                   expected.long_words)
    assert 20 < report.lix < 40  # the shipped glossary is easy to read


def test_the_glossary_pages_lix_adds_up_what_the_gate_read_in_the_entries(monkeypatch):
    """After the gate over the sources (as `build` runs it before the sites' workers start), the glossary's
    page is scored from the entries' counts: no definition is read again, and the figures are the same."""
    from klarsprog import gate as gate_module
    from klarsprog.gate import Vocabulary
    from klarsprog.parts.glossary.entry import text_of
    from klarsprog.pipeline import all_texts, gate, load_all, page_texts, render_audience

    project, _ = load_project(Path(__file__).resolve().parents[1])
    loaded = load_all(project)
    gate_module._COUNTS.clear()
    fresh, _ = gate(page_texts(render_audience(loaded, "intranet")), Vocabulary())
    gate(all_texts(loaded), Vocabulary())
    prose = {u.text for e in loaded.states["glossary"].entries for u in text_of(e).units}
    read = []
    real = gate_module.sentences
    monkeypatch.setattr(gate_module, "sentences", lambda text: read.append(text) or real(text))
    reports, _ = gate(page_texts(render_audience(loaded, "intranet")), Vocabulary())
    assert prose and not prose & set(read)
    assert reports == fresh


def test_the_glossary_pages_contents_list_letters_and_every_term_keeps_its_permalink(built_repo):
    """The table of contents beside the glossary lists the letters, not every term (thousands in a large
    municipality), and each term heading still has its own link, as other headings do."""
    page = (built_repo / "site/public/ordbog/index.html").read_text(encoding="utf-8")
    contents = page[page.index('md-nav--secondary'):]
    contents = contents[:contents.index("</nav>")]
    targets = re.findall(r'href="#([^"]+)"', contents)
    assert "bogstav-b" in targets and "budget" not in targets
    assert all(t.startswith("bogstav-") for t in targets), targets
    assert ('<h3 id="budget">Budget<a class="headerlink" href="#budget" title="Link til dette afsnit">&para;</a></h3>'
            in page)


def test_check_of_glossary_files_in_the_project_shows_their_share_of_the_cross_checks(empty_project):
    """`check` on project files takes each file's findings across entries from one check of all of them."""
    write_files(empty_project, {"glossary/budget.yml": GOOD,
                                "glossary/plan.yml": "term: plan\ndefinition: En plan.\nforms: [Budget]\n"})
    result = run_cli(empty_project, "check", "glossary/plan.yml")
    assert result.returncode == 1
    assert ("glossary/plan.yml:3:9: fejl duplicate-term: 'Budget' hører også til et andet opslag: glossary/budget.yml"
            in result.stdout)
    assert "glossary/budget.yml:" not in result.stdout
    result = run_cli(empty_project, "check", "glossary/plan.yml", "glossary/budget.yml")
    assert "glossary/budget.yml:1:1: fejl duplicate-term" in result.stdout and "Tjekkede 2 filer" in result.stdout
