"""Café meetings as data: the front matter schema, reading one meeting file and its own checks."""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from ... import safety
from ...danish import date_long
from ...findings import Finding, finding
from ...schema import Field, load_valid
from ...source import Document, Mapping, load_markdown

TZ = ZoneInfo("Europe/Copenhagen")
ROLE = "Skriv en rolle, ikke et navn, for eksempel 'Økonomichef' eller 'HR-chef'."
TOPIC_STATUSES = ("open", "planned", "done", "declined")
FOLLOW_UP_STATUSES = ("open", "done", "dropped")
# "Jens Hansen" looks like a person; "Økonomichef" and "Projektleder for bedre økonomistyring" do not.
PERSON_NAME = re.compile(r"^[A-ZÆØÅ][a-zæøåé]+(?:[ -][A-ZÆØÅ][a-zæøåé]+)+$")
ROLE_FIELDS = {"agenda": "presenter", "questions": "answered_by", "follow_ups": "owner"}
TOPIC_STATUS_DA = {"open": "åbent", "planned": "planlagt", "done": "taget op", "declined": "fravalgt"}
TASK_STATUS_DA = {"open": "åben", "done": "klaret", "dropped": "droppet"}

AGENDA = {
    "title": Field("text", required=True, help="Skriv punktets overskrift."),
    "presenter": Field("text", help=ROLE),
    "minutes": Field("int", required=True, minimum=1, help="Skriv, hvor mange minutter punktet varer, for eksempel 15."),
    "description": Field("text"),
}
QUESTION = {
    "question": Field("text", required=True, help="Skriv spørgsmålet uden navnet på den, der spurgte."),
    "answer": Field("text"),
    "answered_by": Field("text", help=ROLE),
}
FOLLOW_UP = {
    "text": Field("text", required=True, help="Skriv, hvad der skal gøres."),
    "owner": Field("text", required=True, help="Skriv rollen på den, der har opgaven, for eksempel 'HR-chef'."),
    "due": Field("date", help="Skriv fristen som ÅÅÅÅ-MM-DD."),
    "status": Field("enum", choices=FOLLOW_UP_STATUSES,
                    help="Skriv 'open' (ikke klaret), 'done' (klaret) eller 'dropped' (droppet)."),
}
TOPIC = {
    "text": Field("text", required=True, help="Skriv emnet som en kort sætning."),
    "status": Field("enum", choices=TOPIC_STATUSES,
                    help="Skriv 'open' (nyt forslag), 'planned' (på et møde), 'done' (taget op) eller 'declined' (fravalgt)."),
}
SCHEMA = {
    "title": Field("text"),
    "date": Field("date", required=True, help="Skriv datoen som ÅÅÅÅ-MM-DD, for eksempel 2026-03-12."),
    "start": Field("time", required=True, help="Skriv tiden i dansk tid som TT:MM, for eksempel \"14:00\"."),
    "end": Field("time", required=True, help="Skriv tiden i dansk tid som TT:MM, for eksempel \"15:30\"."),
    "place": Field("text", required=True, help="Skriv, hvor mødet er, for eksempel 'Kantinen på rådhuset'."),
    "audience": Field("enum", choices=("internal", "public"),
                      help="Skriv 'internal' (kun intranettet, standard) eller 'public' (også internettet)."),
    "public_summary": Field("text", help="Et kort resumé, som må stå på internettet."),
    "hosts": Field("list", item=Field("text"), help=ROLE),
    "agenda": Field("list", item=AGENDA),
    "questions": Field("list", item=QUESTION),
    "decisions": Field("list", item=Field("text")),
    "follow_ups": Field("list", item=FOLLOW_UP),
    "proposed_topics": Field("list", item=TOPIC),
    "participants": Field("int", minimum=0, help="Skriv antallet af deltagere som et tal, for eksempel 52."),
    "draft": Field("bool", help="Skriv 'true', mens mødet er en kladde, ellers slet linjen."),
}


@dataclass
class Meeting:
    """One café meeting read from cafe_meetings/<date>.md."""

    path: Path
    doc: Document
    meta: dict
    body: str
    body_line: int
    agenda: list = field(default_factory=list)
    follow_ups: list = field(default_factory=list)
    topics: list = field(default_factory=list)

    @property
    def date(self) -> dt.date:
        return self.meta["date"]

    @property
    def slug(self) -> str:
        return self.date.isoformat()

    @property
    def title(self) -> str:
        return self.meta.get("title") or f"Cafémøde {date_long(self.date)}"

    @property
    def audience(self) -> str:
        return self.meta.get("audience", "internal")

    @property
    def draft(self) -> bool:
        return self.meta.get("draft", False)

    @property
    def starts(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.meta["start"], TZ)

    @property
    def ends(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.meta["end"], TZ)

    @property
    def length(self) -> int:
        """The meeting's length in minutes (wall-clock, as the agenda is planned)."""
        start, end = self.meta["start"], self.meta["end"]
        return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)

    def line_of(self, key: str) -> tuple[int, int]:
        return tuple(self.doc.data.where(key))


