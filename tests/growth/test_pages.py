"""The Moving towards page, in the hands of each person."""

from alongside.growth.models import Goal, GoalStatus, Strength
from alongside.growth.phrasing import REFRAME_QUESTION


def _page(client, partnership):
    return client.get(f"/partnerships/{partnership.pk}/moving-towards/").content.decode()


def test_a_goal_worded_as_moving_away_gets_a_gentle_question_and_is_kept_as_written(
    client, login, peer, partnership
):
    login(peer)
    response = client.post(
        f"/partnerships/{partnership.pk}/moving-towards/goals/", {"title": "Stop skipping lunch"}
    )
    goal = Goal.objects.get()
    assert response.url.endswith(f"#goal-{goal.pk}")
    page = _page(client, partnership)
    assert REFRAME_QUESTION.split(".")[0] in page and '<details class="reframe" open>' in page
    assert goal.title == "Stop skipping lunch" and goal.status == GoalStatus.ACTIVE
    later = _page(client, partnership)  # offered open once; afterwards folded, never pressed
    assert '<details class="reframe">' in later and '<details class="reframe" open>' not in later
    client.post(
        f"/partnerships/{partnership.pk}/moving-towards/goals/{goal.pk}/",
        {"action": "edit", "title": "Have lunch every day"},
    )
    goal.refresh_from_db()
    assert goal.title == "Have lunch every day"
    assert 'class="reframe"' not in _page(client, partnership)


def test_a_goal_worded_as_moving_towards_gets_no_question(client, login, peer, partnership):
    login(peer)
    client.post(f"/partnerships/{partnership.pk}/moving-towards/goals/", {"title": "Swim weekly"})
    assert REFRAME_QUESTION.split(".")[0] not in _page(client, partnership)


def test_the_mentor_suggests_and_the_peer_decides_on_the_page(
    client, login, peer, her_mentor, partnership
):
    login(her_mentor)
    client.post(
        f"/partnerships/{partnership.pk}/moving-towards/goals/", {"title": "Visit the market"}
    )
    assert "Waiting for Alice to decide" in _page(client, partnership)
    login(peer)
    assert "Make it my goal" in _page(client, partnership)
    goal = Goal.objects.get()
    client.post(
        f"/partnerships/{partnership.pk}/moving-towards/goals/{goal.pk}/", {"action": "accept"}
    )
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACTIVE


def test_an_unknown_action_or_overlong_text_changes_nothing(client, login, peer, partnership):
    login(peer)
    client.post(f"/partnerships/{partnership.pk}/moving-towards/goals/", {"title": "Rest"})
    goal = Goal.objects.get()
    url = f"/partnerships/{partnership.pk}/moving-towards/goals/{goal.pk}/"
    response = client.post(url, {"action": "delete_everything"}, follow=True)
    assert "nothing was changed" in response.content.decode()
    response = client.post(url, {"action": "step", "text": "s" * 301}, follow=True)
    assert "up to 300 characters" in response.content.decode()
    assert Goal.objects.get().steps.count() == 0


def test_the_peer_hides_a_strength_from_the_page(client, login, peer, her_mentor, partnership):
    login(her_mentor)
    client.post(
        f"/partnerships/{partnership.pk}/moving-towards/strengths/",
        {"text": "You kept your appointment"},
    )
    strength = Strength.objects.get()
    login(peer)
    assert "You kept your appointment" in _page(client, partnership)
    client.post(
        f"/partnerships/{partnership.pk}/moving-towards/strengths/{strength.pk}/", {"hidden": "1"}
    )
    login(her_mentor)
    assert "You kept your appointment" not in _page(client, partnership)


def test_the_partnership_page_links_to_moving_towards(client, login, peer, partnership):
    login(peer)
    page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert f"/partnerships/{partnership.pk}/moving-towards/" in page
