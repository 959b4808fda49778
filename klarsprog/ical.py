"""Calendar files (RFC 5545) through the icalendar package: stable, reproducible, in Danish time."""
from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass

import icalendar

TZID = "Europe/Copenhagen"
PRODID = "-//Klarsprog//Cafémøder//DA"


@dataclass(frozen=True)
class Event:
    """One meeting as a calendar event; start and end carry the Europe/Copenhagen zone."""

    uid: str
    summary: str
    start: dt.datetime
    end: dt.datetime
    location: str
    description: str
    url: str
    source: bytes  # the content file's bytes: the stamp is derived from them, never from the clock


def stamp(source: bytes, day: dt.date) -> dt.datetime:
    """A DTSTAMP that changes when the file changes and never when only the clock does."""
    seconds = int.from_bytes(hashlib.sha256(source).digest()[:4], "big") % 86400
    return dt.datetime.combine(day, dt.time(0), dt.timezone.utc) + dt.timedelta(seconds=seconds)


def event_uid(day: dt.date, host: str) -> str:
    """A UID from the date and the site: the same meeting keeps its UID in every build and feed."""
    return f"cafemoede-{day.isoformat()}.{host}"


def calendar(name: str, events: list[Event], url: str) -> bytes:
    """A VCALENDAR with a VTIMEZONE for Europe/Copenhagen covering the events' years."""
    cal = icalendar.Calendar.new(prodid=PRODID, name=name, uid=str(uuid.uuid5(uuid.NAMESPACE_URL, url)), url=url)
    cal.add("X-WR-TIMEZONE", TZID)
    for e in sorted(events, key=lambda e: e.start):
        cal.add_component(icalendar.Event.new(
            uid=e.uid, summary=e.summary, start=e.start, end=e.end, location=e.location,
            description=e.description, url=e.url, stamp=stamp(e.source, e.start.date())))
    if events:
        years = [e.start.year for e in events]
        cal.add_missing_timezones(first_date=dt.date(min(years), 1, 1), last_date=dt.date(max(years) + 1, 1, 1))
    return cal.to_ical()
