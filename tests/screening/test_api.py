"""The Python contract of the screening engine: shapes, categories, spans, roles, errors."""

import dataclasses

import pytest

from alongside.screening import (
    COACH_CATEGORIES,
    PART_LENGTH,
    Flag,
    ScreeningResult,
    screen,
)

TYPICAL_MENTOR_MESSAGES = {
    "numbers": ("I was 45 kg at my lowest", "45 kg"),
    "body_talk": ("You look so healthy now!", "You look so healthy"),
    "food_morality": ("Pizza is fine, it's my cheat day", "cheat day"),
    "behaviour_detail": ("I used to hide food in my pockets", "hide food"),
    "directive": ("You need to eat more, honestly", "You need to eat"),
    "invalidating": ("Calm down, it's one meal", "Calm down"),
    "labeling": ("She's an anorexic, she won't eat", "an anorexic"),
    "boundary": ("You can stay at my place tonight", "stay at my place"),
}


def categories(result: ScreeningResult) -> set[str]:
    return {flag.category for flag in result.flags}


def test_result_is_frozen_and_serialises_to_the_contract_shape():
    result = screen("You look so healthy now!", "mentor")
    assert dataclasses.is_dataclass(result) and dataclasses.is_dataclass(result.flags[0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.crisis = "urgent"  # type: ignore[misc]
    data = result.to_dict()
    assert set(data) == {"crisis", "flags"}
    assert set(data["flags"][0]) == {"category", "start", "end", "explanation", "suggestion"}
    assert isinstance(result.flags, tuple)
    assert isinstance(result.flags[0], Flag) and result.flags[0].rule_id


@pytest.mark.parametrize("category", sorted(TYPICAL_MENTOR_MESSAGES))
def test_each_category_is_flagged_on_a_typical_mentor_message(category):
    text, trigger = TYPICAL_MENTOR_MESSAGES[category]
    result = screen(text, "mentor")
    assert category in categories(result)
    flag = next(f for f in result.flags if f.category == category)
    assert (
        trigger.lower() in text[flag.start : flag.end].lower()
        or text[flag.start : flag.end].lower() in trigger.lower()
    )
    assert flag.explanation and flag.suggestion


def test_every_category_has_a_typical_example():
    assert set(TYPICAL_MENTOR_MESSAGES) | {"avoid_topic"} == set(COACH_CATEGORIES)


def test_spans_point_at_the_triggering_words():
    text = "Great chat today. By the way, you look so healthy now!"
    flag = screen(text, "mentor").flags[0]
    assert text[flag.start : flag.end] == "you look so healthy"


def test_flags_are_sorted_by_start():
    text = "You need to eat more. I was 45 kg. You look so healthy!"
    starts = [flag.start for flag in screen(text, "mentor").flags]
    assert starts == sorted(starts) and len(starts) >= 3


def test_spans_survive_curly_apostrophes_and_emoji():
    text = "🙂🙂 you’re looking great, you’ve got to eat more"
    for flag in screen(text, "mentor").flags:
        assert 0 <= flag.start < flag.end <= len(text)
    assert {"body_talk", "directive"} <= categories(screen(text, "mentor"))


def test_peers_are_never_coached():
    text = "I feel fat, I was 45 kg and I need to eat more. Calm down, me."
    assert screen(text, "peer").flags == ()
    assert screen(text, "mentor").flags


def test_crisis_is_assessed_for_every_role():
    assert screen("I want to kill myself", "peer").crisis == "urgent"
    assert screen("I want to kill myself", "mentor").crisis == "urgent"


@pytest.mark.parametrize(
    ("topic", "text", "word"),
    [
        ("exercise", "I went to the gym after work", "gym"),
        ("exercise", "Did you go running this weekend?", "running"),
        ("weight", "I stepped on the scale today", "scale"),
        ("family", "How was dinner with your mum?", "mum"),
        ("Family stuff", "My parents visited", "parents"),
        ("hospital", "The nurses on the ward were kind", "nurses"),
        ("alcohol", "We went to the pub", "pub"),
        ("dogs", "My dog chewed my shoe", "dog"),
        ("baking", "I baked a cake", "baked"),
    ],
)
def test_avoid_topics_match_synonyms_and_inflections(topic, text, word):
    flags = [f for f in screen(text, "mentor", [topic]).flags if f.category == "avoid_topic"]
    assert flags, f"{topic!r} not found in {text!r}"
    assert text[flags[0].start : flags[0].end].lower() == word


def test_avoid_topics_need_whole_words():
    assert not screen("That was a great runway show", "mentor", ["run"]).flags


def test_avoid_topics_never_flag_for_peers():
    assert screen("I went to the gym", "peer", ["exercise"]).flags == ()


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I'm not okay, I want to kill myself", "urgent"),
        ("this traffic is killing me", "none"),
        ("I'm dying to try that cafe", "none"),
        ("I laughed so hard I died", "none"),
        ("not in any danger, just venting", "none"),
        ("I would never hurt myself, just tired", "none"),
        ("my friend said she wants to kill herself", "none"),
        ("my grandma fainted at church", "none"),
        ("I fainted at church", "urgent"),
        ("last winter was really dark, I used to cut, I'm in a better place now", "none"),
        ("I used to cut and the urges are back again", "concern"),
        ("I tried to kill myself years ago", "concern"),
        ("I feel like a burden", "concern"),
        ("kms", "urgent"),
        ("I need to catch the bus at 5", "none"),
        ("thinking about catching the bus tbh", "urgent"),
        ("there's no reason for me to be alive, I'm doing it tonight", "urgent"),
        ("I feel hopeless but I'm not going to do it tonight", "concern"),
        ("I'm going to end it with him tonight, wish me luck", "none"),
        # The match's own words are no recovery; slipping back reopens the past.
        ("haven't had a period in 7 months", "concern"),
        ("I used to purge after every meal, and last week I slipped right back into it", "concern"),
        ("two years ago I was purging every day, I haven't done it in over a year", "none"),
        # A denial covers its clause only.
        ("I'm not suicidal but I wouldn't care if I died", "concern"),
        ("I fainted at a concert in 2007 and my mates still tease me", "none"),
    ],
)
def test_crisis_levels_use_context(text, level):
    assert screen(text, "peer").crisis == level


