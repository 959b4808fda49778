"""Loading the budget folder: budget files, stories, and the texts that go to the readability gate."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ... import safety
from ...findings import Finding, finding
from ...gate import Text
from ...schema import Field, load_valid
from ...source import Mapping, Sequence, scalar_lines
from ...text.extract import extract, lines_of
from .model import Budget, Story
from .read import read_budget

STORY = {
    "title": Field("text"),
    "audience": Field("enum", choices=("public", "internal"),
                      help="Skriv 'public' (alle kan se historien) eller 'internal' (kun intranettet)."),
}
STORIES = "historier"
MAX_STORY_WORDS = 120  # a pixi-book story is two or three short sentences


@dataclass
class BudgetState:
    """Every budget file in budget/, the stories, and their texts; the newest budget is the booklet."""

    budgets: list[Budget] = field(default_factory=list)  # error-free budgets only: these are published
    parsed: list[Budget] = field(default_factory=list)  # every budget read, also with errors (for cross-checks)
    stories: list[Story] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)

    @property
    def booklet(self) -> Budget | None:
        return max(self.budgets, key=lambda b: b.budget_year) if self.budgets else None


def budget_files(folder: Path) -> list[Path]:
    """Every budget file directly in budget/ (stories live in budget/historier/)."""
    return sorted(p for p in folder.glob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


def load_folder(folder: Path) -> tuple[BudgetState, list[Finding]]:
    """Read budget/*.yml and budget/historier/*.md; stories are matched with the newest budget's areas."""
    state, found = BudgetState(), []
    if not folder.is_dir():
        return state, found
    years: dict[int, Path] = {}
    newest = None  # the newest budget read, even with errors, to match stories against
    for path in budget_files(folder):
        budget, doc, problems = read_budget(path)
        found += problems
        state.texts += field_texts(doc)
        if budget is None:
            continue
        if budget.budget_year in years:
            found.append(finding(path, 1, 1, "error", "duplicate-budget",
                                 f"Der er to filer med budget {budget.budget_year} (også {years[budget.budget_year].name}). "
                                 "Slet den ene, eller ret budgetåret."))
            continue
        years[budget.budget_year] = path
        state.parsed.append(budget)
        if newest is None or budget.budget_year > newest.budget_year:
            newest = budget
        if budget.valid:
            state.budgets.append(budget)
    for path in sorted((folder / STORIES).glob("*.md")):
        story, problems = read_story(path)
        found += problems
        if story:
            state.stories.append(story)
            state.texts += story_texts(story)
    if newest is not None and newest.areas_read:
        found += match_stories(newest, state.stories, folder / STORIES)
    if newest is not None and not newest.valid:
        state.budgets = []  # never publish an older budget while the newest one has errors
    return state, found


def read_story(path: Path) -> tuple[Story | None, list[Finding]]:
    """One story: optional front matter (title, audience) and a short Markdown body."""
    doc, meta, problems = load_valid(path, STORY)
    if doc is None:
        return None, problems
    if not doc.body.strip():
        return None, [finding(path, doc.body_line, 1, "error", "empty-story",
                              "Historien er tom. Skriv to korte sætninger om, hvad pengene går til.")]
    story = Story(path, path.stem, doc.body, doc.body_line, meta.get("title", ""), meta.get("audience", "public"), doc)
    unsafe = safety.check_document(doc, folder="budget/omraader")  # a story stands on its area's page
    if unsafe:
        return story, unsafe
    words = len(doc.body.split())
    if words > MAX_STORY_WORDS:
        return story, [finding(path, doc.body_line, 1, "warning", "long-story",
                               f"Historien har {words} ord. Hæftet er kort: hold den på to eller tre korte sætninger "
                               f"(højst {MAX_STORY_WORDS} ord), og læg resten på en anden side.")]
    return story, []


def match_stories(budget: Budget, stories: list[Story], folder: Path) -> list[Finding]:
    """Every area has a story (historier/<slug>.md), and every story has an area."""
    found, by_slug, seen = [], {s.slug: s for s in stories}, set()
    for area in budget.areas:
        area.story = by_slug.get(area.slug)
        if area.story is None and area.slug not in seen:
            found.append(finding(budget.path, area.line, 1, "error", "missing-story",
                                 f"Området '{area.name}' har ingen historie. Skriv to korte sætninger i filen "
                                 f"{folder.parent.name}/{folder.name}/{area.slug}.md."))
        seen.add(area.slug)
    slugs = [a.slug for a in budget.areas]
    for story in stories:
        if story.slug not in slugs:
            close = difflib.get_close_matches(story.slug, slugs, n=1, cutoff=0.6)
            hint = (f"Mente du {close[0]}.md?" if close else
                    f"Filnavnet skal passe til et område: {', '.join(s + '.md' for s in slugs)}.")
            found.append(finding(story.path, 1, 1, "error", "story-without-area",
                                 f"Historien hører ikke til et område i budget {budget.budget_year}. {hint} "
                                 "Eller slet filen, hvis området er væk."))
    return found


def story_texts(story: Story) -> list[Text]:
    """A story's body (with LIX) and title (word rules) for the readability gate, with exact lines."""
    out = [Text(story.path, "budget", extract(lines_of(story.body, story.body_line)))]
    doc = story.doc
    if doc is not None and "title" in doc.data:
        out.append(Text(story.path, "budget", extract(scalar_lines(doc, doc.data, "title")), rules_only=True))
    return out


def _item_lines(doc, mapping: Mapping, key) -> list:
    """Source lines of every text item in a list (notes, terms) as if each were its own field."""
    node = mapping.value_node.get(key)
    out = []
    for i, child in enumerate(getattr(node, "value", []) if isinstance(mapping.get(key), Sequence) else []):
        one = Mapping()
        one.pos, one.key_pos, one.value_node, one.raw_line = mapping.pos, {}, {i: child}, mapping.raw_line
        out.append(scalar_lines(doc, one, i))
    return out


def field_texts(doc) -> list[Text]:
    """Author-written fields of a budget file (headline, names, descriptions) for the word rules."""
    if doc is None or not isinstance(doc.data, Mapping):
        return []
    data, pieces = doc.data, []
    pieces += [scalar_lines(doc, data, key) for key in ("headline", "sources", "title")]
    pieces += _item_lines(doc, data, "notes")
    for key, fields in (("income", ("name",)), ("areas", ("name",)), ("investments", ("name", "description"))):
        for item in data.get(key) or []:
            if isinstance(item, Mapping):
                pieces += [scalar_lines(doc, item, f) for f in fields]
                for fig in item.get("key_figures") or [] if key == "areas" else []:
                    if isinstance(fig, Mapping):
                        pieces.append(scalar_lines(doc, fig, "text"))
    return [Text(doc.path, "budget", extract(lines), rules_only=True) for lines in pieces if lines]
