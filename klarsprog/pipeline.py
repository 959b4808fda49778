"""The one-way flow: load and validate → render Markdown → readability gate → (engine) → site checks."""
from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager
from copy import copy
from dataclasses import dataclass, field, replace

from . import aside, links, privacy, readability, safety
from .config import Project
from .findings import FileReport, Finding
from .gate import Text, Vocabulary, judge
from .memo import Clean, Judged, Memory
from .parts import budget, cafe, glossary, pages
from .site import GENERATED, Output
from .text.extract import extract, lines_of

PARTS = {"pages": pages, "glossary": glossary, "budget": budget, "cafe": cafe}


@dataclass
class Loaded:
    project: Project
    states: dict = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    timings: dict = field(default_factory=dict)
    defer_pdf: bool = False  # leave a PDF that is not printed yet pending (Asset.pending): see build.py

    @property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(glossary.vocabulary(self.states.get("glossary")))


@dataclass
class Context:
    """What a part may use while rendering one audience."""

    project: Project
    audience: str
    states: dict
    defer_pdf: bool = False


# The glossary, the largest part, loads last: `build` starts printing the booklet as soon as the budget
# is loaded (after_part), on the core that would otherwise wait.
LOAD_ORDER = ("budget", "pages", "cafe", "glossary")


@contextmanager
def timed(loaded: Loaded, step: str):
    """Adds the block's wall time to loaded.timings[step] (the benchmark shares its CPU time out by them)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        loaded.timings[step] = loaded.timings.get(step, 0.0) + time.perf_counter() - start


def load_all(project: Project, after_part=None, readers=lambda: 1) -> Loaded:
    """Load and validate every content folder; all findings are collected, none stop the run.

    `after_part(name, state)` is called as each part is loaded, before the checks across parts.
    `readers()`: how many processes may read the glossary's files (the only part large enough to share),
    asked only when there are many to read.
    """
    loaded = Loaded(project)
    for name in LOAD_ORDER:
        with timed(loaded, f"load:{name}"):
            state, found = glossary.load(project, readers) if name == "glossary" else PARTS[name].load(project)
        loaded.states[name] = state
        loaded.findings += found
        if after_part is not None:
            after_part(name, state)
    # Cross-part references (budget and meetings naming glossary terms) need every part loaded.
    for name, part in PARTS.items():
        if hasattr(part, "cross_check"):
            loaded.findings += part.cross_check(loaded.states[name], loaded.states)
    return loaded


def gate_remembered(loaded: Loaded, texts: list[Text], name: str) -> tuple[list[FileReport], list[Finding]]:
    """`gate`, giving back and storing what it said about unchanged texts when the project keeps
    results (build/cache/gate-<name>.pickle; `name` is `sources` or `pages`)."""
    memory = None
    if loaded.project.remember:
        memory = Judged(loaded.project.build_dir / "cache" / f"gate-{name}.pickle", loaded.vocabulary.words)
    out = gate(texts, loaded.vocabulary, memory)
    if memory is not None:
        memory.save()
    return out


def remember(loaded: Loaded) -> None:
    """Store what loading read for the next run (memo.PerFile; a no-op unless project.remember)."""
    for state in loaded.states.values():
        memory = getattr(state, "memory", None)
        if memory is not None:
            memory.save()


def all_texts(loaded: Loaded) -> list[Text]:
    out = []
    for name, part in PARTS.items():
        out += part.texts(loaded.states[name])
    return out


def gate(texts: list[Text], vocabulary: Vocabulary,
         memory: Judged | None = None) -> tuple[list[FileReport], list[Finding]]:
    """Judge texts; reports for the same file are merged. `memory` gives back what the gate said about
    a text that has not changed since the last run (memo.Judged; saved by the caller)."""
    reports: dict[str, FileReport] = {}
    found: list[Finding] = []
    for text in texts:
        if memory is None:
            known = judge(text, vocabulary)
        else:
            known = memory.recall(memory.text_key(text), lambda: judge(text, vocabulary))
        report, hits = replace(known[0]), known[1]  # a copy: reports of one file are merged below
        found += hits
        if report.path in reports:
            old = reports[report.path]
            old.words += report.words
            old.sentences += report.sentences
            old.long_words += report.long_words
            old.lix = (old.words / old.sentences + 100 * old.long_words / old.words) if old.sentences else None
        else:
            reports[report.path] = report
    return list(reports.values()), found


def render_audience(loaded: Loaded, audience: str) -> Output:
    """Every page and file of one audience's site, term-linked, before the engine sees it."""
    output = Output(audience)
    context = Context(loaded.project, audience, loaded.states, loaded.defer_pdf)
    for part in PARTS.values():
        part.render(loaded.states[part.__name__.rsplit(".", 1)[-1]], output, context)
    return output


