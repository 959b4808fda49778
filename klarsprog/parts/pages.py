"""Hand-written Markdown pages in pages/: the front page, the author guide and any others."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from .. import safety
from ..findings import Finding
from ..gate import Text
from ..schema import Field, load_valid
from ..site import Output, Page
from ..text.extract import extract, lines_of

SCHEMA = {
    "title": Field("text"),
    "audience": Field("enum", choices=("public", "internal"),
                      help="Skriv 'public' (alle kan se siden) eller 'internal' (kun intranettet)."),
    "content_type": Field("enum", choices=("page", "budget", "glossary", "cafe")),
    "section": Field("text"),
    "nav_order": Field("int"),
    "lix_limit": Field("number", minimum=0),
    "lix_reason": Field("text"),
}
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass
class HandPage:
    path: Path
    rel: str
    meta: dict
    body: str
    body_line: int
    lix_line: int

    @property
    def title(self) -> str:
        if "title" in self.meta:
            return self.meta["title"]
        m = _H1.search(self.body)
        return m.group(1) if m else Path(self.rel).stem.replace("-", " ").capitalize()

    @property
    def audience(self) -> str:
        return self.meta.get("audience", "public")


def read_page(path: Path, rel: str) -> tuple[HandPage | None, list[Finding]]:
    doc, meta, problems = load_valid(path, SCHEMA)
    if doc is None:
        return None, problems
    line = doc.data.where("lix_limit")[0] if "lix_limit" in doc.data else 1
    # Links are checked from where the page will stand on the site (pages/ is the site's root).
    return HandPage(path, rel, meta, doc.body, doc.body_line, line), safety.check_document(doc, folder=posixpath.dirname(rel))


def load(project) -> tuple[list[HandPage], list[Finding]]:
    pages, problems = [], []
    for path in sorted(project.pages_dir.rglob("*.md")):
        page, found = read_page(path, path.relative_to(project.pages_dir).as_posix())
        problems += found
        if page:
            pages.append(page)
    return pages, problems


def text_of(page: HandPage) -> Text:
    return Text(page.path, page.meta.get("content_type", "page"), extract(lines_of(page.body, page.body_line)),
                lix_limit=page.meta.get("lix_limit"), lix_reason=page.meta.get("lix_reason", ""),
                override_line=page.lix_line)


def texts(pages: list[HandPage]) -> list[Text]:
    return [text_of(p) for p in pages]


def owns(path: Path, project) -> bool:
    return path.suffix == ".md"


def check_file(path: Path, project, context) -> tuple[list[Text], list[Finding]]:
    page, problems = read_page(path, path.name)
    return ([text_of(page)] if page else []), problems


def render(pages: list[HandPage], output: Output, context) -> None:
    for p in pages:
        if p.audience == "internal" and output.audience == "public":
            continue
        output.pages.append(Page(p.rel, p.title, p.body, source=p.path, section=p.meta.get("section"),
                                 order=p.meta.get("nav_order", 50), content_type=p.meta.get("content_type", "page")))
