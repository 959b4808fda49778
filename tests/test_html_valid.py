"""The built HTML of both sites: valid by the Nu Html Checker, and no internal link or anchor is broken."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITES = ("public", "intranet")

# Errors that come from Material for MkDocs' own templates, not from our content or templates.
# Each needs the checker's message AND a piece of Material's markup, so that the same mistake in our own
# markup still fails.
MATERIAL_ERRORS = [
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off", which stops
    # Firefox from restoring a ticked toggle on reload. Harmless; HTML allows autocomplete on text inputs only.
    (r"Attribute “autocomplete” is only allowed when the input type is", r'<input class="md-toggle"'),
    # partials/nav-item.html (navigation.sections): a section label gets tabindex="" so that it is not
    # focusable. Browsers ignore the empty value, which is what Material wants.
    (r"Bad value “” for attribute “tabindex” on element “label”",
     r'<label class="md-nav__link" for="__nav_'),
    # partials/toc.html: the table of contents' title is a label for the __toc toggle, which Material
    # writes only into the navigation entry of the current page. Detail pages (budget areas, meetings)
    # stay out of the navigation on purpose, so their label points at nothing. Clicking it does nothing.
    (r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     r'<label class="md-nav__title" for="__toc">'),
]


def html_files(root: Path) -> list[Path]:
    return sorted(p for site in SITES for p in (root / "site" / site).rglob("*.html"))


def _from_material(message: dict) -> bool:
    extract = message.get("extract", "")
    return any(re.search(text, message.get("message", "")) and re.search(markup, extract)
               for text, markup in MATERIAL_ERRORS)


@pytest.fixture(scope="module")
def vnu_messages(built_repo) -> list[dict]:
    """The Nu Html Checker's errors for every page of both sites, from one Java process."""
    if not VNU.exists():
        pytest.skip("node_modules/vnu-jar is missing: run `npm ci --ignore-scripts` (scripts/setup.sh --test does)")
    if shutil.which("java") is None:
        pytest.skip("java is missing: install a Java runtime (scripts/setup.sh --test does)")
    files = [str(p) for p in html_files(built_repo)]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True, timeout=300)
    return json.loads(result.stderr or result.stdout)["messages"]


def test_every_page_is_valid_html(vnu_messages, built_repo):
    ours = [m for m in vnu_messages if not _from_material(m)]
    lines = [f"{unquote(m.get('url', '')).replace('file:' + str(built_repo) + '/', '')}:{m.get('lastLine', 0)}: "
             f"{m['message']}\n    {m.get('extract', '').strip()[:160]}" for m in ours]
    assert not ours, "\n".join(lines)


def test_the_material_exceptions_are_still_needed(vnu_messages):
    """When Material fixes its markup, the exception goes."""
    for text, markup in MATERIAL_ERRORS:
        assert any(re.search(text, m.get("message", "")) and re.search(markup, m.get("extract", ""))
                   for m in vnu_messages), f"no longer needed: {text}"


class _Links(HTMLParser):
    """Collects the ids on a page and every URL it points to (links, images, scripts, styles)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                self.ids.add(attrs[name])
        for name in ("href", "src"):
            if attrs.get(name):
                self.urls.append(attrs[name])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _url_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def _file_of(site: Path, url_path: str, prefix: str) -> Path:
    if url_path.startswith(prefix):  # 404.html links from the address the site is published at
        url_path = "/" + url_path[len(prefix):]
    target = site / unquote(url_path).lstrip("/")
    return target / "index.html" if url_path.endswith("/") or target.is_dir() else target


def _published_path(site: Path) -> str:
    """The path the site is published under ('/oekonomi/'), read from the front page's canonical link."""
    found = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    return urlsplit(found.group(1)).path if found else "/"


def broken_links(site: Path) -> list[str]:
    """Every local URL on every page whose file or #anchor does not exist, as 'page: url'."""
    pages = {p: _parse(p) for p in sorted(site.rglob("*.html"))}
    prefix = _published_path(site) if (site / "index.html").exists() else "/"
    broken = []
    for page, links in pages.items():
        base = "http://site" + _url_of(site, page)
        for url in links.urls:
            target = urlsplit(urljoin(base, url))
            if target.netloc != "site":
                continue  # another host, mailto: or tel:
            file = _file_of(site, target.path, prefix)
            if not file.exists():
                broken.append(f"{page.relative_to(site)}: {url}")
            elif target.fragment and file.suffix == ".html":
                ids = pages[file].ids if file in pages else _parse(file).ids
                if unquote(target.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: {url} (no such anchor)")
    return broken


@pytest.mark.parametrize("site", SITES)
def test_no_internal_link_or_anchor_is_broken(built_repo, site):
    assert broken_links(built_repo / "site" / site) == []


def test_link_checker_finds_a_broken_link_and_a_broken_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<h1 id="top">x</h1><a href="a/">ok</a><a href="#top">ok</a>'
                                         '<a href="b/">missing</a><a href="a/#nope">bad anchor</a>'
                                         '<a href="https://example.org/x">elsewhere</a>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<p id="here">a</p><a href="../#top">ok</a>', encoding="utf-8")
    assert broken_links(tmp_path) == ["index.html: b/", "index.html: a/#nope (no such anchor)"]
