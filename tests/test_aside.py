"""The HTML Klarsprog writes is held aside while Markdown converts a page (klarsprog/aside.py): the site
must come out byte for byte as if Markdown had read that HTML itself, or the page is converted as it is."""
from __future__ import annotations

import markdown
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from klarsprog import aside, engine
from klarsprog.config import load_project
from test_html_cache import pages_of
from test_properties import MARKDOWN, SETTINGS, link

EXTENSIONS = ["toc", "attr_list", "md_in_html", "tables", "admonition", "def_list", "footnotes",
              "pymdownx.details", "pymdownx.superfences"]

TERM = '<a class="kl-term" href="../ordbog/#budget" aria-describedby="kl-def-budget">budgettet</a>'
AGAIN = '<span class="kl-term" tabindex="0" aria-describedby="kl-def-budget">budget</span>'
DEFS = ('<div class="kl-defs" hidden data-search-exclude>\n'
        '<span id="kl-def-budget">Kommunens plan for penge &amp; opgaver.</span>\n</div>\n')
ENTRY = ('<h3 id="budget">Budget<a class="headerlink" href="#budget" title="Link til dette afsnit">&para;</a></h3>\n\n'
         'Kommunens plan for penge.\n\n<p class="kl-forms">Andre former: budgettet, budgetter.</p>\n\n'
         'Se også: [Drift](#drift).\n{: .kl-meta }\n\n'
         '<p class="kl-meta">Skriv <a href="mailto:o@x.dk?subject=a&amp;body=b">til os om budget</a>.</p>\n')


