"""Private pages are never cached, signing out clears the site's data, and a strict
Content-Security-Policy allows no inline script or style on any page."""

from html.parser import HTMLParser

import pytest

from alongside.intake.services import intake_save
from alongside.partnerships.services import partnership_start

SIGNED_IN_PAGES = [
    ("peer", "/peer/"),
    ("peer", "/peer/intake/hopes/"),
    ("peer", "/peer/intake/review/"),
    ("peer", "/me/profile/"),
    ("peer", "/accounts/email/"),
    ("mentor", "/mentor/"),
    ("mentor", "/mentor/profile/"),
    ("coordinator", "/coordinator/requests/"),
    ("coordinator", "/coordinator/applicants/"),
    ("admin_user", "/staff/people/"),
    ("admin_user", "/django-admin/"),
]


@pytest.mark.parametrize(("persona", "path"), SIGNED_IN_PAGES)
def test_signed_in_pages_are_never_stored(request, login, persona, path):
    response = login(request.getfixturevalue(persona)).get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_partnership_page_is_never_stored(login, peer, mentor):
    intake_save(peer=peer, data={"hopes": "hope-marker", "shared_items": ["hopes"]})
    partnership = partnership_start(peer=peer, mentor=mentor, by=mentor)
    response = login(mentor).get(f"/partnerships/{partnership.pk}/")
    assert "no-store" in response["Cache-Control"]


def test_signing_out_clears_the_sites_data_and_is_not_stored(login, peer):
    response = login(peer).post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert "no-store" in response["Cache-Control"]


def test_a_public_page_carries_no_clear_site_data(client, db):
    assert "Clear-Site-Data" not in client.get("/")


def _policy(response) -> dict[str, list[str]]:
    parts = [p.strip().split() for p in response["Content-Security-Policy"].split(";")]
    return {p[0]: p[1:] for p in parts if p}


@pytest.mark.parametrize(
    ("persona", "path"),
    [(None, "/"), (None, "/accounts/login/"), (None, "/accounts/signup/"), *SIGNED_IN_PAGES],
)
def test_every_page_has_a_strict_content_security_policy(request, client, login, persona, path):
    if persona:
        client = login(request.getfixturevalue(persona))
    policy = _policy(client.get(path))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert not any("unsafe" in source for sources in policy.values() for source in sources)


class _InlineFinder(HTMLParser):
    """Collects what a strict policy would block: inline scripts, style blocks and attributes,
    event-handler attributes."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style> block")
        if "style" in attrs:
            self.found.append(f"style attribute on <{tag}>")
        self.found += [f"{name} on <{tag}>" for name in attrs if name.startswith("on")]


OWN_PAGES = [
    (None, "/"),
    (None, "/accounts/login/"),
    (None, "/accounts/signup/"),
    (None, "/accounts/password/reset/"),
    ("peer", "/peer/"),
    ("peer", "/peer/intake/hopes/"),
    ("peer", "/peer/intake/review/"),
    ("peer", "/peer/mentors/"),
    ("peer", "/me/profile/"),
    ("peer", "/me/consent/"),
    ("peer", "/accounts/email/"),
    ("peer", "/accounts/2fa/"),
    ("peer", "/accounts/sessions/"),
    ("mentor", "/mentor/"),
    ("mentor", "/mentor/profile/"),
    ("mentor", "/mentor/training/"),
    ("mentor", "/mentor/reflection/"),
    ("mentor", "/mentor/code/"),
    ("coordinator", "/coordinator/"),
    ("coordinator", "/coordinator/requests/"),
    ("coordinator", "/coordinator/applicants/"),
    ("admin_user", "/staff/people/"),
]


@pytest.mark.parametrize(("persona", "path"), OWN_PAGES)
def test_no_page_of_ours_has_inline_script_or_style(request, client, login, persona, path):
    if persona:
        client = login(request.getfixturevalue(persona))
    response = client.get(path)
    assert response.status_code == 200
    finder = _InlineFinder()
    finder.feed(response.content.decode())
    assert finder.found == []


def test_htmx_is_told_not_to_inject_styles_or_evaluate_code(client, db):
    content = client.get("/").content.decode()
    assert '"includeIndicatorStyles": false' in content
    assert '"allowEval": false' in content
