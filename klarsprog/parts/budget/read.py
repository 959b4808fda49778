"""Reading one budget file: every mistake is reported with file, line, column and a Danish hint."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ... import safety
from ...danish import number, slugify
from ...findings import Finding, finding
from ...schema import Field, convert, validate
from ...source import Mapping, Sequence, load_yaml
from .checks import check_investments, check_sum, check_totals
from .model import PHASES, UNITS, Area, Budget, Income, Investment, KeyFigure

TOP = {
    "example_data": Field("bool"),
    "municipality": Field("text", required=True, help="Skriv kommunens navn, for eksempel 'Eksempelby Kommune'."),
    "title": Field("text"),
    "budget_year": Field("int", required=True, minimum=2000, help="Skriv budgetåret som et tal, for eksempel 2027."),
    "estimate_years": Field("list", required=True, help="Skriv de tre overslagsår, for eksempel [2028, 2029, 2030]."),
    "phase": Field("enum", required=True, choices=tuple(PHASES),
                   help="Skriv 'forslag', 'vedtaget' eller 'korrigeret'."),
    "adopted": Field("date", help="Skriv datoen, hvor budgettet blev vedtaget, for eksempel 2026-10-08."),
    "unit": Field("enum", required=True, choices=tuple(UNITS),
                  help="Skriv den enhed, alle beløb står i: 'mio. kr.' eller '1.000 kr.'."),
    "population": Field("int", required=True, minimum=1,
                        help="Skriv antal indbyggere som et helt tal uden punktum, for eksempel 27150."),
    "headline": Field("text"),
    "sources": Field("text"),
    "notes": Field("list", item=Field("text")),
    "taxes": Field("map", required=True, help="Skriv udskrivningsprocent, grundskyldspromille og kirkeskat."),
    "income": Field("list", required=True, help="Skriv indtægterne som en liste med 'name' og 'amounts'."),
    "areas": Field("list", required=True, help="Skriv områderne som en liste med 'name', 'committee' og 'amounts'."),
    "investments": Field("list"),
    "totals": Field("map"),
}
TAXES = {key: Field("number", required=True, minimum=0, help="Skriv satsen som et tal med punktum, for eksempel 25.2.")
         for key in ("udskrivningsprocent", "grundskyldspromille", "kirkeskat")}
AREA = {
    "name": Field("text", required=True, help="Skriv et navn, som borgerne forstår, for eksempel 'Børn og skole'."),
    "committee": Field("text", required=True, help="Skriv det udvalg, der har området, for eksempel 'Børne- og Skoleudvalget'."),
    "main_accounts": Field("list", required=True, help="Skriv områdets hovedkonti (0 til 9), for eksempel [3, 5]."),
    "amounts": Field("map", required=True, help="Skriv drift og anlæg for hvert år."),
    "terms": Field("list", item=Field("text")),
    "key_figures": Field("list"),
}
INCOME = {
    "name": Field("text", required=True, help="Skriv et navn, for eksempel 'Skat af indkomst'."),
    "amounts": Field("map", required=True, help="Skriv et beløb for hvert år."),
    "main_accounts": Field("list"),
}
INVESTMENT = {
    "name": Field("text", required=True, help="Skriv projektets navn, for eksempel 'Ny skole i Nordby'."),
    "area": Field("text", required=True, help="Skriv navnet på det område, projektet hører til."),
    "amounts": Field("map", required=True, help="Skriv beløbet for de år, hvor projektet koster penge."),
    "description": Field("text"),
}
KEY_FIGURE = {"text": Field("text", required=True), "value": Field("number", required=True), "unit": Field("text")}
YEAR_AMOUNT = ("drift", "anlæg", "total")
_THE = {"område": "Området", "indtægt": "Indtægten"}


def _dec(value) -> Decimal:
    return Decimal(str(value))


class Reader:
    """Collects findings for one file while its parts are read."""

    def __init__(self, path: Path):
        self.path, self.found, self.years, self.unit = path, [], [], ""

    def error(self, pos, rule: str, message: str, level: str = "error") -> None:
        self.found.append(finding(self.path, pos[0], pos[1], level, rule, message))

    def show(self, value: Decimal) -> str:
        """An amount as in Danish text, in the file's unit: '2.380,0 mio. kr.'."""
        decimals = max(0, -value.as_tuple().exponent)
        return f"{number(float(value), decimals)} {self.unit}".rstrip()

    def clean(self, mapping, schema, context) -> dict:
        values, problems = validate(mapping, schema, self.path, context)
        self.found += problems
        return values

    def amount(self, mapping: Mapping, key, context: str) -> Decimal | None:
        """A non-negative amount; text such as "1.234,5" gets the hint how to write it."""
        if key not in mapping or mapping[key] is None:
            self.error(mapping.pos, "missing-field", f"{context}: '{key}' mangler. Skriv et beløb (0, hvis der intet er).")
            return None
        value, problem = convert(mapping[key], Field("number"))
        if problem:
            self.error(mapping.where(key), "wrong-type", f"{context}: '{key}' {problem}.")
            return None
        if value < 0:
            self.error(mapping.where(key), "negative-amount",
                       f"{context}: '{key}' er negativ ({self.show(_dec(value))}). Skriv udgifter og indtægter som positive "
                       "tal. Hæftet viser selv, hvad der er indtægt, og hvad der er udgift.")
            return None
        return _dec(value)

    def year_map(self, parent: Mapping, key: str, context: str, exact: bool = True) -> dict | None:
        """{year: value} with exactly the budget's years (or some of them when `exact` is false)."""
        raw = parent.get(key)
        if not isinstance(raw, Mapping):
            return None
        out, shown = {}, " og ".join(", ".join(map(str, self.years)).rsplit(", ", 1))
        for year in raw:
            as_int = int(year) if str(year).isdigit() else None
            if as_int not in self.years:
                self.error(raw.where(year), "extra-year",
                           f"{context}: året '{year}' hører ikke til budgettet. Brug kun årene {shown}.")
                continue
            out[as_int] = (raw, year)
        missing = [y for y in self.years if y not in out] if exact else []
        if missing:
            self.error(parent.where(key), "missing-year",
                       f"{context}: der mangler beløb for {', '.join(map(str, missing))}. "
                       f"Der skal stå et beløb for hvert af årene {shown}.")
        return out

    def accounts(self, values, raw, context: str, spending: bool) -> list[int]:
        """Main accounts of the autoriserede kontoplan: whole numbers 0 to 9."""
        out, positions = [], getattr(raw, "item_pos", [])
        for n, value in enumerate(values or []):
            pos = positions[n] if n < len(positions) else getattr(raw, "pos", (1, 1))
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 9:
                self.error(pos, "main-account", f"{context}: hovedkonto '{value}' findes ikke. Den autoriserede "
                           "kontoplan har hovedkonto 0 til 9, for eksempel 3 (undervisning og kultur).")
            elif spending and value >= 7:
                self.error(pos, "main-account", f"{context}: hovedkonto {value} er finansiering og status, ikke "
                           "drift og anlæg. Områder bruger hovedkonto 0 til 6.", level="warning")
                out.append(value)
            else:
                out.append(value)
        return out


