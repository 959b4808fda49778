"""Prose extraction keeps what a reader sees and maps it back to file, line and column."""
from klarsprog.text.extract import extract, lines_of


def texts(md: str) -> list[tuple[str, str]]:
    return [(u.kind, " ".join(u.text.split())) for u in extract(lines_of(md))]


def test_headings_and_list_items_are_units_of_their_own():
    md = "# Budget 2027\nVi har penge.\n\n- Skoler\n- Veje og stier\n"
    assert texts(md) == [("heading", "Budget 2027"), ("para", "Vi har penge."), ("item", "Skoler"),
                         ("item", "Veje og stier")]


def test_code_tables_comments_html_and_urls_are_skipped():
    md = ("Før.\n\n```\nkode her\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<!-- note -->\n"
          "<div class=\"x\">\n</div>\n\nSe https://eksempel.dk og `kode` her.\n")
    assert texts(md) == [("para", "Før."), ("para", "Se og her.")]


def test_links_keep_their_text_and_lose_their_target():
    assert texts("Læs [budgettet](budget/index.md) nu.") == [("para", "Læs budgettet nu.")]


def test_positions_point_at_the_source_line_and_column():
    md = "# Titel\n\nFørste linje.\nAnden linje med **ord** her.\n"
    unit = extract(lines_of(md, first_line=5))[1]
    offset = unit.text.index("ord")
    assert unit.locate(offset) == (8, 19)


def test_multi_line_html_comment_and_svg_are_skipped():
    md = "<!--\nskjult tekst\n-->\n<svg>\n<text>Akse</text>\n</svg>\n\nSynlig tekst.\n"
    assert texts(md) == [("para", "Synlig tekst.")]


def test_admonition_body_is_prose_and_its_marker_is_not():
    md = '!!! note "Husk"\n    Fristen er fredag.\n'
    assert texts(md) == [("para", "Fristen er fredag.")]
