"""A faster reading of a page's HTML for the site's search index, with the same result.

Material's search plugin reads every page's HTML with a subclass of Python's `html.parser.HTMLParser`,
whose tokenizer is written in Python: a quarter of MkDocs's time on a large glossary. `feed` gives the
parser's own handlers (`handle_starttag`, `handle_endtag`, `handle_startendtag`, `handle_data`) exactly
the calls `HTMLParser.feed` would give them, found with one regular expression, for the HTML that
Markdown and Klarsprog write: text, and tags whose attributes are bare or double-quoted. At the first
thing outside that (a comment, a script, a stray '<', a single-quoted value), the parser's own `feed`
reads the rest: the calls before it are the same in both (the text before a '<' is always one call),
so the parser ends in the same state either way.
"""
from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

_NAME = r"[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_TOKEN = re.compile(
    r"([^<]+)"  # text up to the next tag: HTMLParser hands it over in one call, entities converted
    rf'|<([a-zA-Z][a-zA-Z0-9]*)((?:\s+{_NAME}(?:="[^"]*")?)*)\s*(/?)>'  # a start tag, maybe self-closing
    r"|</([a-zA-Z][a-zA-Z0-9]*)\s*>")  # an end tag
_ATTR = re.compile(rf'\s+({_NAME})(?:(=)"([^"]*)")?')
_RAW_TEXT = frozenset(HTMLParser.CDATA_CONTENT_ELEMENTS)  # script, style: their content is not HTML


# Entities in text and attributes, with and without ';', self-closing and bare attributes: how this
# Python's HTMLParser hands them over is checked once against `feed` (its rules have changed between
# Python versions); should they differ, `feed` leaves every page to HTMLParser.
_PROBE = ('<h2 id="a&amp;b" class="x">T&amp;x &copy 2 &notin; &#39;<a class="headerlink" href="#a">&para;</a></h2>\n'
          '<p title="&copy=1" data-search-exclude data-x="">a<br/><a href="?a=1&b=2&lang=da&copy;">b</a></p>')


class Calls(HTMLParser):
    """Records every call its handlers get (the probe; the tests compare with it too)."""

    def __init__(self):
        super().__init__()
        self.calls: list = []

    def handle_starttag(self, tag, attrs):
        self.calls.append(("start", tag, attrs))

    def handle_endtag(self, tag):
        self.calls.append(("end", tag))

    def handle_data(self, data):
        self.calls.append(("data", data))

    def handle_comment(self, data):
        self.calls.append(("comment", data))


@lru_cache(maxsize=1)
def agrees() -> bool:
    """Whether this Python's HTMLParser makes the probe's calls exactly as `feed` does."""
    slow, fast = Calls(), Calls()
    slow.feed(_PROBE)
    slow.close()
    _feed(fast, _PROBE, fast.feed)
    fast.close()
    return fast.calls == slow.calls


def feed(parser: HTMLParser, html: str, slow_feed) -> None:
    """Feed `html` to `parser` as `slow_feed` (its own `feed`) would; `slow_feed` reads what this cannot."""
    if parser.rawdata or parser.cdata_elem is not None or not parser.convert_charrefs or not agrees():
        slow_feed(html)  # in the middle of something, or another Python's rules: the parser's own reading
        return
    _feed(parser, html, slow_feed)


def _feed(parser: HTMLParser, html: str, slow_feed) -> None:
    match, at, end = _TOKEN.match, 0, len(html)
    handle_data, handle_starttag = parser.handle_data, parser.handle_starttag
    handle_endtag, handle_startendtag = parser.handle_endtag, parser.handle_startendtag
    while at < end:
        m = match(html, at)
        if m is None:
            break
        text, tag, attributes, closed, end_tag = m.groups()
        if text is not None:
            handle_data(unescape(text) if "&" in text else text)
        elif end_tag is not None:
            handle_endtag(end_tag.lower())
        else:
            tag = tag.lower()
            if tag in _RAW_TEXT:
                break
            attrs = [(name.lower(), unescape(value) if value else (value if equals else None))
                     for name, equals, value in _ATTR.findall(attributes)] if attributes else []
            (handle_startendtag if closed else handle_starttag)(tag, attrs)
        at = m.end()
    if at < end:
        slow_feed(html[at:])
