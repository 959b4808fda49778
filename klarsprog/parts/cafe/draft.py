"""`python build.py new-meeting DATE`: a draft with the open topics and follow-ups as candidate items."""
from __future__ import annotations

import datetime as dt
import json
import re

from ...danish import date_long, date_weekday
from ...findings import display_path, format_text, has_errors
from ...render import render
from .model import Meeting, read_meeting

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
DEFAULTS = {"start": "14:00", "end": "15:30", "place": "Skriv, hvor mødet er"}


def parse_date(text: str) -> dt.date | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def candidates(meetings: list[Meeting]) -> list[dict]:
    """Open proposed topics, then open follow-ups, oldest meeting first."""
    ordered = sorted(meetings, key=lambda m: m.date)
    out = [{"title": t["text"], "presenter": None, "minutes": 10,
            "description": f"Emne foreslået på cafémødet {date_long(m.date)}."}
           for m in ordered for t in m.topics if t["status"] == "open"]
    out += [{"title": f"Opfølgning: {f['text']}", "presenter": f["owner"], "minutes": 5,
             "description": f"Opgave fra cafémødet {date_long(m.date)}."}
            for m in ordered for f in m.follow_ups if f["status"] == "open"]
    return out


def last_meeting(meetings: list[Meeting], day: dt.date) -> Meeting | None:
    before = [m for m in meetings if m.date < day]
    pool = before or meetings
    return max(pool, key=lambda m: m.date) if pool else None


def draft_text(day: dt.date, meetings: list[Meeting]) -> tuple[str, Meeting | None, list[dict]]:
    last = last_meeting(meetings, day)
    values = dict(DEFAULTS)
    if last:
        t = last.meta
        values = {"start": f"{t['start']:%H:%M}", "end": f"{t['end']:%H:%M}", "place": t["place"]}
    items = candidates(meetings)
    text = render("cafe/draft.md.j2", date=day, title=f"Cafémøde {date_long(day)}",
                  hosts=last.meta["hosts"] if last else [], candidates=items,
                  q=lambda s: json.dumps(str(s), ensure_ascii=False), **values)
    return text, last, items


def new_meeting_command(project, date_text: str) -> int:
    """Write cafe_meetings/<date>.md; never overwrite a meeting (exit 1), refuse a bad date (exit 2)."""
    from . import read_all

    day = parse_date(date_text)
    if day is None:
        print(f"Datoen '{date_text}' er ikke gyldig. Skriv den som ÅÅÅÅ-MM-DD, for eksempel 2027-06-10.")
        return EXIT_USAGE
    folder = project.meetings_dir
    target = folder / f"{day.isoformat()}.md"
    meetings, problems = read_all(folder)
    clash = [m.path for m in meetings if m.date == day] + ([target] if target.exists() else [])
    if clash:
        print(f"Der er allerede et cafémøde den {date_long(day)}: {display_path(clash[0])}. "
              f"Kladden er ikke skrevet. Ret den fil, eller vælg en anden dato.")
        return EXIT_CONTENT
    if has_errors(problems):
        print("Nogle mødefiler har fejl, så deres emner kommer ikke med i kladden:")
        print(format_text([p for p in problems if p.level == "error"]))
    text, last, items = draft_text(day, meetings)
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    _report(target, day, last, items)
    return EXIT_OK


def _report(target, day: dt.date, last: Meeting | None, items: list[dict]) -> None:
    topics = sum(1 for i in items if not i["title"].startswith("Opfølgning: "))
    print(f"Skrev kladden {display_path(target)} til cafémødet {date_weekday(day)}.")
    print(f"Dagsordenen har {len(items) + 2} punkter: 2 faste punkter, {topics} åbne emner "
          f"og {len(items) - topics} åbne opgaver fra tidligere møder.")
    if last:
        hosts = ", ".join(last.meta["hosts"]) or "ingen"
        print(f"Værter, tid og sted er fra sidste møde ({date_long(last.date)}). Værter: {hosts}.")
    _, found = read_meeting(target)
    if found:
        print(format_text(found))
    print("Sådan gør du nu:")
    print("1. Åbn filen. Slet de forslag, der ikke skal med, og ret minutterne, så de passer til mødet.")
    print("2. Sæt 'status: planned' ved de emner, du tager med, i filen for det møde, hvor de blev foreslået.")
    print("3. Slet linjen 'draft: true', når dagsordenen er klar. Så kommer mødet på siderne og i kalenderen.")
    print(f"4. Tjek filen: python build.py check {display_path(target)}")
