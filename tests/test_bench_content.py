"""The benchmark's synthetic municipality: a valid project whose text really uses the glossary."""
import sys

from conftest import ROOT
from klarsprog.check import check_project
from klarsprog.config import load_project
from klarsprog.findings import has_errors

sys.path.insert(0, str(ROOT / "scripts"))
from bench_content import make_project  # noqa: E402


def test_a_generated_municipality_passes_check_and_has_the_asked_size(tmp_path, monkeypatch):
    monkeypatch.setenv("KLARSPROG_TODAY", "2026-12-01")
    root = make_project(tmp_path / "kommune", terms=60)
    project, problems = load_project(root)
    assert project is not None, problems
    reports, found = check_project(project)
    assert not has_errors(found), [f.format() for f in found if f.level == "error"][:5]
    assert len(list((root / "glossary").glob("*.yml"))) == 60
    assert len(list((root / "cafe_meetings").glob("*.md"))) == 100
    assert len(list((root / "budget" / "historier").glob("*.md"))) == 40


def test_generated_terms_have_forms_and_links_and_occur_in_the_meetings(tmp_path):
    root = make_project(tmp_path / "kommune", terms=60)
    entries = [(p.read_text(encoding="utf-8")) for p in sorted((root / "glossary").glob("*.yml"))]
    assert all("forms:" in e and "see_also:" in e for e in entries)
    notes = " ".join(p.read_text(encoding="utf-8").lower() for p in (root / "cafe_meetings").glob("*.md"))
    terms = [e.split("\n", 1)[0].removeprefix("term: ") for e in entries]
    assert sum(t in notes for t in terms) >= 50  # nearly every term is used somewhere


def test_the_same_size_gives_the_same_files(tmp_path):
    a, b = make_project(tmp_path / "a", terms=30), make_project(tmp_path / "b", terms=30)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
