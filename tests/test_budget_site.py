"""The booklet in a real build of the repository: pages, downloads and the PDF in both sites."""
from __future__ import annotations

import re

from conftest import run_cli

PAGES = ["budget/index.html", "budget/indtaegter/index.html", "budget/udgifter/index.html",
         "budget/for-hver-100-kr/index.html", "budget/drift-og-anlaeg/index.html",
         "budget/budgettet-over-tid/index.html", "budget/saadan-bliver-budgettet-til/index.html",
         "budget/data/index.html", "budget/omraader/boern-og-skole/index.html"]
FILES = ["budget/budget-2027.csv", "budget/budget-2027.json", "budget/budget-2027.pdf"]


def test_every_booklet_page_and_download_is_in_both_sites(built_repo):
    for site in ("public", "intranet"):
        for rel in PAGES + FILES:
            assert (built_repo / "site" / site / rel).exists(), (site, rel)
    pdf = (built_repo / "site/public/budget/budget-2027.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")


def test_nav_has_the_section_but_not_the_area_pages(built_repo):
    html = (built_repo / "site/public/budget/udgifter/index.html").read_text(encoding="utf-8")
    nav = html.split('<div class="md-content"')[0]
    assert "Budgettet kort fortalt" in nav and "Hvor kommer pengene fra?" in nav
    assert "omraader/" not in nav
    content = html.split('<div class="md-content"')[1]
    assert len(re.findall(r'href="\.\./omraader/[a-z-]+/"', content)) >= 10


def test_charts_are_inline_svg_with_their_text_alternative(built_repo):
    html = (built_repo / "site/public/budget/omraader/boern-og-skole/index.html").read_text(encoding="utf-8")
    assert re.search(r'<svg [^>]*role="img"[^>]*aria-labelledby="kl-boern-og-skole-t kl-boern-og-skole-d"', html)
    assert '<desc id="kl-boern-og-skole-d">' in html and "<table>" in html
    assert "<script" not in html.split("<svg")[1].split("</svg>")[0]


def test_check_a_story_in_the_project(built_repo):
    result = run_cli(built_repo, "check", "budget/historier/sundhed.md")
    assert result.returncode == 0, result.stdout
    assert "Tjekkede 1 fil på" in result.stdout
