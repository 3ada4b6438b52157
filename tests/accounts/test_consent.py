import shutil
from pathlib import Path

import pytest

from alongside.accounts.consent import _load
from alongside.accounts.models import ConsentRecord, Role
from alongside.audit.models import AuditEvent
from tests.conftest import make_person


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
    response = client.post("/me/consent/", {"version": 1, "accept": "on", "next": "/peer/"})
    assert response.url == "/peer/"
    assert ConsentRecord.objects.filter(user=new_peer, version=1).exists()
    assert AuditEvent.objects.filter(action="consent.accept", subject_id=new_peer.pk).exists()
    assert client.get("/peer/").status_code == 200


def test_not_ticking_the_box_records_nothing(login, new_peer):
    response = login(new_peer).post("/me/consent/", {"version": 1})
    assert b"Please tick the box" in response.content
    assert not ConsentRecord.objects.filter(user=new_peer).exists()


def test_an_outside_next_url_is_ignored(login, new_peer):
    response = login(new_peer).post(
        "/me/consent/", {"version": 1, "accept": "on", "next": "https://evil.example/"}
    )
    assert response.url == "/home/"


@pytest.fixture
def statement_v2(settings, tmp_path):
    source = Path(settings.CONSENT_STATEMENT_DIR)
    shutil.copy(source / "consent-v1.md", tmp_path / "consent-v1.md")
    (tmp_path / "consent-v2.md").write_text("## Updated statement\n\nSomething changed.\n")
    settings.CONSENT_STATEMENT_DIR = tmp_path
    _load.cache_clear()
    yield
    _load.cache_clear()


def test_a_new_version_asks_again(login, peer, statement_v2):
    client = login(peer)
    response = client.get("/peer/")
    assert response.url.startswith("/me/consent/")
    assert b"Updated statement" in client.get("/me/consent/").content
    client.post("/me/consent/", {"version": 2, "accept": "on"})
    assert client.get("/peer/").status_code == 200


def test_accepting_a_stale_version_is_refused(login, new_peer, statement_v2):
    client = login(new_peer)
    response = client.post("/me/consent/", {"version": 1, "accept": "on"}, follow=True)
    assert b"the statement has changed" in response.content.lower()
    assert not ConsentRecord.objects.filter(user=new_peer).exists()
