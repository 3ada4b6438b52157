import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.growth.phrasing import is_moving_away

AWAY = [
    "Stop skipping breakfast",
    "I want to stop weighing myself every day",
    "I'd like to not count calories",
    "No more bingeing at night",
    "quit the gym obsession",
    "Avoid the scales",
    "Never miss a meal again",
    "I don’t want to hide food",
    "Try to stop comparing myself",
    "  to NOT skip lunch.",
]
TOWARDS = [
    "Eat breakfast with my sister on Sundays",
    "Notice when I'm tired and rest",
    "Nourish myself three times a day",
    "Go to the cinema with a friend",
    "I want to enjoy a meal out",
    "Lessons in painting",
    "Stoppard play with Sam",  # a word that only begins like "stop"
    "",
]


@pytest.mark.parametrize("goal", AWAY)
def test_goals_worded_as_moving_away_are_recognised(goal):
    assert is_moving_away(goal)


@pytest.mark.parametrize("goal", TOWARDS)
def test_goals_worded_as_moving_towards_are_left_alone(goal):
    assert not is_moving_away(goal)


@given(st.text(max_size=300))
def test_any_words_at_all_get_an_answer_never_an_error(text):
    assert is_moving_away(text) in (True, False)


@given(st.sampled_from(["I want to ", "I'd like to ", "My goal is to ", "To ", ""]))
def test_a_lead_in_does_not_change_the_answer(lead):
    assert is_moving_away(lead + "stop skipping meals")
    assert not is_moving_away(lead + "share a meal with friends")
