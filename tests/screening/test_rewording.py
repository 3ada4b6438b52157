"""The one-click rewordings: every entry serves real rules, each example turns into what it says,
and through the whole pipeline a flagged draft gets words that the coach no longer flags."""

from io import StringIO

import pytest

from alongside.screening import screen
from alongside.screening.rewording import (
    RewordingError,
    load_rewordings,
    matching_case,
    rewording_for,
)
from tests.screening.helpers import RULES

REWORDINGS = load_rewordings()
EXAMPLES = [
    pytest.param(entry, before, after, id=f"{sorted(entry.rules)[0]}:{before}")
    for entry in REWORDINGS
    for before, after in entry.examples
]


def test_every_rewording_names_rules_that_exist():
    known = {rule.id for rule in RULES if rule.kind == "coach"}
    for entry in REWORDINGS:
        assert entry.rules <= known, sorted(entry.rules - known)


@pytest.mark.parametrize(("entry", "before", "after"), EXAMPLES)
def test_each_example_turns_into_what_it_says(entry, before, after):
    assert entry.apply(before) == after


@pytest.mark.parametrize(
    ("draft", "flagged", "gentler"),
    [
        ("You need to eat more, honestly.", "You need to eat", "You could eat"),
        ("Why don't you just eat?", "Why don't you just eat", "Would it help to eat"),
        ("Calm down, it's fine.", "Calm down", "Take your time"),
        ("What's wrong with you?", "What's wrong with you", "What's been happening for you"),
        ("That's junk food but whatever.", "junk food", "food"),
        ("You look so healthy now!", "You look so healthy", "It's good to see you"),
    ],
)
def test_a_flagged_draft_is_offered_words_the_coach_is_content_with(draft, flagged, gentler):
    flag = next(f for f in screen(draft, "mentor").flags if draft[f.start : f.end] == flagged)
    assert rewording_for(flag, draft) == gentler
    rewritten = draft[: flag.start] + gentler + draft[flag.end :]
    # The rules no longer see the slip. (The learned model's own single-word notes are its
    # calibration's business, measured in docs/screening.md, not the rewording's.)
    still = {
        f.category
        for f in screen(rewritten, "mentor").flags
        if f.rule_id != f"learned.{f.category}"
    }
    assert flag.category not in still, rewritten


def test_flags_without_a_fitting_rewording_are_offered_none():
    draft = "I weighed 90 pounds then."  # numbers: the advice is to leave them out
    (flag,) = screen(draft, "mentor").flags
    assert rewording_for(flag, draft) is None


def test_case_follows_the_flagged_words_and_I_stays_capital():
    assert matching_case("You", "you could") == "You could"
    assert matching_case("you", "You could") == "you could"
    assert matching_case("promise", "I hope you'll") == "I hope you'll"


class Source(StringIO):
    name = "rewordings.toml"

    def read_text(self, encoding="utf-8"):
        return self.getvalue()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[rewording]]\nrules = ["x"]\npattern = "("\nuse = "y"\nexamples = [["a", "b"]]\n',
            "compile",
        ),
        ('[[rewording]]\nrules = ["x"]\npattern = "a"\nexamples = [["a", "b"]]\n', "exactly"),
        (
            '[[rewording]]\nrules = []\npattern = "a"\nuse = "b"\nexamples = [["a", "b"]]\n',
            "one rule",
        ),
        ("[[rewording]\n", "cannot be read"),
    ],
)
def test_a_malformed_file_names_the_entry_and_the_fault(text, message):
    with pytest.raises(RewordingError, match=message):
        load_rewordings(Source(text))
