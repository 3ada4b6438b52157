"""Properties that hold for any input: documented errors only, sane spans, peers uncoached."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.screening import PART_LENGTH, engine, screen
from tests.screening.helpers import COACH_INDEX, CRISIS_INDEX, normal, prefilter

PHRASES = [
    "you look so healthy",
    "I want to kill myself",
    "not in any danger",
    "I was 45 kg",
    "you need to eat",
    "calm down",
    "my friend fainted",
    "cheat day",
    "gym",
    "you’re looking great",
    "🙂",
    "\u0130stanbul",
    "ß",
    "\n",
    ". ",
]
texts = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(PHRASES), st.text(max_size=20)), max_size=30).map(" ".join),
    st.builds(
        lambda piece, count: piece * count,
        st.text(min_size=1, max_size=3),
        st.integers(min_value=PART_LENGTH // 4, max_value=PART_LENGTH + 10),
    ),
)
roles = st.sampled_from(["mentor", "peer"])
topics = st.one_of(st.none(), st.lists(st.text(alphabet=string.ascii_letters + " ", max_size=12)))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def documented_reason(text: str, error: ValueError) -> bool:
    return not text.strip() and "empty" in str(error)


@SETTINGS
@given(texts, roles, topics)
def test_any_text_screens_or_fails_for_a_documented_reason(text, role, avoid):
    try:
        result = screen(text, role, avoid)
    except ValueError as error:
        assert documented_reason(text, error), str(error)
        return
    assert result.crisis in {"none", "concern", "urgent"}
    for flag in result.flags:
        assert 0 <= flag.start < flag.end <= len(text)
    assert [f.start for f in result.flags] == sorted(f.start for f in result.flags)


@SETTINGS
@given(texts, topics)
def test_peers_are_never_flagged(text, avoid):
    if text.strip():
        assert screen(text, "peer", avoid).flags == ()


@SETTINGS
@given(texts, roles, topics)
def test_screening_is_deterministic(text, role, avoid):
    if text.strip():
        assert screen(text, role, avoid) == screen(text, role, avoid)


@SETTINGS
@given(st.one_of(st.integers(), st.binary(), st.none(), st.lists(st.text())), roles)
def test_non_strings_are_refused_with_value_error(value, role):
    try:
        screen(value, role)  # type: ignore[arg-type]
    except ValueError as error:
        assert "string" in str(error)
    else:
        raise AssertionError("non-string text was accepted")


@SETTINGS
@given(texts)
def test_prefilter_never_skips_a_branch_that_would_match(text):
    text = normal(text)
    keys, folded = prefilter(text)
    for index in (COACH_INDEX, CRISIS_INDEX):
        chosen = {id(branch) for _rule, branch in index.candidates(keys, folded)}
        for rule, branch in index.entries:
            if branch.regex.search(text):
                assert id(branch) in chosen, rule.id


@SETTINGS
@given(texts)
def test_jumping_matcher_agrees_with_finditer(text):
    text = normal(text)
    for index in (COACH_INDEX, CRISIS_INDEX):
        for rule, branch in index.entries:
            expected = [m.span() for m in branch.regex.finditer(text)]
            assert [m.span() for m in engine.matches(branch, text)] == expected, rule.id
