"""What the browser tests share: the page types of both sites, how to find them, and one visit."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # pinned in package.json
LOCAL_HOST = "127.0.0.1"
NETWORK_SCHEMES = ("http", "https", "ws", "wss", "ftp")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

# Page types: name -> fixed path, or None when the path is found by following a link (see `discover`).
PAGE_TYPES = {
    "forside": "",
    "skriv-klart": "skriv-klart/",
    "laesbarhed": "laesbarhed/",
    "ordbog": "ordbog/",
    "budget": "budget/",
    "budgetomraade": None,
    "cafemoeder": "cafemoeder/",
    "moede": None,
    "emner": "cafemoeder/emner/",
}
ALWAYS_THERE = {("public", "forside"), ("public", "skriv-klart"), ("intranet", "forside"),
                ("intranet", "skriv-klart"), ("intranet", "laesbarhed")}
INTRANET_ONLY = {"laesbarhed"}
SITE_PAGES = [(site, kind) for site in ("public", "intranet") for kind in PAGE_TYPES
              if site == "intranet" or kind not in INTRANET_ONLY]
# Links inside the article only: the header, navigation and footer are the theme's.
_CONTENT_HREF = re.compile(r'<a\b[^>]*?\shref="([^"#]*)(?:#[^"]*)?"')


@lru_cache(maxsize=1)
def axe_script() -> str:
    """axe-core from npm; without node_modules, the copy inside the pinned axe-playwright-python."""
    if AXE.exists():
        return AXE.read_text(encoding="utf-8")
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def article_links(html: str) -> list[str]:
    """Hrefs of links inside the page's article (Material wraps it in <article class="md-content__inner">)."""
    start = html.find('<article class="md-content__inner')
    end = html.find("</article>", start)
    return _CONTENT_HREF.findall(html[start:end]) if start >= 0 else []


def page_file(site_root: Path, path: str) -> Path:
    return site_root / path / "index.html" if path == "" or path.endswith("/") else site_root / path


def _first_link(site_root: Path, on: list[str], wanted: re.Pattern) -> tuple[str, str] | None:
    """(page, target) of the first article link on the pages `on` to an existing `wanted` target."""
    for page in on:
        html_file = page_file(site_root, page)
        if not html_file.exists():
            continue
        for href in article_links(html_file.read_text(encoding="utf-8")):
            target = urlsplit(urljoin("http://x/" + page, href))
            rel = target.path.lstrip("/")
            if target.netloc == "x" and wanted.fullmatch(rel) and page_file(site_root, rel).exists():
                return page, rel
    return None


def _section(site_root: Path, folder: str) -> list[str]:
    """A section's front page first, then its other pages one level down, as site-relative paths."""
    subpages = sorted(p.parent.name for p in (site_root / folder).glob("*/index.html"))
    return [f"{folder}/"] + [f"{folder}/{name}/" for name in subpages]


def discover(site_root: Path, kind: str) -> str | None:
    """The site-relative path of one page of this type, or None when the site has none (yet)."""
    fixed = PAGE_TYPES[kind]
    if fixed is not None:
        return fixed if page_file(site_root, fixed).exists() else None
    if kind == "budgetomraade":  # linked from the overview or its pages (udgifter/, ...)
        found = _first_link(site_root, _section(site_root, "budget"), re.compile(r"budget/omraader/[^/]+/"))
    elif kind == "moede":
        found = _first_link(site_root, ["cafemoeder/"], re.compile(r"cafemoeder/(?!emner/)[^/]+/(?:[^/]+/)?"))
    else:
        raise KeyError(kind)
    return found[1] if found else None


def pdf_link(site_root: Path) -> tuple[str, str] | None:
    """(page, PDF) of the budget booklet's link on the budget pages, if there is one."""
    return _first_link(site_root, _section(site_root, "budget"), re.compile(r".+\.pdf"))


@dataclass
class Sites:
    """Both built sites: folders on disk and their base URLs on 127.0.0.1."""

    roots: dict[str, Path]
    urls: dict[str, str]

    def path_of(self, site: str, kind: str) -> str:
        """The page of this type, or a skip when its part has not been built yet."""
        path = discover(self.roots[site], kind)
        if path is None:
            if (site, kind) in ALWAYS_THERE:
                pytest.fail(f"site/{site} has no {kind} page")
            pytest.skip(f"no {kind} page in site/{site} yet (its part has not landed)")
        return path


@dataclass
class Visit:
    """One fresh browser context with one page; records every request it makes."""

    context: object
    page: object
    base: str
    requests: list[str] = field(default_factory=list)

    def open(self, path: str, wait: str = "networkidle") -> None:
        """Load a page; by default wait until the search index and every other request are done."""
        response = self.page.goto(self.base + path, wait_until=wait)
        assert response is not None and response.ok, f"{self.base + path}: {response and response.status}"

    def resize(self, viewport: dict) -> None:
        """A new width, once the theme's transitions have ended (axe would measure colours mid-fade)."""
        self.page.set_viewport_size(viewport)
        self.page.wait_for_function("() => document.getAnimations().length === 0")

    def foreign_requests(self) -> list[str]:
        """Requests over the network to any host but ours (data:, blob: and the browser's own chrome://
        pages, such as its PDF viewer, never leave the machine)."""
        return [url for url in self.requests
                if urlsplit(url).scheme in NETWORK_SCHEMES and urlsplit(url).hostname != LOCAL_HOST]

    def stored(self) -> dict:
        """Everything the site stored in the browser: cookies, localStorage, sessionStorage, IndexedDB."""
        found = self.page.evaluate("""async () => ({
            localStorage: Object.keys(localStorage),
            sessionStorage: Object.keys(sessionStorage),
            indexedDB: (await indexedDB.databases()).map(d => d.name),
        })""")
        found["cookies"] = [c["name"] for c in self.context.cookies()]
        return {key: value for key, value in found.items() if value}

    def axe(self) -> list[dict]:
        """axe-core's WCAG 2.1 A and AA violations on the current page."""
        if not self.page.evaluate("() => 'axe' in window"):
            self.page.evaluate(axe_script())
        result = self.page.evaluate("""() => axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations']})""")
        return result["violations"]


def describe(violations: list[dict]) -> str:
    """axe violations as lines a person can act on: rule, impact, where, and what to do."""
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                            for n in v["nodes"][:5])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{targets}] {v['helpUrl']}")
    return "\n".join(lines)


def page_with(sites: Sites, site: str, marker: str, kinds=tuple(PAGE_TYPES)) -> str | None:
    """The first page (in page-type order) whose HTML contains `marker`."""
    for kind in kinds:
        path = discover(sites.roots[site], kind)
        if path is not None and marker in page_file(sites.roots[site], path).read_text(encoding="utf-8"):
            return path
    return None
