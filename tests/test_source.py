"""Reading content files: every mistake gets a Danish message with file, line and column."""
from pathlib import Path

from klarsprog.source import load_markdown, load_yaml, scalar_lines


def load(tmp_path: Path, data: bytes | str, name="x.yml"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return (load_markdown if name.endswith(".md") else load_yaml)(path)


def test_duplicate_key_names_both_lines(tmp_path):
    _, found = load(tmp_path, "term: a\ndefinition: b\nterm: c\n")
    assert [(f.rule, f.line) for f in found] == [("duplicate-key", 3)] and "linje 1" in found[0].message


def test_tab_indentation(tmp_path):
    _, found = load(tmp_path, "term: a\nforms:\n\t- b\n")
    assert found[0].rule == "yaml-tab" and found[0].line == 3 and "mellemrum" in found[0].message


def test_syntax_error_in_danish_with_line(tmp_path):
    _, found = load(tmp_path, "term: a\ndefinition: \"uafsluttet\n")
    assert found[0].rule == "yaml-syntax" and found[0].line >= 2 and "YAML" in found[0].message


def test_a_quote_left_open_is_shown_where_it_opens_not_where_yaml_stops(tmp_path):
    """YAML reads an unclosed quote on to the next quote (here the one that opens the example) and stops
    lines later; the author is sent to the quote that is open, with both lines named."""
    _, found = load(tmp_path, 'term: "prøveord\ndefinition: Et ord.\nexample: "Eksempel: et ord."\n')
    assert [(f.rule, f.line, f.col) for f in found] == [("yaml-syntax", 1, 7)]
    assert 'anførselstegnet " her lukkes ikke' in found[0].message and "linje 3" in found[0].message
    _, found = load(tmp_path, "term: prøveord\nforms:\n  - 'ordet\n  - 'ordene'\ndefinition: Et ord.\n")
    assert [(f.line, f.col) for f in found] == [(3, 5)] and "anførselstegnet ' her" in found[0].message
    _, found = load(tmp_path, 'term: prøveord\ndefinition: "Et ord uden slut\n')
    assert [(f.line, f.col) for f in found] == [(2, 13)] and "til filens slutning" in found[0].message


def test_a_quote_that_spans_lines_is_not_blamed_for_a_later_mistake(tmp_path):
    _, found = load(tmp_path, 'term: "et langt\n  ord"\ndefinition: Et ord: med kolon.\n')
    assert [(f.line, f.col) for f in found] == [(3, 19)] and "kolon" in found[0].message


def test_the_c_parsers_wording_gets_the_danish_hint_too(tmp_path):
    """libyaml (the fast parser) words problems differently from PyYAML's Python parser."""
    hints = {"term: a\ndefinition: Et ord: med kolon.\n": "kolon står et sted",
             "term: a\nforms: [b, c\n": "mangler et komma eller ']'",
             "term: a\nforms: {b: c\n": "mangler et komma eller '}'"}
    for text, hint in hints.items():
        assert hint in load(tmp_path, text)[1][0].message, text


def test_bom_and_wrong_encoding_and_empty_file(tmp_path):
    assert load(tmp_path, b"\xef\xbb\xbfterm: a\n")[1][0].rule == "encoding-bom"
    latin1 = load(tmp_path, "term: b\xf8f\n".encode("latin-1"))[1][0]
    assert latin1.rule == "encoding" and latin1.line == 1 and "UTF-8" in latin1.message
    assert load(tmp_path, "   \n")[1][0].rule == "empty-file"


def test_times_and_dates_stay_strings_for_danish_validation(tmp_path):
    doc, _ = load(tmp_path, "start: 14:30\ndate: 2026-03-12\n")
    assert doc.data["start"] == "14:30" and doc.data["date"] == "2026-03-12"


def test_positions_of_keys(tmp_path):
    doc, _ = load(tmp_path, "term: a\nforms:\n  - b\n  - c\n")
    assert doc.data.where("forms") == (2, 1) and doc.data["forms"].item_pos[1] == (4, 5)


def test_front_matter_positions_are_file_lines(tmp_path):
    doc, found = load(tmp_path, "---\ntitle: x\nnotes: |\n  Linje et.\n---\nKrop.\n", name="m.md")
    assert not found and doc.body_line == 6 and doc.data.where("notes") == (3, 1)
    assert [(s.line, s.col, s.text) for s in scalar_lines(doc, doc.data, "notes")] == [(4, 3, "Linje et.")]


def test_unterminated_front_matter(tmp_path):
    _, found = load(tmp_path, "---\ntitle: x\n", name="m.md")
    assert found[0].rule == "front-matter"
