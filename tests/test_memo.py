"""The guards skip pages they found clean in the last build, and never hide a finding."""
from __future__ import annotations

import re

import pytest

from conftest import files_of, run_cli, write_files
from klarsprog import memo, privacy, safety
from klarsprog.config import Project
from klarsprog.site import Asset, Output, Page

SETTINGS = {"allowed_emails": ["ordbog@eksempelby.dk"], "allowed_phones": ["76 00 00 00"],
            "topics_email": "emner@eksempelby.dk", "glossary_email": "ordbog@eksempelby.dk"}


def output(*texts: str) -> Output:
    return Output("public", [Page(f"side-{i}.md", "Side", text) for i, text in enumerate(texts)],
                  [Asset("data.csv", "konto;beløb\n51;1000\n".encode())])


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """Every text the personal-data and Markdown checks really read."""
    seen: list[str] = []
    find, problems = privacy.find, safety.problems_in_markdown
    monkeypatch.setattr(privacy, "find", lambda text, *a, **k: seen.append(text) or find(text, *a, **k))
    monkeypatch.setattr(safety, "problems_in_markdown", lambda text, **k: seen.append(text) or problems(text, **k))
    return seen


def guards(out: Output, clean: memo.Clean, project: Project):
    return privacy.scan(out, project, clean) + safety.check_output(out, clean)


def test_clean_texts_are_skipped_next_time_and_findings_are_made_every_time(tmp_path, counted):
    project = Project(tmp_path, SETTINGS)
    path = tmp_path / "clean.pickle"
    site = output("Ring til os på 76 00 00 00.", "Hans har cpr-nummer 010203-1234.", "<script>alert(1)</script>")
    first = guards(site, (clean := memo.Clean(path)), project)
    clean.save()
    assert sorted(f.rule for f in first) == ["personal-cpr", "unsafe-html"]
    assert len(counted) == 7  # three pages, twice each, and the data file
    counted.clear()
    again = guards(site, memo.Clean(path), project)
    assert [(f.rule, f.message) for f in again] == [(f.rule, f.message) for f in first]
    # each check reads again only what it found something in: the CPR page (privacy), the script (safety)
    assert sorted(counted) == sorted(["Hans har cpr-nummer 010203-1234.", "<script>alert(1)</script>"])


def test_an_edited_page_or_other_allow_lists_are_checked_again(tmp_path, counted):
    path = tmp_path / "clean.pickle"
    (clean := memo.Clean(path))
    guards(output("Ring til os på 76 00 00 00."), clean, Project(tmp_path, SETTINGS))
    clean.save()
    counted.clear()
    found = guards(output("Ring til Hans på 23 45 67 89."), memo.Clean(path), Project(tmp_path, SETTINGS))
    assert [f.rule for f in found] == ["personal-phone"]
    counted.clear()
    fewer = dict(SETTINGS, allowed_phones=[])
    found = guards(output("Ring til os på 76 00 00 00."), memo.Clean(path), Project(tmp_path, fewer))
    assert [f.rule for f in found] == ["personal-phone"], "a number no longer allowed must be found"


@pytest.mark.parametrize("damage", [b"", b"junk", b"\x80\x05K\x01."])
def test_a_damaged_memory_means_checking_everything(tmp_path, counted, damage):
    path = tmp_path / "clean.pickle"
    path.write_bytes(damage)
    found = guards(output("Hans har cpr-nummer 010203-1234."), memo.Clean(path), Project(tmp_path, SETTINGS))
    assert [f.rule for f in found] == ["personal-cpr"] and len(counted) == 3


def test_a_memory_from_another_toolkit_version_is_not_used(tmp_path, counted, monkeypatch):
    path = tmp_path / "clean.pickle"
    (clean := memo.Clean(path))
    guards(output("En ren side."), clean, Project(tmp_path, SETTINGS))
    clean.save()
    monkeypatch.setattr(memo, "toolkit_digest", lambda: b"another version")
    counted.clear()
    guards(output("En ren side."), memo.Clean(path), Project(tmp_path, SETTINGS))
    assert len(counted) == 3


def test_the_cli_finds_personal_data_planted_after_a_clean_build(sample_project):
    assert run_cli(sample_project).returncode == 0
    assert (sample_project / "build" / "cache" / "clean-public.pickle").exists()
    page = sample_project / "pages" / "skriv-klart.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nRing til Hans på 23 45 67 89.\n", encoding="utf-8")
    done = run_cli(sample_project)
    assert done.returncode == 1 and "personal-phone" in done.stdout, done.stdout


def _entry(term: str, extra: str = "") -> str:
    return f"term: {term}\ndefinition: En kort forklaring med almindelige ord.\n{extra}"


