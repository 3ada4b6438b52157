"""A person downloads everything held about them: once, by a link only they can use, after a
fresh sign-in check."""

import io
import json
import re
import uuid
import zipfile
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from alongside.accounts.services import private_content_open
from alongside.audit.models import Action, AuditEvent
from alongside.intake.services import intake_save
from alongside.notices.models import Notice
from alongside.privacy.models import ExportArchive, ExportStatus
from alongside.privacy.services import (
    ExportLinkError,
    export_build,
    export_link_token,
    export_open,
    export_request,
)
from tests.privacy.helpers import reauthenticate, say

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate(settings):
    settings.TASKS = IMMEDIATE


def _unzip(payload: bytes) -> tuple[dict, str]:
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        data = json.loads(archive.read("alongside-data.json"))
        summary = archive.read("alongside-summary.html").decode()
    return data, summary


def _ready(user) -> ExportArchive:
    archive = export_request(user=user)
    return export_build(archive_id=archive.pk)


def test_the_download_holds_what_every_app_keeps_about_the_person(
    peer, her_mentor, partnership, coordinator
):
    intake_save(peer=peer, data={"hopes": "to eat lunch with friends again"})
    say(peer, partnership, "Hello <b>Bob</b>, thank you for saying yes")
    say(her_mentor, partnership, "Glad to be here with you")
    private_content_open(
        staff=coordinator, subject=peer, action=Action.REFLECTION_VIEW, target_type="escalation",
        target_id=1, reason="checking in after a safety alert",
    )  # fmt: skip
    data, summary = _unzip(export_open(user=peer, token=export_link_token(_ready(peer))))
    sections = {s["key"]: s["items"] for s in data["sections"]}
    assert sections["accounts.profile"][0]["email"] == peer.email
    assert sections["accounts.consents"]  # the statement she accepted
    assert sections["intake.intake"][0]["hopes"] == "to eat lunch with friends again"
    texts = [(m["from"], m["text"]) for m in sections["conversations.messages"]]
    assert texts == [
        ("you", "Hello <b>Bob</b>, thank you for saying yes"),
        ("Bob", "Glad to be here with you"),
    ]
    assert sections["partnerships.partnerships"][0]["partnered_with"] == "Bob"
    assert sections["accounts.content_openings"][0]["reason"] == "checking in after a safety alert"
    assert any(e["what"] == "Privacy statement accepted" for e in sections["audit.events"])
    # The readable page shows the same words, and never as markup.
    assert "to eat lunch with friends again" in summary
    assert "Hello &lt;b&gt;Bob&lt;/b&gt;" in summary and "<b>Bob</b>" not in summary


def test_another_persons_data_is_not_in_the_download(peer, another_peer):
    intake_save(peer=another_peer, data={"hopes": "dana's own words"})
    payload = export_open(user=peer, token=export_link_token(_ready(peer)))
    assert b"dana" not in payload.lower() and "dana's own words" not in _unzip(payload)[1]


def test_the_archive_is_encrypted_at_rest_and_emptied_once_fetched(peer):
    from django.db import connection

    intake_save(peer=peer, data={"hopes": "plain words"})
    archive = _ready(peer)
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM privacy_exportarchive WHERE id = %s", [archive.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("gAAAA")  # a Fernet token, not the zip
    export_open(user=peer, token=export_link_token(archive))
    archive.refresh_from_db()
    assert archive.status == ExportStatus.DOWNLOADED and archive.content == ""


def test_a_used_forged_foreign_or_expired_link_is_refused_and_changes_nothing(peer, another_peer):
    archive = _ready(peer)
    token = export_link_token(archive)
    with pytest.raises(ExportLinkError) as foreign:
        export_open(user=another_peer, token=token)
    assert foreign.value.status == 404
    with pytest.raises(ExportLinkError) as forged:
        export_open(user=peer, token=token[:-3] + "abc")
    assert forged.value.status == 404
    guessed = signing.dumps({"a": archive.pk, "n": "0" * 32}, salt="other")
    with pytest.raises(ExportLinkError):
        export_open(user=peer, token=guessed)
    with pytest.raises(ExportLinkError) as late:
        export_open(user=peer, token=token, now=archive.expires_at + timedelta(seconds=1))
    assert late.value.status == 410 and "expired" in str(late.value)
    archive.refresh_from_db()
    assert archive.status == ExportStatus.READY and archive.content  # nothing was changed
    export_open(user=peer, token=token)
    with pytest.raises(ExportLinkError) as reused:
        export_open(user=peer, token=token)
    assert reused.value.status == 410 and "already used" in str(reused.value)
    assert AuditEvent.objects.filter(action=Action.EXPORT_REFUSED).count() == 5


