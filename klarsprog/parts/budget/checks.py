"""Checks across a budget file: stated totals, and investments that fit their areas."""
from __future__ import annotations

import difflib
from decimal import Decimal

from ...source import Mapping
from .model import Budget

TOTALS = {"income": "indtægterne", "spending": "udgifterne", "drift": "driften", "anlæg": "anlæg"}


def check_sum(r, mapping: Mapping, key, parts_sum: Decimal, what: str) -> None:
    """A stated total must equal the sum of its parts exactly; the message names both figures."""
    stated = r.amount(mapping, key, what)
    if stated is not None and stated != parts_sum:
        r.error(mapping.where(key), "total-mismatch",
                f"Summen passer ikke. Der står {r.show(stated)} i '{key}', men {what} giver tilsammen "
                f"{r.show(parts_sum)} Ret summen, eller ret et af beløbene.")


def check_investments(r, budget: Budget) -> None:
    """Each project names an existing area, and an area's projects fit inside its anlæg."""
    names = [a.name for a in budget.areas]
    for inv in budget.investments:
        area = budget.area_named(inv.area)
        if area is None:
            close = difflib.get_close_matches(inv.area, names, n=1, cutoff=0.5)
            hint = f"Mente du '{close[0]}'?" if close else f"Områderne er: {', '.join(names)}."
            r.error((inv.line, 1), "unknown-area", f"Anlægsprojektet '{inv.name}' hører til området "
                    f"'{inv.area}', men det område findes ikke. {hint}")
    for area in budget.areas:
        projects = [i for i in budget.investments if i.area.casefold() == area.name.casefold()]
        for year in budget.years:
            used = sum((i.amounts.get(year, Decimal(0)) for i in projects), Decimal(0))
            if used > area.anlaeg[year]:
                r.error((area.line, 1), "investment-exceeds",
                        f"Anlægsprojekterne under '{area.name}' koster {r.show(used)} i {year}, men området har kun "
                        f"{r.show(area.anlaeg[year])} til anlæg. Ret anlæg for området eller beløbene for projekterne.")


def check_totals(r, budget: Budget, data: Mapping) -> None:
    """Stated totals (optional) must equal the sum of their parts, year by year."""
    totals = data.get("totals")
    if not isinstance(totals, Mapping):
        return
    sums = {"income": budget.income_total, "spending": budget.spending,
            "drift": budget.drift_total, "anlæg": budget.anlaeg_total}
    for key in totals:
        if key not in sums:
            r.error(totals.where(key), "unknown-key", f"totals: ukendt nøgle '{key}'. Brug {', '.join(TOTALS)}.")
            continue
        for year, (raw, yk) in (r.year_map(totals, key, f"totals, {key}", exact=False) or {}).items():
            check_sum(r, raw, yk, sums[key](year), f"{TOTALS[key]} i {year}")
