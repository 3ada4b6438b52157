"""The learned second opinion: how it is stored, read, trained, and kept in its place."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.screening import engine, learned, screen, train
from tests.screening.helpers import ENGINE, normal
from tests.screening.test_properties import SETTINGS, roles, texts

HEADS = ["urgent", "alert", "boundary"]


def write_model(path, weights, thresholds=(0.5, 0.5, 0.5), biases=(-4.0, -4.0, -4.0)):
    path.write_text(
        json.dumps(
            {
                "heads": HEADS,
                "biases": list(biases),
                "thresholds": list(thresholds),
                "weights": {
                    name: " ".join(str(round(value * learned.UNIT)) for value in row)
                    for name, row in weights.items()
                },
            }
        ),
        encoding="utf-8",
    )
    return learned.load_model(path)


def use_model(monkeypatch, model):
    """Make screen() use an engine built around this model."""
    built = engine.build_engine(with_model=False)
    built = engine.Engine(
        rules=built.rules,
        context=built.context,
        topics=built.topics,
        model=model,
        learned_texts=built.learned_texts,
        evidence=built.evidence,
        urgent_evidence=built.urgent_evidence,
    )
    monkeypatch.setattr(engine, "default_engine", lambda: built)
    return built


@pytest.fixture
def zebra_model(tmp_path, monkeypatch):
    """A tiny model: 'zebra', 'bus' and 'alone' are urgent, 'picnic basket' (a pair) is a
    boundary slip. Only 'bus' and 'alone' are evidence words (data/learned.toml)."""
    model = write_model(
        tmp_path / "model.json",
        {
            "zebra": [9.0, 9.0, 0.0],
            "bus": [9.0, 9.0, 0.0],
            "alone": [9.0, 9.0, 0.0],
            "picnic basket": [0.0, 0.0, 9.0],
            "~zebra": [0.0, 0.0, 0.0],
        },
    )
    use_model(monkeypatch, model)
    return model


def test_a_missing_model_file_raises(tmp_path):
    with pytest.raises(learned.ModelError, match="absent.json"):
        learned.load_model(tmp_path / "absent.json")


def test_a_malformed_weight_row_is_refused(tmp_path):
    with pytest.raises(learned.ModelError, match="2 values, not 3"):
        write_model(tmp_path / "model.json", {"zebra": [1.0, 2.0]})


def test_the_model_ships_inside_the_package():
    from importlib import resources

    stored = resources.files("alongside.screening") / "data" / "learned_model.json"
    assert stored.is_file()
    assert ENGINE.model is not None


def test_features_are_words_stems_and_distinct_pairs():
    found = learned.features("i can't stop, can't stop")
    assert found.count("cant") == 2
    assert "cant stop" in found and found.count("cant stop") == 1
    assert "~somet" not in found and "~somet" in learned.features("something")


def test_the_model_alone_raises_concern_only_with_an_evidence_word(zebra_model):
    # 'zebra' is no evidence word: however much the model likes it, it raises nothing alone.
    assert screen("there is a zebra in the garden", "peer").crisis == "none"
    assert screen("the bus and me alone again", "peer").crisis == "concern"


def test_the_model_alone_never_says_urgent(zebra_model):
    assert screen("the bus and me alone again, zebra", "peer").crisis == "concern"


def test_the_model_may_lift_a_rule_concern_to_urgent(zebra_model):
    assert screen("I feel hopeless, zebra", "peer").crisis == "urgent"


def test_the_model_never_overrules_a_match_the_context_set_aside(zebra_model):
    # The rules match "kill myself", the past check lowers it; the model may not raise it back.
    assert screen("I tried to kill myself years ago, zebra", "peer").crisis == "concern"


def test_idioms_are_no_evidence_for_the_model(zebra_model):
    # No crisis rule matches here, so only the model speaks; the idiom holds its evidence.
    assert screen("the bus, alone", "peer").crisis == "concern"
    assert screen("I'll catch the bus home at 5", "peer").crisis == "none"
    blanked = engine.ctx_mod.without_idioms(ENGINE.context, "i'm dying to see the film")
    assert blanked is not None and "dying" not in blanked
    assert engine.ctx_mod.without_idioms(ENGINE.context, "nothing here") is None


def test_model_coach_flags_point_at_their_words_and_skip_peers(zebra_model):
    text = "I packed you a picnic basket for Saturday"
    (flag,) = [f for f in screen(text, "mentor").flags if f.rule_id.startswith("learned.")]
    assert (flag.category, text[flag.start : flag.end]) == ("boundary", "picnic basket")
    assert flag.explanation == ENGINE.learned_texts["boundary"][0]
    assert screen(text, "peer").flags == ()


def test_a_rule_flag_in_the_same_category_wins(zebra_model):
    text = "you can stay at my place after our picnic basket swap"
    flags = [f for f in screen(text, "mentor").flags if f.category == "boundary"]
    assert flags and all(not f.rule_id.startswith("learned.") for f in flags)


def test_without_a_model_the_rules_work_alone():
    rules_only = engine.build_engine(with_model=False)
    assert rules_only.screen("I want to kill myself", "peer").crisis == "urgent"
    assert rules_only.screen("see you at 3", "mentor").flags == ()


@SETTINGS
@given(texts, roles)
def test_the_model_only_ever_adds(text, role):
    if not text.strip() or len(text) > engine.PART_LENGTH:
        return
    normalised = engine.normalise(text)
    candidates = ENGINE.analyse(normalised.text)[0]
    rules_level, _weighed = ENGINE.assess_crisis(normalised.text, candidates)
    result = screen(text, role)
    assert engine.LEVEL_ORDER[result.crisis] >= engine.LEVEL_ORDER[rules_level]
    if role == "mentor":
        rule_flags = ENGINE.coach(normalised.text, candidates, ())
        assert {f.category for f in rule_flags} <= {f.category for f in result.flags}


def test_thresholds_keep_false_alarms_within_budget():
    rows = [([f"w{n}"], 0) for n in range(200)] + [(["alarm"], 1) for _ in range(40)]
    cutoff = train.threshold(rows, 0.05)
    bias, weights = train.fit(rows)
    negatives = [train.probability(bias, weights, found) for found, label in rows if not label]
    positives = [train.probability(bias, weights, found) for found, label in rows if label]
    assert sum(p >= cutoff for p in negatives) <= 0.05 * len(negatives)
    assert all(p >= cutoff for p in positives)


def test_training_repeats_exactly():
    rows = [(["a", "b"], 1), (["b", "c"], 0), (["a"], 1), (["c"], 0)]
    assert train.fit(rows) == train.fit(rows)


def test_the_stored_model_reads_and_its_texts_cover_every_head():
    model = learned.load_model()
    assert model is not None
    coach_heads = set(model.heads) - set(learned.CRISIS_HEADS)
    assert coach_heads == set(ENGINE.learned_texts)
    assert model.words and all(isinstance(packed, int) for packed in model.words.values())


@given(st.lists(st.lists(st.floats(-50, 50), min_size=3, max_size=3), min_size=1, max_size=300))
def test_packed_sums_equal_sums_of_rounded_weights(rows):
    total = sum(learned.pack(row) for row in rows)
    for lane in range(3):
        expected = sum(round(row[lane] * learned.UNIT) for row in rows)
        assert learned.unpack(total, lane + 1) == expected


@SETTINGS
@given(texts)
def test_all_heads_compared_at_once_agree_with_one_by_one(text):
    model = ENGINE.model
    words = learned.tokens(text.casefold())
    numbers = list(model.word_numbers(words))
    pairs = {
        first * learned.PAIR_BASE + second
        for first, second in zip(numbers, numbers[1:], strict=False)
    }
    total = model.bias + model.token_score(words)
    total += sum(model.numbered_pairs[key] for key in pairs if key in model.numbered_pairs)
    expected = {
        head
        for lane, (head, cutoff) in enumerate(zip(model.heads, model.cutoffs, strict=True), 1)
        if learned.unpack(total, lane) >= cutoff
    }
    assert model.fired(numbers, [model.token_score(words)]) == expected


def test_a_denial_sets_aside_its_clause_and_someone_else_their_sentence():
    def judged(text):
        text = normal(text)
        return [
            text[start:end].strip()
            for start, end in ENGINE.assess_crisis(text, ENGINE.analyse(text)[0])[1]
        ]

    # "wouldn't care" is no denial: the second clause stays for the model and the rules.
    assert judged("I'm not suicidal but I wouldn't care if I died") == ["i'm not suicidal"]
    assert judged("my friend told me she feels suicidal. I'm scared") == [
        "my friend told me she feels suicidal"
    ]


def test_ordinary_words_carry_no_crisis_weight_in_the_stored_model():
    evidence = learned.Evidence(learned.load_evidence())
    model = ENGINE.model
    table = {**model.words}
    for name, packed in table.items():
        if not evidence.allows(name):
            for lane in (1, 2):  # the urgent and alert heads
                assert learned.unpack(packed, lane) <= 0, name


@pytest.mark.parametrize(
    "text",
    ["I loved it.", "I want to cry", "Let's make fit happen!", "Do you drink enough water?",
     "How's everyone's day going?", "for once it was sunny all day"],
)  # fmt: skip
def test_short_everyday_lines_raise_nothing(text):
    assert screen(text, "peer").crisis == "none"
