"""Budget files with planted mistakes fail with file, line and a Danish hint; the sample passes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_cli
from klarsprog.parts import budget as part
from klarsprog.parts.budget.load import load_folder

SAMPLE = ROOT / "budget" / "budget-2027.yml"


def plant(tmp_path: Path, old: str = "", new: str = "") -> Path:
    """A copy of the sample budget folder with one text replaced in the budget file."""
    folder = tmp_path / "budget"
    shutil.copytree(ROOT / "budget", folder)
    path = folder / "budget-2027.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def line_of(folder: Path, needle: str, after: str = "") -> int:
    lines = (folder / "budget-2027.yml").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def errors(folder: Path) -> list:
    _, found = load_folder(folder)
    return [f for f in found if f.level == "error"]


def test_the_sample_budget_has_no_findings():
    state, found = load_folder(ROOT / "budget")
    assert found == []
    b = state.booklet
    assert (b.municipality, b.budget_year, b.estimate_years, b.phase) == ("Eksempelby Kommune", 2027, [2028, 2029, 2030], "vedtaget")
    assert 8 <= len(b.areas) <= 12 and 26_000 <= b.population <= 28_000 and b.example_data
    assert 2_300_000_000 <= b.kr(b.spending(2027)) <= 2_500_000_000
    assert all(a.story is not None for a in b.areas)


# (what is planted, old text, new text, rule, line of (needle, after), words the message must hold)
CASES = [
    ("a missing year", "      2030: {drift: 553.5, anlæg: 15.0}\n", "", "missing-year",
     ("amounts:", "name: Børn og skole"), ["2030"]),
    ("an extra year", "2029: 84.0, 2030: 85.0}", "2029: 84.0, 2030: 85.0, 2031: 86.0}", "extra-year",
     ("2031: 86.0", ""), ["2031", "2027, 2028, 2029 og 2030"]),
    ("too many overslagsår", "estimate_years: [2028, 2029, 2030]", "estimate_years: [2028, 2029]", "estimate-years",
     ("estimate_years", ""), ["præcis tre overslagsår", "[2028, 2029, 2030]"]),
    ("a number written as Danish text", "2027: {drift: 400.0,", '2027: {drift: "1.234,5",', "wrong-type",
     ("1.234,5", ""), ["1234.5", "Ældre og pleje"]),
    ("text where a number belongs", "2027: {drift: 135.0,", "2027: {drift: ca. 135,", "wrong-type",
     ("ca. 135", ""), ["skal være et tal"]),
    ("a negative amount", "2027: {drift: 135.0, anlæg: 2.0}", "2027: {drift: 135.0, anlæg: -2.0}", "negative-amount",
     ("anlæg: -2.0", ""), ["positive", "-2,0 mio. kr."]),
    ("a stated total that does not add up", "spending: {2027: 2426.0,", "spending: {2027: 2427.0,", "total-mismatch",
     ("spending: {2027: 2427.0", ""), ["2.427,0 mio. kr.", "2.426,0 mio. kr."]),
    ("an area total that does not add up", "2027: {drift: 545.0, anlæg: 42.0}",
     "2027: {drift: 545.0, anlæg: 42.0, total: 590.0}", "total-mismatch", ("total: 590.0", ""), ["590,0", "587,0"]),
    ("a duplicate area", "  - name: Sundhed\n", "  - name: Børn og skole\n", "duplicate-area",
     ("name: Børn og skole", "name: Voksne med handicap"), ["to gange", "linje"]),
    ("a main account outside 0-9", "main_accounts: [0, 1]", "main_accounts: [0, 12]", "main-account",
     ("main_accounts: [0, 12]", ""), ["0 til 9"]),
    ("an investment in an unknown area", "area: Kultur og fritid", "area: Kultur og fritiid", "unknown-area",
     ("Ny idrætshal", ""), ["Kultur og fritid"]),
    ("investments larger than the area's anlæg", "amounts: {2027: 6.0, 2028: 8.0, 2029: 8.0}",
     "amounts: {2027: 16.0, 2028: 8.0, 2029: 8.0}", "investment-exceeds", ("name: Klima, miljø og brand", ""),
     ["16,0 mio. kr.", "10,0 mio. kr."]),
    ("an unknown unit", "unit: mio. kr.", "unit: kroner", "wrong-type", ("unit: kroner", ""), ["mio. kr."]),
    ("population with a thousands separator", "population: 27150", 'population: "27.150"', "wrong-type",
     ("population:", ""), ["27150"]),
    ("a missing population", "population: 27150\n", "", "missing-field", ("example_data", ""), ["population"]),
    ("broken YAML", "phase: vedtaget", "phase: [vedtaget", "yaml-syntax", None, ["YAML"]),
]


@pytest.mark.parametrize("what,old,new,rule,where,words", CASES, ids=[c[0] for c in CASES])
def test_planted_mistake_is_reported_with_file_line_and_danish_hint(tmp_path, what, old, new, rule, where, words):
    folder = plant(tmp_path, old, new)
    found = [f for f in errors(folder) if f.rule == rule]
    assert found, f"{what}: {[f.format() for f in errors(folder)]}"
    hit = found[0]
    assert hit.path.endswith("budget/budget-2027.yml")
    if where:
        assert hit.line == line_of(folder, *where), hit.format()
    for word in words:
        assert word in hit.message, hit.message


def test_area_without_story_and_story_without_area(tmp_path):
    folder = plant(tmp_path)
    (folder / "historier" / "sundhed.md").rename(folder / "historier" / "sundhedd.md")
    found = {f.rule: f for f in errors(folder)}
    assert found["missing-story"].line == line_of(folder, "name: Sundhed")
    assert "budget/historier/sundhed.md" in found["missing-story"].message
    assert found["story-without-area"].path.endswith("historier/sundhedd.md")
    assert "Mente du sundhed.md?" in found["story-without-area"].message


def test_a_story_must_have_text_and_valid_front_matter(tmp_path):
    folder = plant(tmp_path)
    (folder / "historier" / "sundhed.md").write_text("---\naudience: alle\n---\nKort.\n", encoding="utf-8")
    (folder / "historier" / "veje-og-natur.md").write_text("---\ntitle: Veje\n---\n\n", encoding="utf-8")
    found = {f.path.rsplit("/", 1)[-1]: f for f in errors(folder)}
    assert found["sundhed.md"].line == 2 and "public" in found["sundhed.md"].message
    assert found["veje-og-natur.md"].rule == "empty-story"


def test_two_files_for_the_same_budget_year(tmp_path):
    folder = plant(tmp_path)
    shutil.copy(folder / "budget-2027.yml", folder / "budget-2027-kopi.yml")
    assert any(f.rule == "duplicate-budget" for f in errors(folder))


def test_glossary_references_must_exist(tmp_path, monkeypatch):
    from klarsprog.parts import glossary

    monkeypatch.setattr(glossary, "term_names", lambda state: ["drift", "Anlæg", "kommunalbestyrelse"], raising=False)
    state, _ = load_folder(plant(tmp_path))
    found = part.cross_check(state, {"glossary": object()})
    assert [f.rule for f in found] == ["unknown-term"]
    assert "overførselsudgifter" in found[0].message
    assert found[0].line == line_of(tmp_path / "budget", "terms: [overførselsudgifter]")


def test_cross_check_is_quiet_without_a_glossary_api(monkeypatch):
    from klarsprog.parts import glossary

    monkeypatch.delattr(glossary, "term_names", raising=False)
    state, _ = load_folder(ROOT / "budget")
    assert part.cross_check(state, {"glossary": object()}) == []


def test_a_budget_with_errors_is_not_published(tmp_path):
    state, _ = load_folder(plant(tmp_path, "anlæg: 2.0}", "anlæg: -2.0}"))
    assert state.budgets == [] and state.booklet is None


def test_cli_check_reports_planted_mistakes_compiler_style(tmp_path):
    root = copy_project(tmp_path / "proj")
    path = root / "budget" / "budget-2027.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("2027: {drift: 400.0,", '2027: {drift: "1.234,5",').replace("[0, 1]", "[0, 12]")
    path.write_text(text, encoding="utf-8")
    result = run_cli(root, "check")
    assert result.returncode == 1, result.stdout
    lines = [line for line in result.stdout.splitlines() if line.startswith("budget/")]
    assert any(line.startswith(f"budget/budget-2027.yml:{line_of(root / 'budget', '1.234,5')}:") and "wrong-type" in line
               for line in lines), lines
    assert any("main-account" in line for line in lines)
    assert "Traceback" not in result.stdout + result.stderr
    build = run_cli(root)
    assert build.returncode == 1 and not (root / "site" / "public" / "budget").exists()


def test_check_one_draft_outside_the_project(tmp_path, sample_project):
    draft = tmp_path / "kladde.yml"
    draft.write_text(SAMPLE.read_text(encoding="utf-8").replace("anlæg: 2.0}", "anlæg: -2.0}", 1), encoding="utf-8")
    for args in ((), ("--type", "budget")):  # a budget draft is recognised by its budget_year
        result = run_cli(sample_project, "check", str(draft), *args)
        assert result.returncode == 1, result.stdout
        assert "negative-amount" in result.stdout and "kladde.yml:" in result.stdout
        assert "very-long-sentence" not in result.stdout  # read as a budget, not as a Markdown page