def test_glossary_files_are_read_again_only_when_their_bytes_change(empty_project, monkeypatch):
    from klarsprog.config import load_project
    from klarsprog.parts import glossary
    from klarsprog.parts.glossary import entry as glossary_entry

    files = {f"glossary/t{i}.yml": _entry(t) for i, t in enumerate(["budget", "regnskab", "anlæg"])}
    files["glossary/t3.yml"] = _entry("drift", "forms: [driften, driften]\n")  # a warning: a form twice
    write_files(empty_project, files)
    project = load_project(empty_project)[0]
    project.remember = True
    state, first = glossary.load(project)
    state.memory.save()
    read: list = []
    real = glossary.read_entry
    monkeypatch.setattr(glossary, "read_entry", lambda path, *rest: read.append(path.name) or real(path, *rest))
    state, again = glossary.load(project)
    assert read == [] and again == first and [f.rule for f in again] == ["duplicate-form"]
    assert [glossary_entry.text_of(e).units for e in state.entries] == \
        [glossary_entry.text_of(e).units for e in glossary.load(load_project(empty_project)[0])[0].entries]
    (empty_project / "glossary" / "t1.yml").write_text(_entry("regnskab", "category: [x\n"), encoding="utf-8")
    state.memory.save()
    read.clear()
    state, third = glossary.load(project)
    assert read == ["t1.yml"] and "yaml-syntax" in {f.rule for f in third}


def test_a_linked_glossary_file_is_never_taken_from_memory(empty_project, tmp_path):
    from klarsprog.config import load_project
    from klarsprog.parts import glossary

    outside = tmp_path / "outside.yml"
    outside.write_text(_entry("budget"), encoding="utf-8")
    (empty_project / "glossary").mkdir(exist_ok=True)
    (empty_project / "glossary" / "budget.yml").symlink_to(outside)
    project = load_project(empty_project)[0]
    project.remember = True
    for _ in range(2):
        state, found = glossary.load(project)
        state.memory.save()
        assert [f.rule for f in found] == ["file-link"] and state.entries == []


def test_the_cli_reports_a_glossary_mistake_made_after_a_clean_build(sample_project):
    assert run_cli(sample_project).returncode == 0
    assert (sample_project / "build" / "cache" / "glossary.pickle").exists()
    term = sample_project / "glossary" / "anlaeg.yml"
    term.write_text(term.read_text(encoding="utf-8").replace("term: ", "trem: ", 1), encoding="utf-8")
    done = run_cli(sample_project)
    assert done.returncode == 1 and "glossary/anlaeg.yml:1:1: fejl unknown-key" in done.stdout, done.stdout


LONG = "Vi har lavet en ny budgetopfølgningsproceduremodel i år. Den er let at bruge for alle.\n"


def test_the_gate_remembers_unchanged_texts_and_notices_a_new_glossary_word(empty_project):
    """`check` twice gives the same findings; a word added to the glossary changes what the gate says."""
    write_files(empty_project, {"pages/ny.md": "# Ny side\n\n" + LONG})
    first = run_cli(empty_project, "check")
    assert "budgetopfølgningsproceduremodel" in first.stdout and "long-compound" in first.stdout, first.stdout
    assert (empty_project / "build" / "cache" / "gate-sources.pickle").exists()
    again = run_cli(empty_project, "check")
    timing = re.compile(r"[\d.]+ s\.")  # the summary tells how long the check took
    assert timing.sub("", again.stdout) == timing.sub("", first.stdout) and again.returncode == first.returncode
    write_files(empty_project, {"glossary/model.yml": "term: budgetopfølgningsproceduremodel\n"
                                                      "definition: En måde at følge pengene på.\n"})
    known = run_cli(empty_project, "check")
    assert "long-compound" not in known.stdout, known.stdout
    write_files(empty_project, {"pages/ny.md": "# Ny side\n\nEn linje mere.\n\n" + LONG.replace("budget", "regnskabs")})
    moved = run_cli(empty_project, "check")
    assert "pages/ny.md:5:" in moved.stdout and "regnskabsopfølgningsproceduremodel" in moved.stdout, moved.stdout


def test_a_build_from_memory_gives_the_same_site_byte_for_byte(sample_project, monkeypatch):
    """The second build takes everything it can from build/cache/ (glossary, gate, guards, links, HTML)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    monkeypatch.setenv("KLARSPROG_TODAY", "2026-12-01")
    assert run_cli(sample_project).returncode == 0
    site = sample_project / "site"
    first = files_of(site)
    cache = sample_project / "build" / "cache"
    assert {p.name.split("-")[0].split(".")[0] for p in cache.iterdir()} >= {
        "glossary", "gate", "clean", "links", "html", "budget"}
    assert run_cli(sample_project).returncode == 0
    second = files_of(site)
    assert second.keys() == first.keys()
    assert [str(path) for path in first if first[path] != second[path]] == []
