"""A partnership's life in two phone-sized browsers: the plan beside the conversation, goals
and strengths, stepping back and resuming, and a closing the peer leads."""

import pytest

from alongside.demo.program import DEMO_PASSWORD, load_demo

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
    from alongside.accounts.models import User
    from alongside.growth.models import Goal
    from alongside.partnerships.models import State
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
    side = kai.get_by_role("complementary", name="Plan and boundaries")
    assert "I reply within a day" in side.inner_text()  # Priya's own boundaries
    side.get_by_role("button", name="Add it to my plan").click()
    kai.wait_for_url("**/partnerships/*/")
    assert "a voice note to me" in kai.content()

    # Kai writes a goal worded as stopping something: a gentle question, the words kept.
    kai.get_by_role("link", name="Your goals and strengths").click()
    kai.get_by_label("What would you like to move towards?").fill("Stop skipping lunch")
    kai.get_by_role("button", name="Save my goal").click()
    assert "what they would like to be doing instead" in kai.content()
    kai.get_by_label("Your goal, in any words you like").fill("Have lunch with a friend")
    kai.get_by_role("button", name="Save these words").click()
    assert Goal.objects.filter(partnership=partnership, status="active").count() == 2

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
    kai.get_by_role("button", name="Close our partnership").click()
    partnership.refresh_from_db()
    assert partnership.state == State.CLOSED
    priya.goto(home)
    assert "A walk in the park" in priya.content()
    assert kai.get_by_role("link", name="Choose a new mentor").count() == 1
