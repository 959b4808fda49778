"""Term linking: which words on a page get a tooltip, and the markup the site's JavaScript expects."""
from __future__ import annotations

import re
import time

import markdown
import pytest
import yaml

from conftest import ROOT
from klarsprog.linker import Linker, Term, key_of, root_of
from klarsprog.site import Page

TERMS = [
    Term("budget", "Kommunens plan for penge.", ("budget", "budgettet", "budgetter")),
    Term("korrigeret-budget", "Budgettet med årets ændringer.", ("korrigeret budget", "det korrigerede budget")),
    Term("1-behandling", "Byrådets første møde om budgettet.", ("1. behandling", "første behandling")),
    Term("med-udvalg", "Et udvalg for ledere og ansatte.", ("MED-udvalg", "MED-udvalget")),
    Term("pris-og-loenfremskrivning", "Budgettet bliver løftet.", ("pris- og lønfremskrivning",)),
    Term("aarsvaerk", "Et års arbejde for én fuldtidsansat.", ("årsværk", "årsværket")),
    Term("oekonomiudvalget", "Udvalget for <økonomi> & budget.", ("økonomiudvalget", "økonomiudvalg")),
]
_MARK = re.compile(r'<(a|span) class="kl-term"[^>]*aria-describedby="kl-def-([^"]+)"[^>]*>(.*?)</\1>', re.S)


def marked(md: str, path: str = "budget/skole.md") -> list[tuple[str, str]]:
    """(word as written, anchor) for every word that got a tooltip."""
    out = Linker(TERMS)(Page(path, "Skole", md))
    return [(word, anchor) for _, anchor, word in _MARK.findall(out)]


# (what the case shows, Markdown, the words that must get a tooltip)
CASES = [
    ("a plain word", "Her er budgettet for næste år.", [("budgettet", "budget")]),
    ("upper case keeps its spelling", "BUDGET og Budgettet.", [("BUDGET", "budget"), ("Budgettet", "budget")]),
    ("Danish letters", "Tre årsværk i Økonomiudvalget.", [("årsværk", "aarsvaerk"), ("Økonomiudvalget", "oekonomiudvalget")]),
    ("longest match wins", "Det korrigerede budget stiger.", [("Det korrigerede budget", "korrigeret-budget")]),
    ("longest match across a line break", "Et korrigeret\nbudget er nyt.", [("korrigeret\nbudget", "korrigeret-budget")]),
    ("whole words only", "Driftsbudgettet og budgetår og budgetterne.", []),
    ("half a compound is not the word", "Se budget- og regnskabsår.", []),
    ("hyphenated term", "Spørg MED-udvalget.", [("MED-udvalget", "med-udvalg")]),
    ("term with a hyphen and spaces", "Der er pris- og lønfremskrivning.", [("pris- og lønfremskrivning", "pris-og-loenfremskrivning")]),
    ("punctuation around a word", "(budget), «budget» og budget.", [("budget", "budget")] * 3),
    ("emphasis", "Et **korrigeret budget** og *budget*.", [("korrigeret budget", "korrigeret-budget"), ("budget", "budget")]),
    ("numbered term in a sentence", "Efter den 1. behandling.", [("1. behandling", "1-behandling")]),
    ("a list number is not part of a term", "1. behandling af budgettet", [("budgettet", "budget")]),
    ("ATX heading", "# Budgettet\n\n## Mere om budget ##", []),
    ("setext heading", "Budgettet\n=========\n\nBudget\n------", []),
    ("fenced code", "```\nbudget\n```\n\n~~~yaml\nterm: budget\n~~~", []),
    ("indented code", "Tekst.\n\n    budget = 1", []),
    ("inline code", "Skriv `budget` her.", []),
    ("existing links and images", "[budget](x.md) [om budget][1] ![budget](b.png) <https://budget.dk>", []),
    ("link reference definition", "[1]: https://budget.dk \"budget\"", []),
    ("bare URL and e-mail", "Se www.budget.dk/budget og budget@kommune.dk eller budget.dk.", []),
    ("HTML block", '<div class="x">\nbudget\n\nbudget\n</div>', []),
    ("inline HTML", 'Her er <abbr title="budget">budget</abbr> og <b>budget</b>.', []),
    ("HTML comment", "<!-- budget -->\n<!--\nbudget\n-->", []),
    ("attribute list", "Et afsnit.\n{: #budget .budget }", []),
    ("front matter", "---\ntitle: budget\n---\nIngen ord her.", []),
    ("table cells", "| Område | Budget |\n|---|---|\n| Skole | 3 årsværk |", [("Budget", "budget"), ("årsværk", "aarsvaerk")]),
    ("list items and quotes", "- budget\n- to årsværk\n\n> Citat om budgettet", [("budget", "budget"), ("årsværk", "aarsvaerk"), ("budgettet", "budget")]),
    ("admonition body but not its title", '!!! note "Om budget"\n    Her står budgettet.', [("budgettet", "budget")]),
    ("escaped character", r"Et \*budget\* her.", [("budget", "budget")]),
    ("no term across two paragraphs", "Et korrigeret\n\nbudget er nyt.", [("budget", "budget")]),
    ("no term across a heading", "Et korrigeret\n# Overskrift\nbudget er nyt.", [("budget", "budget")]),
    ("no term across list items", "- korrigeret\n- budget", [("budget", "budget")]),
    ("no term across table cells", "| korrigeret | budget |\n|---|---|\n| a | b |", [("budget", "budget")]),
]


