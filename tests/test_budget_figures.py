"""The arithmetic a reader can check: "For hver 100 kr.", kroner per inhabitant, and the CSV and JSON."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from fractions import Fraction

import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from klarsprog.parts.budget import data
from klarsprog.parts.budget.load import load_folder
from klarsprog.parts.budget.model import per_hundred, round_half_up

RAW = yaml.safe_load((ROOT / "budget" / "budget-2027.yml").read_text(encoding="utf-8"))  # plain PyYAML, not ours
UNIT = 1_000_000  # the sample is in mio. kr.


def booklet():
    state, found = load_folder(ROOT / "budget")
    assert found == []
    return state.booklet


def test_for_hver_100_kr_is_each_area_over_total_spending_and_adds_up_to_100():
    b = booklet()
    spending = sum(Fraction(str(v["drift"])) + Fraction(str(v["anlæg"]))
                   for area in RAW["areas"] for y, v in area["amounts"].items() if y == 2027)
    shown = b.per_hundred()
    assert sum(shown.values()) == Decimal("100.0")
    for area in RAW["areas"]:
        v = area["amounts"][2027]
        exact = (Fraction(str(v["drift"])) + Fraction(str(v["anlæg"]))) / spending * 100
        slug = next(a.slug for a in b.areas if a.name == area["name"])
        assert abs(Fraction(shown[slug]) - exact) < Fraction(1, 10), area["name"]
    assert shown["boern-og-skole"] == Decimal("24.2")  # 587,0 / 2.426,0 × 100 = 24,196...


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=15).filter(lambda xs: sum(xs) > 0))
def test_largest_remainder_rounding_always_adds_to_100_and_stays_within_10_oere(amounts):
    parts = {f"o{i}": Decimal(a) for i, a in enumerate(amounts)}
    shown = per_hundred(parts)
    total = sum(amounts)
    assert sum(shown.values()) == Decimal("100.0")
    for key, value in parts.items():
        exact = Fraction(int(value) * 100, total)
        assert abs(Fraction(shown[key]) - exact) < Fraction(1, 10)
        assert shown[key] * 10 == int(shown[key] * 10)  # one decimal


def test_amount_per_inhabitant_is_kroner_over_population_rounded_half_up():
    b = booklet()
    assert b.population == RAW["population"] == 27150
    assert b.per_inhabitant(b.spending(2027)) == 89_355  # 2.426.000.000 / 27.150 = 89.355,43
    for area in b.areas:
        exact = Fraction(int(b.kr(area.total(2027))), b.population)
        assert b.per_inhabitant(area.total(2027)) == int(exact + Fraction(1, 2))
    assert round_half_up(Fraction(5, 2)) == 3 and round_half_up(Fraction(49, 10)) == 5


def test_csv_matches_the_yaml_row_for_row():
    b = booklet()
    text = data.to_csv(b).decode("utf-8")
    assert text.startswith("\ufeff")  # so Danish Excel reads æ, ø and å
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    num = lambda s: Decimal(s.replace(",", "."))  # noqa: E731
    areas = {(r["navn"], int(r["år"])): r for r in rows if r["art"] == "udgift"}
    for area in RAW["areas"]:
        for year, v in area["amounts"].items():
            row = areas.pop((area["name"], year))
            assert num(row["drift"]) == Decimal(str(v["drift"])) and num(row["anlæg"]) == Decimal(str(v["anlæg"]))
            assert num(row["i alt"]) == Decimal(str(v["drift"])) + Decimal(str(v["anlæg"]))
            assert row["udvalg"] == area["committee"] and row["enhed"] == "mio. kr."
            assert row["hovedkonti"] == " ".join(map(str, area["main_accounts"]))
    assert areas == {}
    income = {(r["navn"], int(r["år"])): num(r["i alt"]) for r in rows if r["art"] == "indtægt"}
    assert income == {(i["name"], y): Decimal(str(a)) for i in RAW["income"] for y, a in i["amounts"].items()}
    projects = {(r["navn"], int(r["år"])): num(r["anlæg"]) for r in rows if r["art"] == "anlægsprojekt"}
    assert projects == {(p["name"], y): Decimal(str(a)) for p in RAW["investments"] for y, a in p["amounts"].items()}


def test_json_matches_the_yaml_and_carries_the_derived_figures():
    b = booklet()
    doc = json.loads(data.to_json(b))
    assert (doc["budget_year"], doc["estimate_years"], doc["unit"]) == (2027, [2028, 2029, 2030], "mio. kr.")
    assert doc["adopted"] == "2026-10-08" and doc["population"] == 27150 and doc["example_data"] is True
    assert doc["taxes"] == RAW["taxes"]
    for area, raw in zip(doc["areas"], RAW["areas"]):
        assert area["name"] == raw["name"]
        for year, v in raw["amounts"].items():
            assert area["amounts"][str(year)]["drift"] == v["drift"] and area["amounts"][str(year)]["anlæg"] == v["anlæg"]
    assert doc["totals"]["spending"] == {str(y): v for y, v in RAW["totals"]["spending"].items()}
    assert sum(Decimal(str(v)) for v in doc["per_100_kr"].values()) == Decimal("100.0")
    assert doc["per_inhabitant_kr"]["total"] == 89_355
    assert 2426.0 * UNIT / 27150 - doc["per_inhabitant_kr"]["total"] < 0.5
