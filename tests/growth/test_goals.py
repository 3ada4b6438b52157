"""The peer owns their goals; the mentor suggests; either notes a strength; the peer hides."""

import pytest

from alongside.growth.models import Goal, GoalStatus, Strength
from alongside.growth.services import (
    GrowthRefused,
    goal_add,
    goal_decide,
    goal_edit,
    goal_move,
    progress_add,
    step_add,
    step_done,
    strength_add,
    strength_hide,
)
from alongside.partnerships.access import access_partnership_member
from alongside.partnerships.models import State
from alongside.partnerships.services import partnership_pause, partnership_transition


@pytest.fixture
def peer_view(peer, partnership):
    return access_partnership_member(peer, partnership.pk)


@pytest.fixture
def mentor_view(her_mentor, partnership):
    return access_partnership_member(her_mentor, partnership.pk)


def test_a_peers_goal_is_hers_at_once_and_a_mentors_waits_for_her(
    peer, her_mentor, peer_view, mentor_view
):
    mine = goal_add(view=peer_view, by=peer, title="Eat lunch with colleagues")
    suggested = goal_add(view=mentor_view, by=her_mentor, title="Try a new café together")
    assert mine.status == GoalStatus.ACTIVE and suggested.status == GoalStatus.SUGGESTED
    with pytest.raises(GrowthRefused):
        goal_decide(view=mentor_view, by=her_mentor, goal_id=suggested.pk, accept=True)
    goal_decide(view=peer_view, by=peer, goal_id=suggested.pk, accept=True)
    suggested.refresh_from_db()
    assert suggested.status == GoalStatus.ACTIVE


def test_only_the_peer_shapes_her_goals(peer, her_mentor, peer_view, mentor_view):
    goal = goal_add(view=peer_view, by=peer, title="Walk by the sea")
    for attempt in (
        lambda: step_add(view=mentor_view, by=her_mentor, goal_id=goal.pk, text="a step"),
        lambda: progress_add(view=mentor_view, by=her_mentor, goal_id=goal.pk, note="went"),
        lambda: goal_move(view=mentor_view, by=her_mentor, goal_id=goal.pk, to="reached"),
        lambda: goal_edit(view=mentor_view, by=her_mentor, goal_id=goal.pk, title="Run"),
    ):
        with pytest.raises(GrowthRefused):
            attempt()
    goal.refresh_from_db()
    assert goal.title == "Walk by the sea" and not goal.steps.exists()


def test_steps_and_a_progress_history(peer, peer_view):
    goal = goal_add(view=peer_view, by=peer, title="Cook one new recipe")
    step = step_add(view=peer_view, by=peer, goal_id=goal.pk, text="Choose the recipe")
    step_done(view=peer_view, by=peer, step_id=step.pk, done=True)
    progress_add(view=peer_view, by=peer, goal_id=goal.pk, note="Picked a soup")
    progress_add(view=peer_view, by=peer, goal_id=goal.pk, note="Made it, and liked it")
    goal_move(view=peer_view, by=peer, goal_id=goal.pk, to=GoalStatus.REACHED)
    goal.refresh_from_db()
    assert goal.status == GoalStatus.REACHED and goal.steps.get().done_at is not None
    assert [p.note for p in goal.progress.all()] == ["Made it, and liked it", "Picked a soup"]


def test_bad_input_is_refused_and_changes_nothing(peer, peer_view, another_peer):
    with pytest.raises(GrowthRefused, match="up to 300"):
        goal_add(view=peer_view, by=peer, title="x" * 301)
    with pytest.raises(GrowthRefused, match="Please write"):
        goal_add(view=peer_view, by=peer, title="   ")
    assert not Goal.objects.exists()
    goal = goal_add(view=peer_view, by=peer, title="Sleep well")
    with pytest.raises(GrowthRefused):
        goal_move(view=peer_view, by=peer, goal_id=goal.pk, to="suggested")  # not a peer move
    with pytest.raises(GrowthRefused, match="not found"):
        step_add(view=peer_view, by=peer, goal_id=goal.pk + 999, text="a step")


def test_another_partnerships_goal_cannot_be_touched(peer, peer_view, partnership, db):
    from alongside.partnerships.models import Partnership

    other = Partnership.objects.create(
        peer=partnership.mentor, mentor=partnership.peer, state=State.CLOSED
    )
    foreign = Goal.objects.create(partnership=other, title="theirs", status=GoalStatus.ACTIVE)
    with pytest.raises(GrowthRefused, match="not found"):
        progress_add(view=peer_view, by=peer, goal_id=foreign.pk, note="mine now")
    assert not foreign.progress.exists()


def test_a_paused_or_closed_partnership_keeps_its_goals_readable_only(peer, partnership, peer_view):
    goal = goal_add(view=peer_view, by=peer, title="Paint on Sundays")
    partnership_pause(partnership=partnership, by=peer)
    paused = access_partnership_member(peer, partnership.pk)
    with pytest.raises(GrowthRefused, match="paused"):
        progress_add(view=paused, by=peer, goal_id=goal.pk, note="painted")
    partnership_transition(partnership=partnership, to=State.CLOSED, by=peer)
    closed = access_partnership_member(peer, partnership.pk)
    with pytest.raises(GrowthRefused, match="closed"):
        strength_add(view=closed, by=peer, text="kept going")


def test_strengths_either_notes_and_only_the_peer_hides(peer, her_mentor, peer_view, mentor_view):
    from alongside.growth.selectors import strengths_for

    noticed = strength_add(view=mentor_view, by=her_mentor, text="You reached out when it was hard")
    strength_add(view=peer_view, by=peer, text="I asked for what I needed")
    with pytest.raises(GrowthRefused):
        strength_hide(view=mentor_view, by=her_mentor, strength_id=noticed.pk, hidden=True)
    strength_hide(view=peer_view, by=peer, strength_id=noticed.pk, hidden=True)
    assert len(strengths_for(peer_view)) == 2  # she still sees it, marked hidden
    assert [s.text for s in strengths_for(mentor_view)] == ["I asked for what I needed"]
    assert Strength.objects.get(pk=noticed.pk).hidden_at is not None


def test_goal_words_are_encrypted_at_rest(peer, peer_view):
    from django.db import connection

    goal_add(view=peer_view, by=peer, title="Eat a full dinner", why="for my kids")
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, why FROM growth_goal")
        row = " ".join(cursor.fetchone())
    assert "dinner" not in row and "kids" not in row
