"""Two browsers, a peer and her mentor, talk live; the mentor is coached as they type."""

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
    assert_no_serious_axe_violations(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return page


def test_a_peer_and_her_mentor_talk_live_and_the_mentor_is_coached_as_they_type(
    browser, asgi_server
):
    from alongside.accounts.models import User
    from alongside.partnerships.selectors import current_partnership_for_peer

    load_demo()
    kai = User.objects.get(email="kai@demo.alongside.test")
    url = f"{asgi_server}/partnerships/{current_partnership_for_peer(kai).pk}/conversation/"
    peer = _signed_in(browser, asgi_server, "kai@demo.alongside.test")
    mentor = _signed_in(browser, asgi_server, "priya@demo.alongside.test")
    peer.goto(url)
    assert_no_serious_axe_violations(peer)
    mentor.goto(url)
    assert_no_serious_axe_violations(mentor)
    mentor.wait_for_timeout(500)  # let both sockets open

    peer.get_by_label("Your message").fill("Today was hard, but I had lunch with a friend.")
    peer.get_by_role("button", name="Send").click()
    # Well inside the 5-second poll: it came over the socket.
    mentor.get_by_text("I had lunch with a friend").wait_for(timeout=2500)

    box = mentor.get_by_label("Your message")
    box.press_sequentially("You look so healthy now!", delay=10)
    notes = mentor.locator("#coach-notes")
    notes.get_by_text("Language coach").wait_for(timeout=5000)
    assert notes.locator("mark").count() >= 1
    # One click takes the gentler words in place; the mentor then edits and sends.
    notes.get_by_role("button", name="Use “It's good to see you”").click()
    assert box.input_value() == "It's good to see you now!"
    assert "Changed to" in mentor.locator("#coach-status").inner_text()
    box.press("End")
    box.press_sequentially(" How are you feeling about the week?", delay=5)
    mentor.get_by_role("button", name="Send").click()  # sending stays the mentor's decision
    peer.get_by_text("It's good to see you now! How are you feeling about the week?").wait_for(
        timeout=2500
    )
    mentor.screenshot(path="test-results/conversation-mentor.png", full_page=True)
    assert "Language coach" not in peer.content()  # the peer never sees the coach
