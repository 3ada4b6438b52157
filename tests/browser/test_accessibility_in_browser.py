"""Each role's main pages, on the demo data, at phone width: no serious or critical axe
violation, and no sideways scrolling at 390px, at 320px, or at 200% zoom."""

import pytest

from alongside.accounts.models import User
from alongside.demo.program import load_demo
from alongside.partnerships.selectors import current_partnership_for_peer
from alongside.training.content import curriculum
from alongside.training.services import check_attempt_record
from tests.browser.accessibility import (
    low_contrast_buttons,
    serious_axe_violations,
    sideways_overflow,
)
from tests.browser.helpers import PHONE, signed_in_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.real_curriculum,
]

# The narrowest phone in use, and a 1280px window at 200% zoom (lays out like 640px).
NARROWER_WIDTHS = (320, 640)


def _an_attempt_with_one_miss(mentor: User) -> tuple[str, int]:
    """A knowledge-check attempt whose result shows a chosen answer apart from the best one."""
    module = next(module for module in curriculum().modules if module.questions)
    answers = {q.id: next(o.id for o in q.options if o.correct) for q in module.questions}
    first = module.questions[0]
    answers[first.id] = next(o.id for o in first.options if not o.correct)
    attempt = check_attempt_record(
        mentor=mentor, module_slug=module.slug, module_version=module.version, answers=answers
    )
    return module.slug, attempt.pk


def _pages_by_persona() -> dict[str | None, list[str]]:
    kai = User.objects.get(email="kai@demo.alongside.test")
    partnership = current_partnership_for_peer(kai)
    mentor = User.objects.get(email="mentor@demo.alongside.test")
    slug, attempt_id = _an_attempt_with_one_miss(mentor)
    return {
        None: ["/", "/accounts/login/", "/accounts/signup/", "/help/", "/resources/"],
        "peer@demo.alongside.test": [
            "/peer/",
            "/peer/intake/review/",
            "/peer/intake/lights/",
            "/notices/",
            "/me/privacy/",
            "/me/privacy/delete/",
            "/peer/mentors/",
            "/me/profile/",
        ],
        "kai@demo.alongside.test": [
            f"/partnerships/{partnership.pk}/",
            f"/partnerships/{partnership.pk}/moving-towards/",
            f"/partnerships/{partnership.pk}/end/",
        ],
        "priya@demo.alongside.test": [f"/partnerships/{partnership.pk}/conversation/"],
        "mentor@demo.alongside.test": [
            "/mentor/",
            "/mentor/training/",
            "/mentor/reflection/",
            "/mentor/code/",
            "/mentor/profile/",
            "/mentor/requests/",
            f"/mentor/training/{slug}/",
            f"/mentor/training/{slug}/result/{attempt_id}/",
        ],
        "applicant@demo.alongside.test": ["/me/consent/"],
        "coordinator@demo.alongside.test": [
            "/coordinator/",
            "/coordinator/applicants/",
            "/coordinator/requests/",
            "/coordinator/escalations/",
            "/coordinator/resources/",
            "/coordinator/support/",
            "/coordinator/concerns/",
            f"/partnerships/{partnership.pk}/end-for-safety/",
            f"/coordinator/applicants/{mentor.pk}/",
        ],
        "admin@demo.alongside.test": [
            "/staff/people/",
            "/django-admin/",
            "/django-admin/audit/auditevent/",
        ],
    }


def test_every_role_s_main_pages_pass_axe_and_fit_a_phone(browser, live_server):
    load_demo()
    problems = []
    for email, paths in _pages_by_persona().items():
        context = signed_in_context(browser, live_server.url, email)
        page = context.new_page()
        for path in paths:
            page.set_viewport_size(PHONE)
            response = page.goto(live_server.url + path)
            who = email or "a visitor"
            if response.status != 200 or not page.url.endswith(path):
                problems.append(f"{path} as {who}: got {response.status} at {page.url}")
                continue
            problems += [f"{path} as {who}: {line}" for line in serious_axe_violations(page)]
            problems += [f"{path} as {who}: low contrast {b}" for b in low_contrast_buttons(page)]
            for width in (PHONE["width"], *NARROWER_WIDTHS):
                page.set_viewport_size({"width": width, "height": PHONE["height"]})
                overflow = sideways_overflow(page)
                if overflow > 0:
                    problems.append(f"{path} as {who}: scrolls sideways {overflow}px at {width}px")
        context.close()
    assert not problems, "\n".join(problems)


def _look(page, selector: str) -> dict:
    return page.eval_on_selector(
        selector,
        """el => { const s = getComputedStyle(el);
                   return {background: s.backgroundColor, color: s.color, border: s.borderColor,
                           outline: s.outlineStyle, outlineWidth: s.outlineWidth}; }""",
    )


def test_a_secondary_button_looks_different_from_the_main_one_and_shows_focus(
    browser, live_server, mentor
):
    context = signed_in_context(browser, live_server.url, mentor.email)
    page = context.new_page()
    page.goto(live_server.url + "/mentor/reflection/")
    main = _look(page, 'button[name="submit"]')
    secondary = _look(page, 'button[name="save"]')
    assert main["background"] == "rgb(29, 95, 88)" and main["color"] == "rgb(255, 255, 255)"
    # An outline: the page's card colour inside, the accent for its words and border.
    assert secondary["background"] == "rgb(255, 255, 255)"
    assert secondary["color"] == secondary["border"] == "rgb(29, 95, 88)"
    page.focus('button[name="save"]')
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus from the keyboard, so :focus-visible applies
    focused = _look(page, 'button[name="save"]')
    assert focused["outline"] == "solid" and focused["outlineWidth"] == "3px"
    assert low_contrast_buttons(page) == []
    context.close()


def test_nothing_moves_when_the_person_asks_for_reduced_motion(page, live_server):
    page.goto(live_server.url + "/")
    # htmx's request indicator is the site's one transition: it fades in unless motion is reduced.
    probe = """() => { const el = document.createElement("span");
                       el.className = "htmx-request htmx-indicator"; document.body.append(el);
                       return getComputedStyle(el).transitionDuration; }"""
    assert page.evaluate(probe) == "0.2s"
    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate(probe) == "0s"