def read_budget(path: Path) -> tuple[Budget | None, object, list[Finding]]:
    """Read and check one budget file: the budget (check `valid` before use), its document and findings."""
    doc, problems = load_yaml(path)
    if doc is None:
        return None, None, problems
    r = Reader(path)
    top = r.clean(doc.data, TOP, "")
    if not {"budget_year", "estimate_years", "unit"} <= set(top):
        return None, doc, r.found
    r.unit = top["unit"]
    r.years = _years(r, doc.data, top)
    taxes = r.clean(top["taxes"], TAXES, "taxes") if "taxes" in top else {}
    budget = Budget(path, top.get("municipality", ""), top["budget_year"], r.years[1:], top.get("phase", "vedtaget"),
                    r.unit, top.get("population", 1), {k: _dec(v) for k, v in taxes.items()},
                    title=top.get("title", ""), adopted=top.get("adopted"), headline=top.get("headline", ""),
                    sources=top.get("sources", ""), notes=top.get("notes", []),
                    example_data=top.get("example_data", False))
    _check_adopted(r, doc.data, budget)
    income = [_income(r, m, n) for n, m in _items(r, doc.data, "income")]
    areas = [_area(r, m, n) for n, m in _items(r, doc.data, "areas")]
    investments = [_investment(r, m, n) for n, m in _items(r, doc.data, "investments")]
    budget.income, budget.areas = _unique(r, income, "indtægt"), _unique(r, areas, "område")
    budget.investments = [i for i in investments if i is not None]
    budget.areas_read = None not in areas
    if None not in income + areas + investments:  # sums over half-read items would mislead
        check_investments(r, budget)
        check_totals(r, budget, doc.data)
    r.found += safety.check_document(doc)
    budget.valid = not any(f.level == "error" for f in r.found)
    return budget, doc, r.found


def _years(r: Reader, data: Mapping, top: dict) -> list[int]:
    year, estimates = top["budget_year"], top["estimate_years"]
    want = [year + 1, year + 2, year + 3]
    if list(estimates) != want:
        r.error(data.where("estimate_years"), "estimate-years",
                f"Der skal være præcis tre overslagsår lige efter budgetåret {year}: "
                f"[{', '.join(map(str, want))}]. Der står [{', '.join(map(str, estimates))}].")
    return [year, *want]


