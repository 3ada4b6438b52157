"""Every rule's own examples, and the loader's refusal of malformed rule files.

Examples are checked in two ways. examples_match must match the rule on its own AND come out of
the full screen() pipeline (a coach rule's category for a mentor, at least the rule's level for
a crisis rule), so the prefilter and context checks cannot silently disable a rule.
examples_no_match is checked against the rule alone: another rule may rightly fire on it.
"""

import json
import re
import tomllib
from pathlib import Path

import pytest

from alongside.screening import engine, screen
from alongside.screening.context import load_context
from alongside.screening.prefilter import scan_pattern
from alongside.screening.rules import (
    RuleError,
    build_rule,
    load_concepts,
    load_rules,
)
from tests.screening.helpers import COACH_INDEX, CRISIS_INDEX, ENGINE, RULES, normal, prefilter

LEVELS = engine.LEVEL_ORDER
VALID_RULE = """
[[rule]]
id = "{id}"
category = "numbers"
pattern = '''\\b\\d+\\s*kg\\b'''
explanation = "Weights invite comparison."
suggestion = "Leave the number out."
examples_match = ["45 kg"]
examples_no_match = ["45 minutes"]
"""


def rule_examples(field):
    return [
        pytest.param(rule, example, id=f"{rule.id}:{example[:30]}")
        for rule in RULES
        for example in getattr(rule, field)
    ]


@pytest.mark.parametrize(("rule", "example"), rule_examples("examples_match"))
def test_rule_matches_its_positive_examples(rule, example):
    assert ENGINE.rule_fires(rule, example)
    if rule.kind == "coach":
        assert rule.tag in {flag.category for flag in screen(example, "mentor").flags}
    else:
        assert LEVELS[screen(example, "peer").crisis] >= LEVELS[rule.tag]


@pytest.mark.parametrize(("rule", "example"), rule_examples("examples_no_match"))
def test_rule_ignores_its_negative_examples(rule, example):
    assert not ENGINE.rule_fires(rule, example)


def test_every_rule_has_examples_and_kind_words():
    for rule in RULES:
        assert rule.examples_match and rule.examples_no_match, rule.id
        assert rule.explanation.strip() and rule.suggestion.strip(), rule.id


def test_rules_cover_every_coach_category_and_both_crisis_levels():
    tags = {rule.tag for rule in RULES}
    assert set(COACH_INDEX.by_key) or COACH_INDEX.always
    assert {"numbers", "body_talk", "food_morality", "behaviour_detail", "directive"} <= tags
    assert {"invalidating", "labeling", "boundary", "concern", "urgent"} <= tags


def test_rules_and_context_load_from_the_package():
    assert len(load_rules()) == len(RULES)
    load_context()


def write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (VALID_RULE.format(id="n.one").replace('category = "numbers"', 'category = "vibes"'),
         "unknown category 'vibes'"),
        (VALID_RULE.format(id="n.one").replace("kg\\b'''", "kg(\\b'''"), "bad regex"),
        (VALID_RULE.format(id="n.one").replace('suggestion = "Leave the number out."\n', ""),
         "missing field(s) suggestion"),
        (VALID_RULE.format(id="n.one").replace('category = "numbers"', 'level = "panic"'),
         "unknown level 'panic'"),
        (VALID_RULE.format(id="n.one").replace('category = "numbers"',
                                               'category = "numbers"\nlevel = "urgent"'),
         "exactly one of"),
        (VALID_RULE.format(id="n.one").replace('examples_match = ["45 kg"]', "examples_match = 3"),
         "must be a list of strings"),
        (VALID_RULE.format(id="n.one") + 'colour = "blue"\n', "unknown field(s) colour"),
        (VALID_RULE.format(id="n.one") + "requires = '''(oops'''\n", "(requires): bad regex"),
        (VALID_RULE.format(id="n.one") + 'unless = ""\n', "'unless' must be a non-empty"),
        ("[[rule]\nid = 1", "not valid TOML"),
        ('title = "nothing here"\n', "unknown top-level key"),
    ],
)  # fmt: skip
def test_loader_names_the_file_and_rule_on_a_bad_rule(tmp_path, text, message):
    write(tmp_path, "broken.toml", text)
    with pytest.raises(RuleError) as caught:
        load_rules(tmp_path)
    assert message in str(caught.value)
    assert "broken.toml" in str(caught.value)
    if "rule '" in str(caught.value):
        assert "n.one" in str(caught.value)


def test_loader_refuses_duplicate_ids_across_files(tmp_path):
    write(tmp_path, "a.toml", VALID_RULE.format(id="n.same"))
    write(tmp_path, "b.toml", VALID_RULE.format(id="n.same"))
    with pytest.raises(RuleError, match=r"b\.toml, rule 'n\.same': duplicate id .*a\.toml"):
        load_rules(tmp_path)


def test_loader_refuses_an_empty_rules_folder(tmp_path):
    with pytest.raises(RuleError, match="no rule files"):
        load_rules(tmp_path)