def convert(md: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(md)


def held_aside(md: str) -> str | None:
    text, stash = aside.hide(md)
    return aside.restore(convert(text), stash)


@pytest.mark.parametrize("md", [
    f"Her er {TERM} og igen {AGAIN}.\n\n{DEFS}",
    f"| Post | Beløb |\n|---|---|\n| {TERM} | 5 |\n\n- *{AGAIN}* i en liste\n\n{DEFS}",
    f"> Citat om {TERM}.\n\n1. Punkt med **{AGAIN}**\n\nEn fodnote[^1].\n\n[^1]: Om {AGAIN}.\n\n{DEFS}",
    f'!!! note "Bemærk"\n    Teksten om {TERM}.\n\n<div markdown>\nInde i HTML: {AGAIN}\n</div>\n\n{DEFS}',
    f"# Ordbog\n\n{ENTRY}\n{ENTRY.replace('budget', 'drift')}",
])
def test_held_aside_the_html_is_byte_for_byte_what_markdown_gives(md):
    text, stash = aside.hide(md)
    assert stash and "kl-term" not in text and "<h3 id" not in text and "kl-defs" not in text
    assert aside.restore(convert(text), stash) == convert(md)


def test_an_authors_own_html_is_left_to_markdown():
    md = '<a class="kl-term" href="x" onclick="y">budget</a> og <h3 id="x">X</h3> midt i teksten.\n'
    assert aside.hide(md) == (md, [])


def test_a_page_that_already_holds_a_placeholder_character_is_converted_as_it_is():
    md = f"Et mærkeligt tegn {aside.INLINE}1{aside.END} og {TERM}.\n"
    assert aside.hide(md) == (md, [])
    assert aside.restore(convert(md), []) is None  # and a stray one in the output is never passed on


@pytest.mark.parametrize("damage", [
    lambda html: html.replace(f"{aside.INLINE}1{aside.END}", "", 1),  # lost
    lambda html: html + f"{aside.INLINE}1{aside.END}",  # doubled
    lambda html: html.replace(f"<div>{aside.BLOCK}0{aside.END}</div>", f"<p>{aside.BLOCK}0{aside.END}</p>"),  # moved
    lambda html: html.replace(f"{aside.INLINE}2{aside.END}", f"{aside.INLINE}9{aside.END}"),  # unknown
])
def test_a_placeholder_that_does_not_come_back_intact_means_converting_the_page_as_it_is(damage):
    text, stash = aside.hide(f"Om {TERM}.\n\n{DEFS}")
    assert [tag for tag, _ in stash] == ["div", None, None]  # blocks are held aside first
    assert aside.restore(convert(text), stash) == convert(f"Om {TERM}.\n\n{DEFS}")
    assert aside.restore(damage(convert(text)), stash) is None


def test_the_ids_held_aside_are_known_as_anchors():
    _, stash = aside.hide(f"# Ordbog\n\n{ENTRY}\nOm {TERM}.\n\n{DEFS}")
    assert aside.ids(stash) == {"budget", "kl-def-budget"}


@SETTINGS
@given(MARKDOWN)
@example("budget\n\n<div>\nbudget\n</div>")
@example("*budget*budget_drift_")
@example('!!! note "budget"\n    drift. ```\nbudget\n``` !-ac: [^1]: budget ``budget `x` drift``\n:a.')
def test_any_linked_page_held_aside_converts_to_the_same_html_or_as_it_is(md):
    linked = link(md)
    plain = convert(linked)
    assume("klzzwx" not in plain)  # Python-Markdown garbles some runs of '*' itself
    held = held_aside(linked)
    assert held is None or held == plain, linked


def test_the_built_site_is_the_same_with_and_without_holding_html_aside(built_repo, tmp_path, monkeypatch):
    """The real repository: the site `build` made (HTML held aside) equals MkDocs reading every tag itself."""
    import shutil

    root = tmp_path / "proj"
    shutil.copytree(built_repo, root, symlinks=True)
    project = load_project(root)[0]
    held = []
    hide = aside.hide
    monkeypatch.setattr(aside, "hide", lambda md: held.append(hide(md)[1]) or (md, []))
    for audience in ("public", "intranet"):
        (project.build_dir / "cache" / f"html-{audience}.pickle").unlink()
        assert engine.build_html(project, project.build_dir / f"mkdocs-{audience}.yml", audience) == []
        assert pages_of(project.build_dir / f"site-{audience}.new") == pages_of(project.site_dir / audience)
    assert sum(1 for stash in held if stash) > 20, "the build held nothing aside: the test proves nothing"


def test_pages_hidden_ahead_are_handed_to_the_engine_once():
    """The guards hide the glossary's pages first; the engine gets the same result without hiding again,
    once (a second conversion hides anew), and a later call drops what an earlier one kept."""
    page, other = f"# Ordbog\n\n{ENTRY}", f"# B\n\n{ENTRY}"
    expected = aside._hide(page)
    assert aside.hide_ahead([page]) == [expected[0]]
    assert aside._AHEAD[page] is not None
    assert aside.hide(page) == expected and page not in aside._AHEAD
    aside.hide_ahead([page])
    aside.hide_ahead([other])
    assert list(aside._AHEAD) == [other]
    assert aside.hide(page) == expected


# Text for a definition or example: mostly plain, with every character Markdown may read now and then.
ENTRY_TEXT = st.lists(st.sampled_from(
    ["Budget", "er", "en", "plan", "for", "2027", "æøå", "Ø", ".", ",", ":", "!", "?", "-", "'", '"', " ", " ",
     "  ", "*", "_", "[", "]", "(", ")", "{", "}", "<b>", "&", "|", "~", "^", "#", "\\", "`", "\t", "\n", "\n\n",
     "\u00a0", "\u2028", "1.", "- ", "> ", "{: .x }", "\n{: .kl-example }", "==="]), max_size=14).map("".join)


def _entry_markdown(term: str, definition: str, example: str, details: str) -> str:
    from klarsprog.render import render

    view = {"term": term, "display": term.title(), "anchor": term, "definition": definition,
            "example": f"Eksempel: {example}" if example else "", "details": details, "forms": [f"{term}et"],
            "meta": 'Se også: <a href="#drift">Drift</a>.', "mailto": "mailto:o@x.dk?subject=a"}
    return render("ordbog/_entry.md.j2", e=view)


@SETTINGS
@given(ENTRY_TEXT, ENTRY_TEXT, ENTRY_TEXT, ENTRY_TEXT)
@example("Kommunens plan for penge.", "Vi bruger 2,5 mio. kr.", "", "Et lån.")
@example("Plan  ", "Vi har  ", "", "x\t")
def test_a_glossary_entry_held_aside_as_one_block_converts_to_the_same_html(definition, example, details, other):
    """The glossary's entries (the real template) are held aside from the heading on while their
    definition and example are plain text: the page's HTML is byte for byte what Markdown gives."""
    md = "# Ordbog: B\n\n" + _entry_markdown("budget", definition, example, details) + "\n" + \
        _entry_markdown("drift", other, definition, "")
    text, stash = aside.hide(md)
    held = aside.restore(convert(text), stash)
    assert held in (None, convert(md)), md
    if definition == "Kommunens plan for penge.":  # a plain entry is held aside, and comes back
        assert "Kommunens plan" not in text and "Vi bruger" not in text and held is not None


@pytest.mark.parametrize("token", ["*", "**", "_", "__", "`", "\\", "[x]", "[x](y)", "{: .a }", "<b>", "&amp;", "&",
                                   "|", "~~", "^", "#", "\t", "  ", "\u00a0", "\u2028", "\x85", "\x0b", "!", ":", "1."])
def test_an_entry_with_any_character_markdown_reads_converts_to_the_same_html(token):
    """Each character Markdown reads, in a definition and an example otherwise plain, twice (a pair can
    mark up what one cannot): held aside or not, the HTML is Markdown's."""
    text, first = f"Plan {token}for penge{token} i år {token}.", f"{token} Plan for penge."
    md = "# Ordbog: B\n\n" + _entry_markdown("budget", text, text, "") + "\n" + _entry_markdown("drift", first, "", "")
    held, stash = aside.hide(md)
    assert aside.restore(convert(held), stash) == convert(md)
