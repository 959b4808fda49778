"""The print edition: the booklet's pages as one HTML document, made into a PDF by WeasyPrint, offline."""
from __future__ import annotations

import fcntl
import hashlib
import os
import posixpath
import re
from importlib.metadata import version
from pathlib import Path

import markdown

from ... import danish
from ... import render as render_module
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


def source_key(pages: list[Page], meta: dict, base_url: str) -> str:
    """A fingerprint of everything the HTML is made from: pages, facts, templates, CSS and this code."""
    digest = hashlib.sha256(f"{version('markdown')}\n{base_url}\n{sorted(meta.items())!r}".encode("utf-8"))
    for path in (Path(__file__), Path(render_module.__file__), Path(danish.__file__), CSS, TEMPLATES / "budget" / "pdf.html.j2"):
        digest.update(path.read_bytes())
    for p in pages:
        digest.update(repr((p.path, p.title, p.in_nav, p.markdown)).encode("utf-8"))
    return digest.hexdigest()[:32]


def printed_pdf(pages: list[Page], meta: dict, base_url: str, cache_dir: Path) -> bytes | None:
    """The PDF of these pages if it was printed before (nothing they are made from changed), else None."""
    return _printed(_note(pages, meta, base_url, cache_dir))


def _note(pages: list[Page], meta: dict, base_url: str, cache_dir: Path) -> Path:
    """The file that names the PDF printed from these pages."""
    return cache_dir / f"budget-src-{source_key(pages, meta, base_url)}.txt"


def _printed(note: Path) -> bytes | None:
    try:
        cached = note.parent / note.read_text(encoding="utf-8").strip()
        if cached.name.startswith("budget-"):
            data = cached.read_bytes()
            os.utime(cached)
            return data
    except OSError:
        pass
    return None


def cached_pdf(pages: list[Page], meta: dict, base_url: str, cache_dir: Path) -> bytes:
    """The PDF of these pages; when nothing they are made from changed, without building the HTML again."""
    note = _note(pages, meta, base_url, cache_dir)
    data = _printed(note)
    if data is not None:
        return data
    html = document(pages, meta, base_url)
    data = make_pdf(html, cache_dir)
    note.write_text(f"budget-{pdf_key(html)}.pdf", encoding="utf-8")
    return data


def pdf_key(html: str) -> str:
    # The version from the package metadata: importing WeasyPrint takes over a second, needed only on a miss.
    return hashlib.sha256(f"{version('weasyprint')}\n{html}".encode("utf-8")).hexdigest()[:32]


def make_pdf(html: str, cache_dir: Path) -> bytes:
    """The PDF for this HTML, from build/cache/ when the same HTML was printed before."""
    key = pdf_key(html)
    cached = cache_dir / f"budget-{key}.pdf"
    if cached.exists():
        os.utime(cached)
        return cached.read_bytes()
    cache_dir.mkdir(parents=True, exist_ok=True)
    # `build` renders both sites at once: the second process to want the same PDF waits for the first.
    with open(cache_dir / f"budget-{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if cached.exists():
            return cached.read_bytes()
        import weasyprint

        data = weasyprint.HTML(string=html, base_url=str(TEMPLATES), url_fetcher=local_only).write_pdf(
            pdf_variant="pdf/ua-1")
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, cached)
    _prune(cache_dir)
    return data


def _prune(cache_dir: Path) -> None:
    old = sorted(cache_dir.glob("budget-*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
    for path in old:
        path.unlink(missing_ok=True)
        path.with_suffix(".lock").unlink(missing_ok=True)
    notes = sorted(cache_dir.glob("budget-src-*.txt"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in notes[KEEP:]:
        path.unlink(missing_ok=True)