def test_a_valid_new_rule_loads_without_code_changes(tmp_path):
    write(tmp_path, "extra.toml", VALID_RULE.format(id="n.new"))
    (rule,) = load_rules(tmp_path)
    assert rule.id == "n.new" and rule.tag == "numbers" and rule.regex.search("I was 40 kg")


def prefilter_keeps_every_matching_branch(text: str) -> None:
    text = normal(text)
    keys, folded = prefilter(text)
    for index in (COACH_INDEX, CRISIS_INDEX):
        chosen = {id(branch) for _rule, branch in index.candidates(keys, folded)}
        for rule, branch in index.entries:
            if branch.regex.search(text):
                assert id(branch) in chosen, (rule.id, branch.regex.pattern[:60], text)


def test_prefilter_never_skips_a_branch_that_matches_an_example():
    for rule in RULES:
        for example in rule.examples_match + rule.examples_no_match:
            prefilter_keeps_every_matching_branch(example)


def test_prefilter_never_skips_a_branch_that_matches_a_dev_message():
    dev = Path(__file__).parent / "data" / "dev.jsonl"
    for line in dev.read_text(encoding="utf-8").splitlines():
        prefilter_keeps_every_matching_branch(json.loads(line)["text"])


def test_rules_split_into_branches_that_together_equal_the_rule():
    for rule in RULES:
        for example in rule.examples_match:
            text = normal(example)
            assert any(branch.regex.search(text) for branch in rule.branches), rule.id


def scanning_matches_equal_finditer(text: str) -> None:
    text = normal(text)
    for index in (COACH_INDEX, CRISIS_INDEX):
        for rule, branch in index.entries:
            expected = [m.span() for m in branch.regex.finditer(text)]
            assert [m.span() for m in engine.matches(branch, text)] == expected, rule.id


def test_scanning_to_possible_starts_finds_what_finditer_finds():
    dev = Path(__file__).parent / "data" / "dev.jsonl"
    for line in dev.read_text(encoding="utf-8").splitlines():
        scanning_matches_equal_finditer(json.loads(line)["text"])
    for rule in RULES:
        for example in rule.examples_match + rule.examples_no_match:
            scanning_matches_equal_finditer(example)


def test_requires_and_unless_look_at_the_sentence_of_the_match(tmp_path):
    extra = "requires = '''\\bi\\b'''\nunless = '''\\bcost'''\n"
    write(tmp_path, "ctx.toml", VALID_RULE.format(id="n.ctx") + extra)
    (rule,) = load_rules(tmp_path)
    assert ENGINE.rule_fires(rule, "I was 40 kg then.")
    assert not ENGINE.rule_fires(rule, "She was 40 kg then.")  # no first person in the sentence
    assert not ENGINE.rule_fires(rule, "I paid, it cost 40 kg of apples.")
    assert ENGINE.rule_fires(rule, "It cost a lot. I was 40 kg.")  # a veto only covers its sentence


def analyse_keeps_every_matching_branch(text: str) -> None:
    text = normal(text)
    chosen = {id(branch) for _rule, branch in ENGINE.analyse(text)[0]}
    for rule, branch in ENGINE.index.entries:
        if branch.regex.search(text):
            assert id(branch) in chosen, (rule.id, branch.regex.pattern[:60], text)


