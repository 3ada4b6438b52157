"""A partnership's life in two phone-sized browsers: the plan beside the conversation, a
meeting proposed, confirmed and put in a calendar, goals and strengths, stepping back and
resuming, and a closing the peer leads, with reflections."""

from pathlib import Path

import pytest

from alongside.demo.program import DEMO_PASSWORD, load_demo
from tests.browser.accessibility import assert_no_serious_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.real_curriculum,
]


def _signed_in(browser, base, email):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return page


def test_kai_and_priya_live_their_partnership(browser, live_server):
    from datetime import timedelta

    from django.utils import timezone

    from alongside.accounts.models import User
    from alongside.growth.models import Goal
    from alongside.partnerships.models import Meeting, State
    from alongside.partnerships.selectors import current_partnership_for_peer

    load_demo()
    base = live_server.url
    kai_user = User.objects.get(email="kai@demo.alongside.test")
    partnership = current_partnership_for_peer(kai_user)
    home = f"{base}/partnerships/{partnership.pk}/"
    kai = _signed_in(browser, base, "kai@demo.alongside.test")
    priya = _signed_in(browser, base, "priya@demo.alongside.test")

    # The plan beside the conversation: Priya's proposal waits for Kai, who adds it.
    kai.goto(home + "conversation/")
    assert_no_serious_axe_violations(kai)  # axe on each kind of page this walk opens
    side = kai.get_by_role("complementary", name="Plan and boundaries")
    assert "I reply within a day" in side.inner_text()  # Priya's own boundaries
    side.get_by_role("button", name="Add it to my plan").click()
    kai.wait_for_url("**/partnerships/*/")
    assert "a voice note to me" in kai.content()

    # Kai writes a goal worded as stopping something: a gentle question, the words kept.
    assert_no_serious_axe_violations(kai)
    kai.get_by_role("link", name="Your goals and strengths").click()
    assert_no_serious_axe_violations(kai)
    kai.get_by_label("What would you like to move towards?").fill("Stop skipping lunch")
    kai.get_by_role("button", name="Save my goal").click()
    assert "what they would like to be doing instead" in kai.content()
    new_goal = kai.get_by_role("article", name="Stop skipping lunch")
    new_goal.get_by_label("Your goal, in any words you like").fill("Have lunch with a friend")
    new_goal.get_by_role("button", name="Save these words").click()
    kai.get_by_role("article", name="Have lunch with a friend").wait_for()
    reworded = next(  # titles are encrypted: found by reading them, not in SQL
        g
        for g in Goal.objects.filter(partnership=partnership)
        if g.title == "Have lunch with a friend"
    )
    # The goal is progressed: a small step, ticked off, and a line of how it is going.
    goal = kai.locator(f"#goal-{reworded.pk}")
    goal.get_by_text("Add a step, write how it is going, or change it").click()
    goal.get_by_label("A small step").fill("Text Sam about Thursday")
    goal.get_by_role("button", name="Add the step").click()
    kai.get_by_text("Step added").or_(kai.get_by_text("The step is added.")).first.wait_for()
    kai.locator(f"#goal-{reworded.pk}").get_by_role(
        "button", name="Mark done: Text Sam about Thursday"
    ).click()
    kai.get_by_text("Step done.").wait_for()
    goal = kai.locator(f"#goal-{reworded.pk}")
    goal.get_by_text("Add a step, write how it is going, or change it").click()
    goal.get_by_label("How it is going").fill("Sam said yes!")
    goal.get_by_role("button", name="Save this note").click()
    kai.get_by_text("Noted in the goal's history.").wait_for()
    assert reworded.steps.get().done_at is not None and reworded.progress.count() == 1
    # Priya records a strength; Kai sees it on the timeline.
    priya.goto(home + "moving-towards/")
    priya.get_by_label("A strength you noticed in Kai").fill("You asked a friend for lunch")
    priya.get_by_role("button", name="Note it").click()
    priya.get_by_text("The strength is noted.").wait_for()
    kai.reload()
    assert "You asked a friend for lunch" in kai.content()

    # Kai proposes a meeting; Priya confirms it and downloads its calendar file.
    kai.goto(home)
    kai.get_by_text("Propose a meeting").first.click()
    day = (timezone.now() + timedelta(days=5)).date().isoformat()
    proposing = kai.locator("form", has=kai.locator("#id_meeting_day"))
    proposing.get_by_label("Day").fill(day)
    proposing.get_by_label("Time").fill("17:15")
    proposing.get_by_label("How", exact=True).select_option("phone")
    kai.get_by_role("button", name="Propose this meeting").click()
    kai.get_by_text("Your proposal is sent").wait_for()
    proposed = Meeting.objects.get(partnership=partnership, status="proposed")
    priya.goto(home)
    priya.locator(f"#meeting-{proposed.pk}").get_by_role("button", name="Confirm this time").click()
    priya.get_by_text("Confirmed. It is in your upcoming meetings.").wait_for()
    proposed.refresh_from_db()
    assert proposed.status == "confirmed"
    with priya.expect_download() as caught:
        priya.locator(f"#meeting-{proposed.pk}").get_by_role(
            "link", name="Add to your calendar"
        ).click()
    assert b"BEGIN:VEVENT" in Path(caught.value.path()).read_bytes()

    # Kai steps back; Priya cannot write and cannot resume; Kai resumes.
    kai.goto(home)
    kai.get_by_role("button", name="Step back for now").click()
    priya.goto(home + "conversation/")
    assert priya.get_by_label("Your message").count() == 0
    priya.goto(home)
    assert priya.get_by_role("button", name="Resume").count() == 0
    kai.goto(home)
    kai.get_by_role("button", name="Resume").click()

    # Priya proposes closing; Kai leads the plan and closes; the partnership is read-only.
    priya.goto(home)
    priya.get_by_text("Ending the partnership").click()
    priya.get_by_role("button", name="Propose closing").click()
    kai.goto(home)
    kai.get_by_label("How would you like your last meeting to be?").fill("A walk in the park")
    kai.get_by_role("button", name="Save my plan").click()
    kai.get_by_label("Your closing reflection").fill("I found my voice again")
    kai.get_by_label("Share it with the other person").check()
    kai.get_by_role("button", name="Save my reflection").click()
    priya.goto(home)
    assert "I found my voice again" in priya.content()
    priya.get_by_label("Your closing reflection").fill("It was a gift to walk with you")
    priya.get_by_role("button", name="Save my reflection").click()
    kai.get_by_role("button", name="Close our partnership").click()
    partnership.refresh_from_db()
    assert partnership.state == State.CLOSED
    priya.goto(home)
    assert_no_serious_axe_violations(priya)  # a closed partnership, with its plan
    assert "A walk in the park" in priya.content()
    assert kai.get_by_role("link", name="Choose a new mentor").count() == 1