def page_texts(output: Output) -> list[Text]:
    """Generated pages as texts for the gate (LIX only: their sources get the word rules)."""
    out = []
    for page in output.pages:
        if page.source is None or page.content_type == "budget":
            label = GENERATED / page.path
            units = page.prose() if page.prose is not None else extract(lines_of(page.markdown))
            out.append(Text(label, page.content_type, units, lix_only=True))
    return out


def link(loaded: Loaded, output: Output) -> dict:
    """Term linking on every page that asks for it; returns where each term is used (for the glossary)."""
    state = loaded.states.get("glossary")
    project = loaded.project
    memory = Memory(project.build_dir / "cache" / f"links-{output.audience}.pickle" if project.remember else None)
    linker = glossary.linker(state, output.audience, memory)
    for page in output.pages:
        if page.link_terms:
            page.markdown = linker(page)
    memory.save()
    return linker.usage


def check_sources(project: Project) -> tuple[Loaded, list[FileReport], list[Finding]]:
    """Load and validate every content folder, then the readability gate over every source text."""
    loaded = load_all(project)
    remember(loaded)
    with timed(loaded, "gate:sources"):
        reports, found = gate_remembered(loaded, all_texts(loaded), "sources")
    return loaded, reports, loaded.findings + found


def finish_audience(loaded: Loaded, audience: str, reports: list[FileReport],
                    gate_pages: bool = True, clean: Clean | None = None,
                    counts: Callable[[], None] | None = None) -> tuple[Output, list[Finding]]:
    """One site's pages: render, the guards, term linking, the glossary's pages, the gate over generated
    pages (LIX) and the intranet's readability page.

    Needs nothing from the other audience, so `build` runs the two sites in parallel processes.
    `clean` lets the guards skip pages and files they found clean in the last build (see memo.py).
    The steps that read the LIX counts of texts the gate over the sources read (gate._COUNTS) come
    last, after `counts()`: `build` runs that gate in another process and hands its counts over there.
    What they read of the pages is taken before term linking adds its markup.
    """
    with timed(loaded, f"render:{audience}"):
        output = render_audience(loaded, audience)
    with timed(loaded, "gate:pages"):
        texts = page_texts(output) if gate_pages else []
        unlinked = [copy(p) for p in output.pages] if audience == "intranet" else []  # for the readability page
    with timed(loaded, f"guards:{audience}"):
        findings = guards(loaded.project, output, output.pages, output.assets, clean)
    with timed(loaded, f"link:{audience}"):  # the glossary's pages, with where its terms are used
        glossary.add_usage(loaded.states.get("glossary"), output, link(loaded, output))
    with timed(loaded, f"guards:{audience}"):
        findings += guards(loaded.project, output, [p for p in output.pages if p.content_type == "glossary"], [],
                           clean, generated=True)
    if counts is not None:
        counts()
    page_reports = []
    with timed(loaded, "gate:pages"):
        if gate_pages:
            page_reports, found = gate_remembered(loaded, texts, "pages")
            findings += found
    with timed(loaded, f"link:{audience}"):
        if audience == "intranet":
            output.pages.append(readability.page(unlinked, reports + page_reports))
    return output, findings


def guards(project: Project, output: Output, pages: list, assets: list, clean: Clean | None,
           generated: bool = False) -> list[Finding]:
    """The checks on what a site will show: personal data on the public site, active content, links to
    pages the site does not have. They read pages before term linking adds its markup, and the
    glossary's pages (which it does not touch) once they are made.

    With `generated`, the HTML Klarsprog wrote itself (aside.hide: the glossary's headings, lists of
    forms, see-also and "Bruges på" links, made from checked fields and known pages) is held aside from
    the checks for active content and links, with the definitions and examples in plain text (no tag,
    link or entity: nothing there for these checks); the rest of the authors' text stays, and the privacy
    guard reads all.
    """
    found = privacy.scan(Output(output.audience, pages, assets), project, clean) if output.audience == "public" else []
    if generated:
        pages = [replace(p, markdown=m) for p, m in zip(pages, aside.hide_ahead([p.markdown for p in pages]))]
    found += safety.check_output(Output(output.audience, pages, assets), clean)  # parts check their sources first
    return found + links.check(output, pages, project)  # before MkDocs: the message names the author's file and line


def prepare(project: Project, audiences=("public", "intranet"),
            defer_pdf: bool = False) -> tuple[Loaded, dict[str, Output], list[FileReport], list[Finding]]:
    """Everything before HTML: load, validate, render each audience, gate, privacy guard, linking.

    Generated pages are gated once, for the last audience (the intranet has every page).
    """
    loaded, reports, findings = check_sources(project)
    loaded.defer_pdf = defer_pdf
    outputs = {}
    if any(f.level == "error" for f in findings):
        return loaded, outputs, reports, findings
    for audience in audiences:
        outputs[audience], found = finish_audience(loaded, audience, reports, gate_pages=audience == audiences[-1])
        findings += found
    return loaded, outputs, reports, findings