def today() -> dt.date:
    """Today, or KLARSPROG_TODAY (YYYY-MM-DD) for tests and reproducible builds."""
    value = os.environ.get("KLARSPROG_TODAY", "").strip()
    try:
        return dt.date.fromisoformat(value) if value else dt.date.today()
    except ValueError:
        return dt.date.today()


def _defaults(meta: dict) -> dict:
    """Optional fields get empty values, so that templates and checks need no special cases."""
    for key in ("hosts", "agenda", "questions", "decisions", "follow_ups", "proposed_topics"):
        meta.setdefault(key, [])
    for key, schema in (("agenda", AGENDA), ("questions", QUESTION), ("follow_ups", FOLLOW_UP),
                        ("proposed_topics", TOPIC)):
        for item in meta[key]:
            for name in schema:
                item.setdefault(name, "open" if name == "status" else None)
    return meta


def read_meeting(path: Path) -> tuple[Meeting | None, list[Finding]]:
    """Read and check one meeting file; a meeting with errors is not returned."""
    doc, meta, problems = load_valid(path, SCHEMA, loader=lambda p: load_markdown(p, require_front_matter=True))
    if doc is None:
        return None, problems
    meta = _defaults(meta)
    meeting = Meeting(path, doc, meta, doc.body, doc.body_line, meta["agenda"], meta["follow_ups"],
                      meta["proposed_topics"])
    problems = (_check_times(meeting) + _check_summary(meeting) + _check_file_name(meeting) + _check_roles(meeting)
                + safety.check_document(doc, folder="cafemoeder"))
    if any(p.level == "error" for p in problems):
        return None, problems
    return meeting, problems


def _clock(t: dt.time) -> str:
    return f"{t.hour:02d}.{t.minute:02d}"


def _check_times(m: Meeting) -> list[Finding]:
    start, end = m.meta["start"], m.meta["end"]
    if end <= start:
        line, col = m.line_of("end")
        return [finding(m.path, line, col, "error", "cafe-time",
                        f"Mødet slutter kl. {_clock(end)}, før det starter kl. {_clock(start)}. "
                        f"Ret 'end', så tiden ligger efter 'start'.")]
    used = sum(item["minutes"] for item in m.agenda)
    if used <= m.length:
        return []
    line, col = m.line_of("agenda")
    level = "warning" if m.draft else "error"
    return [finding(m.path, line, col, level, "cafe-agenda-time",
                    f"Punkterne på dagsordenen tager {used} minutter, men mødet varer kun {m.length} minutter "
                    f"(kl. {_clock(start)}-{_clock(end)}). Gør punkterne kortere, slet et punkt, eller ryk 'end'.")]


def _check_summary(m: Meeting) -> list[Finding]:
    if "public_summary" not in m.meta or m.audience == "internal":
        return []
    line, col = m.line_of("public_summary")
    return [finding(m.path, line, col, "warning", "cafe-summary",
                    "Mødet er allerede offentligt, så 'public_summary' bliver ikke vist. "
                    "Slet feltet, eller skriv 'audience: internal'.")]


def _check_file_name(m: Meeting) -> list[Finding]:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.path.stem) or m.path.stem == m.slug:
        return []
    line, col = m.line_of("date")
    return [finding(m.path, line, col, "warning", "cafe-file-name",
                    f"Filen hedder {m.path.name}, men mødet er den {m.slug}. "
                    f"Giv filen navnet {m.slug}.md, så den er let at finde.")]


def _role_values(data: Mapping):
    """(value, line, col) of every host, presenter, answerer and owner as written in the file."""
    hosts = data.get("hosts")
    if isinstance(hosts, list):
        yield from ((h, *pos) for h, pos in zip(hosts, getattr(hosts, "item_pos", [])))
    for key, name in ROLE_FIELDS.items():
        for item in data.get(key) or []:
            if isinstance(item, Mapping) and name in item:
                yield (item[name], *item.where(name))


def _check_roles(m: Meeting) -> list[Finding]:
    return [finding(m.path, line, col, "warning", "cafe-name",
                    f"'{value}' ligner navnet på en person. Skriv rollen i stedet, for eksempel 'Økonomichef'. "
                    f"Referater handler om arbejdet, ikke om personer.")
            for value, line, col in _role_values(m.doc.data)
            if isinstance(value, str) and PERSON_NAME.match(value.strip())]
