"""A meeting's prose for the readability gate, with the exact lines it stands on in the file."""
from __future__ import annotations

import yaml

from ...gate import Text
from ...source import Mapping, scalar_lines
from ...text.extract import extract, lines_of
from .model import Meeting

# Fields read as running text (LIX and rules); titles are fragments and get the rules only.
PROSE = {"agenda": ("description",), "questions": ("question", "answer"), "follow_ups": ("text",),
         "proposed_topics": ("text",)}


def _item_lines(doc, mapping: Mapping, key: str, index: int) -> list:
    """Source lines of item `index` in a list of plain texts (scalar_lines needs a mapping)."""
    seq = mapping.value_node.get(key)
    if not isinstance(seq, yaml.SequenceNode) or index >= len(seq.value):
        return []
    view = Mapping()
    view.pos, view.raw_line, view.key_pos, view.value_node = mapping.pos, mapping.raw_line, {}, {0: seq.value[index]}
    return scalar_lines(doc, view, 0)


def _items(data: Mapping, key: str) -> list:
    items = data.get(key)
    return [i for i in items if isinstance(i, Mapping)] if isinstance(items, list) else []


def field_units(m: Meeting) -> list:
    """Descriptions, questions, answers, decisions, follow-ups and topics as prose units."""
    doc, data, units = m.doc, m.doc.data, []
    for key, names in PROSE.items():
        for item in _items(data, key):
            for name in names:
                units += extract(scalar_lines(doc, item, name))
    for n in range(len(data.get("decisions") or [])):
        units += extract(_item_lines(doc, data, "decisions", n))
    return units


def title_units(m: Meeting) -> list:
    doc, data = m.doc, m.doc.data
    units = extract(scalar_lines(doc, data, "title"))
    for item in _items(data, "agenda"):
        units += extract(scalar_lines(doc, item, "title"))
    return units


def meeting_texts(m: Meeting) -> list[Text]:
    """The notes with the other running text, the titles (rules only) and the public summary."""
    body = extract(lines_of(m.body, m.body_line))
    out = [Text(m.path, "cafe", body + field_units(m), label="referat")]
    titles = title_units(m)
    if titles:
        out.append(Text(m.path, "cafe", titles, rules_only=True, label="overskrifter"))
    summary = extract(scalar_lines(m.doc, m.doc.data, "public_summary"))
    if summary:
        out.append(Text(m.path, "cafe", summary, label="resumé"))
    return out
