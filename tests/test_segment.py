"""Danish segmentation and LIX against careful hand counts."""
from pathlib import Path

import pytest
import yaml

from klarsprog.text.lix import band, counts, lix
from klarsprog.text.segment import sentences

DATA = Path(__file__).parent / "data"
CASES = yaml.safe_load((DATA / "segmenter_cases.yml").read_text(encoding="utf-8"))["cases"]
PARAGRAPHS = yaml.safe_load((DATA / "lix_paragraphs.yml").read_text(encoding="utf-8"))["paragraphs"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_segmenter_counts_match_hand_counts(case):
    got = counts(sentences(case["text"]))
    assert (got.sentences, got.words, got.long_words) == (case["sentences"], case["words"], case["long_words"])


def test_there_are_at_least_30_golden_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("para", PARAGRAPHS, ids=[p["id"] for p in PARAGRAPHS])
def test_lix_within_half_a_point_of_hand_count(para):
    got = counts(sentences(para["text"]))
    assert abs(got.lix - para["lix"]) <= 0.5
    assert (got.sentences, got.words, got.long_words) == (para["sentences"], para["words"], para["long_words"])


def test_long_word_list_matches_hand_list():
    for para in PARAGRAPHS:
        found = [w.text.strip(".,;:!?\"'()") for s in sentences(para["text"]) for w in s.words if w.is_long]
        assert sorted(found) == sorted(para["long_list"]), para["id"]


def test_formula_agrees_with_textstat_where_counts_agree():
    import textstat

    textstat.set_lang("da")
    text = "Kommunen har et stort budget. Pengene går til skoler og veje. Vi bygger også et nyt plejehjem."
    ours = counts(sentences(text))
    assert ours.lix == pytest.approx(textstat.lix(text), abs=0.01)


def test_textstat_is_wrong_where_we_are_right():
    import textstat

    textstat.set_lang("da")
    text = "Vi bruger bl.a. penge på skoler, f.eks. i 2. kvartal. Resten går til veje."
    assert counts(sentences(text)).sentences == 2
    assert textstat.sentence_count(text) != 2


@pytest.mark.parametrize("score,name", [(17, "meget let"), (24, "meget let"), (25, "let"), (34, "let"),
                                        (35, "middel"), (44, "middel"), (45, "svær"), (54, "svær"),
                                        (55, "meget svær"), (70, "meget svær")])
def test_danish_bands(score, name):
    assert band(score) == name


def test_empty_text_has_no_lix():
    assert lix(0, 0, 0) is None
    assert counts(sentences("")).words == 0
