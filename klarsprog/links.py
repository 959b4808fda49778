"""Links between pages: a link to a page or file the site does not have is reported at its source line.

MkDocs would stop too, but with an English message about a generated file; an author needs the file
and line they wrote. A public page that links to an internal page is the usual case.
"""
from __future__ import annotations

import difflib
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, unquote

from .findings import Finding, finding
from .site import GENERATED
from .source import position, written_in
from .text import caseless

ASSETS = Path(__file__).resolve().parent / "assets"
_TARGET = re.compile(r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*<?([^\s()<>]+)>?|"
                     r"""(?:href|src)\s*=\s*["']([^"'\s]+)["']""", re.IGNORECASE)
SITE_DA = {"public": "internettet", "intranet": "intranettet"}


def targets(text: str) -> list[tuple[str, bool]]:
    """Every link target in a page as written: (target, whether it is an HTML attribute)."""
    return [(text[m.start(1):m.end(1)], False) if m.group(1) is not None else (text[m.start(2):m.end(2)], True)
            for m in caseless.finditer(_TARGET, text)]


@lru_cache(maxsize=65536)  # generated pages link to the same pages again and again
def local_target(url: str) -> str | None:
    """The path part of a link to another page or file of the site, or None for other links."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^[#/]|^\.?$", url):
        return None
    return unquote(url.split("#", 1)[0].split("?", 1)[0]) or None


@lru_cache(maxsize=65536)
def _joined(base: str, target: str) -> str:
    return posixpath.normpath(posixpath.join(base, target))


def _where(page, raw: str, project=None) -> tuple[Path | str, int, int]:
    """The source file and position where a link target is written: the page's own source, or for a
    page made of many files (the glossary) the content file that holds it; else the generated page."""
    try:
        text = page.source.read_text(encoding="utf-8") if page.source else ""
    except (OSError, UnicodeDecodeError):
        text = ""
    at = text.find(raw)
    if at < 0:
        found = written_in(project, raw) if page.source is None else None
        return found if found else (GENERATED / page.path, 1, 1)
    return (page.source, *position(text, at))


def address(path: str) -> str:
    """Where a docs file is served (use_directory_urls): 'index.md' -> '', 'a/b.md' -> 'a/b/', files as they are."""
    if not path.endswith(".md"):
        return path
    path = path.removesuffix(".md")
    return "" if path in ("index", "README") else path.removesuffix("/index").removesuffix("/README") + "/"


@lru_cache(maxsize=65536)
def href(path: str, page: str) -> str:
    """The address of docs file `path` as written in an HTML link on the page of docs file `page`: what
    MkDocs makes of a Markdown link ('ordbog/b.md' from 'ordbog/a.md' is '../b/'; its
    utils.get_relative_url with File.url for both)."""
    def parts(url: str) -> list[str]:
        url = posixpath.normpath("/" + url)[1:]
        return url.split("/") if url else []

    url, other = quote(address(path) or "./"), quote(address(page) or "./")
    folder, _, name = other.rpartition("/")
    there, here = parts(url), parts(folder if "." in name else other)
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


def _html_hint(page: str, docs: str, raw: str) -> str:
    """For an HTML link written as a docs file ('guide.md', as in a Markdown link): the address to write."""
    return f"I HTML skal der stå sidens adresse, '{href(docs, page)}'. Eller skriv linket i Markdown: [tekst]({raw})."


def check(output, only=None, project=None) -> list[Finding]:
    """Every relative link in the site's pages must point at one of its pages or files.

    A Markdown link names a docs file ('../ordbog/index.md'); MkDocs turns it into the page's address.
    An HTML link (href, src) is left as it is, so it must be the address as seen from the page's own
    ('../a/' from ordbog/b/). `only`: check only these pages (the others are known all the same);
    `project`: look for a broken link on a page made of many files in the content files.
    """
    known = {p.path for p in output.pages} | {a.path for a in output.assets}
    known |= {f"assets/{p.name}" for p in ASSETS.iterdir()}
    addresses = {address(p).rstrip("/") for p in known}
    pages = sorted(p for p in known if p.endswith(".md"))
    found = []
    for page in output.pages if only is None else only:
        folder, here = posixpath.dirname(page.path), address(page.path) or "."
        for raw, html in targets(page.markdown):
            target = local_target(raw)
            if target is None:
                continue
            if html:
                path = _joined(here, target)
                if path in addresses or path == "." or path.startswith("../"):
                    continue
            else:
                path = _joined(folder, target)
                if path in known or path.startswith("../"):  # climbing out is the safety check's job
                    continue
            docs = _joined(folder, target)
            if html and docs in known:  # the page exists: the HTML link is written as a Markdown one
                message = f"Linket '{raw}' virker ikke på siden. {_html_hint(page.path, docs, raw)}"
            else:
                close = [] if html else difflib.get_close_matches(path, pages, n=1, cutoff=0.8)
                hint = f" Mente du '{posixpath.relpath(close[0], folder or '.')}'?" if close else " Tjek stavningen."
                if output.audience == "public":
                    hint += " Er siden kun for ansatte (audience: internal), kan en side for alle ikke linke til den."
                message = (f"Linket '{raw}' peger på en side eller fil, som ikke findes på "
                           f"{SITE_DA.get(output.audience, output.audience)}.{hint}")
            found.append(finding(*_where(page, raw, project), "error", "broken-link", message))
    return found
