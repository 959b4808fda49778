"""The figures for download: CSV for Danish spreadsheets and JSON for programs, both from the YAML."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from .model import Budget

COLUMNS = ["art", "navn", "område", "udvalg", "hovedkonti", "år", "drift", "anlæg", "i alt", "enhed"]


def _da(value: Decimal | None) -> str:
    """A number as in the budget file, with a decimal comma and no thousands separator (for Excel)."""
    return "" if value is None else format(value, "f").replace(".", ",")


def rows(b: Budget) -> list[list[str]]:
    """One row per income item, area and investment per year, amounts in the file's unit."""
    out = []
    for i in b.income:
        for y in b.years:
            out.append(["indtægt", i.name, "", "", " ".join(map(str, i.main_accounts)), str(y), "", "",
                        _da(i.amounts[y]), b.unit])
    for a in b.areas:
        for y in b.years:
            out.append(["udgift", a.name, a.name, a.committee, " ".join(map(str, a.main_accounts)), str(y),
                        _da(a.drift[y]), _da(a.anlaeg[y]), _da(a.total(y)), b.unit])
    for p in b.investments:
        area = b.area_named(p.area)
        for y in sorted(p.amounts):
            out.append(["anlægsprojekt", p.name, area.name, area.committee, "", str(y), "", _da(p.amounts[y]),
                        _da(p.amounts[y]), b.unit])
    return out


def to_csv(b: Budget) -> bytes:
    """Semicolon-separated UTF-8 with a byte-order mark, so Danish Excel opens it with æ, ø and å."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(b))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _num(value: Decimal) -> float:
    return float(value)


def to_json(b: Budget) -> bytes:
    """Plain numbers in the file's unit, the years as keys, and the booklet's derived figures."""
    years = [str(y) for y in b.years]
    data = {
        "municipality": b.municipality, "title": b.heading, "example_data": b.example_data,
        "budget_year": b.budget_year, "estimate_years": b.estimate_years, "phase": b.phase,
        "adopted": b.adopted.isoformat() if b.adopted else None, "unit": b.unit, "population": b.population,
        "taxes": {k: _num(v) for k, v in b.taxes.items()},
        "income": [{"name": i.name, "main_accounts": i.main_accounts,
                    "amounts": {str(y): _num(i.amounts[y]) for y in b.years}} for i in b.income],
        "areas": [{"name": a.name, "slug": a.slug, "committee": a.committee, "main_accounts": a.main_accounts,
                   "amounts": {str(y): {"drift": _num(a.drift[y]), "anlæg": _num(a.anlaeg[y]),
                                        "total": _num(a.total(y))} for y in b.years}} for a in b.areas],
        "investments": [{"name": p.name, "area": p.area, "description": p.description,
                         "amounts": {str(y): _num(v) for y, v in sorted(p.amounts.items())}} for p in b.investments],
        "totals": {"income": {y: _num(b.income_total(int(y))) for y in years},
                   "spending": {y: _num(b.spending(int(y))) for y in years}},
        "per_100_kr": {slug: float(v) for slug, v in b.per_hundred().items()},
        "per_inhabitant_kr": {a.slug: b.per_inhabitant(a.total(b.budget_year)) for a in b.areas}
        | {"total": b.per_inhabitant(b.spending(b.budget_year))},
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
