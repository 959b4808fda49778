"""The personal-data guard: the public build refuses CPR numbers, e-mail addresses and phone numbers.

Runs on the PUBLIC output only (every page's Markdown and every text file). Addresses and numbers on
the allow-lists in klarsprog.yml (functional mailboxes, the switchboard) pass.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding, finding
from .memo import Clean
from .source import position, written_in

CPR_WORDS = ("cpr", "personnummer", "personnr", "person-nr")
PHONE_WORDS = ("tlf", "telefon", "mobil", "ring", "sms", "phone")
OTHER_NUMBER_WORDS = ("cvr", "se-nr", "ean", "konto", "sagsnr", "journal", "faktura")
BINARY = {".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".ttf", ".zip", ".gz"}
FILE_ENDINGS = {"png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "pdf", "html", "md"}

CPR = re.compile(r"(?<![\w.,/+-])(\d{2})(\d{2})(\d{2})([-\u2010\u2011\u2013]| ?)(\d)(\d{3})(?![\w-]|[.,/]\d)")
EMAIL = re.compile(r"(?<![\w.%+-])[\w][\w.%+-]*@(?:[^\W_](?:[\w-]*[^\W_])?\.)+([^\W\d_]{2,})(?![\w-])")
_SEP = r"[ \u00a0]"
PHONE = re.compile(
    rf"(?<![\w.,/+-])(?<!\d )(?<!\d\u00a0)(?P<prefix>(?:\+|00)45{_SEP}?)?"
    rf"(?P<num>[1-9]\d(?P<s>{_SEP}|\.)\d\d(?P=s)\d\d(?P=s)\d\d|[1-9]\d{{3}}{_SEP}\d{{4}}|[1-9]\d{{7}})"
    rf"(?![\w]|[.,]\d|{_SEP}\d)")
# What every match above must contain, without look-behinds: the regex engine then skips to the digits
# at C speed, and a text without such a run of digits (most pages) needs no closer look.
_CPR_HINT = re.compile(r"\d\d{5}[-\u2010\u2011\u2013 ]?\d{4}")
_PHONE_HINT = re.compile(rf"[1-9]\d(?:{_SEP}|\.)\d\d(?:{_SEP}|\.)\d\d(?:{_SEP}|\.)\d\d|[1-9]\d{{3}}{_SEP}\d{{4}}|[1-9]\d{{7}}")
_AMOUNT_AFTER = re.compile(r"\s?(kr\b|mio\b|mia\b|%|timer\b)", re.IGNORECASE)
# Drawings and code carry coordinates and ids, not prose: blanked before scanning, offsets kept.
_BLOCKS = re.compile(r"<(svg|style|script)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Hit:
    """Personal data found in a text: rule id, where it stands and a masked form for the message."""

    rule: str
    start: int
    text: str
    masked: str
    keyword: bool = False


def _near(text: str, start: int, words: tuple[str, ...], width: int = 40) -> bool:
    before = text[max(0, start - width):start].lower()
    return any(w in before for w in words)


def cpr_century(year2: int, digit7: int) -> int | None:
    """The CPR rules: the seventh digit and the two-digit year give the century."""
    if digit7 <= 3:
        return 1900
    if digit7 in (4, 9):
        return 2000 if year2 <= 36 else 1900
    return 2000 if year2 <= 57 else 1800  # 5-8


def valid_cpr_date(dd: int, mm: int, yy: int, digit7: int) -> bool:
    year = cpr_century(yy, digit7) + yy
    return 1 <= mm <= 12 and 1 <= dd <= calendar.monthrange(year, mm)[1]


def find_cpr(text: str, data_file: bool = False) -> list[Hit]:
    """DDMMYY-SSSS with a real date (no modulus-11: many numbers since 2007 fail it).

    Without a dash the ten digits could be an amount, so a data file needs a 'CPR' keyword nearby,
    and a space between the parts always needs one.
    """
    out = []
    if not _CPR_HINT.search(text):
        return out
    for m in CPR.finditer(text):
        dd, mm, yy, sep, d7 = int(m[1]), int(m[2]), int(m[3]), m[4], int(m[5])
        if not valid_cpr_date(dd, mm, yy, d7):
            continue
        keyword = _near(text, m.start(), CPR_WORDS)
        if (sep == " " or (sep == "" and data_file)) and not keyword:
            continue
        out.append(Hit("personal-cpr", m.start(), m.group(), f"{m[1]}{m[2]}{m[3]}-****", keyword))
    return out


def find_emails(text: str) -> list[Hit]:
    out = []
    for m in _emails(text):
        if m[1].lower() in FILE_ENDINGS:  # "logo@2x.png" is a file name
            continue
        local, domain = m.group().split("@", 1)
        out.append(Hit("personal-email", m.start(), m.group(), f"{local[0]}***@{domain}"))
    return out


def _emails(text: str):
    """EMAIL.finditer(text), found from each '@' instead of trying every letter of the text as a start."""
    done = 0  # where the last address ended: the next one starts there or later
    at = text.find("@")
    while at != -1:
        start = at
        while start > done and (text[start - 1].isalnum() or text[start - 1] in "_.%+-"):  # [\w.%+-]
            start -= 1
        m = EMAIL.match(text, start) if start < at else None  # the lookbehind sees what is before start
        if m:
            yield m
            done = m.end()
            at = text.find("@", done)
        else:
            at = text.find("@", at + 1)


def _is_date(digits: str) -> bool:
    y, mo, d = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    return 1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31


def find_phones(text: str, data_file: bool = False) -> list[Hit]:
    """Danish eight-digit numbers, grouped 2-2-2-2 or 4-4 or plain, with or without +45/0045."""
    out = []
    if not _PHONE_HINT.search(text):
        return out
    for m in PHONE.finditer(text):
        digits = re.sub(r"\D", "", m["num"])
        sure = bool(m["prefix"]) or _near(text, m.start(), PHONE_WORDS, 25)
        plain = digits == m["num"]
        if not sure and _near(text, m.start(), OTHER_NUMBER_WORDS, 25):
            continue  # company (CVR), account and case numbers are eight digits too
        if not sure and plain and (data_file or _is_date(digits) or _AMOUNT_AFTER.match(text, m.end())):
            continue  # amounts and compact dates are eight plain digits too
        halves = m["num"].split()
        if not sure and len(halves) == 2 and all(1900 <= int(h) <= 2100 for h in halves):
            continue  # "2026 2027": two years
        out.append(Hit("personal-phone", m.start(), m.group(), f"{digits[:4]} ****", sure))
    return out


def normal_phone(value: str) -> str:
    digits = re.sub(r"\D", "", str(value))
    return digits[-8:] if len(digits) > 8 and digits[:-8] in ("45", "0045") else digits


def find(text: str, allowed_emails=(), allowed_phones=(), data_file: bool = False) -> list[Hit]:
    """Every CPR number, e-mail address and phone number in a text that is not on an allow-list."""
    text = _BLOCKS.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    emails = {e.lower() for e in allowed_emails}
    phones = {normal_phone(p) for p in allowed_phones}
    hits = find_cpr(text, data_file)
    if "@" in text:
        hits += [h for h in find_emails(text) if h.text.lower() not in emails]
    hits += [h for h in find_phones(text, data_file) if normal_phone(h.text) not in phones]
    return sorted(hits, key=lambda h: h.start)


MESSAGES = {
    "personal-cpr": "Et CPR-nummer ({masked}) står i indhold til internettet. Slet det: CPR-numre må aldrig "
                    "stå på hjemmesiden.",
    "personal-email": "En e-mailadresse ({masked}) står i indhold til internettet. Skriv en rolle i stedet for "
                      "en person, eller brug en fælles postkasse. Er det en fælles postkasse, så skriv den i "
                      "'allowed_emails' i klarsprog.yml.",
    "personal-phone": "Et telefonnummer ({masked}) står i indhold til internettet. Slet det, eller brug et fælles "
                      "nummer. Er det et fælles nummer, så skriv det i 'allowed_phones' i klarsprog.yml.",
}


def _allowed(project) -> tuple[list, list]:
    s = project.settings
    emails = list(s.get("allowed_emails", [])) + [s[k] for k in ("topics_email", "glossary_email") if s.get(k)]
    return emails, list(s.get("allowed_phones", []))


def _locate(source: Path | None, hit: Hit, nth: int) -> tuple[int, int] | None:
    """Where the nth occurrence of the match stands in the source file, if it stands there as is."""
    try:
        text = source.read_text(encoding="utf-8") if source else None
    except (OSError, UnicodeDecodeError):
        return None
    if not text:
        return None
    starts = [m.start() for m in re.finditer(re.escape(hit.text), text)]
    return position(text, starts[min(nth, len(starts) - 1)]) if starts else None


def _report(hits: list[Hit], text: str, source: Path | None, label: Path, project=None) -> list[Finding]:
    out, seen = [], {}
    for hit in hits:
        nth = seen[hit.text] = seen.get(hit.text, -1) + 1
        where = _locate(source, hit, nth)
        # A page made of many files (glossary, budget): the content file the hit comes from.
        found = (source, *where) if where else written_in(project, hit.text)
        path, line, col = found if found else (label, *position(text, hit.start))
        message = MESSAGES[hit.rule].format(masked=hit.masked)
        if hit.keyword and hit.rule == "personal-cpr":
            message += " Der står 'CPR' eller 'personnummer' lige før."
        out.append(finding(path, line, col, "error", hit.rule, message))
    return out


def _asset_text(asset) -> str | None:
    """A text file's content for scanning; calendar lines are unfolded and unescaped first."""
    if Path(asset.path).suffix.lower() in BINARY:
        return None
    try:
        text = asset.data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    if asset.path.endswith(".ics"):
        text = re.sub(r"\r?\n[ \t]", "", text).replace("\\n", "\n").replace("\\N", "\n")
        text = re.sub(r"\\([,;\\])", r"\1", text)
    return text


def scan(output, project, clean: Clean | None = None) -> list[Finding]:
    """Findings (errors) for personal data anywhere in the public output; `clean` skips texts found
    clean by an earlier build with the same allow-lists."""
    emails, phones = _allowed(project)
    clean = clean or Clean()
    check = f"privacy\x00{sorted(emails)}\x00{sorted(phones)}"
    label = Path("[offentlig]")
    found = []
    for page in output.pages:
        if clean.seen(check, page.markdown):
            continue
        hits = find(page.markdown, emails, phones)
        if hits:
            found += _report(hits, page.markdown, page.source, label / page.path, project)
        else:
            clean.remember(check, page.markdown)
    for asset in output.assets:
        text = _asset_text(asset)
        if text and not clean.seen(check + "\x00data", text):
            hits = find(text, emails, phones, data_file=True)
            if hits:
                found += _report(hits, text, None, label / asset.path, project)
            else:
                clean.remember(check + "\x00data", text)
    return found
