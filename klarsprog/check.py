"""`check`: validation and the readability gate without rendering HTML."""
from __future__ import annotations

from pathlib import Path

from .config import Project
from .findings import FileReport, Finding
from .parallel import cores
from .pipeline import PARTS, Context, all_texts, gate, gate_remembered, load_all, remember


def check_project(project: Project) -> tuple[list[FileReport], list[Finding]]:
    loaded = load_all(project, readers=cores)
    remember(loaded)
    reports, found = gate_remembered(loaded, all_texts(loaded), "sources")
    return reports, loaded.findings + found


def _part_for(path: Path, project: Project, content_type: str | None):
    by_type = {"glossary": "glossary", "budget": "budget", "cafe": "cafe", "page": "pages"}
    if content_type and by_type[content_type] != "pages":
        return PARTS[by_type[content_type]]
    for name in ("glossary", "budget", "cafe"):
        if PARTS[name].owns(path.resolve(), project):
            return PARTS[name]
    return PARTS["pages"]


def check_paths(project: Project, paths: list[Path], content_type: str | None) -> tuple[list[FileReport], list[Finding]]:
    """Check only the given files (inside the project or drafts anywhere), with the project's glossary."""
    loaded = load_all(project)
    context = Context(project, "intranet", loaded.states)
    texts, found = [], []
    for path in paths:
        part = _part_for(path, project, content_type)
        t, f = part.check_file(path, project, context)
        if content_type:
            for text in t:
                text.content_type = content_type
        texts += t
        found += f
    reports, hits = gate(texts, loaded.vocabulary)
    return reports, found + hits
