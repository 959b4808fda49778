"""Café meetings end to end through the real CLI: the privacy guard, internal meetings and new-meeting."""
from __future__ import annotations

import shutil

import icalendar
import pytest

from conftest import ROOT, run_cli, write_files
from test_cafe import meeting


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("KLARSPROG_TODAY", "2026-12-03")  # run_cli's subprocess inherits it


@pytest.fixture
def sample_meetings(empty_project):
    """The repository's four sample meetings in an otherwise empty project."""
    shutil.rmtree(empty_project / "cafe_meetings")
    shutil.copytree(ROOT / "cafe_meetings", empty_project / "cafe_meetings")
    return empty_project


PLANTED = [
    # (secret, sentence around it, rule, column, what the message shows)
    ("010203-1234", "Hans CPR-nummer er {}.", "personal-cpr", 20, "010203-****"),
    ("jens.hansen@eksempelby.dk", "Skriv til {} for at høre mere.", "personal-email", 11, "j***@eksempelby.dk"),
    ("23 45 67 89", "Ring til {} for at høre mere.", "personal-phone", 10, "2345 ****"),
]


@pytest.mark.parametrize("secret, sentence, rule, col, masked", PLANTED)
def test_personal_data_in_a_public_meeting_fails_the_build_with_file_and_line(empty_project, secret, sentence,
                                                                               rule, col, masked):
    body = f"Vi talte om budgettet.\n\n{sentence.format(secret)}\n"
    write_files(empty_project, {"cafe_meetings/2026-03-12.md": meeting(body=body)})
    result = run_cli(empty_project)
    assert result.returncode == 1, result.stdout
    assert f"cafe_meetings/2026-03-12.md:17:{col}: fejl {rule}: " in result.stdout
    assert masked in result.stdout and secret not in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not (empty_project / "site").exists()


def test_internal_meetings_and_their_calendars_never_reach_the_public_site(sample_meetings):
    internal = sample_meetings / "cafe_meetings/2026-09-10.md"
    internal.write_text(internal.read_text(encoding="utf-8") + "\nRing til 23 45 67 89 for at høre mere.\n",
                        encoding="utf-8")
    result = run_cli(sample_meetings)
    assert result.returncode == 0, result.stdout
    public, intranet = sample_meetings / "site/public", sample_meetings / "site/intranet"
    assert not (public / "cafemoeder/2026-09-10").exists() and not (public / "cafemoeder/2026-09-10.ics").exists()
    assert not (public / "cafemoeder/2026-06-11.ics").exists()
    for path in public.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".ics", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert "Cafémøde i september 2026" not in text and "23 45 67 89" not in text, path
            assert "cafemoede-2026-09-10" not in text and "cafemoede-2026-06-11" not in text, path
    summary = (public / "cafemoeder/2026-06-11/index.html").read_text(encoding="utf-8")
    assert "Kort fortalt" in summary and "Referat" not in summary
    feed = icalendar.Calendar.from_ical((public / "cafemoeder/cafemoeder.ics").read_bytes())
    assert [e["UID"] for e in feed.events] == ["cafemoede-2026-12-10.intra.eksempelby.dk"]
    assert "23 45 67 89" in (intranet / "cafemoeder/2026-09-10/index.html").read_text(encoding="utf-8")
    assert (intranet / "cafemoeder/2026-09-10.ics").exists()


def test_new_meeting_writes_a_draft_then_refuses_to_overwrite_it(sample_meetings):
    result = run_cli(sample_meetings, "new-meeting", "2027-03-11")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Skrev kladden cafe_meetings/2027-03-11.md til cafémødet torsdag den 11. marts")
    draft = (sample_meetings / "cafe_meetings/2027-03-11.md").read_text(encoding="utf-8")
    for topic in ("Hvordan planlægger vi ferie, når der er travlt?", "Hvordan kan vi lære af andre kommuner?",
                  "Holde et kursus for nye ledere i at læse rapporten om budgettet."):
        assert topic in draft
    again = run_cli(sample_meetings, "new-meeting", "2027-03-11")
    assert again.returncode == 1 and "Kladden er ikke skrevet" in again.stdout
    assert (sample_meetings / "cafe_meetings/2027-03-11.md").read_text(encoding="utf-8") == draft
    bad = run_cli(sample_meetings, "new-meeting", "2027-13-01")
    assert bad.returncode == 2 and "ÅÅÅÅ-MM-DD" in bad.stdout
    check = run_cli(sample_meetings, "check", "cafe_meetings/2027-03-11.md")
    assert check.returncode == 0, check.stdout
