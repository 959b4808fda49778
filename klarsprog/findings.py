"""Findings: what a check reports, sorted and printed compiler style."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, asdict
from functools import lru_cache
from pathlib import Path

LEVELS = ("error", "warning", "suggestion")
LEVEL_DA = {"error": "fejl", "warning": "advarsel", "suggestion": "forslag"}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one place; `path` is shown relative to the project when possible."""

    path: str
    line: int
    col: int
    level: str
    rule: str
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {LEVEL_DA[self.level]} {self.rule}: {self.message}"


@dataclass
class FileReport:
    """Per-file readability figures plus the findings in that file."""

    path: str
    lix: float | None = None
    words: int = 0
    sentences: int = 0
    long_words: int = 0
    findings: list[Finding] = field(default_factory=list)


class ContentError(Exception):
    """Raised to stop a run when content has errors; carries every finding."""

    def __init__(self, findings: list[Finding]):
        super().__init__(f"{len(findings)} fejl")
        self.findings = findings


def finding(path: Path | str, line: int, col: int, level: str, rule: str, message: str) -> Finding:
    """Build a finding with a display path."""
    return Finding(display_path(path), max(line, 1), max(col, 1), level, rule, message)


_ROOT: list[Path] = [Path.cwd()]


def set_display_root(root: Path) -> None:
    """Paths inside `root` print relative to it."""
    _ROOT[0] = root.resolve()


def display_path(path: Path | str) -> str:
    # Resolving asks the file system, and the gate asks for thousands of files in a few folders:
    # answers are kept, and a file's folder is resolved once (the file itself, even a link, is shown as named).
    where = "" if os.path.isabs(path) else os.getcwd()
    return _display(os.fspath(path), _ROOT[0], where)


@lru_cache(maxsize=100_000)
def _display(path: str, root: Path, where: str) -> str:
    p = Path(path)
    try:
        full = _real_folder(str(p.parent), where) / p.name if p.name else p.resolve()
        return full.relative_to(root).as_posix()
    except (ValueError, OSError):
        return p.as_posix()


@lru_cache(maxsize=10_000)
def _real_folder(folder: str, where: str) -> Path:
    return Path(folder).resolve()


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level == "error" for f in findings)


def format_text(findings: list[Finding]) -> str:
    """All findings sorted, one per line, then a Danish summary line."""
    lines = [f.format() for f in sorted(set(findings))]
    counts = {lvl: sum(1 for f in set(findings) if f.level == lvl) for lvl in LEVELS}
    lines.append(
        f"{counts['error']} fejl, {counts['warning']} advarsler, {counts['suggestion']} forslag."
    )
    return "\n".join(lines)


def format_json(reports: list[FileReport], findings: list[Finding]) -> str:
    """The stable JSON schema (version 1), documented in the README."""
    by_path: dict[str, FileReport] = {r.path: r for r in reports}
    for f in sorted(set(findings)):
        by_path.setdefault(f.path, FileReport(f.path)).findings.append(f)
    files = []
    for path in sorted(by_path):
        r = by_path[path]
        files.append({
            "path": r.path,
            "lix": None if r.lix is None else round(r.lix, 1),
            "words": r.words,
            "sentences": r.sentences,
            "long_words": r.long_words,
            "findings": [
                {k: v for k, v in asdict(f).items() if k != "path"} for f in sorted(set(r.findings))
            ],
        })
    summary = {lvl: sum(1 for f in set(findings) if f.level == lvl) for lvl in LEVELS}
    return json.dumps({"schema": 1, "files": files, "summary": summary}, ensure_ascii=False, indent=2)
