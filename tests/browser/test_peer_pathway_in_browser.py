"""A peer describes what they want, chooses a suggested mentor, and both land in the partnership."""

import pytest

from alongside.accounts.models import Role
from alongside.demo.program import DEMO_PASSWORD, load_demo
from alongside.partnerships.models import Partnership
from tests.browser.accessibility import assert_no_serious_axe_violations
from tests.conftest import PASSWORD, make_person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.real_curriculum,
]

HOPE = "Someone who gets it, to talk with on Tuesday evenings"


def _sign_in(page, base, email, password):
    page.goto(base + "/accounts/login/")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def _fill_intake(page, base):
    page.goto(base + "/peer/intake/")
    assert_no_serious_axe_violations(page)
    page.fill("#id_hopes", HOPE)
    page.fill("#id_avoid_topics", "the gym")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and continue").click()  # the lights plan, left empty
    page.check('input[name="lived_experience"][value="body_image"]')
    page.check('input[name="languages"][value="en"]')
    page.get_by_role("button", name="Save and continue").click()
    page.check('input[name="meeting_modes"][value="chat"]')
    page.check('input[name="preferred_times"][value="tue-evening"]')
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and continue").click()  # no preferences
    page.check('input[name="shared_items"][value="hopes"]')
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/peer/intake/review/")
    assert_no_serious_axe_violations(page)


def test_a_peer_chooses_a_mentor_and_both_land_in_the_partnership(page, live_server):
    load_demo()
    make_person("river@example.org", "River", Role.PEER, consent=False)
    base = live_server.url
    _sign_in(page, base, "river@example.org", PASSWORD)
    page.get_by_label("I have read this statement and I accept it.").check()
    page.get_by_role("button", name="Accept and continue").click()
    _fill_intake(page, base)

    page.goto(base + "/peer/mentors/")
    assert_no_serious_axe_violations(page)
    sam = page.locator("li.card", has=page.get_by_role("heading", name="Sam"))
    assert "Shares your language: English" in sam.inner_text()
    sam.get_by_role("link", name="Read Sam").click()
    page.get_by_role("button", name="Preview my request").click()
    assert HOPE in page.content()  # the request exactly as Sam will see it, before it is sent
    page.get_by_role("button", name="Send my request to Sam").click()
    page.get_by_role("button", name="Sign out").click()

    _sign_in(page, base, "mentor@demo.alongside.test", DEMO_PASSWORD)
    page.goto(base + "/mentor/requests/")
    assert_no_serious_axe_violations(page)
    assert HOPE in page.content()
    assert "the gym" not in page.content()  # not shared by the peer
    page.get_by_role("button", name="Accept and start the partnership").click()
    partnership = Partnership.objects.get(peer__email="river@example.org")
    page.wait_for_url(f"**/partnerships/{partnership.pk}/")
    assert_no_serious_axe_violations(page)
    assert page.get_by_role("heading", level=1).inner_text() == "You and River"
    page.get_by_role("button", name="Sign out").click()

    _sign_in(page, base, "river@example.org", PASSWORD)
    page.goto(f"{base}/partnerships/{partnership.pk}/")
    assert_no_serious_axe_violations(page)
    assert page.get_by_role("heading", level=1).inner_text() == "You and Sam"
    page.screenshot(path="test-results/peer-partnership.png", full_page=True)
    assert partnership.state == "active"
