"""Validating content mappings against small field schemas, with Danish messages and positions."""
from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding, finding
from .source import Document, Mapping, Sequence, load_markdown

KIND_DA = {
    "text": "en tekst", "markdown": "en tekst", "str": "en tekst", "int": "et helt tal",
    "number": "et tal", "date": "en dato (ÅÅÅÅ-MM-DD)", "time": "et klokkeslæt (TT:MM)",
    "bool": "ja eller nej (true eller false)", "list": "en liste", "map": "nøgler og værdier",
    "enum": "en af de tilladte værdier",
}
FIRST_YEAR, LAST_YEAR = 1900, 2199
DANISH_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+,\d+$")


@dataclass(frozen=True)
class Field:
    kind: str
    required: bool = False
    choices: tuple = ()
    item: object = None  # a Field for list items, or a dict schema for lists of mappings
    minimum: float | None = None
    help: str = ""  # a Danish hint shown when the value is wrong or missing


def _where(mapping, key):
    pos = mapping.where(key) if isinstance(mapping, Mapping) else (1, 1)
    return pos[0], pos[1]


def convert(value, spec: Field):
    """Return (converted value, Danish problem or None)."""
    kind = spec.kind
    if kind in ("text", "markdown", "str"):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value), None
        if not isinstance(value, str):
            return None, f"skal være {KIND_DA[kind]}"
        if kind != "str" and not value.strip():
            return None, "er tom"
        return value, None
    if kind in ("int", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind == "int" and isinstance(value, float)):
            if isinstance(value, str) and DANISH_NUMBER.match(value.strip()):
                plain = value.strip().replace(".", "").replace(",", ".")
                return None, (f"er skrevet som tekst (\"{value}\"). Skriv tallet uden tusindtalspunktum og med "
                              f"punktum som decimaltegn: {plain}")
            return None, f"skal være {KIND_DA[kind]}, ikke \"{value}\""
        if not math.isfinite(value):
            return None, f"skal være et almindeligt tal, ikke \"{value}\""
        if spec.minimum is not None and value < spec.minimum:
            return None, f"må ikke være mindre end {spec.minimum:g} (er {value:g})"
        return value, None
    if kind == "date":
        try:
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value).strip())
        except ValueError:
            return None, f"skal være en gyldig dato skrevet ÅÅÅÅ-MM-DD, ikke \"{value}\""
        if not FIRST_YEAR <= day.year <= LAST_YEAR:  # a typo in the year; year 9999 also breaks calendars
            return None, f"har året {day.year}. Skriv et år mellem {FIRST_YEAR} og {LAST_YEAR}"
        return day, None
    if kind == "time":
        m = re.fullmatch(r"(\d{1,2})[:.](\d{2})", str(value).strip())
        if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
            return None, f"skal være et gyldigt klokkeslæt skrevet TT:MM, ikke \"{value}\""
        return dt.time(int(m.group(1)), int(m.group(2))), None
    if kind == "bool":
        return (value, None) if isinstance(value, bool) else (None, "skal være true eller false")
    if kind == "enum":
        if str(value) not in spec.choices:
            return None, f"skal være en af: {', '.join(spec.choices)} (ikke \"{value}\")"
        return str(value), None
    if kind == "list":
        if isinstance(value, str) and spec.item is not None and not isinstance(spec.item, dict):
            value = Sequence([value]); value.pos = (1, 1); value.item_pos = [(1, 1)]
        if not isinstance(value, list):
            return None, "skal være en liste (linjer der starter med '- ')"
        return value, None
    if kind == "map":
        return (value, None) if isinstance(value, Mapping) else (None, "skal bestå af nøgler og værdier")
    raise ValueError(kind)


def validate(mapping: Mapping, schema: dict[str, Field], path: Path, context: str = "") -> tuple[dict, list[Finding]]:
    """Check keys and types; returns the converted values and findings (all errors)."""
    out, problems = {}, []
    prefix = f"{context}: " if context else ""
    for key in mapping:
        if key not in schema:
            line, col = _where(mapping, key)
            close = difflib.get_close_matches(str(key), list(schema), n=1, cutoff=0.6)
            hint = f" Mente du '{close[0]}'?" if close else f" Tilladte nøgler: {', '.join(schema)}."
            problems.append(finding(path, line, col, "error", "unknown-key", f"{prefix}Ukendt nøgle '{key}'.{hint}"))
    for key, spec in schema.items():
        if key not in mapping or mapping[key] is None:
            if spec.required:
                line, col = mapping.pos if isinstance(mapping, Mapping) else (1, 1)
                problems.append(finding(path, line, col, "error", "missing-field",
                                        f"{prefix}Nøglen '{key}' mangler. {spec.help}".rstrip()))
            continue
        value, problem = convert(mapping[key], spec)
        line, col = _where(mapping, key)
        if problem:
            problems.append(finding(path, line, col, "error", "wrong-type",
                                    f"{prefix}'{key}' {problem}. {spec.help}".rstrip()))
            continue
        if spec.kind == "list" and spec.item is not None:
            value, sub = _validate_items(value, spec.item, path, f"{prefix}{key}")
            problems += sub
        out[key] = value
    return out, problems


def _validate_items(items, item_spec, path, context):
    out, problems = [], []
    positions = getattr(items, "item_pos", [(1, 1)] * len(items))
    for n, (item, pos) in enumerate(zip(items, positions), start=1):
        if isinstance(item_spec, dict):
            if not isinstance(item, Mapping):
                problems.append(finding(path, pos[0], pos[1], "error", "wrong-type",
                                        f"{context}, punkt {n}: skal bestå af nøgler og værdier."))
                continue
            clean, sub = validate(item, item_spec, path, f"{context}, punkt {n}")
            clean["_pos"] = item.pos
            out.append(clean)
            problems += sub
        else:
            value, problem = convert(item, item_spec)
            if problem:
                problems.append(finding(path, pos[0], pos[1], "error", "wrong-type", f"{context}, punkt {n} {problem}."))
            else:
                out.append(value)
    return out, problems


def load_valid(path: Path, schema: dict[str, Field], loader=load_markdown) -> tuple[Document | None, dict, list[Finding]]:
    """Load a content file and validate its mapping; (None, {}, findings) when either step has errors."""
    doc, problems = loader(path)
    if doc is None:
        return None, {}, problems
    clean, problems = validate(doc.data, schema, path)
    if problems:
        return None, {}, problems
    return doc, clean, []
