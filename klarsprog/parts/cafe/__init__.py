"""Café meetings in cafe_meetings/: agendas, notes, questions, follow-ups and proposed topics.

The part API (load, texts, render, owns, check_file) plus `new_meeting_command` for the CLI.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...danish import date_long
from ...findings import Finding, finding
from ...gate import Text
from ...site import Output
from .draft import new_meeting_command  # noqa: F401 - the CLI calls cafe.new_meeting_command
from .model import Meeting, read_meeting, today
from .prose import meeting_texts
from .view import render_meetings

QUARTERS = {1: "januar-marts", 2: "april-juni", 3: "juli-september", 4: "oktober-december"}


@dataclass
class Meetings:
    """The part's state: every meeting that loaded, errors or not in other files."""

    meetings: list[Meeting] = field(default_factory=list)


def read_all(folder: Path) -> tuple[list[Meeting], list[Finding]]:
    meetings, problems = [], []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        meeting, found = read_meeting(path)
        problems += found
        if meeting:
            meetings.append(meeting)
    return meetings, problems


def load(project) -> tuple[Meetings, list[Finding]]:
    meetings, problems = read_all(project.meetings_dir)
    problems += same_date(meetings) + missing_quarters(meetings, project.meetings_dir, today().year)
    return Meetings(meetings), problems


def same_date(meetings: list[Meeting]) -> list[Finding]:
    """Two files for one date would give one page and one calendar UID: name both files."""
    out = []
    for m in meetings:
        others = [o for o in meetings if o.date == m.date and o is not m]
        if others:
            line, col = m.line_of("date")
            names = ", ".join(o.path.name for o in others)
            out.append(finding(m.path, line, col, "error", "cafe-same-date",
                               f"Der er to møder den {date_long(m.date)}: denne fil og {names}. "
                               f"Ret datoen i den ene fil, eller slet den ene fil."))
    return out


def missing_quarters(meetings: list[Meeting], folder: Path, year: int) -> list[Finding]:
    """A warning for each quarter of the current year without a meeting (only once meetings exist)."""
    if not meetings:
        return []
    have = {(m.date.month - 1) // 3 + 1 for m in meetings if m.date.year == year}
    return [finding(folder, 1, 1, "warning", "cafe-quarter",
                    f"Der er ikke planlagt et cafémøde i {q}. kvartal {year} ({QUARTERS[q]}). Møderne holdes fire "
                    f"gange om året. Lav en kladde med: python build.py new-meeting ÅÅÅÅ-MM-DD")
            for q in range(1, 5) if q not in have]


def texts(state: Meetings | None) -> list[Text]:
    return [t for m in (state.meetings if state else []) for t in meeting_texts(m)]


def render(state: Meetings | None, output: Output, context) -> None:
    if state and state.meetings:
        render_meetings(state.meetings, output, context)


def owns(path: Path, project) -> bool:
    folder = project.meetings_dir.resolve()
    return path.suffix == ".md" and folder in Path(path).resolve().parents


def check_file(path: Path, project, context) -> tuple[list[Text], list[Finding]]:
    """Check one meeting file, also a draft outside the project (no checks across files)."""
    meeting, problems = read_meeting(path)
    return (meeting_texts(meeting) if meeting else []), problems
