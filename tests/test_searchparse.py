"""The site's search index (Material's search plugin) reads each page's HTML through searchparse.feed, a
faster tokenizer for the same parser: visitors must find exactly what they found before."""
from __future__ import annotations

import contextlib
import shutil

from hypothesis import example, given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from klarsprog import engine, searchparse
from klarsprog.config import load_project


def sections(html: str, fast: bool) -> list:
    """What the search plugin keeps of a page: its sections (title, text, anchor), and where it stopped."""
    parser = Parser()
    if fast:
        searchparse.feed(parser, html, parser.feed)
    else:
        parser.feed(html)
    parser.close()
    return [[s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text] for s in parser.data] + \
        [[e.tag for e in parser.context], sorted(str(e) for e in parser.skip)]


# Pieces of HTML: what Markdown and Klarsprog write, and what an author's own HTML may add.
TEXT = ["Budget", "2027", "æøå", " ", "\n", "  \n ", "&amp;", "&para;", "&#39;", "&#x27;", "&lt;b&gt;", "&", "a & b",
        "&amp", "&notit;", "<", "< p>", ">", '"', "'", "\t", "\u00a0", "]]>"]
TAGS = ["p", "a", "h1", "h2", "h3", "code", "pre", "li", "ul", "div", "span", "em", "sub", "br", "img", "hr",
        "script", "style", "P", "H2", "table", "td", "object", "my-tag", "x:y"]
ATTRS = ['', ' id="afsnit"', ' id="b"', ' class="headerlink"', ' class="linenodiv"', ' data-search-exclude',
         ' data-search-exclude=""', ' href="a?b=1&amp;c=2"', " title='enkelt'", ' title=bar', ' ID="Stort"',
         ' hidden', ' aria-label="x > y"', '  class="kl-term"\n', ' title="a<b"', '  ', '/', ' id=""', ' class=""']
OPEN = st.builds(lambda tag, attrs, close: f"<{tag}{''.join(attrs)}{close}>", st.sampled_from(TAGS),
                 st.lists(st.sampled_from(ATTRS), max_size=3), st.sampled_from(["", "", " ", "/", " /", "/ "]))
CLOSE = st.builds(lambda tag, space: f"</{tag}{space}>", st.sampled_from(TAGS), st.sampled_from(["", " ", "\n", " x"]))
OTHER = st.sampled_from(["<!-- note -->", "<!---->", "<!DOCTYPE html>", "<?php ?>", "<![CDATA[x]]>", "</>", "</ p>",
                         "<br/>", "<", "&", "<a", "<p class=", "</p"])
HTML = st.lists(st.one_of(st.sampled_from(TEXT), OPEN, CLOSE, OTHER), max_size=40).map("".join)

HEADING = '<h2 id="saadan">Sådan<a class="headerlink" href="#saadan" title="Link til dette afsnit">&para;</a></h2>'


@given(HTML)
@settings(max_examples=1500, deadline=None)
@example("<h1>Ordbog</h1>\n" + HEADING + "\n<p>Tekst &amp; mere</p>\n<pre><code>a\n\n b</code></pre>")
@example('<p>før</p><script>var a = "<p>";</script><p>efter</p>')
@example('<div data-search-exclude><h2 id="x">Skjult</h2></div><p>tekst</p>')
@example("<p>slut &amp")
def test_the_search_plugin_reads_any_html_the_same_through_the_faster_tokenizer(html):
    assert sections(html, fast=True) == sections(html, fast=False)


@given(HTML)
@settings(max_examples=1000, deadline=None)
@example('<p id="" class>x</p><br/><img src="a.png" alt="" />')
def test_the_faster_tokenizer_makes_exactly_the_calls_htmlparser_makes(html):
    slow, fast = searchparse.Calls(), searchparse.Calls()
    slow.feed(html)
    slow.close()
    searchparse.feed(fast, html, fast.feed)
    fast.close()
    assert fast.calls == slow.calls


def test_a_python_whose_htmlparser_reads_entities_otherwise_gets_every_page_read_by_htmlparser(monkeypatch):
    """The tokenizer checks once that this Python's HTMLParser makes the same calls (its rules for entities
    have changed between versions): should they differ, the plugin's parser reads every page itself."""
    html = '<h2 id="a&amp;b">T&amp;x<a class="headerlink" href="#a">&para;</a></h2><p title="&copy=1">tekst</p>'
    searchparse.agrees.cache_clear()
    assert searchparse.agrees()
    monkeypatch.setattr(searchparse, "unescape", lambda text: text.replace("&amp;", "&"))  # not HTMLParser's rules
    searchparse.agrees.cache_clear()
    try:
        assert not searchparse.agrees()
        slow, fast = searchparse.Calls(), searchparse.Calls()
        slow.feed(html)
        searchparse.feed(fast, html, fast.feed)
        assert fast.calls == slow.calls
    finally:
        searchparse.agrees.cache_clear()


def test_a_parser_in_the_middle_of_something_is_left_to_itself():
    parser = Parser()
    parser.feed("<p>a <scr")  # HTMLParser keeps an unfinished tag for the next feed
    searchparse.feed(parser, 'ipt>x</script><p>b</p>', parser.feed)
    parser.close()
    other = Parser()
    other.feed('<p>a <script>x</script><p>b</p>')
    other.close()
    assert [(s.title, s.text) for s in parser.data] == [(s.title, s.text) for s in other.data]


def test_the_built_site_and_its_search_index_are_the_same_with_the_plugins_own_tokenizer(built_repo, tmp_path,
                                                                                      monkeypatch):
    """The real repository: the site `build` made equals MkDocs with the search plugin reading each page
    through HTMLParser alone, search index included."""
    root = tmp_path / "proj"
    shutil.copytree(built_repo, root, symlinks=True)
    project = load_project(root)[0]
    monkeypatch.setattr(engine, "_reading_faster", contextlib.nullcontext)
    for audience in ("public", "intranet"):
        assert engine.build_html(project, project.build_dir / f"mkdocs-{audience}.yml", audience) == []
        new, old = project.build_dir / f"site-{audience}.new", project.site_dir / audience
        files = sorted(p.relative_to(old).as_posix() for p in old.rglob("*") if p.is_file())
        assert files == sorted(p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file())
        assert "search/search_index.json" in files
        for name in files:
            if name.endswith((".html", ".json")):
                assert (new / name).read_bytes() == (old / name).read_bytes(), name
