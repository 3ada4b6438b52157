"""A long message is searched only where each rule could match: never a match lost or added.

The engine cuts a long message's search down to the sentences around each rule's anchor words
(prefilter.Windows, RuleIndex.select_by_sentence). These tests hold it to the plain answer:
every branch's matches, found through the windows, equal re.finditer over the whole text.
"""

import json
import random
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from alongside.screening import engine
from alongside.screening.normalise import (
    CASE_JOIN_RE,
    LEET_RE,
    REPEAT_RE,
    SPACED_CHECK_RE,
    needs_work,
)
from alongside.screening.prefilter import MAX_REACH, stop_reach
from tests.screening.helpers import ENGINE, normal
from tests.screening.test_properties import PHRASES, SETTINGS

DATA = Path(__file__).parent / "data"


def windowed_matches_equal_finditer(text: str) -> None:
    text = normal(text)
    candidates, _fired, windows = ENGINE.analyse(text)
    chosen = {id(branch) for _rule, branch in candidates}
    for rule, branch in ENGINE.index.entries:
        expected = [m.span() for m in branch.regex.finditer(text)]
        if id(branch) not in chosen:
            assert not expected, (rule.id, text[:80])
            continue
        found = [m.span() for m in engine.branch_matches(branch, text, windows)]
        assert found == expected, (rule.id, branch.regex.pattern[:60], text[:80])


def long_posts(seed: int, count: int) -> list[str]:
    """Development messages strung together into long posts, joined in different ways."""
    lines = []
    for path in sorted(DATA.glob("*.jsonl")):
        lines += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    rng = random.Random(seed)
    joins = [" ", ". ", "! ", "? ", "\n", "...", ".", " e.g. "]
    posts = []
    for _ in range(count):
        pieces = rng.sample(lines, rng.randint(6, 20))
        posts.append("".join(piece + rng.choice(joins) for piece in pieces))
    return posts


def test_windows_find_what_the_whole_text_finds_in_long_development_posts():
    posts = long_posts(seed=11, count=250)
    assert sum(len(post) >= engine.WINDOWS_FROM_LENGTH for post in posts) > 225
    for post in posts:
        windowed_matches_equal_finditer(post)


long_texts = st.lists(
    st.one_of(st.sampled_from([*PHRASES, ".", "!", "?", "e.g.", "...", " . "]), st.text()),
    min_size=20,
    max_size=80,
).map(" ".join)


@SETTINGS
@given(long_texts)
def test_windows_find_what_the_whole_text_finds_in_any_long_text(text):
    windowed_matches_equal_finditer(text)


def test_windows_search_a_sentence_not_the_whole_post():
    text = normal("It rained all day. " * 40 + "You look so healthy now. " + "We talked. " * 40)
    candidates, _fired, windows = ENGINE.analyse(text)
    spans = [
        windows.of(branch) for rule, branch in candidates if rule.id == "body.appearance_comment"
    ]
    assert spans, "the appearance rule is a candidate"
    start, end = spans[0][0]
    assert "healthy" in text[start:end]
    assert end - start < 60  # one sentence of a post of some 1,250 characters


def test_stop_reach_counts_the_sentence_stops_a_match_can_cross():
    assert stop_reach(r"\bcalm\s+down\b") == 0
    assert stop_reach(r"[.!?,]\s*relax") == 1
    assert stop_reach(r"\d+(?:[.,]\d+)?\s*kg") == 1
    assert stop_reach(r"you(?=\s*[.!])") == 1  # a lookahead may look at one
    assert stop_reach(r"(?<=\.\s)you") == 0  # lookbehinds see the whole text anyway
    assert stop_reach(r"[^a-z]x") == 1
    assert stop_reach(r"\w+\W+x") is None  # any number of stops
    assert stop_reach(r"x.*y") is None
    assert stop_reach(r"[.!?]+\s*x") is None
    assert stop_reach(r"x\s*$") is None  # a window's end would pass for the text's end
    assert stop_reach(r"(a)\1") is None
    assert stop_reach(r"\." * (MAX_REACH + 1)) is None


OLD_CHECKS = (
    re.compile(r"[a-z][A-Z]"),
    re.compile(r"([a-zA-Z])\1\1"),
    re.compile(r"[a-zA-Z][013457@$!]+[a-zA-Z]"),
    SPACED_CHECK_RE,
)


@SETTINGS
@given(
    st.text(
        alphabet=st.sampled_from(list("aAbZz 0147@$!.*_-\n'é") + ["\u0130", "\uff41"]),
        max_size=40,
    )
)
def test_the_quick_check_agrees_with_each_pattern_it_stands_for(text):
    assert needs_work(text) == any(check.search(text) for check in OLD_CHECKS)


def test_the_quick_check_lets_through_what_normalising_would_change():
    for text in ("suicidalEdit", "diiie", "v00mit", "k i l l myself"):
        assert needs_work(text)
        assert any(p.search(text) for p in (CASE_JOIN_RE, REPEAT_RE, LEET_RE)) or " " in text
    assert not needs_work("Thanks for telling me how the week went.")