def _check_adopted(r: Reader, data: Mapping, budget: Budget) -> None:
    if budget.phase != "forslag" and budget.adopted is None and "adopted" not in data:
        r.error(data.pos, "missing-field", f"Nøglen 'adopted' mangler. Et {budget.phase} budget har en dato for "
                "vedtagelsen. Skriv den som ÅÅÅÅ-MM-DD, for eksempel 2026-10-08.")
    elif budget.adopted and budget.phase == "vedtaget" and budget.adopted.year != budget.budget_year - 1:
        r.error(data.where("adopted"), "adopted-date",
                f"Budget {budget.budget_year} bliver vedtaget i efteråret {budget.budget_year - 1}, men datoen "
                f"er {budget.adopted.isoformat()}. Tjek årstallet.", level="warning")


def _items(r: Reader, data: Mapping, key: str):
    """(number, mapping) for each item of a list of mappings; other items are reported."""
    raw = data.get(key)
    if not isinstance(raw, Sequence):
        return []
    out = []
    for n, (item, pos) in enumerate(zip(raw, raw.item_pos), start=1):
        if isinstance(item, Mapping):
            out.append((n, item))
        else:
            r.error(pos, "wrong-type", f"{key}, punkt {n}: skal bestå af nøgler og værdier, for eksempel 'name: ...'.")
    return out


def _unique(r: Reader, items: list, what: str) -> list:
    """Drop items that could not be read; report two items with the same name (or the same slug)."""
    seen, out = {}, []
    for item in items:
        if item is None:
            continue
        if item.slug in seen:
            r.error((item.line, 1), f"duplicate-{'area' if what == 'område' else 'income'}",
                    f"{_THE[what]} '{item.name}' står to gange (også i linje {seen[item.slug]}). "
                    "Slå de to sammen, eller giv dem forskellige navne.")
        seen.setdefault(item.slug, item.line)
        out.append(item)
    return out


def _income(r: Reader, m: Mapping, n: int) -> Income | None:
    context = f"income, punkt {n}"
    values = r.clean(m, INCOME, context)
    if "name" not in values:
        return None
    context = f"Indtægten '{values['name']}'"
    amounts = {}
    for year, (raw, key) in (r.year_map(m, "amounts", context) or {}).items():
        amounts[year] = r.amount(raw, key, f"{context}, {year}")
    accounts = r.accounts(values.get("main_accounts"), m.get("main_accounts"), context, spending=False)
    if len(amounts) != len(r.years) or None in amounts.values():
        return None
    return Income(values["name"], slugify(values["name"]), amounts, accounts, m.pos.line)


def _area(r: Reader, m: Mapping, n: int) -> Area | None:
    values = r.clean(m, AREA, f"areas, punkt {n}")
    if "name" not in values:
        return None
    context = f"Området '{values['name']}'"
    drift, anlaeg = {}, {}
    for year, (raw, key) in (r.year_map(m, "amounts", context) or {}).items():
        part = raw[key]
        if not isinstance(part, Mapping):
            r.error(raw.where(key), "wrong-type", f"{context}, {year}: skriv to beløb, for eksempel "
                    "'{drift: 545.0, anlæg: 42.0}'.")
            continue
        r.clean(part, {k: Field("number") for k in YEAR_AMOUNT}, f"{context}, {year}")
        drift[year] = r.amount(part, "drift", f"{context}, {year}")
        anlaeg[year] = r.amount(part, "anlæg", f"{context}, {year}")
        if "total" in part and drift[year] is not None and anlaeg[year] is not None:
            check_sum(r, part, "total", drift[year] + anlaeg[year], f"{context}, {year}: drift og anlæg")
    accounts = r.accounts(values.get("main_accounts"), m.get("main_accounts"), context, spending=True)
    if len(drift) != len(r.years) or None in drift.values() or None in anlaeg.values():
        return None
    area = Area(values["name"], slugify(values["name"]), values.get("committee", ""), accounts, drift, anlaeg,
                m.pos.line, key_figures=_key_figures(r, m, context))
    terms = m.get("terms")
    if isinstance(terms, Sequence):
        area.terms = [(str(t), p[0], p[1]) for t, p in zip(terms, terms.item_pos) if isinstance(t, str)]
    return area


def _key_figures(r: Reader, m: Mapping, context: str) -> list[KeyFigure]:
    out = []
    for n, item in _items(r, m, "key_figures"):
        values = r.clean(item, KEY_FIGURE, f"{context}, key_figures, punkt {n}")
        if {"text", "value"} <= set(values):
            out.append(KeyFigure(values["text"], _dec(values["value"]), values.get("unit", "")))
    return out


def _investment(r: Reader, m: Mapping, n: int) -> Investment | None:
    values = r.clean(m, INVESTMENT, f"investments, punkt {n}")
    if not {"name", "area"} <= set(values):
        return None
    context = f"Anlægsprojektet '{values['name']}'"
    amounts = {}
    for year, (raw, key) in (r.year_map(m, "amounts", context, exact=False) or {}).items():
        amounts[year] = r.amount(raw, key, f"{context}, {year}")
    if None in amounts.values():
        return None
    return Investment(values["name"], values["area"], amounts, values.get("description", ""), m.pos.line)
