"""The glossary ("Økonomisk ordbog"): one YAML file per term in glossary/, one page per site.

Other parts use `term_names(state)` to check their references, the gate uses `vocabulary(state)`,
and the pipeline links every page with `linker(state, audience)` and then `add_usage(...)`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...findings import Finding, display_path, finding
from ...gate import Text
from ...linker import Linker, key_of
from ...memo import Memory, PerFile
from ...parallel import shared_map
from ...site import Output
from ...source import MAX_BYTES
from . import page as glossary_page
from .checks import cross_check as _cross_check
from .entry import Entry, read_entry, text_of, to_keep

SUFFIXES = (".yml", ".yaml")


@dataclass
class Glossary:
    """Every entry that could be read, and the project's settings for the page."""

    entries: list[Entry] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    urls: dict = field(default_factory=dict)  # audience -> the site's address
    index: tuple | None = field(default=None, repr=False, compare=False)  # for lookup(): (entries, key -> entry)
    # The checks across entries, made once at load: `check FILE` takes a project file's share from here.
    cross: list[Finding] = field(default_factory=list, repr=False, compare=False)
    # What was read, for the next run (saved by pipeline.remember, while a build waits for its sites).
    memory: PerFile | None = field(default=None, repr=False, compare=False)
    pages_memory: dict = field(default_factory=dict, repr=False, compare=False)  # audience -> Memory

    def for_audience(self, audience: str) -> list[Entry]:
        return glossary_page.for_audience(self.entries, audience)


def load(project, readers=lambda: 1) -> tuple[Glossary, list[Finding]]:
    """Read every file in glossary/; all problems are collected, none stop the reading.

    With `project.remember` (the command line), what each file gave is kept in
    build/cache/glossary.pickle, and a file
    whose bytes did not change is not read again (memo.PerFile). When there are many files to read,
    `readers()` processes share them (parallel.shared_map).
    """
    folder = project.glossary_dir
    memory = PerFile(project.build_dir / "cache" / "glossary.pickle" if project.remember else None,
                     MAX_BYTES)
    files: list = []  # per file in order: (path, key, bytes) to read, or the finding that it is not used
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix not in SUFFIXES:
            files.append(finding(path, 1, 1, "warning", "not-yaml",
                                 "Filen bliver ikke brugt: ordbogens filer skal ende på .yml."))
        else:
            files.append((path, *memory.file_key(path)))
    unread = [i for i, f in enumerate(files) if isinstance(f, tuple) and f[1] not in memory.old]
    # A forked reader sends its entries back pickled: worth it for the compact entries build/cache/ keeps,
    # not for whole parsed files (PyYAML's nodes cost more to send than to read again).
    share = readers if memory.path is not None else (lambda: 1)
    read = dict(zip(unread, shared_map(_read, [files[i] for i in unread], share)))
    entries, found = [], []
    for i, file in enumerate(files):
        if isinstance(file, Finding):
            found.append(file)
            continue
        entry, problems = memory.recall(file[1], lambda: read[i])  # noqa: B023 - called at once
        found += problems
        if entry:
            entries.append(entry)
    cross = _cross_check(entries)
    urls = {aud: project.url(aud) for aud in ("public", "intranet")}
    return Glossary(entries, dict(project.settings), urls, cross=cross, memory=memory), found + cross


def _read(file: tuple[Path, bytes | None, bytes | None]) -> tuple[Entry | None, list[Finding]]:
    """One file's entry and problems; with a key (remembered), the entry as build/cache/ keeps it."""
    path, key, raw = file
    entry, problems = read_entry(path, raw)
    return (to_keep(entry) if key is not None else entry), problems


def texts(state: Glossary | None) -> list[Text]:
    return [text_of(e) for e in state.entries] if state else []


def owns(path: Path, project) -> bool:
    """True for a YAML file inside glossary/ (`check FILE` then treats it as a glossary entry)."""
    try:
        path.resolve().relative_to(project.glossary_dir.resolve())
    except ValueError:
        return False
    return path.suffix in SUFFIXES


def check_file(path: Path, project, context) -> tuple[list[Text], list[Finding]]:
    """Check one entry (also a draft outside the project) against the project's other entries."""
    entry, found = read_entry(path)
    if entry is None:
        return [], found
    state = context.states.get("glossary")
    mine = display_path(path)
    if state is not None and owns(path, project):
        found += [f for f in state.cross if f.path == mine]  # a project file: checked with the others at load
    else:
        others = state.entries if state else []
        found += [f for f in _cross_check(others + [entry]) if f.path == mine]
    return [text_of(entry)], found


def render(state: Glossary | None, output: Output, context) -> None:
    """The glossary's pages as placeholders (made by add_usage, after term linking) and the downloads."""
    if state is None:
        return
    entries = state.for_audience(output.audience)
    output.pages += glossary_page.placeholders(entries, state.settings)
    output.assets += glossary_page.downloads(entries, output.audience, state.settings, state.urls[output.audience])


def _pages_memory(state: Glossary, output: Output) -> Memory | None:
    """One memory of the glossary's pages per site and run."""
    if state.memory is None or state.memory.path is None:
        return None
    if output.audience not in state.pages_memory:
        folder = state.memory.path.parent
        state.pages_memory[output.audience] = Memory(folder / f"glossary-pages-{output.audience}.pickle")
    return state.pages_memory[output.audience]


def add_usage(state: Glossary | None, output: Output, usage: dict) -> None:
    """Make the glossary's pages, with the "Bruges på" links that term linking collected, in place of
    the placeholders `render` left."""
    if state is None:
        return
    memory = _pages_memory(state, output)
    again = {p.path: p for p in glossary_page.pages(state.for_audience(output.audience), output.audience,
                                                    state.settings, usage, memory)}
    if memory is not None:
        memory.save()
    output.pages = [again.get(p.path, p) if p.content_type == "glossary" else p for p in output.pages]


def vocabulary(state: Glossary | None) -> frozenset:
    """Every term and form in lower case: the readability gate's accepted vocabulary."""
    return frozenset(term_names(state))


def term_names(state: Glossary | None) -> set[str]:
    """Lowercase term names and forms, for parts that refer to glossary terms."""
    if state is None:
        return set()
    return {s.lower().strip() for e in state.entries for s in e.spellings}


def lookup(state: Glossary | None, name: str) -> Entry | None:
    """The entry that owns a term name or form (any case), or None (the first in file order wins)."""
    if state is None:
        return None
    if state.index is None or state.index[0] != len(state.entries):
        index: dict = {}
        for e in state.entries:
            for s in e.spellings:
                index.setdefault(key_of(s), e)
        state.index = (len(state.entries), index)  # one pass for all look-ups, not one per look-up
    return state.index[1].get(key_of(name))


def linker(state: Glossary | None, audience: str, memory=None) -> Linker:
    """Term linking for one site: internal terms are linked only on the intranet (`memory`: see Linker)."""
    entries = state.for_audience(audience) if state else []
    pages = glossary_page.page_of(entries, state.settings) if state else {}
    return Linker([e.link_term() for e in entries], glossary_page.PAGE_PATH,
                  {anchor: glossary_page.url_of(path) for anchor, path in pages.items()}, memory)
