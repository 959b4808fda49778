"""Café meetings: validation with file, line and Danish hints, the pages per audience, and new-meeting."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT, write_files
from klarsprog.config import load_project
from klarsprog.gate import Vocabulary, judge
from klarsprog.parts import cafe
from klarsprog.parts.cafe import draft, model, view
from klarsprog.pipeline import Context, gate
from klarsprog.site import Output

GOLDEN = Path(__file__).parent / "golden" / "cafe"
TODAY = "2026-12-03"


def meeting(date="2026-03-12", start="14:00", end="15:30", audience="public", extra="", body=None, agenda=None):
    """A small valid meeting file; `extra` is added to the front matter as is."""
    agenda = agenda or ("  - title: Budgettet for 2027\n    presenter: Budgetchef\n    minutes: 30\n"
                        "    description: Sådan bliver budgettet til.\n")
    body = "Vi talte om budgettet. Alle fik svar på deres spørgsmål.\n" if body is None else body
    return (f"---\ndate: {date}\nstart: \"{start}\"\nend: \"{end}\"\nplace: Kantinen\naudience: {audience}\n"
            f"hosts:\n  - Økonomichef\nagenda:\n{agenda}{extra}---\n{body}")


def project_with(root: Path, files: dict):
    write_files(root, files)
    project, problems = load_project(root)
    assert project is not None, problems
    return project


def render_for(project, audience: str) -> Output:
    state, problems = cafe.load(project)
    assert not [p for p in problems if p.level == "error"], problems
    output = Output(audience)
    cafe.render(state, output, Context(project, audience, {"cafe": state}))
    return output


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("KLARSPROG_TODAY", TODAY)


# --- the repository's sample content ---------------------------------------------------------------

def test_sample_year_has_four_meetings_one_ahead_and_notes_within_the_cafe_limit():
    project, _ = load_project(ROOT)
    state, problems = cafe.load(project)
    assert [p for p in problems if p.level == "error"] == []
    dates = [m.date.isoformat() for m in state.meetings]
    assert len(dates) == 4 and all(d.startswith("2026") for d in dates)
    assert sum(d >= TODAY for d in dates) == 1
    assert any(m.audience == "internal" and m.meta.get("public_summary") for m in state.meetings)
    for text in cafe.texts(state):
        report, found = judge(text, Vocabulary())
        assert not [f for f in found if f.level == "error"], found
        if text.label == "referat" and report.words >= 50:
            assert report.lix <= 40, (text.path, report.lix)


def test_sample_names_no_people_only_roles():
    project, _ = load_project(ROOT)
    state, _ = cafe.load(project)
    roles = {h for m in state.meetings for h in m.meta["hosts"]}
    roles |= {i["presenter"] for m in state.meetings for i in m.agenda if i["presenter"]}
    assert all(r[0].isupper() and ("chef" in r or "leder" in r or "redaktør" in r) for r in roles), roles


# --- validation -------------------------------------------------------------------------------------

CASES = [
    # (what the author wrote, rule, line, col, words the Danish message must contain)
    ({"date": "2026-02-30"}, "wrong-type", 2, 1, "gyldig dato"),
    ({"start": "25:00"}, "wrong-type", 3, 1, "klokkeslæt"),
    ({"end": "13:00"}, "cafe-time", 4, 1, "før det starter"),
    ({"agenda": "  - title: Et langt punkt\n    minutes: 120\n"}, "cafe-agenda-time", 9, 1, "120 minutter"),
    ({"extra": "proposed_topics:\n  - text: Lokal løn\n    status: maybe\n"}, "wrong-type", 16, 5,
     "open, planned, done, declined"),
    ({"extra": "follow_ups:\n  - text: Sende planen ud.\n    status: open\n"}, "missing-field", 15, 5, "rollen"),
    ({"extra": "hots:\n  - HR-chef\n"}, "unknown-key", 14, 1, "Mente du 'hosts'?"),
    ({"extra": "participants: mange\n"}, "wrong-type", 14, 1, "helt tal"),
]


@pytest.mark.parametrize("change, rule, line, col, words", CASES)
def test_invalid_meeting_is_reported_with_file_line_and_danish_hint(empty_project, change, rule, line, col, words):
    args = {k: v for k, v in change.items()}
    project = project_with(empty_project, {"cafe_meetings/2026-03-12.md": meeting(**args)})
    _, problems = cafe.load(project)
    hits = [p for p in problems if p.rule == rule]
    assert len(hits) == 1, problems
    assert (hits[0].path.endswith("cafe_meetings/2026-03-12.md"), hits[0].line, hits[0].col) == (True, line, col)
    assert hits[0].level == "error" and words in hits[0].message


def test_a_person_name_instead_of_a_role_is_a_warning(empty_project):
    agenda = "  - title: Budgettet\n    presenter: Jens Hansen\n    minutes: 10\n"
    extra = "follow_ups:\n  - text: Sende planen ud.\n    owner: Projektleder for bedre økonomistyring\n"
    project = project_with(empty_project, {"cafe_meetings/2026-03-12.md": meeting(agenda=agenda, extra=extra)})
    state, problems = cafe.load(project)
    problems = [p for p in problems if p.rule != "cafe-quarter"]
    assert [(p.rule, p.level, p.line, p.col) for p in problems] == [("cafe-name", "warning", 11, 5)]
    assert "'Jens Hansen' ligner navnet på en person" in problems[0].message and state.meetings


def test_two_meetings_on_one_date_name_both_files(empty_project):
    project = project_with(empty_project, {"cafe_meetings/2026-03-12.md": meeting(),
                                           "cafe_meetings/marts.md": meeting()})
    _, problems = cafe.load(project)
    same = sorted((p.path.rsplit("/", 1)[-1], p.message) for p in problems if p.rule == "cafe-same-date")
    assert [name for name, _ in same] == ["2026-03-12.md", "marts.md"]
    assert "marts.md" in same[0][1] and "2026-03-12.md" in same[1][1]


def test_a_quarter_without_a_meeting_is_a_warning(empty_project, monkeypatch):
    monkeypatch.setenv("KLARSPROG_TODAY", "2027-01-15")
    project = project_with(empty_project, {"cafe_meetings/2027-03-11.md": meeting("2027-03-11"),
                                           "cafe_meetings/2027-09-09.md": meeting("2027-09-09")})
    _, problems = cafe.load(project)
    quarters = [p for p in problems if p.rule == "cafe-quarter"]
    assert [p.level for p in quarters] == ["warning", "warning"]
    assert "2. kvartal 2027" in quarters[0].message and "4. kvartal 2027" in quarters[1].message


def test_an_empty_folder_gives_no_quarter_warnings(empty_project):
    project = project_with(empty_project, {})
    assert cafe.load(project)[1] == []


def test_notes_and_fields_reach_the_gate_with_their_own_lines(empty_project):
    extra = "questions:\n  - question: Hvornår kommer planen?\n    answer: Vi sender planen samt listen i maj.\n"
    project = project_with(empty_project, {"cafe_meetings/2026-03-12.md": meeting(
        extra=extra, body="Vi talte om budgettet.\n\nVi sender svaret, såfremt der er tid.\n")})
    state, _ = cafe.load(project)
    texts = cafe.texts(state)
    assert {t.content_type for t in texts} == {"cafe"}
    _, found = gate(texts, Vocabulary())
    where = sorted((f.line, f.col) for f in found if f.rule == "officialese")
    assert where == [(16, 30), (20, 19)]


# --- rendering --------------------------------------------------------------------------------------

def _sample(root: Path):
    files = {
        "cafe_meetings/2026-03-12.md": meeting("2026-03-12", extra=(
            "proposed_topics:\n  - text: Hvordan fungerer lokal løn?\n    status: open\n"
            "  - text: Kan vi spare på print?\n    status: declined\n"
            "follow_ups:\n  - text: Sende planen ud.\n    owner: Budgetchef\n    status: open\n")),
        "cafe_meetings/2026-06-11.md": meeting("2026-06-11", audience="internal", extra=(
            "public_summary: Vi talte om aftalen for 2027.\n"
            "proposed_topics:\n  - text: Hemmeligt internt emne.\n    status: open\n")),
        "cafe_meetings/2026-09-10.md": meeting("2026-09-10", audience="internal", body="Internt referat.\n"),
        "cafe_meetings/2026-12-10.md": meeting("2026-12-10", body=""),
        "cafe_meetings/2027-03-11.md": meeting("2027-03-11", extra="draft: true\n"),
    }
    return project_with(root, files)


def test_public_site_has_no_internal_meeting_page_calendar_or_topic(empty_project):
    output = render_for(_sample(empty_project), "public")
    paths = {p.path for p in output.pages} | {a.path for a in output.assets}
    assert "cafemoeder/2026-09-10.md" not in paths and "cafemoeder/2026-09-10.ics" not in paths
    assert "cafemoeder/2026-06-11.ics" not in paths and "cafemoeder/2027-03-11.md" not in paths
    everything = "".join(p.markdown for p in output.pages) + "".join(a.data.decode() for a in output.assets)
    assert "Internt referat" not in everything and "Hemmeligt internt emne" not in everything
    summary = next(p for p in output.pages if p.path == "cafemoeder/2026-06-11.md")
    assert "Vi talte om aftalen for 2027." in summary.markdown and "Budgettet for 2027" not in summary.markdown


def test_intranet_has_every_meeting_but_not_drafts(empty_project):
    output = render_for(_sample(empty_project), "intranet")
    paths = {p.path for p in output.pages} | {a.path for a in output.assets}
    for day in ("2026-03-12", "2026-06-11", "2026-09-10", "2026-12-10"):
        assert f"cafemoeder/{day}.md" in paths and f"cafemoeder/{day}.ics" in paths
    assert "cafemoeder/2027-03-11.md" not in paths
    assert {p.path for p in output.pages if p.path.endswith("-dagsorden.md")} == {"cafemoeder/2026-12-10-dagsorden.md"}
    nav = [(p.section, p.order, p.title) for p in output.pages if p.in_nav]
    assert nav == [("Cafémøder", 30, "Cafémøder"), ("Cafémøder", 31, "Emner til næste gang")]


def test_index_shows_the_next_meeting_first_then_the_archive_by_year(empty_project):
    index = next(p for p in render_for(_sample(empty_project), "intranet").pages if p.path == "cafemoeder/index.md")
    md = index.markdown
    assert md.index("## Næste møde") < md.index("torsdag den 10. december 2026") < md.index("## Tidligere møder")
    assert "[Føj til kalender](2026-12-10.ics)" in md and "### 2026" in md
    assert md.index("2026-09-10.md") < md.index("2026-06-11.md") < md.index("2026-03-12.md")


def test_topics_page_lists_open_topics_and_follow_ups_oldest_first_with_a_mail_link(empty_project):
    page = next(p for p in render_for(_sample(empty_project), "intranet").pages if p.path == "cafemoeder/emner.md")
    md = page.markdown
    assert md.index("Hvordan fungerer lokal løn?") < md.index("Hemmeligt internt emne.")
    assert "Kan vi spare på print?" not in md and "Sende planen ud." in md
    assert "(mailto:cafemoede@eksempelby.dk?subject=Emne%20til%20caf%C3%A9m%C3%B8de)" in md


def test_meeting_page_matches_golden_file(empty_project):
    extra = ("questions:\n  - question: Skal vi spare?\n    answer: Det ved vi i september.\n"
             "    answered_by: Budgetchef\ndecisions:\n  - Vi holder fire møder om året.\n"
             "follow_ups:\n  - text: Sende tidsplanen ud.\n    owner: Budgetchef\n    due: 2026-04-01\n"
             "    status: done\nproposed_topics:\n  - text: Hvordan fungerer lokal løn?\n"
             "participants: 52\n")
    agenda = ("  - title: Velkommen\n    presenter: Økonomichef\n    minutes: 10\n"
              "  - title: Budgettet for 2027 | plan\n    presenter: Budgetchef\n    minutes: 30\n"
              "    description: Sådan bliver <budgettet> til.\n")
    project = project_with(empty_project, {"cafe_meetings/2026-03-12.md": meeting(extra=extra, agenda=agenda)})
    state, _ = cafe.load(project)
    actual = view.meeting_page(state.meetings[0], upcoming=False).markdown
    path = GOLDEN / "meeting.md"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


# --- new-meeting ------------------------------------------------------------------------------------

def test_new_meeting_carries_every_open_topic_and_follow_up_and_last_hosts(empty_project, capsys):
    project = _sample(empty_project)
    assert draft.new_meeting_command(project, "2027-06-10") == 0
    written = project.meetings_dir / "2027-06-10.md"
    m, problems = model.read_meeting(written)
    assert m is not None and not [p for p in problems if p.level == "error"], problems
    titles = [i["title"] for i in m.agenda]
    for topic in ("Hvordan fungerer lokal løn?", "Hemmeligt internt emne.", "Opfølgning: Sende planen ud."):
        assert topic in titles
    assert "Kan vi spare på print?" not in titles
    assert m.draft and m.meta["hosts"] == ["Økonomichef"] and m.date.isoformat() == "2027-06-10"
    out = capsys.readouterr().out
    assert "Skrev kladden" in out and "draft: true" in out


def test_new_meeting_refuses_to_overwrite_and_rejects_bad_dates(empty_project, capsys):
    project = _sample(empty_project)
    target = project.meetings_dir / "2026-12-10.md"
    before = target.read_bytes()
    assert draft.new_meeting_command(project, "2026-12-10") == 1
    assert target.read_bytes() == before
    assert "Der er allerede et cafémøde den 10. december 2026" in capsys.readouterr().out
    write_files(empty_project, {"cafe_meetings/juni.md": meeting("2027-06-10")})
    assert draft.new_meeting_command(project, "2027-06-10") == 1
    assert not (project.meetings_dir / "2027-06-10.md").exists()
    for bad in ("2027-02-30", "10-06-2027", "i morgen"):
        assert draft.new_meeting_command(project, bad) == 2
    assert "ÅÅÅÅ-MM-DD" in capsys.readouterr().out


def test_check_file_validates_a_draft_outside_the_project(empty_project, tmp_path):
    project = project_with(empty_project, {})
    path = tmp_path / "kladde.md"
    path.write_text(meeting(end="13:00"), encoding="utf-8")
    texts, problems = cafe.check_file(path, project, None)
    assert texts == [] and [p.rule for p in problems] == ["cafe-time"]
    assert cafe.owns((project.meetings_dir / "x.md").resolve(), project) and not cafe.owns(path, project)
