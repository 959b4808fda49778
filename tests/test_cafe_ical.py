"""Calendar files: they parse, hold Danish time in summer and winter, and are stable from build to build."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from test_cafe import meeting, project_with, render_for

UTC = dt.timezone.utc


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("KLARSPROG_TODAY", "2026-05-01")


@pytest.fixture
def project(empty_project):
    return project_with(empty_project, {
        "cafe_meetings/2026-03-12.md": meeting("2026-03-12"),
        "cafe_meetings/2026-06-11.md": meeting("2026-06-11", start="14:00", end="15:30"),
        "cafe_meetings/2026-12-10.md": meeting("2026-12-10", start="09:15", end="10:45"),
        "cafe_meetings/2026-09-10.md": meeting("2026-09-10", audience="internal"),
    })


def calendars(project, audience="intranet") -> dict[str, icalendar.Calendar]:
    output = render_for(project, audience)
    return {a.path: icalendar.Calendar.from_ical(a.data) for a in output.assets if a.path.endswith(".ics")}


def test_summer_meeting_is_in_danish_summer_time(project):
    event = calendars(project)["cafemoeder/2026-06-11.ics"].events[0]
    assert event.start == dt.datetime(2026, 6, 11, 14, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    assert event.start.astimezone(UTC) == dt.datetime(2026, 6, 11, 12, 0, tzinfo=UTC)
    assert event.end.astimezone(UTC) == dt.datetime(2026, 6, 11, 13, 30, tzinfo=UTC)
    assert str(event["DTSTART"].params["TZID"]) == "Europe/Copenhagen"


def test_winter_meeting_is_in_danish_winter_time(project):
    event = calendars(project)["cafemoeder/2026-12-10.ics"].events[0]
    assert event.start.astimezone(UTC) == dt.datetime(2026, 12, 10, 8, 15, tzinfo=UTC)
    assert event.end.astimezone(UTC) == dt.datetime(2026, 12, 10, 9, 45, tzinfo=UTC)


def test_every_calendar_carries_the_copenhagen_time_zone_and_the_page_url(project):
    for path, cal in calendars(project, "public").items():
        assert [tz["TZID"] for tz in cal.timezones] == ["Europe/Copenhagen"] or not cal.events, path
        for event in cal.events:
            day = event.start.date().isoformat()
            assert event["URL"] == f"https://www.eksempelby.dk/oekonomi/cafemoeder/{day}/"
            assert event["UID"] == f"cafemoede-{day}.intra.eksempelby.dk"


def test_feed_holds_every_upcoming_meeting_and_no_past_one(project):
    feed = calendars(project)["cafemoeder/cafemoeder.ics"]
    assert [e.start.date().isoformat() for e in feed.events] == ["2026-06-11", "2026-09-10", "2026-12-10"]
    public = calendars(project, "public")["cafemoeder/cafemoeder.ics"]
    assert [e.start.date().isoformat() for e in public.events] == ["2026-06-11", "2026-12-10"]


def test_identical_sources_give_identical_files_and_an_edit_changes_the_stamp(project):
    first = {a.path: a.data for a in render_for(project, "intranet").assets}
    assert first == {a.path: a.data for a in render_for(project, "intranet").assets}
    stamp = calendars(project)["cafemoeder/2026-06-11.ics"].events[0]["DTSTAMP"].dt
    (project.meetings_dir / "2026-06-11.md").write_text(meeting("2026-06-11", body="Nyt referat.\n"), encoding="utf-8")
    event = calendars(project)["cafemoeder/2026-06-11.ics"].events[0]
    assert event["DTSTAMP"].dt != stamp and event["UID"] == "cafemoede-2026-06-11.intra.eksempelby.dk"
