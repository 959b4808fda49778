"""The real CLI: exit codes, exact Danish output, JSON schema, and a failed build that leaves site/ alone."""
import json
import os
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, write_files

GOLDEN = Path(__file__).parent / "golden"
DATA = Path(__file__).parent / "data"


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def without_timing(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("Tjekkede ")) + "\n"


def test_officialese_in_a_citizen_page_fails_check_with_file_and_line(empty_project):
    write_files(empty_project, {"pages/betaling.md": (DATA / "officialese_page.md").read_text(encoding="utf-8")})
    result = run_cli(empty_project, "check")
    assert result.returncode == 1
    golden("check_officialese.txt", without_timing(result.stdout))
    assert "Traceback" not in result.stdout + result.stderr


def test_officialese_fails_the_build_and_plain_rewrite_passes(empty_project):
    write_files(empty_project, {"pages/betaling.md": (DATA / "officialese_page.md").read_text(encoding="utf-8")})
    result = run_cli(empty_project)
    assert result.returncode == 1
    assert "pages/betaling.md:6:1: fejl officialese" in result.stdout
    assert not (empty_project / "site").exists()
    write_files(empty_project, {"pages/betaling.md": (DATA / "plain_page.md").read_text(encoding="utf-8")})
    result = run_cli(empty_project)
    assert result.returncode == 0, result.stdout
    assert (empty_project / "site/public/betaling/index.html").exists()


def test_failed_build_leaves_previous_site_untouched(empty_project):
    assert run_cli(empty_project).returncode == 0
    before = {p: p.read_bytes() for p in (empty_project / "site").rglob("*") if p.is_file()}
    write_files(empty_project, {"pages/index.md": "# Forside\n\nSåfremt du vil, kan du læse mere her.\n"})
    assert run_cli(empty_project).returncode == 1
    after = {p: p.read_bytes() for p in (empty_project / "site").rglob("*") if p.is_file()}
    assert before == after


def test_check_a_draft_outside_the_project(empty_project, tmp_path):
    draft = tmp_path / "kladde.md"
    draft.write_text("# Kladde\n\nVedlagt fremsendes et brev.\n", encoding="utf-8")
    result = run_cli(empty_project, "check", str(draft), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("kladde.md:3:1: fejl officialese:")


def test_check_json_follows_the_documented_schema(empty_project):
    write_files(empty_project, {"pages/betaling.md": (DATA / "officialese_page.md").read_text(encoding="utf-8")})
    result = run_cli(empty_project, "check", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["schema"] == 1 and set(data) == {"schema", "files", "summary"}
    assert set(data["summary"]) == {"error", "warning", "suggestion"}
    page = next(f for f in data["files"] if f["path"] == "pages/betaling.md")
    assert set(page) == {"path", "lix", "words", "sentences", "long_words", "findings"}
    assert page["words"] == 58 and page["sentences"] == 4 and page["lix"] == 59.3
    assert set(page["findings"][0]) == {"line", "col", "level", "rule", "message"}


def test_exit_codes_for_usage_and_configuration_errors(empty_project, tmp_path):
    assert run_cli(empty_project, "no-such-command").returncode == 2
    assert run_cli(empty_project, "check", "findes-ikke.md").returncode == 2
    (tmp_path / "intet").mkdir()
    result = run_cli(tmp_path / "intet", "check")
    assert result.returncode == 2 and "klarsprog.yml findes ikke" in result.stdout
    (empty_project / "klarsprog.yml").write_text("municipality: [\n", encoding="utf-8")
    result = run_cli(empty_project, "check")
    assert result.returncode == 2 and "klarsprog.yml:" in result.stdout and "Traceback" not in result.stderr


def test_help_is_danish():
    result = run_cli(ROOT, "--help")
    assert result.returncode == 0
    assert "brug:" in result.stdout and "kommandoer" in result.stdout and "tjek indhold" in result.stdout


def test_override_is_listed_in_the_report(empty_project):
    body = " ".join(["Byrådet bruger mange penge på skoler, veje, plejehjem og busser i hele kommunen."] * 5)
    write_files(empty_project, {"pages/x.md": f"---\ncontent_type: budget\nlix_limit: 40\nlix_reason: Fagtekst.\n---\n{body}\n"})
    result = run_cli(empty_project, "check")
    assert result.returncode == 0
    assert "pages/x.md:3:1: forslag override: LIX-grænsen er hævet fra 34 til 40." in result.stdout


def test_check_a_folder_reports_only_its_files(empty_project, tmp_path):
    write_files(empty_project, {
        "glossary/budget.yml": "term: budget\ndefinition: Kommunens plan for penge i et år.\n",
        "glossary/plan.yml": "term: plan\ndefinition: Såfremt der er en plan.\n",
        "pages/betaling.md": "# Betaling\n\nVedlagt fremsendes et brev.\n",
    })
    result = run_cli(empty_project, "check", "glossary")
    assert result.returncode == 1, result.stdout
    assert "glossary/plan.yml:2:13: fejl officialese" in result.stdout
    assert "pages/" not in result.stdout and "Tjekkede 2 filer" in result.stdout
    result = run_cli(empty_project, "check", "glossary", "pages", "--format", "json")
    assert sorted(f["path"] for f in json.loads(result.stdout)["files"]) == [
        "glossary/budget.yml", "glossary/plan.yml", "pages/betaling.md", "pages/index.md"]
    (empty_project / "tom").mkdir()
    result = run_cli(empty_project, "check", "tom")
    assert result.returncode == 2 and "Mappen tom har ingen indholdsfiler" in result.stdout
    drafts = tmp_path / "kladder"
    write_files(drafts, {"a.md": "# A\n\nVedlagt fremsendes et brev.\n", "b.md": "# B\n\nEt kort brev.\n"})
    result = run_cli(empty_project, "check", str(drafts), cwd=tmp_path)
    assert result.returncode == 1 and result.stdout.startswith("kladder/a.md:3:1: fejl officialese:")
    assert "Tjekkede 2 filer" in result.stdout


def test_the_sites_are_made_at_a_lower_priority_than_the_booklets_pdf():
    """A cold build prints the PDF in one long process; the two sites' workers give way to it, so that a
    small project does not wait seconds for the PDF at the end. The build itself is unchanged."""
    import multiprocessing

    from klarsprog import build

    def niceness_in_worker(queue):
        build._yield_to_the_printer()
        queue.put(os.nice(0))

    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=niceness_in_worker, args=(queue,))
    worker.start()
    worker.join()
    assert queue.get(timeout=5) == min(os.nice(0) + build.NICE_WORKERS, 19)
