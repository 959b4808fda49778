"""The booklet's pages: Markdown from templates, with inline SVG charts and a table beside each."""
from __future__ import annotations

from decimal import Decimal

from ... import danish
from ...render import render
from ...site import Page
from . import charts
from .model import PHASES, Area, Budget, per_hundred

SECTION = "Budgettet kort fortalt"
ORDER = 20
# (template, title) in reading order; area pages come after "for-hver-100-kr" in the print edition.
CHAPTERS = [
    ("index", None),
    ("indtaegter", "Hvor kommer pengene fra?"),
    ("udgifter", "Hvad bruger vi pengene på?"),
    ("for-hver-100-kr", "For hver 100 kr."),
    ("drift-og-anlaeg", "Drift og anlæg"),
    ("budgettet-over-tid", "Budgettet over tid"),
    ("saadan-bliver-budgettet-til", "Sådan bliver budgettet til"),
    ("data", "Data og metode"),
]
AREAS_AFTER = "for-hver-100-kr"


def cell(text: str) -> str:
    """Text from a content file made safe inside a Markdown table cell."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("[", "\\[").replace("]", "\\]").replace("|", "\\|"))


class Figures:
    """Danish-formatted figures of one budget, for templates and charts."""

    def __init__(self, budget: Budget):
        self.b = budget
        self.hundred = budget.per_hundred()
        self.income_hundred = _income_hundred(budget)

    def m(self, amount: Decimal) -> str:
        """An amount in the file's unit as '587,0 mio. kr.'."""
        return danish.mio(float(self.b.kr(amount)))

    def n(self, amount: Decimal) -> str:
        """An amount in the file's unit as millions without the unit, for tables: '587,0'."""
        return danish.number(float(self.b.kr(amount)) / 1_000_000, 1)

    def per(self, amount: Decimal) -> str:
        """An amount as whole kroner per inhabitant: '21.620 kr.'."""
        return danish.kroner(self.b.per_inhabitant(amount))

    def share(self, value: Decimal) -> str:
        """Kroner of every 100 kr.: '24,2 kr.'."""
        return danish.kroner(float(value), 1)

    def split(self) -> dict[str, Decimal]:
        """Drift and anlæg of every 100 kr. in the budget year."""
        y = self.b.budget_year
        return per_hundred({"drift": self.b.drift_total(y), "anlaeg": self.b.anlaeg_total(y)})

    def figure(self, value: Decimal) -> str:
        """A key figure as written: whole numbers without decimals, others with one."""
        return danish.number(float(value), 0 if value == value.to_integral_value() else 1)

    def rate(self, key: str) -> str:
        value = float(self.b.taxes[key])
        decimals = 2 if key == "kirkeskat" else 1
        if key == "grundskyldspromille":
            return f"{danish.number(value, decimals)}{danish.NBSP}promille"
        return danish.percent(value, decimals)


def _income_hundred(b: Budget) -> dict[str, Decimal]:
    return per_hundred({i.slug: i.amounts[b.budget_year] for i in b.income})


def status(b: Budget) -> str:
    """One sentence on where the budget stands: proposal, adopted or corrected."""
    if b.phase == "forslag" or b.adopted is None:
        return (f"Det her er et forslag. Kommunalbestyrelsen vedtager budgettet senest "
                f"15. oktober {b.budget_year - 1}.")
    said = f"Kommunalbestyrelsen vedtog budgettet den {danish.date_long(b.adopted)}."
    return said + (" Siden er det rettet med tillægsbevillinger." if b.phase == "korrigeret" else "")


def dot(text: str) -> str:
    """End a sentence once: '587,0 mio. kr.' already ends with a period."""
    return text if text.endswith(".") else text + "."


def _desc(intro: str, rows) -> str:
    return intro + " " + " ".join(dot(f"{label}: {text}") for label, _, text in rows)


def spending_chart(f: Figures, areas: list[Area]) -> str:
    y = f.b.budget_year
    rows = [(a.name, float(a.total(y)), f.m(a.total(y))) for a in areas]
    return charts.hbar("kl-udgifter", f"Udgifter i {y} for hvert område",
                       _desc(f"Vandrette søjler, det største område først. Udgifter i {y}.", rows), rows)


def income_chart(f: Figures) -> str:
    y = f.b.budget_year
    rows = [(i.name, float(i.amounts[y]), f.m(i.amounts[y])) for i in income_sorted(f.b)]
    return charts.hbar("kl-indtaegter", f"Indtægter i {y}",
                       _desc(f"Vandrette søjler, den største indtægt først. Indtægter i {y}.", rows), rows)


