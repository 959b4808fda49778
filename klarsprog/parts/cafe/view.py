"""The café meeting pages, printable agendas and calendar files for one audience."""
from __future__ import annotations

import datetime as dt
from itertools import groupby
from urllib.parse import quote, urlparse

from ... import ical
from ...render import _md_escape, render
from ...site import Asset, Output, Page
from .model import TASK_STATUS_DA, TOPIC_STATUS_DA, Meeting, today

SECTION, BASE = "Cafémøder", "cafemoeder"


def clock(t: dt.time) -> str:
    return f"{t.hour:02d}.{t.minute:02d}"


def roles(items: list) -> str:
    """'Økonomichef, Budgetchef og HR-chef'."""
    names = [_md_escape(i) for i in items]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


def cell(value) -> str:
    """Text for a Markdown table cell: escaped, on one line, with pipes kept as text."""
    return " ".join(_md_escape(value).split()).replace("|", "\\|")


def timed_agenda(m: Meeting) -> list[dict]:
    """Agenda items with their clock times, counted from the meeting's start."""
    out, at = [], dt.datetime.combine(m.date, m.meta["start"])
    for item in m.agenda:
        end = at + dt.timedelta(minutes=item["minutes"])
        out.append({**item, "start": clock(at.time()), "end": clock(end.time())})
        at = end
    return out


def _helpers() -> dict:
    return {"clock": clock, "roles": roles, "cell": cell, "agenda": timed_agenda,
            "topic_status": TOPIC_STATUS_DA.get, "task_status": TASK_STATUS_DA.get}


def split(meetings: list[Meeting], audience: str, day: dt.date) -> tuple[list[Meeting], list[Meeting]]:
    """(meetings shown in full, internal meetings shown only by their public summary) for an audience."""
    shown = sorted((m for m in meetings if not m.draft), key=lambda m: m.date)
    if audience != "public":
        return shown, []
    full = [m for m in shown if m.audience == "public"]
    summary = [m for m in shown if m.audience == "internal" and m.meta.get("public_summary") and m.date < day]
    return full, summary


def meeting_page(m: Meeting, upcoming: bool) -> Page:
    md = render("cafe/meeting.md.j2", m=m, upcoming=upcoming, items=timed_agenda(m), **_helpers())
    return Page(f"{BASE}/{m.slug}.md", m.title, md, source=m.path, section=SECTION, in_nav=False, content_type="cafe")


def summary_page(m: Meeting) -> Page:
    md = render("cafe/summary.md.j2", m=m)
    return Page(f"{BASE}/{m.slug}.md", m.title, md, source=m.path, section=SECTION, in_nav=False, content_type="cafe")


def handout_page(m: Meeting, email: str) -> Page:
    md = render("cafe/handout.md.j2", m=m, email=email, items=timed_agenda(m), **_helpers())
    return Page(f"{BASE}/{m.slug}-dagsorden.md", f"Dagsorden: {m.title}", md, source=m.path, section=SECTION,
                in_nav=False, content_type="cafe", link_terms=False)


def index_page(full: list[Meeting], summary: list[Meeting], day: dt.date, context) -> Page:
    upcoming = [m for m in full if m.date >= day]
    past = sorted([m for m in full if m.date < day] + summary, key=lambda m: m.date, reverse=True)
    years = [(year, list(group)) for year, group in groupby(past, key=lambda m: m.date.year)]
    md = render("cafe/index.md.j2", next=upcoming[0] if upcoming else None, later=upcoming[1:], years=years,
                public=context.audience == "public", summary_only=lambda m: m in summary,
                department=context.project.settings["department"], **_helpers())
    return Page(f"{BASE}/index.md", "Cafémøder", md, section=SECTION, order=30, content_type="cafe")


def open_items(full: list[Meeting]) -> tuple[list, list]:
    """Every open proposed topic and open follow-up, oldest meeting first, in file order."""
    ordered = sorted(full, key=lambda m: m.date)
    topics = [(m, t) for m in ordered for t in m.topics if t["status"] == "open"]
    follow_ups = [(m, f) for m in ordered for f in m.follow_ups if f["status"] == "open"]
    return topics, follow_ups


def topics_page(full: list[Meeting], email: str) -> Page:
    topics, follow_ups = open_items(full)
    mailto = f"mailto:{email}?subject={quote('Emne til cafémøde')}"
    md = render("cafe/topics.md.j2", topics=topics, follow_ups=follow_ups, mailto=mailto, **_helpers())
    return Page(f"{BASE}/emner.md", "Emner til næste gang", md, section=SECTION, order=31, content_type="cafe")


def event_of(m: Meeting, project, audience: str) -> ical.Event:
    url = f"{project.url(audience)}{BASE}/{m.slug}/"
    lines = ["Dagsorden:"] + [f"kl. {i['start']} {i['title']}" + (f" ({i['presenter']})" if i["presenter"] else "")
                              for i in timed_agenda(m)]
    host = urlparse(project.url("intranet")).hostname or "klarsprog"
    return ical.Event(ical.event_uid(m.date, host), m.title, m.starts, m.ends, m.meta["place"],
                      "\n".join(lines + ["", f"Læs mere: {url}"]), url, m.doc.text.encode("utf-8"))


def calendars(full: list[Meeting], day: dt.date, project, audience: str) -> list[Asset]:
    """One .ics per meeting next to its page, and a feed of every upcoming meeting."""
    name = f"Cafémøder – {project.settings['department']}, {project.settings['municipality']}"
    events = {m.slug: event_of(m, project, audience) for m in full}
    out = [Asset(f"{BASE}/{slug}.ics", ical.calendar(name, [e], e.url)) for slug, e in events.items()]
    upcoming = [events[m.slug] for m in full if m.date >= day]
    out.append(Asset(f"{BASE}/cafemoeder.ics", ical.calendar(name, upcoming, f"{project.url(audience)}{BASE}/")))
    return out


def render_meetings(meetings: list[Meeting], output: Output, context) -> None:
    """Every café page and calendar file of one audience; nothing internal reaches the public site."""
    day = today()
    full, summary = split(meetings, context.audience, day)
    if not full and not summary:
        return
    email = context.project.settings["topics_email"]
    output.pages.append(index_page(full, summary, day, context))
    output.pages.append(topics_page(full, email))
    for m in full:
        output.pages.append(meeting_page(m, m.date >= day))
        if m.date >= day:
            output.pages.append(handout_page(m, email))
    output.pages += [summary_page(m) for m in summary]
    output.assets += calendars(full, day, context.project, context.audience)