def test_the_cached_token_path_never_skips_a_branch_that_matches():
    for path in sorted((Path(__file__).parent / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            analyse_keeps_every_matching_branch(json.loads(line)["text"])
    for rule in RULES:
        for example in rule.examples_match:
            analyse_keeps_every_matching_branch(example)


def test_scan_patterns_skip_leading_word_boundaries():
    scan = scan_pattern(r"\b(?:ran|run)\s+\d+")
    assert scan is not None
    assert scan.search("I ran 5").start() == 2
    assert scan_pattern(r"(?:very\s+)?foggy").search("a very foggy").start() == 2  # literals
    assert scan_pattern(r"(?:\d+\s*)?(?:[a-z]+)?x") is None  # neither helps: run as it is


CONCEPTS = "[concepts]\nsick = ['threw\\s+up', 'vomit\\w*']\nblood = ['blood']\n"
CONCEPT_RULE = VALID_RULE.replace('category = "numbers"', 'level = "urgent"').replace(
    "pattern = '''\\b\\d+\\s*kg\\b'''",
    "pattern = '''{sick} {near} {blood} | {blood} {near} {sick}'''",
)


def concept_rule(tmp_path, concepts=CONCEPTS, rule=CONCEPT_RULE):
    (tmp_path / "concepts.toml").write_text(concepts, encoding="utf-8")
    loaded = load_concepts(tmp_path / "concepts.toml")
    return build_rule(tomllib.loads(rule.replace("{id}", "c.one"))["rule"][0], "c.toml", loaded)


def test_concepts_match_in_either_order_within_one_sentence(tmp_path):
    rule = concept_rule(tmp_path)
    assert ENGINE.rule_fires(rule, "there was blood when I threw up")
    assert ENGINE.rule_fires(rule, "I vomited, and it had blood in it")
    assert not ENGINE.rule_fires(rule, "I threw up. Then I gave blood at the clinic")
    assert not ENGINE.rule_fires(rule, "I threw up after the film and much later on I gave blood")


@pytest.mark.parametrize(
    ("concepts", "rule", "message"),
    [
        (CONCEPTS, CONCEPT_RULE.replace("{blood}", "{gore}", 1), "unknown concept {gore}"),
        ("[concepts]\nnear = ['x']\n", CONCEPT_RULE, "'near' and 'close' are taken"),
        ("[concepts]\nsick = []\n", CONCEPT_RULE, "non-empty list"),
        ("[concepts]\nsick = ['{blood}']\nblood = ['b']\n", CONCEPT_RULE, "another concept"),
        ("[concepts]\nsick = ['(oops']\n", CONCEPT_RULE, "bad regex"),
        ("title = 'x'\n", CONCEPT_RULE, "[concepts] table"),
    ],
)
def test_concept_mistakes_are_named(tmp_path, concepts, rule, message):
    with pytest.raises(RuleError, match=re.escape(message)):
        concept_rule(tmp_path, concepts, rule)


def test_past_level_lets_a_rule_drop_a_past_emergency(tmp_path):
    rule_text = VALID_RULE.replace('category = "numbers"', 'level = "urgent"\npast_level = "none"')
    write(tmp_path, "past.toml", rule_text.format(id="p.one"))
    (rule,) = load_rules(tmp_path)
    assert rule.past_level == "none"
    assert engine.after_past_check(rule, "past") == "none"
    assert engine.after_past_check(rule, "present") == "urgent"
    write(tmp_path, "past.toml", rule_text.replace('"none"', '"later"').format(id="p.one"))
    with pytest.raises(RuleError, match="'past_level' is for crisis rules"):
        load_rules(tmp_path)


def test_quiet_in_reflection_is_a_coach_rules_true_or_false(tmp_path):
    write(tmp_path, "q.toml", VALID_RULE.format(id="q.one") + "quiet_in_reflection = true\n")
    (rule,) = load_rules(tmp_path)
    assert rule.quiet_in_reflection
    write(tmp_path, "q.toml", VALID_RULE.format(id="q.one") + 'quiet_in_reflection = "yes"\n')
    with pytest.raises(RuleError, match="'quiet_in_reflection' is for coach rules"):
        load_rules(tmp_path)
    crisis = VALID_RULE.replace('category = "numbers"', 'level = "urgent"')
    write(tmp_path, "q.toml", crisis.format(id="q.one") + "quiet_in_reflection = true\n")
    with pytest.raises(RuleError, match="'quiet_in_reflection' is for coach rules"):
        load_rules(tmp_path)


def test_about_says_whose_risk_a_crisis_rule_is(tmp_path):
    crisis = VALID_RULE.replace('category = "numbers"', 'level = "urgent"')
    write(tmp_path, "a.toml", crisis.format(id="a.one") + 'about = "reader"\n')
    (rule,) = load_rules(tmp_path)
    assert rule.about == "reader"
    write(tmp_path, "a.toml", crisis.format(id="a.one") + 'about = "them"\n')
    with pytest.raises(RuleError, match="'about' is for crisis rules"):
        load_rules(tmp_path)
    write(tmp_path, "a.toml", VALID_RULE.format(id="a.one") + 'about = "reader"\n')
    with pytest.raises(RuleError, match="'about' is for crisis rules"):
        load_rules(tmp_path)


def test_each_rule_file_holds_one_category_or_crisis_family():
    for path in sorted(Path(engine.__file__).with_name("rules").glob("*.toml")):
        rules = tomllib.loads(path.read_text(encoding="utf-8"))["rule"]
        if path.name.startswith("coach_"):
            assert {rule["category"] for rule in rules} == {path.stem.removeprefix("coach_")}
        else:
            assert path.name.startswith("crisis_") and all("level" in rule for rule in rules)


def test_patterns_are_lists_of_short_alternatives():
    # One way of putting a situation into words per entry, so a coordinator can read it.
    for path in sorted(Path(engine.__file__).with_name("rules").glob("*.toml")):
        for rule in tomllib.loads(path.read_text(encoding="utf-8"))["rule"]:
            assert isinstance(rule["pattern"], list), rule["id"]
            assert all(len(entry) <= 750 for entry in rule["pattern"]), rule["id"]


def test_a_pattern_may_be_one_regex_or_a_list(tmp_path):
    listed = VALID_RULE.replace(
        "pattern = '''\\b\\d+\\s*kg\\b'''",
        "pattern = ['''\\b\\d+\\s*kg\\b''', '''\\b\\d+\\s*lbs\\b''']",
    )
    write(tmp_path, "list.toml", listed.format(id="n.list"))
    (rule,) = load_rules(tmp_path)
    assert ENGINE.rule_fires(rule, "I was 40 kg") and ENGINE.rule_fires(rule, "I was 90 lbs")
    assert len(rule.branches) == 2
