"""Every rule flags its bad examples and passes its good ones; every rule has examples and a source."""
from pathlib import Path

import pytest
import yaml

from klarsprog.gate import Text, Vocabulary, judge
from klarsprog.rules.checks import officialese, rules
from klarsprog.text.extract import extract, lines_of

EXAMPLES = yaml.safe_load((Path(__file__).parent / "data" / "rule_examples.yml").read_text(encoding="utf-8"))
VOCAB = Vocabulary(frozenset({"udskrivningsprocent", "udskrivningsprocenten"}))


def rule_ids(text: str) -> set[str]:
    _, found = judge(Text(Path("x.md"), "page", extract(lines_of(text))), VOCAB)
    return {f.rule for f in found}


CASES = [(rule, kind, text) for rule, ex in EXAMPLES.items() for kind in ("flag", "pass") for text in ex[kind]]


@pytest.mark.parametrize("rule,kind,text", CASES)
def test_rule_examples(rule, kind, text):
    assert (rule in rule_ids(text)) == (kind == "flag")


def test_every_sentence_rule_has_examples_and_a_source():
    for rule_id, rule in rules().items():
        assert rule["level"] in ("error", "warning", "suggestion")
        assert rule["source"]
        if not rule_id.startswith("lix"):
            assert EXAMPLES.get(rule_id, {}).get("flag") and EXAMPLES[rule_id].get("pass"), rule_id


def test_officialese_list_is_large_and_sourced():
    entries = [p for phrases in officialese().values() for p in phrases]
    assert len(entries) >= 250
    assert all(plain and source for _, plain, source in entries)


def test_officialese_message_names_the_plain_alternative():
    _, found = judge(Text(Path("x.md"), "page", extract(lines_of("Såfremt du vil, kan du komme."))), VOCAB)
    msg = next(f.message for f in found if f.rule == "officialese")
    assert '"Såfremt"' in msg and '"hvis"' in msg


def test_only_errors_fail_warnings_and_suggestions_do_not():
    from klarsprog.findings import has_errors
    _, found = judge(Text(Path("x.md"), "page", extract(lines_of("Vi tager en beslutning i morgen."))), VOCAB)
    assert found and not has_errors(found)


def test_inline_comment_switches_a_rule_off_and_on_and_is_reported():
    text = ("<!-- klarsprog: off officialese -->\nSåfremt vi citerer loven, er det i orden.\n"
            "<!-- klarsprog: on officialese -->\n\nSåfremt du vil, kan du komme.\n")
    _, found = judge(Text(Path("x.md"), "page", extract(lines_of(text))), VOCAB)
    off = [f for f in found if f.rule == "officialese"]
    assert [f.line for f in off] == [5]
    assert any(f.rule == "override" and f.level == "suggestion" for f in found)


def _long_text(sentence: str, n: int) -> str:
    return " ".join([sentence] * n)


def test_lix_over_type_limit_fails_and_override_with_reason_passes():
    text = _long_text("Kommunalbestyrelsen behandler budgetforslaget grundigt igennem.", 12)
    base = Text(Path("x.md"), "budget", extract(lines_of(text)))
    _, found = judge(base, VOCAB)
    assert "lix-hard" in {f.rule for f in found} or "lix-limit" in {f.rule for f in found}
    mid = _long_text("Byrådet bruger mange penge på skoler, veje, plejehjem og busser i hele kommunen.", 5)  # LIX 36
    _, found = judge(Text(Path("x.md"), "budget", extract(lines_of(mid))), VOCAB)
    assert any(f.rule == "lix-limit" for f in found)
    _, found = judge(Text(Path("x.md"), "budget", extract(lines_of(mid)), lix_limit=44,
                          lix_reason="Teksten citerer en lov."), VOCAB)
    assert not any(f.level == "error" for f in found)
    assert any(f.rule == "override" and "Teksten citerer en lov" in f.message for f in found)


def test_override_without_reason_or_to_hard_limit_is_an_error():
    mid = _long_text("Byrådet bruger mange penge på skoler, veje, plejehjem og busser i hele kommunen.", 5)  # LIX 36
    _, found = judge(Text(Path("x.md"), "budget", extract(lines_of(mid)), lix_limit=44), VOCAB)
    assert any(f.rule == "override" and f.level == "error" for f in found)
    _, found = judge(Text(Path("x.md"), "budget", extract(lines_of(mid)), lix_limit=50, lix_reason="x"), VOCAB)
    assert any(f.rule == "override" and f.level == "error" for f in found)


def test_short_texts_get_no_lix_verdict():
    _, found = judge(Text(Path("x.md"), "page", extract(lines_of("Kommunalbestyrelsen vedtager budgettet."))), VOCAB)
    assert not any(f.rule.startswith("lix") for f in found)
