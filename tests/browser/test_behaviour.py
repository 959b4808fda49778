"""What a visitor relies on, in a real browser: term tooltips, glossary links, search, calendar, keyboard."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import icalendar
import pytest
from playwright.sync_api import expect

from klarsprog.danish import slugify

from .browsing import DESKTOP, PHONE, discover, page_with

pytestmark = pytest.mark.browser
TERM = ".kl-term[aria-describedby]"
TIP = ".kl-tip"
MAX_TABS = 60


def _term_page(sites, site: str = "public") -> str:
    path = page_with(sites, site, 'class="kl-term"')
    if path is None:
        pytest.skip(f"no page in site/{site} has a linked glossary term yet (the glossary part has not landed)")
    return path


def _definition(page, term) -> str:
    return page.locator("#" + term.get_attribute("aria-describedby")).text_content().strip()


def _tab_to(page, selector: str) -> bool:
    """Press Tab until the focused element matches `selector`; False when it never does."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return True
    return False


def test_term_tooltip_shows_on_hover_stays_while_hovered_and_hides_on_escape(visit, sites):
    v = visit("public")
    v.open(_term_page(sites))
    link = v.page.locator(f"a{TERM}").first
    name = link.text_content().strip()
    link.hover()
    tip = link.locator(TIP)
    assert tip.is_visible()
    assert tip.text_content().strip() == _definition(v.page, link)
    assert v.page.get_by_role("link", name=name, exact=True).count(), "the tooltip must not change the link's name"
    box = tip.bounding_box()
    v.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=12)
    assert tip.is_visible(), "the tooltip vanished when the pointer moved onto it (WCAG 1.4.13)"
    v.page.keyboard.press("Escape")
    assert v.page.locator(TIP).count() == 0


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_term_tooltip_shows_on_keyboard_focus_fits_the_screen_and_hides_on_escape(visit, sites, viewport):
    v = visit("public", viewport)
    v.open(_term_page(sites))
    assert _tab_to(v.page, TERM), "Tab never reached a glossary term"
    focused = v.page.locator(f"{TERM}:focus")
    tip = focused.locator(TIP)
    assert tip.is_visible()
    assert tip.text_content().strip() == _definition(v.page, focused)
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], f"the tooltip sticks out: {box}"
    v.page.keyboard.press("Escape")
    assert v.page.locator(TIP).count() == 0
    assert v.page.evaluate("s => document.activeElement.matches(s)", TERM), "Escape must not move focus"


def test_first_occurrence_of_a_term_links_to_its_glossary_entry(visit, sites):
    v = visit("public")
    path = _term_page(sites)
    v.open(path)
    seen = set()
    terms = v.page.locator(TERM)
    for i in range(terms.count()):
        term = terms.nth(i)
        anchor = term.get_attribute("aria-describedby").removeprefix("kl-def-")
        tag, href = term.evaluate("e => [e.tagName, e.getAttribute('href')]")
        if anchor in seen:
            assert tag != "A", f"a later '{term.text_content()}' is a link again"
            continue
        seen.add(anchor)
        assert tag == "A", f"the first '{term.text_content()}' is not a link"
        target = urlsplit(urljoin(v.base + path, href))
        assert (target.path, target.fragment) == ("/ordbog/", anchor), href
    first = terms.first
    anchor = first.get_attribute("aria-describedby").removeprefix("kl-def-")
    first.click()
    v.page.wait_for_url(re.compile(r"/ordbog/#" + re.escape(anchor) + "$"))
    assert v.page.locator(f"[id='{anchor}']").first.is_visible()
    assert v.foreign_requests() == []


@pytest.mark.parametrize("site", ["public", "intranet"])
@pytest.mark.parametrize("query", ["overslagsår", "overslagsårene"])
def test_search_finds_the_glossary_entry(visit, sites, site, query):
    if discover(sites.roots[site], "ordbog") is None:
        pytest.skip(f"no ordbog/ in site/{site} yet (the glossary part has not landed)")
    anchor = slugify("overslagsår")
    v = visit(site, DESKTOP)
    v.open("")
    v.page.locator("input.md-search__input").press_sequentially(query)  # Material searches on keyup
    meta = v.page.locator(".md-search-result__meta")
    expect(meta).to_contain_text("resultat")  # "Ingen resultater fundet", "1 resultat", "3 resultater"
    hrefs = v.page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")
    found = [(urlsplit(h).path, urlsplit(h).fragment) for h in hrefs]
    assert ("/ordbog/", anchor) in found, f"{meta.text_content()}: {hrefs}"


def _calendar_link(sites):
    for site in ("public", "intranet"):
        path = page_with(sites, site, "Føj til kalender", kinds=("moede", "cafemoeder"))
        if path:
            return site, path
    pytest.skip("no 'Føj til kalender' link on a café page yet (the café part has not landed)")


def test_add_to_calendar_downloads_a_calendar_file(visit, sites):
    site, path = _calendar_link(sites)
    v = visit(site)
    v.open(path)
    with v.page.expect_download() as download:
        v.page.get_by_role("link", name="Føj til kalender").first.click()
    file = download.value
    assert file.suggested_filename.endswith(".ics")
    assert urlsplit(file.url).hostname == "127.0.0.1"
    calendar = icalendar.Calendar.from_ical(Path(file.path()).read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events and events[0].get("DTSTART") is not None and events[0].get("SUMMARY")


def _focus_is_visible(page, width: int) -> bool:
    """The focused element is on screen, not covered, and drawn with a focus outline."""
    page.wait_for_function("() => document.getAnimations().length === 0")
    page.wait_for_timeout(400)  # a browser may still scroll the focused element into view after that
    return page.evaluate("""w => {
        const e = document.activeElement, r = e.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= w && e.contains(top)
            && getComputedStyle(e).outlineStyle !== 'none'; }""", width)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_keyboard_reaches_skip_link_and_navigation(visit, sites, viewport):
    v = visit("public", viewport)
    v.open("")
    v.page.keyboard.press("Tab")
    skip = v.page.locator("a.md-skip:focus")
    assert skip.count() == 1, "the first Tab must reach the skip link"
    assert _focus_is_visible(v.page, viewport["width"]), "the focused skip link must be seen"
    target = skip.get_attribute("href").lstrip("#")
    v.page.keyboard.press("Enter")
    assert urlsplit(v.page.url).fragment == target
    v.page.keyboard.press("Tab")
    assert v.page.evaluate("() => !!document.activeElement.closest('.md-content')"), "Tab after the skip link"
    v.open("")
    assert _tab_to(v.page, "a.md-nav__link[href='skriv-klart/']"), "Tab never reached the navigation"
    assert _focus_is_visible(v.page, viewport["width"]), "the focused navigation link must be seen"
    v.page.keyboard.press("Enter")
    v.page.wait_for_url(re.compile(r"/skriv-klart/$"))
    assert v.page.locator("h1").first.is_visible()
