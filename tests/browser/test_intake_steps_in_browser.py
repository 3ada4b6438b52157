"""On a phone-sized screen the intake is a walk of short steps: each page stays short, never
scrolls sideways, and a peer who leaves halfway finds their answers when they come back."""

import pytest

from alongside.accounts.models import Role
from alongside.intake.models import PeerIntake
from tests.browser.accessibility import assert_no_serious_axe_violations
from tests.conftest import PASSWORD, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_HEIGHT = 2000  # px at 390 px wide; the single form was about 5,900


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


def _measure(page) -> tuple[int, int, int]:
    return page.evaluate(
        "() => [document.documentElement.scrollHeight, document.documentElement.scrollWidth,"
        " document.documentElement.clientWidth]"
    )


def _check_fits(page, heights):
    height, scroll_width, width = _measure(page)
    heights[page.url] = height
    assert height < MAX_HEIGHT, (page.url, height)
    assert scroll_width <= width, (page.url, scroll_width, width)
    assert_no_serious_axe_violations(page)


def test_a_peer_walks_the_steps_on_a_phone_and_comes_back_to_their_answers(phone, asgi_server):
    make_person("wren@example.org", "Wren", Role.PEER)
    page, base, heights = phone, asgi_server, {}
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill("wren@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(base + "/peer/intake/")
    assert page.locator("#intake-step-count").filter(has_text="Step 1 of 6").is_visible()
    assert page.get_by_role("progressbar", name="Step 1 of 6").is_visible()
    _check_fits(page, heights)
    page.fill("#id_hopes", "phone-hope-marker")
    page.get_by_role("button", name="Save and continue").click()

    assert page.locator("#intake-step-count").filter(has_text="Step 2 of 6").is_visible()
    _check_fits(page, heights)
    page.fill("#id_yellow_helps", "phone-lights-marker")
    page.get_by_role("button", name="Save and continue").click()

    assert page.locator("#intake-step-count").filter(has_text="Step 3 of 6").is_visible()
    _check_fits(page, heights)
    page.check('input[name="languages"][value="fr"]')
    page.get_by_role("button", name="Save and finish later").click()  # leaves halfway
    page.wait_for_url("**/peer/")
    assert "pick up at step 4 of 6" in page.content()

    page.goto(base + "/peer/intake/")  # coming back picks up at the first unsaved step
    page.wait_for_url("**/peer/intake/meeting/")
    assert page.locator("#intake-step-count").filter(has_text="Step 4 of 6").is_visible()
    _check_fits(page, heights)
    page.get_by_role("link", name="Back").click()
    assert page.is_checked('input[name="languages"][value="fr"]')
    page.goto(base + "/peer/intake/hopes/")
    assert page.input_value("#id_hopes") == "phone-hope-marker"

    page.goto(base + "/peer/intake/meeting/")
    page.get_by_role("button", name="Save and continue").click()
    for number in (5, 6):
        assert (
            page.locator("#intake-step-count").filter(has_text=f"Step {number} of 6").is_visible()
        )
        _check_fits(page, heights)
        page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/peer/intake/review/")
    _check_fits(page, heights)
    assert "phone-hope-marker" in page.content() and "phone-lights-marker" in page.content()
    assert PeerIntake.objects.get().is_complete
    print("page heights at 390 px:", heights)
