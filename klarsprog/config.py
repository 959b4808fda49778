"""The project: where content lives and the settings in klarsprog.yml."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding, finding
from .schema import Field, load_valid
from .source import load_yaml

CONFIG_FILE = "klarsprog.yml"
_SETTINGS = {
    "municipality": Field("text", required=True, help="Skriv kommunens navn, for eksempel 'Billund Kommune'."),
    "site_name": Field("text", required=True),
    "department": Field("text"),
    "accessibility_statement": Field("str", required=True,
                                     help="Adressen på tilgængelighedserklæringen (was.digst.dk/...)."),
    "public_url": Field("str", required=True),
    "intranet_url": Field("str", required=True),
    "glossary_email": Field("str", required=True),
    "topics_email": Field("str", required=True),
    "allowed_emails": Field("list", item=Field("str")),
    "allowed_phones": Field("list", item=Field("str")),
    "example_data": Field("bool"),
    "glossary_one_page_max": Field("int", minimum=1,
                                   help="Skriv et helt tal, for eksempel 400. Har ordbogen flere ord, "
                                        "får hvert bogstav sin egen side."),
}


@dataclass
class Project:
    root: Path
    settings: dict = field(default_factory=dict)
    # Keep results in build/cache/ for the next run (memo.py): the command line does; tests and
    # library calls read everything afresh unless they ask for it.
    remember: bool = False

    @property
    def glossary_dir(self) -> Path:
        return self.root / "glossary"

    @property
    def budget_dir(self) -> Path:
        return self.root / "budget"

    @property
    def meetings_dir(self) -> Path:
        return self.root / "cafe_meetings"

    @property
    def pages_dir(self) -> Path:
        return self.root / "pages"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def url(self, audience: str) -> str:
        base = self.settings["public_url" if audience == "public" else "intranet_url"]
        return base if base.endswith("/") else base + "/"


def load_project(root: Path) -> tuple[Project | None, list[Finding]]:
    """Read klarsprog.yml; problems here are configuration errors (exit code 2)."""
    path = root / CONFIG_FILE
    if not path.exists():
        return None, [finding(path, 1, 1, "error", "config",
                              f"Filen {CONFIG_FILE} findes ikke. Kør kommandoen fra projektets mappe.")]
    _, settings, problems = load_valid(path, _SETTINGS, loader=load_yaml)
    if problems:
        return None, problems
    settings.setdefault("allowed_emails", [])
    settings.setdefault("allowed_phones", [])
    settings.setdefault("department", "Økonomi og Personale")
    settings.setdefault("example_data", False)
    settings.setdefault("glossary_one_page_max", 400)  # parts/glossary/page.py: ONE_PAGE_MAX
    return Project(root.resolve(), settings), []