def test_the_whole_download_from_the_browser_asks_for_the_password_first(
    client, login, peer, immediate, django_capture_on_commit_callbacks
):
    login(peer)
    response = client.post("/me/privacy/export/")
    assert response.url.startswith("/accounts/reauthenticate/")
    assert not ExportArchive.objects.exists()
    reauthenticate(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/me/privacy/export/")
    assert response.url == "/me/privacy/"
    archive = ExportArchive.objects.get(person=peer)
    assert archive.status == ExportStatus.READY
    assert Notice.objects.filter(recipient=peer, headline="Your download is ready").exists()
    page = client.get("/me/privacy/").content.decode()
    # The token carries the second it was signed in, so it is read off the page, not rebuilt.
    links = re.findall(r'href="(/me/privacy/export/[^"/]+/)"', page)
    assert len(links) == 1
    link = links[0]
    download = client.get(link)
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    assert _unzip(download.content)[0]["person"] == "Alice"
    again = client.get(link)
    assert again.status_code == 410 and b"already used" in again.content


def test_a_stranger_cannot_use_someone_elses_link(client, login, peer, another_peer):
    token = export_link_token(_ready(peer))
    login(another_peer)
    reauthenticate(client)
    response = client.get(f"/me/privacy/export/{token}/")
    assert response.status_code == 404 and b"not valid" in response.content
    assert ExportArchive.objects.get(person=peer).status == ExportStatus.READY


def test_the_privacy_page_lists_when_staff_opened_the_persons_content(
    client, login, peer, coordinator
):
    private_content_open(
        staff=coordinator, subject=peer, action=Action.ESCALATION_OPEN, target_type="escalation",
        target_id=7, reason="a safety alert asked us to check in",
    )  # fmt: skip
    login(peer)
    page = client.get("/me/privacy/").content.decode()
    assert "Carol opened your conversation, after a safety alert" in page
    assert "a safety alert asked us to check in" in page


def test_expired_and_fetched_downloads_are_cleaned_up(peer):
    from alongside.privacy.services import exports_clean

    fetched = _ready(peer)
    export_open(user=peer, token=export_link_token(fetched))
    waiting = _ready(peer)
    assert exports_clean(now=timezone.now()) == 1
    assert exports_clean(now=waiting.expires_at + timedelta(minutes=1)) == 1
    assert not ExportArchive.objects.exists()


def test_a_download_that_cannot_be_built_says_so_and_can_be_asked_for_again(
    client, login, peer, immediate, monkeypatch, django_capture_on_commit_callbacks
):
    from alongside.privacy import services

    def broken(data):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "archive_bytes", broken)
    with django_capture_on_commit_callbacks(execute=True):
        export_request(user=peer)  # the task fails (the backend records it) and says so
    assert ExportArchive.objects.get().status == ExportStatus.FAILED
    login(peer)
    page = client.get("/me/privacy/").content.decode()
    assert "could not be prepared" in page and "Prepare my download" in page


def test_a_check_in_the_mentor_raised_is_the_peers_in_full_and_the_mentors_in_brief(
    peer, her_mentor, partnership
):
    from alongside.conversations.access import access_conversation
    from alongside.conversations.services import message_send

    access = access_conversation(her_mentor, partnership.pk)
    message_send(
        access=access, sender=her_mentor, client_id=uuid.uuid4(),
        body="You said you've taken the whole packet. I'm getting help now.",
    )  # fmt: skip
    peers = {s["key"]: s["items"] for s in _unzip(_download(peer))[0]["sections"]}
    mentors = {s["key"]: s["items"] for s in _unzip(_download(her_mentor))[0]["sections"]}
    [about_her] = peers["safety.escalations"]
    assert about_her["level"] and about_her["raised_by"] == "your mentor's message"
    assert "outcome" in about_her
    [told] = mentors["safety.escalations"]
    assert set(told) == {"created_at", "level", "about"}  # what was done is the peer's


def _download(user) -> bytes:
    return export_open(user=user, token=export_link_token(_ready(user)))