@pytest.mark.parametrize("md, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_which_words_get_a_tooltip(md, expected):
    assert marked(md) == expected


def test_first_occurrence_links_to_the_entry_and_later_ones_are_focusable():
    out = Linker(TERMS)(Page("budget/omraader/skole.md", "Skole", "Budgettet er stort. Budget igen.\n"))
    assert ('<a class="kl-term" href="../../../ordbog/#budget" aria-describedby="kl-def-budget">Budgettet</a>'
            in out)
    assert '<span class="kl-term" tabindex="0" aria-describedby="kl-def-budget">Budget</span>' in out


def test_definitions_sit_once_per_page_in_a_hidden_block_outside_search():
    out = Linker(TERMS)(Page("a.md", "A", "økonomiudvalget og økonomiudvalg og budget.\n"))
    block = out[out.index('<div class="kl-defs"'):]
    assert block.startswith('<div class="kl-defs" hidden data-search-exclude>')
    assert block.count('id="kl-def-oekonomiudvalget"') == 1
    assert '<span id="kl-def-oekonomiudvalget">Udvalget for &lt;økonomi&gt; &amp; budget.</span>' in block


def test_a_page_without_terms_is_left_exactly_as_it_was():
    md = "# Forside\n\nIngen svære ord her.\n\n```\nkode\n```\n"
    assert Linker(TERMS)(Page("index.md", "Forside", md)) == md


@pytest.mark.parametrize("path, root", [("index.md", "."), ("budget/index.md", ".."), ("om.md", ".."),
                                        ("budget/omraader/skole.md", "../../..")])
def test_links_are_relative_to_the_page_url(path, root):
    assert root_of(path) == root
    out = Linker(TERMS)(Page(path, "X", "budget\n"))
    assert f'href="{root}/ordbog/#budget"' in out


def test_usage_records_the_pages_that_use_each_term():
    link = Linker(TERMS)
    link(Page("budget/skole.md", "Skole", "Budget og årsværk."))
    link(Page("index.md", "Forside", "Budgettet."))
    assert link.usage["budget"] == [("budget/skole.md", "Skole"), ("index.md", "Forside")]
    assert link.usage["aarsvaerk"] == [("budget/skole.md", "Skole")]


def test_linked_markdown_still_renders_tables_lists_and_tooltips():
    md = "| Område | Budget |\n|---|---|\n| Skole | 3 årsværk |\n\n1. Det korrigerede\n   budget stiger.\n"
    linked = Linker(TERMS)(Page("budget/skole.md", "Skole", md))
    assert linked.count("\n") >= md.count("\n")
    cfg = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    exts = [e if isinstance(e, str) else next(iter(e)) for e in cfg["markdown_extensions"]]
    html = markdown.markdown(linked, extensions=exts)
    assert "<table>" in html and "<ol>" in html
    assert '<th><a class="kl-term" href="../../ordbog/#budget" aria-describedby="kl-def-budget">Budget</a></th>' in html
    assert '<li><a class="kl-term" href="../../ordbog/#korrigeret-budget"' in html
    assert '<span id="kl-def-korrigeret-budget">Budgettet med årets ændringer.</span>' in html


def test_keys_ignore_case_spacing_and_surrounding_punctuation():
    assert key_of("  Korrigeret   Budget ") == "korrigeret budget"
    assert key_of("«Årsværk»") == "årsværk"
    assert key_of("budget-") == "budget-"


def test_cost_does_not_grow_with_the_number_of_terms():
    words = [f"ordet{i}x" for i in range(5000)]
    many = TERMS + [Term(f"t{i}", "x", (w, w + "en", w + "ens")) for i, w in enumerate(words)]
    text = ("Det korrigerede budget for skolen er på 3 årsværk, og MED-udvalget spørger til "
            "budgettet og ordet17x. ") * 2000
    page = Page("budget/skole.md", "Skole", "\n\n".join([text[i:i + 2000] for i in range(0, len(text), 2000)]))

    def best(terms):
        times = []
        for _ in range(3):
            link = Linker(terms)
            start = time.process_time()
            link(page)
            times.append(time.process_time() - start)
        return min(times)

    assert best(many) < 3 * best(TERMS) + 0.05


def test_remembered_links_are_the_same_and_a_changed_definition_links_again(tmp_path):
    from klarsprog.memo import Memory

    pages = [Page("budget/skole.md", "Skole", "Budgettet og 1. behandling.\n"),
             Page("index.md", "Forside", "Intet ord her.\n")]
    fresh = Linker(TERMS)
    expected = [fresh(p) for p in pages]
    memory = Memory(tmp_path / "links.pickle")
    first = Linker(TERMS, memory=memory)
    assert [first(p) for p in pages] == expected
    memory.save()
    memory = Memory(tmp_path / "links.pickle")
    again = Linker(TERMS, memory=memory)
    calls = []
    again._link = lambda page: calls.append(page) or Linker._link(again, page)
    assert [again(p) for p in pages] == expected and calls == []
    assert again.usage == fresh.usage == {"budget": [("budget/skole.md", "Skole")],
                                          "1-behandling": [("budget/skole.md", "Skole")]}
    changed = [Term("budget", "En ny forklaring.", TERMS[0].forms), *TERMS[1:]]
    other = Linker(changed, memory=Memory(tmp_path / "links.pickle"))
    assert "En ny forklaring." in other(pages[0])
