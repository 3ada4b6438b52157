"""A person takes a copy of their data and then deletes their account, in a real browser."""

import io
import json
import zipfile

import pytest

from alongside.accounts.models import Role, User
from alongside.intake.services import intake_save
from tests.browser.accessibility import assert_no_serious_axe_violations
from tests.conftest import PASSWORD, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _give_password(page):
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_a_peer_downloads_her_data_then_deletes_her_account(page, live_server, settings):
    settings.TASKS = IMMEDIATE
    river = make_person("river@example.org", "River", Role.PEER)
    intake_save(peer=river, data={"hopes": "Someone to walk beside me"})
    base = live_server.url
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(river.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(base + "/me/profile/")
    page.get_by_role("link", name="Download your data, see when staff opened").click()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Prepare my download").click()
    _give_password(page)  # the fresh sign-in check, then the request goes on
    page.wait_for_url("**/me/privacy/")
    with page.expect_download() as caught:  # the password was given moments ago
        page.get_by_role("link", name="Download your data").click()
    with zipfile.ZipFile(io.BytesIO(open(caught.value.path(), "rb").read())) as archive:
        data = json.loads(archive.read("alongside-data.json"))
    intake = next(s for s in data["sections"] if s["key"] == "intake.intake")
    assert intake["items"][0]["hopes"] == "Someone to walk beside me"

    page.goto(base + "/me/privacy/")
    page.get_by_role("link", name="Delete my account").click()
    assert_no_serious_axe_violations(page)
    page.get_by_label("To confirm, type the word").fill("delete")
    page.get_by_role("button", name="Delete my account").click()
    page.get_by_role("heading", name="Your account has been deleted").wait_for()
    assert User.objects.get(pk=river.pk).erased_at is not None
