"""The print edition: the booklet's pages as one HTML document, made into a PDF by WeasyPrint, offline."""
from __future__ import annotations

import hashlib
import os
import posixpath
import re
from pathlib import Path

import markdown

from ...danish import slugify
from ...render import TEMPLATES, render
from ...site import Page

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "def_list"]
CSS = TEMPLATES / "budget" / "pdf.css"
KEEP = 6  # cached PDFs kept in build/cache/ (both audiences of a few recent versions)
_HREF = re.compile(r'href="([^"#]*)(#[^"]*)?"')


class OfflineError(ValueError):
    """Raised by the URL fetcher: the print edition never loads anything from the network."""


def local_only(url: str, *args, **kwargs):
    """WeasyPrint URL fetcher that refuses everything except local files."""
    if not url.startswith("file:"):
        raise OfflineError(f"Hæftet må ikke hente noget fra nettet: {url}")
    from weasyprint.urls import URLFetcher
    return URLFetcher(allowed_protocols={"file"}).fetch(url)


def page_id(path: str) -> str:
    return "p-" + slugify(path.removesuffix(".md"))


def _links(html: str, page: Page, ids: set[str], base_url: str) -> str:
    """Links between booklet pages become jumps inside the PDF; other links point at the public site."""
    folder = posixpath.dirname(page.path)

    def fix(m: re.Match) -> str:
        target, fragment = m.group(1), m.group(2) or ""
        if not target or re.match(r"^[a-z]+:", target):
            return m.group(0)
        path = posixpath.normpath(posixpath.join(folder, target))
        if page_id(path) in ids:
            return f'href="#{page_id(path)}"'
        if path.endswith(".md"):  # use_directory_urls: budget/udgifter.md is budget/udgifter/
            path = path[:-3]
            path = path[:-5] if path.endswith("index") else path + "/"
        return f'href="{base_url}{path}{fragment}"'

    return _HREF.sub(fix, html)


def css_string(text: str) -> str:
    """Text as a quoted CSS string that cannot end the string or the style element."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ") + '"'


def document(pages: list[Page], meta: dict, base_url: str) -> str:
    """One HTML document: a cover with contents, then every page, each starting on a new sheet."""
    ids = {page_id(p.path) for p in pages}
    parts = []
    for p in pages:
        html = markdown.markdown(p.markdown, extensions=EXTENSIONS, output_format="html")
        parts.append({"id": page_id(p.path), "title": p.title, "html": _links(html, p, ids, base_url),
                      "area": not p.in_nav})
    header = css_string(f"{meta['heading']} · {meta['municipality']}")
    return render("budget/pdf.html.j2", pages=parts, css=CSS.read_text(encoding="utf-8"), header=header, **meta)


def make_pdf(html: str, cache_dir: Path) -> bytes:
    """The PDF for this HTML, from build/cache/ when the same HTML was printed before."""
    import weasyprint

    key = hashlib.sha256(f"{weasyprint.__version__}\n{html}".encode("utf-8")).hexdigest()[:32]
    cached = cache_dir / f"budget-{key}.pdf"
    if cached.exists():
        os.utime(cached)
        return cached.read_bytes()
    data = weasyprint.HTML(string=html, base_url=str(TEMPLATES), url_fetcher=local_only).write_pdf(
        pdf_variant="pdf/ua-1")
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, cached)
    _prune(cache_dir)
    return data


def _prune(cache_dir: Path) -> None:
    old = sorted(cache_dir.glob("budget-*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
    for path in old:
        path.unlink(missing_ok=True)
