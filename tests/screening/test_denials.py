"""Denials, rhetorical questions and near misses: what a negation cue does and does not cancel.

A denial sets aside the risk it denies ("I would never hurt myself"). Three kinds of text only
look like denials and must keep their level: a rhetorical question ("why should I not end it"),
a denial followed by a near miss ("I didn't do it. I came so close though"), and a past denial with
the night it nearly happened ("I didn't kill myself last night").
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.screening import context as ctx_mod
from alongside.screening import screen
from tests.screening.helpers import ENGINE, normal

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ACTS = ["kill myself", "end my life", "hurt myself", "take my own life"]
# Harmless words that hold no denial cue, no near miss and no risk of their own.
FILLER = st.lists(
    st.sampled_from(["really", "honestly", "today", "at", "home", "with", "my", "cat", "ok"]),
    max_size=4,
).map(" ".join)


def negated(text: str, phrase: str) -> bool:
    text = normal(text)
    start = text.index(phrase)
    return ctx_mod.is_negated(ENGINE.context, text, start, start + len(phrase))


@SETTINGS
@given(st.sampled_from(ACTS), FILLER, st.sampled_from(["would never", "will never", "don't"]))
def test_a_plain_denial_still_sets_the_risk_aside(act, filler, cue):
    # Whatever harmless words follow, a plain denial keeps denying.
    assert negated(f"I {cue} {act} {filler}".strip(), act)


@SETTINGS
@given(
    st.sampled_from(ACTS),
    FILLER,
    st.sampled_from(["But I nearly did", "but I came so close", "I really wanted to"]),
    st.sampled_from([". ", ", ", " "]),
)
def test_a_denial_followed_by_a_near_miss_is_no_denial(act, filler, near_miss, joint):
    text = f"I didn't {act}{joint}{near_miss} {filler}".strip()
    assert not negated(text, act)


@SETTINGS
@given(
    st.sampled_from(ACTS),
    st.sampled_from(["last night", "tonight", "yesterday", "this time"]),
    FILLER,
)
def test_a_past_denial_with_its_night_is_no_denial(act, when, filler):
    assert not negated(f"I didn't {act} {when} {filler}".strip(), act)
    # the same time word after a promise about the future still denies
    assert negated(f"I won't {act} {filler}".strip(), act)


@SETTINGS
@given(
    st.sampled_from(ACTS),
    st.sampled_from(["", "the hell ", "the fuck ", "on earth "]),
    st.sampled_from(["should I not", "shouldn't I", "would I not"]),
)
def test_a_rhetorical_why_question_denies_nothing(act, intensifier, question):
    assert not negated(f"why {intensifier}{question} {act}", act)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I didn't end my life tonight. I came so close though.", "urgent"),
        ("I didn't go through with it because I was scared it would fail", "urgent"),
        ("why the hell should I not end my life", "urgent"),
        ("give me one reason I shouldn't end my life", "urgent"),
        ("I would never kill myself, I promise", "none"),
        ("I didn't kill myself laughing at that, but it was close to a good joke", "none"),
        ("I didn't hurt myself when I fell off my bike last night, just a bruise", "none"),
    ],
)
def test_denials_in_whole_messages(text, level):
    assert screen(text, "peer").crisis == level
