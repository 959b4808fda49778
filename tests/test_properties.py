"""Property-based tests: arbitrary text never crashes the text pipeline, and counts obey their invariants."""
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klarsprog.gate import Text, Vocabulary, judge
from klarsprog.source import parse_yaml
from klarsprog.text.extract import extract, lines_of
from klarsprog.text.lix import counts
from klarsprog.text.segment import sentences

DANISH = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzæøåABCÆØÅ .,!?:;-0123456789§\n*_[]()#`<>|\"'")),
                 max_size=400)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=500))
def test_segmenter_never_crashes_and_counts_are_sane(text):
    sents = sentences(text)
    c = counts(sents)
    assert 0 <= c.long_words <= c.words
    assert c.sentences <= max(c.words, 0) + 0 or c.sentences == 0
    assert all(s.words for s in sents)
    if c.lix is not None:
        assert c.lix >= 0


@SETTINGS
@given(DANISH)
def test_sentences_partition_the_words(text):
    sents = sentences(text)
    starts = [w.start for s in sents for w in s.words]
    assert starts == sorted(starts)
    assert len(set(starts)) == len(starts)


@SETTINGS
@given(st.text(max_size=500))
def test_extraction_and_rules_never_crash_and_point_inside_the_text(text):
    units = extract(lines_of(text))
    n_lines = len(text.split("\n"))
    for unit in units:
        for sent in sentences(unit.text):
            line, col = unit.locate(sent.start)
            assert 1 <= line <= n_lines and col >= 1
    judge(Text(Path("x.md"), "page", units), Vocabulary())


@SETTINGS
@given(DANISH, st.integers(min_value=1, max_value=5))
def test_adding_a_short_plain_sentence_never_raises_words_per_sentence_above_the_longer_text(text, n):
    base = counts(sentences(text))
    if base.sentences == 0:
        return
    plain = " Vi har et hus." * n
    more = counts(sentences(text.rstrip() + "!" + plain))  # "!" always ends a sentence
    assert more.words / more.sentences <= max(base.words / base.sentences, 4) + 1e-9


@SETTINGS
@given(st.text(max_size=300))
def test_yaml_loader_never_crashes(text):
    data, problems = parse_yaml(text, Path("x.yml"))
    assert data is None or not problems
    for p in problems:
        assert p.line >= 1 and p.message
