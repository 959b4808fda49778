"""The booklet's pages: every page is there, charts are accessible, figures are Danish, text is plain."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from klarsprog.gate import Vocabulary
from klarsprog.parts.budget import charts, pages
from klarsprog.parts.budget.load import load_folder
from klarsprog.pipeline import gate, page_texts
from klarsprog.site import Output

GOLDEN = Path(__file__).parent / "golden" / "budget"
NBSP = "\u00a0"
CHAPTERS = ["index", "indtaegter", "udgifter", "for-hver-100-kr", "drift-og-anlaeg", "budgettet-over-tid",
            "saadan-bliver-budgettet-til", "data"]


def state_of(folder: Path = ROOT / "budget"):
    state, found = load_folder(folder)
    assert not [f for f in found if f.level == "error"], found
    return state


@pytest.fixture(scope="module")
def book() -> dict:
    b = state_of().booklet
    return {p.path: p for p in pages.booklet(b, "public", example=True)}


def test_every_page_of_the_booklet_is_built(book):
    b = state_of().booklet
    expected = {f"budget/{name}.md" for name in CHAPTERS} | {f"budget/omraader/{a.slug}.md" for a in b.areas}
    assert set(book) == expected
    titles = {p.path: p.title for p in book.values()}
    assert titles["budget/index.md"] == "Budget 2027 og overslagsår"
    assert titles["budget/indtaegter.md"] == "Hvor kommer pengene fra?"
    assert titles["budget/udgifter.md"] == "Hvad bruger vi pengene på?"
    assert titles["budget/data.md"] == "Data og metode"
    for page in book.values():
        assert page.content_type == "budget" and page.section == "Budgettet kort fortalt"
        assert page.markdown.startswith(f"# {page.title}\n")
        assert page.in_nav == ("/omraader/" not in page.path)
    assert min(p.order for p in book.values()) == 20


def test_spending_and_summary_link_to_every_area_page(book):
    b = state_of().booklet
    for name in ("udgifter", "for-hver-100-kr"):
        md = book[f"budget/{name}.md"].markdown
        for area in b.areas:
            assert f"](omraader/{area.slug}.md)" in md, (name, area.name)
    for name in CHAPTERS[1:]:
        assert f"]({name}.md)" in book["budget/index.md"].markdown
    area = book["budget/omraader/boern-og-skole.md"].markdown
    assert "](../udgifter.md)" in area and "Pengene går til dagpleje" in area


def test_spending_is_sorted_largest_first(book):
    md = book["budget/udgifter.md"].markdown
    totals = [float(m.replace(".", "").replace(",", ".")) for m in re.findall(r"\| ([\d.]+,\d) \|\n", md)]
    assert len(totals) == len(state_of().booklet.areas) and totals == sorted(totals, reverse=True)
    assert "| **2.426,0** |" in md


def figures(markdown: str) -> list[tuple[str, str]]:
    """(figure HTML, what follows it) for every chart on a page."""
    return re.findall(r'(<figure class="kl-chart">.*?</figure>)\s*<div class="kl-table"[^>]*>\s*(.*?)</div>', markdown, re.S)


def test_every_chart_has_title_description_and_a_table_beside_it(book):
    ids = []
    count = 0
    for page in book.values():
        assert "<script" not in page.markdown and 'href="http' not in page.markdown  # nothing from the net
        found = figures(page.markdown)
        assert len(found) == page.markdown.count("<svg"), page.path
        for figure, after in found:
            count += 1
            chart_id = re.search(r'aria-labelledby="([\w-]+)-t \1-d"', figure).group(1)
            ids.append(chart_id)
            assert 'role="img"' in figure
            assert re.search(rf'<title id="{chart_id}-t">[^<]{{5,}}</title>', figure)
            assert re.search(rf'<desc id="{chart_id}-d">[^<]{{20,}}</desc>', figure)
            assert after.startswith("| ") and "\n|---" in after, (page.path, after[:80])
            assert "<figcaption>" in figure
    assert count >= 5 + len(state_of().booklet.areas)
    assert len(ids) == len(set(ids)), "chart ids must be unique across the booklet (the PDF holds them all)"


def luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_chart_colours_have_contrast_and_meaning_is_not_in_colour_alone(book):
    assert contrast(charts.DRIFT, "#ffffff") >= 3 and contrast(charts.ANLAEG, "#ffffff") >= 3
    assert contrast(charts.INK, "#ffffff") >= 4.5
    area = book["budget/omraader/boern-og-skole.md"].markdown
    assert 'fill="url(#kl-boern-og-skole-hatch)"' in area  # anlæg is hatched, not only another colour
    assert ">Drift</text>" in area and ">Anlæg</text>" in area and ">overslag</text>" in area
    spending = book["budget/udgifter.md"].markdown
    for a in state_of().booklet.areas:
        assert f">{a.name}</text>" in spending  # every bar is named in text


def test_numbers_and_dates_are_danish(book):
    index = book["budget/index.md"].markdown
    assert f"**2.426,0{NBSP}mio.{NBSP}kr.**" in index
    assert f"**89.355{NBSP}kr.**" in index and "27.150 borgere" in index
    assert "8. oktober 2026" in index and f"25,2{NBSP}%" in index
    assert f"24,2{NBSP}kr." in book["budget/for-hver-100-kr.md"].markdown
    assert "| 2.426,0 |" in book["budget/udgifter.md"].markdown.replace("**", "")


def test_generated_pages_pass_the_budget_lix_limit(book):
    output = Output("intranet", pages=list(book.values()))
    reports, found = gate(page_texts(output), Vocabulary())
    assert found == [], [f.format() for f in found]
    assert all(r.lix is not None and r.lix <= 34 for r in reports), [(r.path, r.lix) for r in reports]


def test_example_data_is_labelled_on_every_page(book):
    for page in book.values():
        assert '!!! note kl-example "Eksempeldata"' in page.markdown, page.path


def test_internal_story_stays_on_the_intranet(tmp_path):
    folder = tmp_path / "budget"
    shutil.copytree(ROOT / "budget", folder)
    story = folder / "historier" / "sundhed.md"
    story.write_text(story.read_text(encoding="utf-8").replace("---\n", "---\naudience: internal\n", 1),
                     encoding="utf-8")
    b = state_of(folder).booklet
    public = {p.path: p.markdown for p in pages.booklet(b, "public")}["budget/omraader/sundhed.md"]
    intranet = {p.path: p.markdown for p in pages.booklet(b, "intranet")}["budget/omraader/sundhed.md"]
    assert "træning efter sygdom" in intranet and "træning efter sygdom" not in public


def test_a_proposal_needs_no_adoption_date(tmp_path):
    folder = tmp_path / "budget"
    shutil.copytree(ROOT / "budget", folder)
    path = folder / "budget-2027.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("phase: vedtaget\nadopted: 2026-10-08\n", "phase: forslag\n"),
                    encoding="utf-8")
    index = pages.booklet(state_of(folder).booklet, "public")[0].markdown
    assert "forslag" in index and "senest 15. oktober 2026" in index


@pytest.mark.parametrize("name", ["for-hver-100-kr", "omraader/boern-og-skole"])
def test_page_matches_golden_file(book, name):
    actual = book[f"budget/{name}.md"].markdown
    path = GOLDEN / f"{name.replace('/', '-')}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def test_the_newest_budget_is_the_booklet_and_older_ones_stay_as_data(tmp_path):
    folder = tmp_path / "budget"
    shutil.copytree(ROOT / "budget", folder)
    text = (folder / "budget-2027.yml").read_text(encoding="utf-8")
    for year in range(2026, 2031):  # shift every year one back: budget 2026 with 2027-2029
        text = text.replace(str(year), str(year - 1))
    (folder / "budget-2026.yml").write_text(text, encoding="utf-8")
    state = state_of(folder)
    assert [b.budget_year for b in state.budgets] == [2026, 2027] and state.booklet.budget_year == 2027
    data = {p.path: p for p in pages.booklet(state.booklet, "public", older=[state.budgets[0]])}["budget/data.md"]
    assert "](budget-2026.csv)" in data.markdown and "](budget-2026.json)" in data.markdown
