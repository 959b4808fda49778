"""The budget as data: areas, income and investments in one unit, and the booklet's arithmetic."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

# How many kroner one unit in the YAML file is; the unit is stated once per budget file.
UNITS = {"1.000 kr.": Decimal(1000), "mio. kr.": Decimal(1_000_000)}
PHASES = {"forslag": "Forslag til budget", "vedtaget": "Vedtaget budget", "korrigeret": "Korrigeret budget"}


@dataclass
class KeyFigure:
    """'En plads i dagpleje koster' 112000 'kr. om året'."""

    text: str
    value: Decimal
    unit: str = ""


@dataclass
class Story:
    """One area's short story: Markdown with optional front matter (audience, title)."""

    path: Path
    slug: str
    body: str
    body_line: int
    title: str = ""
    audience: str = "public"
    doc: object = None  # the parsed file, for the title's exact lines


@dataclass
class Area:
    """A policy area under a name citizens understand, with drift and anlæg per year."""

    name: str
    slug: str
    committee: str
    main_accounts: list[int]
    drift: dict[int, Decimal]
    anlaeg: dict[int, Decimal]
    line: int = 1
    terms: list[tuple[str, int, int]] = field(default_factory=list)  # (term, line, col)
    key_figures: list[KeyFigure] = field(default_factory=list)
    story: Story | None = None

    def total(self, year: int) -> Decimal:
        return self.drift[year] + self.anlaeg[year]


@dataclass
class Income:
    """Where money comes from: taxes, grants and equalisation, loans, the cash reserve."""

    name: str
    slug: str
    amounts: dict[int, Decimal]
    main_accounts: list[int] = field(default_factory=list)
    line: int = 1


@dataclass
class Investment:
    """A major construction project (anlægsprojekt) under one area, for some of the years."""

    name: str
    area: str
    amounts: dict[int, Decimal]
    description: str = ""
    line: int = 1


@dataclass
class Budget:
    """One budget file: the budget year, three overslagsår and everything in them."""

    path: Path
    municipality: str
    budget_year: int
    estimate_years: list[int]
    phase: str
    unit: str
    population: int
    taxes: dict[str, Decimal]
    title: str = ""
    adopted: dt.date | None = None
    headline: str = ""
    sources: str = ""
    notes: list[str] = field(default_factory=list)
    example_data: bool = False
    income: list[Income] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    investments: list[Investment] = field(default_factory=list)
    valid: bool = True  # false when the file has errors: then it is never published
    areas_read: bool = True  # every area could be read (so stories can be matched)

    @property
    def years(self) -> list[int]:
        return [self.budget_year, *self.estimate_years]

    @property
    def heading(self) -> str:
        return self.title or f"Budget {self.budget_year} og overslagsår"

    @property
    def stem(self) -> str:
        """Base name of the download files: 'budget-2027'."""
        return f"budget-{self.budget_year}"

    def kr(self, amount: Decimal) -> Decimal:
        """An amount in the file's unit as kroner."""
        return amount * UNITS[self.unit]

    def spending(self, year: int) -> Decimal:
        return sum((a.total(year) for a in self.areas), Decimal(0))

    def drift_total(self, year: int) -> Decimal:
        return sum((a.drift[year] for a in self.areas), Decimal(0))

    def anlaeg_total(self, year: int) -> Decimal:
        return sum((a.anlaeg[year] for a in self.areas), Decimal(0))

    def income_total(self, year: int) -> Decimal:
        return sum((i.amounts[year] for i in self.income), Decimal(0))

    def area_named(self, name: str) -> Area | None:
        return next((a for a in self.areas if a.name.casefold() == name.casefold()), None)

    def per_hundred(self, year: int | None = None) -> dict[str, Decimal]:
        """Kroner of every 100 kr. spent, per area slug, rounded to 0,1 kr. so that the parts add to 100."""
        year = year or self.budget_year
        return per_hundred({a.slug: a.total(year) for a in self.areas})

    def per_inhabitant(self, amount: Decimal) -> int:
        """An amount in the file's unit as whole kroner per inhabitant (half up)."""
        return round_half_up(Fraction(self.kr(amount)) / self.population)


def round_half_up(value: Fraction) -> int:
    """Round a non-negative value to a whole number, halves up, as people expect."""
    whole, rest = divmod(value, 1)
    return int(whole) + (1 if rest >= Fraction(1, 2) else 0)


def per_hundred(parts: dict[str, Decimal]) -> dict[str, Decimal]:
    """Largest-remainder rounding of shares of 100 to one decimal: exact sum 100,0.

    Each share is floored to 0,1; the tenths left over go to the parts with the largest
    remainders (ties: larger amount first, then key), so every shown figure is within 0,1 of
    the exact share and the column adds up to exactly 100,0.
    """
    total = sum(parts.values(), Decimal(0))
    if total <= 0:
        return {key: Decimal(0) for key in parts}
    exact = {key: Fraction(value) * 1000 / Fraction(total) for key, value in parts.items()}
    tenths = {key: int(share) for key, share in exact.items()}
    left = 1000 - sum(tenths.values())
    order = sorted(parts, key=lambda k: (-(exact[k] - tenths[k]), -parts[k], k))
    for key in order[:left]:
        tenths[key] += 1
    return {key: Decimal(n) / 10 for key, n in tenths.items()}
