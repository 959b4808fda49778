"""The personal-data guard: one table of texts that must be flagged and texts that must pass, per rule."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klarsprog import privacy
from klarsprog.config import Project
from klarsprog.site import Asset, Output, Page

ALLOWED_EMAILS = ["cafemoede@eksempelby.dk"]
ALLOWED_PHONES = ["76 00 00 00"]

MUST_FLAG = [
    ("personal-cpr", "Hans CPR-nummer er 010203-1234."),
    ("personal-cpr", "311299-4321 stod i mailen."),
    ("personal-cpr", "Født 290200-4123 (skudår i 2000)."),
    ("personal-cpr", "Nummeret 010110-5012 er fra efter 2007 og består ikke modulus 11."),
    ("personal-cpr", "personnummer 0102031234"),
    ("personal-cpr", "cpr 010203 1234"),
    ("personal-cpr", "Et nummer 0102031234 midt i teksten."),
    ("personal-email", "Skriv til jens.hansen@eksempelby.dk for at høre mere."),
    ("personal-email", "Mail: a_b@sub.eksempel.com."),
    ("personal-email", "søren@kommune.dk"),
    ("personal-email", "[Skriv til mig](mailto:lone@eksempelby.dk)"),
    ("personal-phone", "Ring til 12 34 56 78 i dag."),
    ("personal-phone", "tlf. 1234 5678"),
    ("personal-phone", "+45 23 45 67 89"),
    ("personal-phone", "0045 23456789"),
    ("personal-phone", "Mobil: 23456789"),
    ("personal-phone", "Ring på 23.45.67.89"),
    ("personal-phone", "Nummeret 87654321 er mit."),
]

MUST_PASS = [
    "Budgettet er på 2.400.000 kr.",
    "Vi brugte 1.234,5 mio. kr. i 2026 og 2027.",
    "Budgettet vedtages den 11.10.2026 kl. 14.30.",
    "Mødet er kl. 14.00–15.30 den 2026-12-10.",
    "320100-1234 er ikke en dato (den 32. januar).",
    "290201-0123 er ikke en dato (2001 er ikke et skudår).",
    "Tabellen viser 24000000 kr. i alt.",
    "Fra 20261210 til 20270101.",
    "Tallene for 2026 2027 står i tabellen.",
    "Vores CVR 29189897 står på fakturaen.",
    "Ring til omstillingen på 76 00 00 00 eller +45 76 00 00 00.",
    "Skriv til cafemoede@eksempelby.dk.",
    "Billedet logo@2x.png er skarpt.",
    "Kontonummer 12 34 56 78 90 er for langt til en telefon.",
    "<svg><polyline points='45 60 70 80'/></svg>",
    "| 12 | 34 | 56 | 78 |",
    "Se https://www.eksempelby.dk/sag/23456789 for mere.",
    "Ring 112 ved brand.",
]


@pytest.mark.parametrize("rule, text", MUST_FLAG)
def test_personal_data_is_flagged(rule, text):
    hits = privacy.find(text, ALLOWED_EMAILS, ALLOWED_PHONES)
    assert [h.rule for h in hits] == [rule], hits
    assert "*" in hits[0].masked


@pytest.mark.parametrize("text", MUST_PASS)
def test_ordinary_text_passes(text):
    assert privacy.find(text, ALLOWED_EMAILS, ALLOWED_PHONES) == []


def test_every_rule_has_examples():
    assert {rule for rule, _ in MUST_FLAG} == set(privacy.MESSAGES)


def test_masked_value_never_shows_the_secret_part():
    hits = privacy.find("CPR 010203-1234, lone@eksempelby.dk, 23 45 67 89")
    assert [h.masked for h in hits] == ["010203-****", "l***@eksempelby.dk", "2345 ****"]


def test_data_files_need_a_keyword_for_plain_numbers():
    csv = "konto;beløb\n51;0102031234\n52;23456789\n"
    assert privacy.find(csv, data_file=True) == []
    assert [h.rule for h in privacy.find("cpr;0102031234\n", data_file=True)] == ["personal-cpr"]


def _project(tmp_path: Path) -> Project:
    return Project(tmp_path, {"allowed_emails": ALLOWED_EMAILS, "allowed_phones": ALLOWED_PHONES,
                              "topics_email": "emner@eksempelby.dk", "glossary_email": "ordbog@eksempelby.dk"})


def test_scan_points_at_the_source_file_and_line(tmp_path):
    source = tmp_path / "cafe_meetings" / "2026-03-12.md"
    source.parent.mkdir()
    source.write_text("---\ndate: 2026-03-12\n---\nVi talte om budgettet.\nRing til 23 45 67 89.\n", encoding="utf-8")
    page = Page("cafemoeder/2026-03-12.md", "Møde", "# Møde\n\nRing til 23 45 67 89.\n", source=source)
    found = privacy.scan(Output("public", [page]), _project(tmp_path))
    assert [(f.path.endswith("cafe_meetings/2026-03-12.md"), f.line, f.col, f.rule) for f in found] == \
        [(True, 5, 10, "personal-phone")]
    assert "2345 ****" in found[0].message and "allowed_phones" in found[0].message


def test_scan_falls_back_to_the_page_and_reads_calendar_files(tmp_path):
    ics = (b"BEGIN:VCALENDAR\r\nDESCRIPTION:Ring til 23 45 6\r\n 7 89\\, eller skriv til lone@eksem\r\n"
           b" pelby.dk\r\nEND:VCALENDAR\r\n")
    output = Output("public", [Page("emner.md", "Emner", "Skriv til emner@eksempelby.dk eller 010203-1234.\n")],
                    [Asset("cafemoeder/x.ics", ics), Asset("budget.pdf", b"%PDF 23 45 67 89")])
    found = privacy.scan(output, _project(tmp_path))
    assert sorted((f.path, f.rule) for f in found) == [
        ("[offentlig]/cafemoeder/x.ics", "personal-email"), ("[offentlig]/cafemoeder/x.ics", "personal-phone"),
        ("[offentlig]/emner.md", "personal-cpr")]
    assert all(f.level == "error" for f in found)


@pytest.mark.parametrize("digit7, year", [(0, 1903), (3, 1999), (4, 2003), (4, 1940), (5, 2003), (8, 1860),
                                         (9, 2036), (9, 1937)])
def test_century_follows_the_cpr_rules(digit7, year):
    assert privacy.cpr_century(year % 100, digit7) + year % 100 == year


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("ab1_.%+-@æ .:/<>") + ["dk", "@x.dk", "mailto:", "ordbog@kommune.dk"]),
                max_size=40).map("".join))
def test_addresses_are_found_from_each_at_sign_exactly_as_the_pattern_finds_them(text):
    assert [m.span() for m in privacy._emails(text)] == [m.span() for m in privacy.EMAIL.finditer(text)]