def test_supportive_negations_are_not_directives():
    for text in ("You don't have to answer that.", "You never have to explain yourself."):
        assert "directive" not in categories(screen(text, "mentor"))


def test_ordinary_numbers_are_not_flagged():
    text = "See you at 3pm on the 12th, I'm 34 and have 2 kids, 20 minutes away."
    assert "numbers" not in categories(screen(text, "mentor"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((None, "mentor"), "text must be a string"),
        ((b"hi", "mentor"), "text must be a string"),
        (("", "mentor"), "empty"),
        (("   \n\t", "mentor"), "empty"),
        (("hello", "coordinator"), "unknown role"),
        (("hello", None), "unknown role"),
        (("hello", "mentor", "exercise"), "avoid_topics"),
        (("hello", "mentor", ["ok", 3]), "avoid_topics"),
        (("hello", "mentor", {"exercise"}), "avoid_topics"),
    ],
)
def test_it_refuses_bad_input_with_a_clear_message(args, message):
    with pytest.raises(ValueError, match=message):
        screen(*args)


def test_text_of_any_length_gets_a_crisis_level():
    assert screen("a" * (PART_LENGTH * 3), "mentor").crisis == "none"
    filler = "We walked to the market and bought some bread. " * 300
    assert screen(filler + "I want to kill myself tonight.", "peer").crisis == "urgent"
    assert screen("I want to kill myself tonight. " + filler, "peer").crisis == "urgent"


def test_a_sentence_cut_by_a_part_boundary_is_read_whole_in_the_next_part():
    filler = "x" * (PART_LENGTH - 10) + " "
    text = filler + "I want to kill myself"
    assert screen(text, "peer").crisis == "urgent"


def test_flags_in_later_parts_point_at_the_original_words():
    filler = "We walked to the market and bought some bread. " * 200
    text = filler + "You look so healthy now!"
    (flag,) = [f for f in screen(text, "mentor").flags if f.category == "body_talk"]
    assert text[flag.start : flag.end].lower().startswith("you look so healthy")


def test_avoid_topics_may_be_a_tuple_or_none():
    assert screen("I went to the gym", "mentor", ("exercise",)).flags
    assert screen("I went to the gym", "mentor", None).flags == ()
