"""A demo applicant becomes a matchable mentor in the browser, approved by a coordinator."""

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from alongside.accounts.models import User
from alongside.demo.program import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_demo
from alongside.matching.selectors import matchable_mentors
from alongside.training.content import curriculum
from tests.browser.accessibility import assert_no_serious_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.real_curriculum,
]

APPLICANT = "applicant@demo.alongside.test"


def _sign_in(page, base, email):
    page.goto(base + "/accounts/login/")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _current_code() -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counters[len(counters) // 2]))


def _pass_every_module(page, base):
    for module in curriculum().modules:
        page.goto(f"{base}/mentor/training/{module.slug}/")
        assert_no_serious_axe_violations(page)
        page.get_by_role("button", name="I have read this").click()
        for question in module.questions:
            correct = next(option for option in question.options if option.correct)
            page.check(f'input[name="q-{question.id}"][value="{correct.id}"]')
        page.get_by_role("button", name="Submit my answers").click()
        page.wait_for_url("**/result/**")
        assert_no_serious_axe_violations(page)
        assert page.get_by_role("heading", name="Passed", exact=True).is_visible()
    page.goto(base + "/mentor/training/")
    assert_no_serious_axe_violations(page)
    progress = page.locator("progress")
    assert progress.get_attribute("value") == progress.get_attribute("max")


def _reflect_sign_and_describe(page, base):
    page.goto(base + "/mentor/reflection/")
    assert_no_serious_axe_violations(page)
    for textarea in page.locator("textarea").all():
        textarea.fill("I have steady routines that help me, and I know who to call.")
    page.get_by_role("button", name="Submit for my conversation").click()
    page.goto(base + "/mentor/code/")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Type your name to sign").fill("Alex")
    page.get_by_role("button", name="Sign version").click()
    page.goto(base + "/mentor/profile/")
    assert_no_serious_axe_violations(page)
    page.get_by_label("About me").fill("I love long walks with my dog and talking about books.")
    for name, value in [("lived_experience", "body_image"), ("languages", "en"),
                        ("meeting_modes", "chat"), ("availability", "tue-evening")]:  # fmt: skip
        page.check(f'input[name="{name}"][value="{value}"]')
    page.get_by_role("button", name="Save my profile").click()


def test_an_applicant_becomes_matchable_in_the_browser(page, live_server):
    load_demo()
    base = live_server.url
    _sign_in(page, base, APPLICANT)
    page.get_by_label("I have read this statement and I accept it.").check()
    page.get_by_role("button", name="Accept and continue").click()
    _pass_every_module(page, base)
    _reflect_sign_and_describe(page, base)
    page.goto(base + "/mentor/")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Submit my application for review").click()
    page.get_by_role("button", name="Sign out").click()

    _sign_in(page, base, "coordinator@demo.alongside.test")
    page.get_by_label("Code", exact=True).fill(_current_code())
    page.get_by_role("button", name="Sign in").click()
    applicant = User.objects.get(email=APPLICANT)
    page.goto(f"{base}/coordinator/applicants/{applicant.pk}/")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Approve").check()
    page.get_by_label("Reason", exact=True).fill("Talked it through; ready to start.")
    page.get_by_role("button", name="Record decision").click()
    page.screenshot(path="test-results/applicant-approved.png", full_page=True)

    assert applicant in matchable_mentors()