def hundred_chart(f: Figures, areas: list[Area]) -> str:
    rows = [(a.name, float(f.hundred[a.slug]), f.share(f.hundred[a.slug])) for a in areas]
    return charts.hbar("kl-100-kr", "Sådan bliver 100 kr. brugt",
                       _desc("Vandrette søjler. Hvor mange kroner af hver 100 kr. går til hvert område.", rows), rows)


def split_chart(f: Figures) -> str:
    y = f.b.budget_year
    rows = [("Drift", float(f.b.drift_total(y)), f.m(f.b.drift_total(y))),
            ("Anlæg", float(f.b.anlaeg_total(y)), f.m(f.b.anlaeg_total(y)))]
    return charts.hbar("kl-drift-anlaeg", f"Drift og anlæg i {y}", _desc(f"To vandrette søjler for {y}.", rows), rows)


def years_chart(f: Figures, chart_id: str, title: str, drift: dict, anlaeg: dict) -> str:
    """Stacked columns for the budget year and the overslagsår."""
    bars, parts = [], []
    for year in f.b.years:
        estimate = year != f.b.budget_year
        note = "overslag" if estimate else "budget"
        total = drift[year] + anlaeg[year]
        bars.append(charts.YearBar(str(year), note, float(drift[year]), float(anlaeg[year]),
                                   danish.number(float(total), 1), estimate))
        parts.append(dot(f"{year} ({note}): drift {f.m(drift[year])}, anlæg {f.m(anlaeg[year])}, i alt {f.m(total)}"))
    desc = ("Lodrette søjler for hvert år i mio. kr. Drift er fyldt ud, anlæg er skraveret, "
            "og overslagsår har en stiplet kant. " + " ".join(parts))
    return charts.years(chart_id, title, desc, bars)


def areas_sorted(b: Budget) -> list[Area]:
    return sorted(b.areas, key=lambda a: (-a.total(b.budget_year), danish.sort_key(a.name)))


def income_sorted(b: Budget) -> list:
    return sorted(b.income, key=lambda i: (-i.amounts[b.budget_year], danish.sort_key(i.name)))


def context(b: Budget, audience: str, municipality_note: bool, older: list[Budget]) -> dict:
    """Everything the templates need for one budget and one audience."""
    f = Figures(b)
    areas = areas_sorted(b)
    y = b.budget_year
    return {
        "b": b, "f": f, "y": y, "dot": dot, "areas": areas, "income": income_sorted(b), "cell": cell,
        "audience": audience, "status": status(b), "phase_name": PHASES[b.phase],
        "example": municipality_note or b.example_data, "date": danish.date_long, "number": danish.number,
        "stem": b.stem, "older": older, "investments": sorted(b.investments, key=lambda i: -sum(i.amounts.values())),
        "projects_of": lambda area: [i for i in b.investments if i.area.casefold() == area.name.casefold()],
        "charts": {
            "spending": spending_chart(f, areas), "income": income_chart(f),
            "hundred": hundred_chart(f, areas), "split": split_chart(f),
            "time": years_chart(f, "kl-over-tid", f"Udgifter fra {y} til {b.estimate_years[-1]}",
                                {yr: b.drift_total(yr) for yr in b.years}, {yr: b.anlaeg_total(yr) for yr in b.years}),
        },
        "area_chart": lambda a: years_chart(f, f"kl-{a.slug}", f"{a.name} fra {y} til {b.estimate_years[-1]}",
                                            a.drift, a.anlaeg),
    }


def booklet(b: Budget, audience: str, example: bool = False, older: list[Budget] = ()) -> list[Page]:
    """Every page of the booklet, in reading order (area pages follow "For hver 100 kr.")."""
    ctx = context(b, audience, example, list(older))
    pages = []
    for n, (name, title) in enumerate(CHAPTERS):
        markdown = render(f"budget/{name}.md.j2", **ctx)
        pages.append(Page(f"budget/{name}.md", title or b.heading, markdown, section=SECTION,
                          order=ORDER + n, content_type="budget"))
        if name == AREAS_AFTER:
            pages += [area_page(a, ctx) for a in ctx["areas"]]
    return pages


def area_page(area: Area, ctx: dict) -> Page:
    """One area's page, out of the navigation; an internal story is left out of the public site."""
    story = area.story
    show = story is not None and (story.audience == "public" or ctx["audience"] != "public")
    markdown = render("budget/omraade.md.j2", area=area, story=story if show else None, **ctx)
    return Page(f"budget/omraader/{area.slug}.md", area.name, markdown, section=SECTION, in_nav=False,
                order=ORDER + 50, content_type="budget")
