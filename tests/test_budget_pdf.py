"""The print edition: a PDF with every booklet page, made offline, cached, and written by `build.py pdf`."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time

import pytest
from pypdf import PdfReader

from conftest import ROOT, copy_project, run_cli, write_files
from klarsprog.config import load_project
from klarsprog.parts import budget as part
from klarsprog.parts.budget import pdf


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The sample booklet printed once for this module: (project, pages, PDF bytes, seconds)."""
    root = copy_project(tmp_path_factory.mktemp("pdf") / "proj")
    project, _ = load_project(root)
    state, _ = part.load(project)
    start = time.perf_counter()
    book, data = part.booklet_pdf(state, project, "public")
    return project, state, book, data, time.perf_counter() - start


@pytest.fixture(scope="module")
def sheets(printed) -> list[str]:
    """The text of every PDF page, extracted once (pypdf takes a while)."""
    reader = PdfReader(io.BytesIO(printed[3]))
    assert reader.metadata.title == "Budget 2027 og overslagsår – Eksempelby Kommune"
    return [page.extract_text() for page in reader.pages]


def test_pdf_has_a_page_or_more_per_booklet_page_and_their_headings_as_text(printed, sheets):
    book = printed[2]
    assert len(sheets) >= len(book) + 1  # a cover, then each page on its own sheet
    text = "\n".join(sheets)
    for page in book:
        assert page.title in text, page.title
    assert "Eksempeldata" in text and "For hver 100 kr." in text and "8. oktober 2026" in text


def test_booklet_pages_start_on_their_own_sheet(printed, sheets):
    firsts = [sheet.split("\n")[:4] for sheet in sheets]
    for page in printed[2]:
        assert any(page.title in lines for lines in firsts), page.title


def test_a_rebuild_with_unchanged_content_uses_the_cache(printed, monkeypatch):
    project, state, _, data, first = printed
    import weasyprint

    monkeypatch.setattr(weasyprint, "HTML", lambda *a, **k: pytest.fail("WeasyPrint ran again"))
    start = time.perf_counter()
    _, again = part.booklet_pdf(state, project, "public")
    assert again == data and time.perf_counter() - start < first / 2
    assert len(list((project.build_dir / "cache").glob("budget-*.pdf"))) == 1


def test_the_pdf_never_fetches_from_the_network():
    for url in ("https://cdn.example.com/font.woff2", "http://intra/logo.png", "ftp://x/y"):
        with pytest.raises(pdf.OfflineError):
            pdf.local_only(url)


def test_links_between_pages_become_jumps_inside_the_pdf(printed):
    project, state, book, _, _ = printed
    html = pdf.document(book, part._meta(state.booklet, project), project.url("public"))
    assert 'href="#p-budget-omraader-boern-og-skole"' in html
    assert 'href="https://www.eksempelby.dk/oekonomi/budget/budget-2027.csv"' in html
    assert "<script" not in html and "@import" not in html


def test_cli_pdf_writes_the_booklet(tmp_path, printed):
    root = copy_project(tmp_path / "proj")
    # The same content was printed by the fixture: its cache makes this run fast (and proves the cache key).
    shutil.copytree(printed[0].build_dir / "cache", root / "build" / "cache")
    result = run_cli(root, "pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    target = root / "build" / "budget-2027.pdf"
    assert target.read_bytes().startswith(b"%PDF") and "budget-2027.pdf" in result.stdout


def test_cli_pdf_stops_on_budget_errors_and_without_a_budget(tmp_path):
    root = copy_project(tmp_path / "proj")
    path = root / "budget" / "budget-2027.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("population: 27150", "population: mange"), encoding="utf-8")
    result = run_cli(root, "pdf")
    assert result.returncode == 1 and "budget/budget-2027.yml:" in result.stdout
    assert not (root / "build" / "budget-2027.pdf").exists()
    empty = copy_project(tmp_path / "tom", content=False)
    write_files(empty, {"pages/index.md": "# Forside\n\nEn kort tekst.\n"})
    result = run_cli(empty, "pdf")
    assert result.returncode == 2 and "Der er ingen budgetfil" in result.stdout


def test_a_cold_build_prints_the_pdf_while_mkdocs_runs_and_puts_it_in_both_sites(built_repo):
    """built_repo starts without build/cache/: the PDF is printed during the build, and MkDocs's empty
    stand-in is replaced in the site and in its docs folder (for other engines) before the swap."""
    cached = list((built_repo / "build" / "cache").glob("budget-*.pdf"))
    assert len(cached) == 1
    data = cached[0].read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    for site in ("public", "intranet"):
        assert (built_repo / "site" / site / "budget" / "budget-2027.pdf").read_bytes() == data
        assert (built_repo / "build" / "docs" / site / "budget" / "budget-2027.pdf").read_bytes() == data


BROKEN_PRINTER = """
import sys
from klarsprog.parts.budget import pdf
def broken(html, cache_dir):
    raise ValueError("printeren er i stykker")
pdf.make_pdf = broken
from klarsprog.cli import main
sys.exit(main(sys.argv[1:]))
"""


# The printing process dies without a word (killed, out of memory).
DEAD_PRINTER = """
import os, sys
from klarsprog import build
build._print = lambda pipe, state, project: os._exit(9)
from klarsprog.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("script, message", [
    (BROKEN_PRINTER, "Budgethæftet kunne ikke laves som PDF (ValueError: printeren er i stykker)."),
    (DEAD_PRINTER, "Budgethæftet kunne ikke laves som PDF: processen, der laver det, stoppede."),
], ids=["printer raises", "printer process dies"])
def test_a_pdf_that_cannot_be_printed_stops_the_build_and_keeps_the_old_site(tmp_path, script, message):
    root = copy_project(tmp_path / "proj")
    assert run_cli(root).returncode == 0
    before = (root / "site/public/budget/budget-2027.pdf").read_bytes()
    shutil.rmtree(root / "build" / "cache")  # the next build must print again
    write_files(root, {"broken.py": script})
    result = subprocess.run([sys.executable, str(root / "broken.py"), "--root", str(root)], capture_output=True,
                            text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"budget:1:1: fejl pdf: {message}" in result.stdout, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert (root / "site/public/budget/budget-2027.pdf").read_bytes() == before
