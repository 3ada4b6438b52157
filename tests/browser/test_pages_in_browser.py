"""The pages as a person meets them: keyboard, phone width, zoom, sign-in."""

import pytest

from alongside.accounts.models import Role
from tests.conftest import PASSWORD, make_person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.real_curriculum,
]


def test_the_stylesheet_applies(page, live_server):
    page.goto(live_server.url + "/")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(251, 250, 247)"


def test_the_skip_link_is_the_first_stop_and_jumps_to_main(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("width", [320, 375])
def test_pages_fit_a_phone_without_sideways_scrolling(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 700})
    for path in ("/", "/accounts/login/", "/accounts/signup/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    page.screenshot(path=f"test-results/signup-{width}.png", full_page=True)


def test_pages_still_fit_at_200_percent_zoom(browser, live_server):
    # 200% zoom on a 1280px window lays out like a 640px window with doubled pixels.
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()


def test_a_peer_signs_in_and_lands_in_their_space(page, live_server):
    make_person("alice@example.org", "Alice", Role.PEER)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("alice@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/peer/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Alice"
    current = page.locator('nav[aria-label="Main"] a[aria-current="page"]')
    assert current.inner_text() == "My space"
    page.screenshot(path="test-results/peer-home.png", full_page=True)


def test_a_wrong_password_is_explained_on_the_page(page, live_server):
    make_person("alice@example.org", "Alice", Role.PEER)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("alice@example.org")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text(
        "The email address and/or password you specified are not correct"
    ).is_visible()
