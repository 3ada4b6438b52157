import shutil
from pathlib import Path

import pytest

from alongside.accounts.consent import _load, current_statement
from alongside.accounts.models import ConsentRecord, Role
from alongside.audit.models import AuditEvent
from tests.conftest import make_person

CURRENT = current_statement().version


@pytest.fixture
def new_peer(db):
    return make_person("erin@example.org", "Erin", Role.PEER, consent=False)


def test_partnership_pages_wait_for_consent(login, new_peer):
    response = login(new_peer).get("/peer/")
    assert response.status_code == 302
    assert response.url == "/me/consent/?next=%2Fpeer%2F"


def test_the_statement_names_the_legal_limits(login, new_peer):
    content = login(new_peer).get("/me/consent/").content.decode()
    for limit in ("Imminent risk of serious harm", "Child protection", "court order"):
        assert limit in content


def test_accepting_records_the_version_and_audits_it(login, new_peer):
    client = login(new_peer)
    response = client.post("/me/consent/", {"version": CURRENT, "accept": "on", "next": "/peer/"})
    assert response.url == "/peer/"
    assert ConsentRecord.objects.filter(user=new_peer, version=CURRENT).exists()
    assert AuditEvent.objects.filter(action="consent.accept", subject_id=new_peer.pk).exists()
    assert client.get("/peer/").status_code == 200


def test_not_ticking_the_box_records_nothing(login, new_peer):
    response = login(new_peer).post("/me/consent/", {"version": CURRENT})
    assert b"Please tick the box" in response.content
    assert not ConsentRecord.objects.filter(user=new_peer).exists()


def test_an_outside_next_url_is_ignored(login, new_peer):
    response = login(new_peer).post(
        "/me/consent/", {"version": CURRENT, "accept": "on", "next": "https://evil.example/"}
    )
    assert response.url == "/home/"


@pytest.fixture
def statement_v2(settings, tmp_path):
    """A statement newer than the shipped one."""
    source = Path(settings.CONSENT_STATEMENT_DIR)
    shutil.copy(source / f"consent-v{CURRENT}.md", tmp_path / f"consent-v{CURRENT}.md")
    (tmp_path / f"consent-v{CURRENT + 1}.md").write_text(
        "## Updated statement\n\nSomething changed.\n"
    )
    settings.CONSENT_STATEMENT_DIR = tmp_path
    _load.cache_clear()
    yield
    _load.cache_clear()


def test_a_new_version_asks_again(login, peer, statement_v2):
    client = login(peer)
    response = client.get("/peer/")
    assert response.url.startswith("/me/consent/")
    assert b"Updated statement" in client.get("/me/consent/").content
    client.post("/me/consent/", {"version": CURRENT + 1, "accept": "on"})
    assert client.get("/peer/").status_code == 200


def test_accepting_a_stale_version_is_refused(login, new_peer, statement_v2):
    client = login(new_peer)
    response = client.post("/me/consent/", {"version": CURRENT, "accept": "on"}, follow=True)
    assert b"the statement has changed" in response.content.lower()
    assert not ConsentRecord.objects.filter(user=new_peer).exists()


def test_the_statement_promises_only_what_the_platform_does(login, new_peer, settings):
    """Each promise, with the page or job that keeps it (docs/privacy.md names the tests)."""
    content = login(new_peer).get("/me/consent/").content.decode()
    assert "download everything held about you" in content
    assert login(new_peer).get("/me/privacy/").status_code == 200
    assert f"{settings.CONVERSATION_RETENTION_DAYS:,} days later" in content
    assert f"{settings.ERASED_RECORD_RETENTION_DAYS:,} days" in content
    assert "internet address" in content  # sessions keep the address and the browser
    assert "_days}" not in content and "_minutes}" not in content  # all filled in


def test_the_legal_limits_render_as_a_numbered_list(login, new_peer):
    content = login(new_peer).get("/me/consent/").content.decode()
    assert "<ol>" in content and content.count("<li><strong>") >= 3
