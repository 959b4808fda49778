"""Bad input through the real CLI: every mistake stops the build with a Danish message naming the file
and line, never a traceback, and the site that was already published stays exactly as it was.

One table, one row per kind of mistake. Each row is planted into a copy of the already built
repository (`built_repo`, built once per worker), then `python build.py` runs on the copy.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import files_of, run_cli

DANISH = {"ikke", "skal", "filen", "skriv", "er", "og", "en", "et", "til", "den", "det", "må", "med", "på",
          "står", "slet", "ret", "mangler", "findes", "kan", "som", "der", "linjen", "tekst", "brug", "du",
          "eller", "hvis", "af", "om", "at", "ukendt", "nøgle", "mente", "ordet", "siden", "stien", "linket"}
ENGLISH = re.compile(r"\b(?:error|expected|found|could not|invalid|traceback|exception|line \d+)\b", re.I)

GOOD_TERM = "term: prøveord\ndefinition: Et ord, som kun findes i en test.\n"


def meeting(front: str = "", body: str = "Vi talte om budgettet.\n", date: str = "2027-03-11",
            audience: str = "public") -> str:
    """A small, valid public meeting file with extra front matter lines."""
    return (f"---\ndate: {date}\nstart: \"14:00\"\nend: \"15:30\"\nplace: Kantinen på rådhuset\n"
            f"audience: {audience}\nhosts:\n  - Økonomichef\n{front}---\n{body}")


def page(body: str, front: str = "") -> str:
    return f"---\ntitle: Prøveside\n{front}---\n# Prøveside\n\n{body}\n"


@dataclass(frozen=True)
class Edit:
    """Replace `old` (which must occur) by `new` in an existing file of the repository."""

    old: str
    new: str


@dataclass
class Case:
    kind: str
    plant: dict  # relative path -> new text, bytes, Edit, or None to delete the file
    file: str  # the file the message must name
    at: str | int | None = None  # text whose line the message names (or the line number)
    rule: str = ""  # the rule id the message carries
    extra: dict = field(default_factory=dict)


BUDGET, STORY = "budget/budget-2027.yml", "budget/historier/sundhed.md"
MEET, NEW_TERM, NEW_PAGE = "cafe_meetings/2027-03-11.md", "glossary/proeveord.yml", "pages/proeveside.md"

CASES = [
    # --- glossary files ---------------------------------------------------------------------------
    Case("yaml-syntax", {NEW_TERM: "term: prøveord\ndefinition: Et ord: med kolon: her.\n"}, NEW_TERM,
         "definition", "yaml-syntax"),
    Case("yaml-unclosed-quote", {NEW_TERM: 'term: prøveord\ndefinition: "Et ord uden slut\n'}, NEW_TERM,
         "definition", "yaml-syntax"),
    Case("yaml-quote-closed-by-a-later-line",
         {NEW_TERM: 'term: "prøveord\ndefinition: Et ord, som kun findes i en test.\nexample: "Eksempel: et ord."\n'},
         NEW_TERM, "term", "yaml-syntax"),
    Case("tab-indent", {NEW_TERM: "term: prøveord\ndefinition:\n\tEt ord.\n"}, NEW_TERM, "\tEt", "yaml-tab"),
    Case("duplicate-key", {NEW_TERM: GOOD_TERM + "term: andet ord\n"}, NEW_TERM, "term: andet", "duplicate-key"),
    Case("wrong-type-list-for-text", {NEW_TERM: "term: prøveord\ndefinition: [et, to]\n"}, NEW_TERM,
         "definition", "wrong-type"),
    Case("unknown-key", {NEW_TERM: GOOD_TERM + "defintion: Stavet forkert.\n"}, NEW_TERM, "defintion",
         "unknown-key"),
    Case("missing-required-field", {NEW_TERM: 'term: prøveord\nexample: "Eksempel: et ord."\n'}, NEW_TERM, 1,
         "missing-field"),
    Case("invalid-date", {NEW_TERM: GOOD_TERM + "reviewed: 2026-02-30\n"}, NEW_TERM, "reviewed", "wrong-type"),
    Case("unknown-audience", {NEW_TERM: GOOD_TERM + "audience: hemmelig\n"}, NEW_TERM, "audience", "wrong-type"),
    Case("empty-file", {NEW_TERM: ""}, NEW_TERM, 1, "empty-file"),
    Case("only-comments", {NEW_TERM: "# term: prøveord\n"}, NEW_TERM, 1, "wrong-type"),
    Case("list-instead-of-mapping", {NEW_TERM: "- term: prøveord\n- definition: Et ord.\n"}, NEW_TERM, 1,
         "wrong-type"),
    Case("non-utf8-bytes", {NEW_TERM: "term: prøveord\ndefinition: Et ord.\n".encode("latin-1")}, NEW_TERM, 1,
         "encoding"),
    Case("byte-order-mark", {NEW_TERM: b"\xef\xbb\xbf" + GOOD_TERM.encode()}, NEW_TERM, 1, "encoding-bom"),
    # The glossary's page is made of every term: the message names the term's file and line all the same.
    Case("link-to-a-missing-page-in-a-terms-details", {NEW_TERM: GOOD_TERM + "details: Se [reglerne](../findes-ikke.md).\n"},
         NEW_TERM, "findes-ikke", "broken-link"),
    Case("binary-nul-bytes", {NEW_TERM: GOOD_TERM.encode() + b"\x00\x01\x02"}, NEW_TERM, 1, "encoding"),
    Case("very-large-file", {NEW_TERM: GOOD_TERM + "# " + "x" * 2_100_000 + "\n"}, NEW_TERM, 1, "file-too-large"),
    Case("script-in-text-field", {NEW_TERM: "term: prøveord\ndefinition: Et ord <script>alert(1)</script>.\n"},
         NEW_TERM, "definition", "unsafe-html"),
    Case("javascript-link-in-markdown-field", {NEW_TERM: GOOD_TERM + "details: '[Læs mere](javascript:alert(1))'\n"},
         NEW_TERM, "details", "unsafe-link"),
    Case("path-out-of-project-in-image", {NEW_TERM: GOOD_TERM + "details: '![Kort](../../etc/passwd)'\n"},
         NEW_TERM, "details", "path-outside"),
    Case("see-also-names-itself", {NEW_TERM: GOOD_TERM + "see_also: [prøveord]\n"}, NEW_TERM, "see_also",
         "see-also-self"),
    Case("see-also-dangling", {NEW_TERM: GOOD_TERM + "see_also: [findes slet ikke]\n"}, NEW_TERM, "see_also",
         "see-also-missing"),
    Case("see-also-public-to-internal", {NEW_TERM: GOOD_TERM + "see_also: [intern afregning]\n"}, NEW_TERM,
         "see_also", "see-also-internal"),
    Case("duplicate-term", {NEW_TERM: "term: budgetår\ndefinition: Et ord, som kun findes i en test.\n"}, NEW_TERM,
         "term", "duplicate-term"),
    Case("definition-uses-the-term", {NEW_TERM: "term: prøveord\ndefinition: Et prøveord er et ord til en test.\n"},
         NEW_TERM, "definition", "definition-circular"),
    Case("heading-in-details", {NEW_TERM: GOOD_TERM + "details: |\n  # Overskrift\n  Tekst.\n"}, NEW_TERM,
         "details", "details-heading"),
    Case("yaml-alias-bomb", {NEW_TERM: GOOD_TERM + "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\n"
                                       "c: &c [*b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c]\n"
                                       "e: [*d, *d, *d, *d, *d, *d]\n"}, NEW_TERM, "a: &a", "yaml-alias"),
    Case("yaml-nested-too-deep", {NEW_TERM: GOOD_TERM + "forms: " + "[" * 3000 + "]" * 3000 + "\n"}, NEW_TERM, None,
         "yaml-nesting"),
    Case("yaml-python-tag", {NEW_TERM: "term: prøveord\ndefinition: !!python/object/apply:os.system [ls]\n"}, NEW_TERM,
         "definition", "yaml-syntax"),
    Case("yaml-value-starting-with-at", {NEW_TERM: "term: prøveord\ndefinition: @kommune er et navn.\n"}, NEW_TERM,
         "definition", "yaml-syntax"),
    Case("escaped-nul-in-text", {NEW_TERM: 'term: prøveord\ndefinition: "Et ord \\0 med nul."\n'}, NEW_TERM,
         "definition", "control-character"),
    Case("symbolic-link-out-of-project", {"glossary/udenfor.yml": lambda path: path.symlink_to("/etc/passwd")},
         "glossary/udenfor.yml", 1, "file-link"),
    # --- budget files ------------------------------------------------------------------------------
    Case("danish-number-as-text", {BUDGET: Edit("2027: 1420.0", '2027: "1.420,0"')}, BUDGET, '"1.420,0"',
         "wrong-type"),
    Case("total-mismatch", {BUDGET: Edit("income: {2027: 2426.0", "income: {2027: 2427.0")}, BUDGET,
         "income: {2027: 2427.0", "total-mismatch"),
    Case("negative-amount", {BUDGET: Edit("2027: {drift: 400.0", "2027: {drift: -400.0")}, BUDGET,
         "drift: -400.0", "negative-amount"),
    Case("missing-year", {BUDGET: Edit("1471.0, 2030: 1480.0}", "1471.0}")}, BUDGET,
         "amounts: {2027: 1420.0", "missing-year"),
    Case("area-without-story", {STORY: None}, BUDGET, "name: Sundhed", "missing-story"),
    Case("story-without-area", {"budget/historier/havnen.md": "Pengene går til havnen.\n"},
         "budget/historier/havnen.md", 1, "story-without-area"),
    Case("empty-story", {STORY: "---\ntitle: Et sundt liv\n---\n"}, STORY, 4, "empty-story"),
    Case("unknown-phase", {BUDGET: Edit("phase: vedtaget", "phase: godkendt")}, BUDGET, "phase:", "wrong-type"),
    Case("wrong-estimate-years", {BUDGET: Edit("[2028, 2029, 2030]", "[2028, 2029, 2031]")}, BUDGET,
         "estimate_years", "estimate-years"),
    Case("invalid-adoption-date", {BUDGET: Edit("adopted: 2026-10-08", "adopted: 2026-13-01")}, BUDGET,
         "adopted:", "wrong-type"),
    Case("text-for-a-whole-number", {BUDGET: Edit("population: 27150", "population: mange")}, BUDGET,
         "population", "wrong-type"),
    Case("missing-budget-field", {BUDGET: Edit("municipality: Eksempelby Kommune\n", "")}, BUDGET,
         "example_data: true", "missing-field"),
    Case("duplicate-key-in-budget", {BUDGET: Edit("population: 27150", "population: 27150\nunit: 1.000 kr.")},
         BUDGET, "unit: 1.000 kr.", "duplicate-key"),
    Case("infinite-amount", {BUDGET: Edit("2027: 1420.0", "2027: .inf")}, BUDGET, ".inf", "wrong-type"),
    Case("folder-named-like-a-story", {"budget/historier/mappe.md": lambda path: path.mkdir()},
         "budget/historier/mappe.md", 1, "file-unreadable"),
    Case("main-account-out-of-range", {BUDGET: Edit("main_accounts: [3, 5]", "main_accounts: [3, 12]")}, BUDGET,
         "main_accounts: [3, 12]", "main-account"),
    Case("investment-exceeds-area", {BUDGET: Edit("amounts: {2027: 25.0, 2028: 60.0", "amounts: {2027: 50.0, 2028: 60.0")},
         BUDGET, "name: Børn og skole", "investment-exceeds"),
    Case("unknown-glossary-term", {BUDGET: Edit("terms: [drift, anlæg]", "terms: [drift, anlægsbudgettet]")}, BUDGET,
         "terms: [drift, anlægsbudgettet]", "unknown-term"),
    Case("internal-glossary-term-in-budget", {BUDGET: Edit("terms: [drift, anlæg]", "terms: [drift, intern afregning]")},
         BUDGET, "terms: [drift, intern afregning]", "internal-term"),
    Case("script-in-budget-headline", {BUDGET: Edit("headline: I 2027", "headline: <script>alert(1)</script> I 2027")},
         BUDGET, "headline:", "unsafe-html"),
    Case("javascript-link-in-story", {STORY: Edit("**Nyt i 2027:**", "[Læs mere](JavaScript:alert(1)) **Nyt i 2027:**")},
         STORY, "JavaScript:", "unsafe-link"),
    Case("path-out-of-project-in-story", {STORY: Edit("**Nyt i 2027:**", "![Kort](../../../../etc/passwd) **Nyt:**")},
         STORY, "etc/passwd", "path-outside"),
    # --- meeting files -----------------------------------------------------------------------------
    Case("end-before-start", {MEET: meeting().replace('end: "15:30"', 'end: "13:00"')}, MEET, "end:", "cafe-time"),
    Case("invalid-time", {MEET: meeting().replace('start: "14:00"', 'start: "25:00"')}, MEET, "start:", "wrong-type"),
    Case("invalid-meeting-date", {MEET: meeting(date="2027-02-30")}, MEET, "date:", "wrong-type"),
    Case("unknown-follow-up-status",
         {MEET: meeting("follow_ups:\n  - text: Sende planen ud.\n    owner: HR-chef\n    status: venter\n")}, MEET,
         "status: venter", "wrong-type"),
    Case("follow-up-without-owner", {MEET: meeting("follow_ups:\n  - text: Sende planen ud.\n    status: open\n")},
         MEET, "text: Sende", "missing-field"),
    Case("two-meetings-on-one-date", {"cafe_meetings/2026-12-11.md": meeting(date="2026-12-10")},
         "cafe_meetings/2026-12-11.md", "date:", "cafe-same-date"),
    Case("agenda-longer-than-meeting",
         {MEET: meeting("agenda:\n  - title: Budgettet\n    minutes: 200\n")}, MEET, "agenda:", "cafe-agenda-time"),
    Case("unknown-meeting-key", {MEET: meeting("sted: Kantinen\n")}, MEET, "sted:", "unknown-key"),
    Case("year-out-of-range", {"cafe_meetings/9999-12-31.md": meeting(date="9999-12-31")},
         "cafe_meetings/9999-12-31.md", "date:", "wrong-type"),
    Case("control-character-in-notes", {MEET: meeting(body="Vi talte om\x07 budgettet.\n")}, MEET, "Vi talte",
         "control-character"),
    Case("front-matter-not-closed", {MEET: meeting().replace("---\nVi talte", "Vi talte")}, MEET, 1, "front-matter"),
    Case("negative-participants", {MEET: meeting("participants: -5\n")}, MEET, "participants", "wrong-type"),
    Case("byte-order-mark-in-meeting", {MEET: b"\xef\xbb\xbf" + meeting().encode()}, MEET, 1, "encoding-bom"),
    Case("script-in-meeting-notes", {MEET: meeting(body="Vi talte.\n\n<script>alert(1)</script>\n")}, MEET,
         "<script>", "unsafe-html"),
    Case("script-in-a-question",
         {MEET: meeting("questions:\n  - question: Hvad med <script>fetch('x')</script>?\n")}, MEET,
         "question:", "unsafe-html"),
    Case("event-handler-in-html", {MEET: meeting(body='Se kortet.\n\n<img src="kort.png" alt="" onerror="alert(1)">\n')},
         MEET, "onerror", "unsafe-html"),
    Case("javascript-in-html-link", {MEET: meeting(body='Se <a href="jav&#x09;ascript:alert(1)">her</a>.\n')},
         MEET, "<a href", "unsafe-link"),
    Case("iframe-from-other-server",
         {MEET: meeting(body='<iframe src="https://www.youtube.com/embed/x" title="Film"></iframe>\n')}, MEET,
         "<iframe", "unsafe-html"),
    Case("cpr-number-in-public-meeting", {MEET: meeting(body="Sagen om 120385-1237 er lukket.\n")}, MEET,
         "120385", "personal-cpr"),
    Case("e-mail-in-public-meeting", {MEET: meeting(body="Skriv til jens.hansen@gmail.com.\n")}, MEET,
         "jens.hansen", "personal-email"),
    Case("phone-in-public-meeting", {MEET: meeting(body="Ring til HR-chefen på tlf. 23 45 67 89.\n")}, MEET,
         "23 45 67 89", "personal-phone"),
    # --- pages --------------------------------------------------------------------------------------
    Case("javascript-link-in-page", {NEW_PAGE: page("[Klik her](javascript:alert(document.cookie))")}, NEW_PAGE,
         "javascript:", "unsafe-link"),
    Case("path-out-of-project-in-page-image", {NEW_PAGE: page("![Kort](../../etc/passwd)")}, NEW_PAGE,
         "etc/passwd", "path-outside"),
    Case("absolute-path-in-page-link", {NEW_PAGE: page("[Adgangskoder](/etc/passwd)")}, NEW_PAGE, "/etc/passwd",
         "path-outside"),
    Case("file-url-in-page", {NEW_PAGE: page("[Filen](file:///etc/passwd)")}, NEW_PAGE, "file:", "unsafe-link"),
    Case("image-from-other-server", {NEW_PAGE: page("![Logo](https://cdn.example.com/logo.png)")}, NEW_PAGE,
         "cdn.example", "third-party"),
    Case("yaml-error-in-front-matter", {NEW_PAGE: "---\ntitle: Prøve: side\n---\nTekst.\n"}, NEW_PAGE, "title:",
         "yaml-syntax"),
    Case("link-from-public-page-to-internal-page", {NEW_PAGE: page("Læs [siden for ansatte](til-ansatte.md).")},
         NEW_PAGE, "til-ansatte.md", "broken-link"),
    Case("link-to-a-missing-page", {NEW_PAGE: page("Læs [mere om budgettet](budget/findes-ikke.md).")}, NEW_PAGE,
         "findes-ikke", "broken-link"),
    # An HTML link is not rewritten by MkDocs: from the page's address (ny-side/) "guide-cafe.md" is missing.
    Case("html-link-written-as-a-docs-file", {NEW_PAGE: page('Læs <a href="guide-cafe.md">guiden</a> først.')},
         NEW_PAGE, "guide-cafe.md", "broken-link"),
    Case("brackets-nested-too-deep", {NEW_PAGE: page("[" * 200 + "tekst" + "]" * 200)}, NEW_PAGE, "[[[",
         "markdown-nesting"),
    Case("officialese-in-page", {NEW_PAGE: page("Såfremt du ønsker det, bedes du fremsende skemaet.")}, NEW_PAGE,
         "Såfremt", "officialese"),
]


def _plant(root: Path, plant: dict) -> dict[str, bytes]:
    """Write the planted files; returns their final bytes (to find the expected line)."""
    out = {}
    for rel, what in plant.items():
        path = root / rel
        if what is None:
            path.unlink()
            continue
        if callable(what):  # a folder or a link, not a file
            path.parent.mkdir(parents=True, exist_ok=True)
            what(path)
            continue
        if isinstance(what, Edit):
            text = path.read_text(encoding="utf-8")
            assert what.old in text, f"{rel} has changed: plant '{what.old}' no longer fits"
            what = text.replace(what.old, what.new, 1)
        data = what.encode("utf-8") if isinstance(what, str) else what
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        out[rel] = data
    return out


def _line(case: Case, planted: dict[str, bytes], root: Path) -> int:
    if isinstance(case.at, int):
        return case.at
    if case.at is None:
        return 0  # the parser decides the line: any line will do
    data = planted.get(case.file) or (root / case.file).read_bytes()
    text = data.decode("utf-8", errors="replace")
    assert case.at in text, f"'{case.at}' is not in {case.file}"
    return text[:text.index(case.at)].count("\n") + 1


def is_danish(message: str) -> bool:
    words = set(re.findall(r"[a-zæøå]+", message.lower()))
    return len(words & DANISH) >= 2 and not ENGLISH.search(message)


@pytest.fixture(scope="session")
def published(built_repo: Path) -> dict[str, bytes]:
    """The site as the first build published it."""
    return files_of(built_repo / "site")


def test_the_table_covers_at_least_35_kinds_across_every_kind_of_file():
    kinds = {c.kind for c in CASES}
    assert len(kinds) == len(CASES) >= 35
    folders = {c.file.split("/")[0] for c in CASES}
    assert folders == {"glossary", "budget", "cafe_meetings", "pages"}


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_bad_input_stops_the_build_with_a_danish_message_and_keeps_the_site(case, built_repo, published, tmp_path):
    root = tmp_path / "proj"
    shutil.copytree(built_repo, root, ignore=shutil.ignore_patterns(".lock"))
    planted = _plant(root, case.plant)
    result = run_cli(root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "intern fejl" not in output, output
    line = _line(case, planted, root)
    prefix = re.compile(rf"^(?:\S*/)?{re.escape(case.file)}:{line if line else '[0-9]+'}:[0-9]+: fejl ")
    ours = [ln for ln in result.stdout.splitlines() if prefix.match(ln)]
    assert ours, f"no error for {prefix}\n{output}"
    if case.rule:
        assert any(f" fejl {case.rule}: " in ln for ln in ours), output
    for ln in ours:
        assert is_danish(ln.split(": ", 2)[-1]), ln
    assert "Den forrige udgave af site/ er ikke ændret." in result.stdout
    assert files_of(root / "site") == published, "the published site changed"


def test_a_gate_error_while_the_booklet_prints_stops_the_build_before_the_sites(built_repo, published, tmp_path):
    """With nothing remembered the booklet is printed meanwhile and the gate runs before the sites are
    made (with it remembered, beside them: the cases above): the same message, and the site stays."""
    root = tmp_path / "proj"
    shutil.copytree(built_repo, root, ignore=shutil.ignore_patterns(".lock", "cache"))
    page = root / "pages" / "skriv-klart.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSåfremt du vil, kan du læse mere her.\n", encoding="utf-8")
    result = run_cli(root)
    assert result.returncode == 1, result.stdout
    assert re.search(r"^pages/skriv-klart\.md:\d+:1: fejl officialese: ", result.stdout, re.M), result.stdout
    assert "Den forrige udgave af site/ er ikke ændret." in result.stdout
    assert files_of(root / "site") == published


# --- HTML in plain-text fields: accepted, shown as text, never live ----------------------------------

SHOWN = [  # (file, plant) - every marker HTMLTEKST<n> is wrapped in a harmless tag
    (NEW_TERM, "term: prøveord\ndefinition: Et ord med <i>HTMLTEKST1</i> i.\n"
               "example: \"Eksempel: <b>HTMLTEKST2</b>.\"\ncategory: <u>HTMLTEKST3</u>\n"),
    (BUDGET, Edit("headline: I 2027 bygger", "headline: <i>HTMLTEKST4</i> I 2027 bygger")),
    (BUDGET, Edit("committee: Børne- og Skoleudvalget\n    main_accounts: [3, 5]",
                  "committee: Børne- og Skoleudvalget <b>HTMLTEKST5</b>\n    main_accounts: [3, 5]")),
    (BUDGET, Edit("{text: \"Så mange børn går", "{text: \"<i>HTMLTEKST6</i> Så mange børn går")),
    (BUDGET, Edit("name: Sundhed\n", "name: Sundhed <i>HTMLTEKST7</i>\n")),
    (BUDGET, Edit("name: Ny skole i Nordby", "name: Ny skole <u>HTMLTEKST8</u> i Nordby")),
    (BUDGET, Edit("  - Alle år står", "  - <i>HTMLTEKST9</i> Alle år står")),
    (STORY, None),
    ("budget/historier/sundhed-i-htmltekst7-i.md", "---\ntitle: Et sundt liv <i>HTMLTEKST10</i>\n---\n"
                                                   "Pengene går til træning og til tandpleje for børn.\n"),
    (MEET, meeting("title: Møde om <i>HTMLTEKST11</i>\nagenda:\n  - title: Punkt <b>HTMLTEKST12</b>\n"
                   "    presenter: Økonomichef <i>HTMLTEKST13</i>\n    minutes: 10\n"
                   "    description: Om <i>HTMLTEKST14</i> og mere.\nquestions:\n"
                   "  - question: Hvad med <i>HTMLTEKST15</i>?\n    answer: Det er <b>HTMLTEKST16</b>.\n"
                   "decisions:\n  - Vi gør <i>HTMLTEKST17</i>.\nfollow_ups:\n  - text: Sende <i>HTMLTEKST18</i>.\n"
                   "    owner: HR-chef <b>HTMLTEKST19</b>\n    status: open\nproposed_topics:\n"
                   "  - text: Emnet <i>HTMLTEKST20</i>.\n")),
    (NEW_PAGE, page("En kort side.", front="nav_order: 90\n").replace("title: Prøveside",
                                                                      "title: Prøveside <i>HTMLTEKST21</i>")),
]
LIVE = re.compile(rb"<(?:i|b|u)>HTMLTEKST\d+")
TITLE = re.compile(rb"<title>.*?</title>", re.S)  # text only (RCDATA): a tag in it is shown, never live


def test_html_in_plain_text_fields_is_shown_as_text_and_never_live(built_repo, tmp_path):
    root = tmp_path / "proj"
    shutil.copytree(built_repo, root, ignore=shutil.ignore_patterns(".lock"))
    for rel, what in SHOWN:
        _plant(root, {rel: what})
    result = run_cli(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("advarsel html-as-text") >= 15, result.stdout
    html = {p: TITLE.sub(b"", p.read_bytes()) for p in (root / "site").rglob("*.html")}
    live = sorted({f"{p.relative_to(root)}: {m.group().decode()}" for p, data in html.items() for m in LIVE.finditer(data)})
    assert not live, "HTML from a text field is live on the site:\n" + "\n".join(live)
    public = b"".join(data for p, data in html.items() if "public" in p.relative_to(root / "site").parts[:1])
    intranet = b"".join(data for p, data in html.items() if "intranet" in p.relative_to(root / "site").parts[:1])
    for n in range(1, 22):
        shown = re.compile(rb"&lt;(?:i|b|u)&gt;HTMLTEKST%d&lt;/" % n)
        assert shown.search(intranet), f"HTMLTEKST{n} is not shown as text on the intranet"
        assert shown.search(public), f"HTMLTEKST{n} is not shown as text on the public site"


def test_an_html_link_written_as_a_docs_file_gets_the_address_to_write():
    from klarsprog import links
    from klarsprog.site import Output, Page

    output = Output("public", [Page("nyt/index.md", "Nyt", 'Læs <a href="../guide-cafe.md">guiden</a>.\n'),
                               Page("guide-cafe.md", "Guide", "# Guide\n")])
    assert [f.message for f in links.check(output)] == [
        "Linket '../guide-cafe.md' virker ikke på siden. I HTML skal der stå sidens adresse, '../guide-cafe/'. "
        "Eller skriv linket i Markdown: [tekst](../guide-cafe.md)."]
