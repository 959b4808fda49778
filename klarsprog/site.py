"""What a part hands to the engine: pages of Markdown and files, per audience."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

AUDIENCES = ("public", "intranet")
GENERATED = Path("[genereret]")  # how findings and reports name a generated page: GENERATED / page.path


@dataclass
class Page:
    """A Markdown page for the site; `path` is relative to the docs folder."""

    path: str
    title: str
    markdown: str
    source: Path | None = None
    section: str | None = None  # navigation section; None puts it at the top level
    in_nav: bool = True
    order: int = 100
    content_type: str = "page"
    link_terms: bool = True
    # The page's prose for the readability gate when its sources already hold it, so that the gate
    # need not read it back out of the Markdown (the glossary page: every definition and example).
    prose: Callable[[], list] | None = field(default=None, repr=False, compare=False)


@dataclass
class Asset:
    """A file copied as is (CSV, JSON, calendar, PDF, CSS)."""

    path: str
    data: bytes
    # The bytes follow once the site is built (the booklet PDF takes seconds to print): `build` writes an
    # empty file for MkDocs and puts the printed file in place before the new site is swapped in.
    pending: bool = False


@dataclass
class Output:
    """What one audience's site consists of."""

    audience: str
    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)

    def add(self, pages=(), assets=()) -> None:
        self.pages.extend(pages)
        self.assets.extend(assets)
