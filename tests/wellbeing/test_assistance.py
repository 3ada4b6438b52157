"""A mentor calls for assistance; coordinators are told (without the words) and take it up."""

import pytest
from django.core import mail
from django.db import connection

from alongside.audit.models import AuditEvent
from alongside.wellbeing.models import SupportRequest


def test_a_mentor_calls_for_assistance_from_the_conversation(
    login, partnership, her_mentor, coordinator, django_capture_on_commit_callbacks, settings
):
    # The notice goes through the task worker; run its tasks at once here.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    page = login(her_mentor).get(f"/partnerships/{partnership.pk}/conversation/").content.decode()
    assert "Call for assistance" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = login(her_mentor).post(
            "/mentor/assistance/", {"partnership": partnership.pk, "note": "note-marker"}
        )
    assert response.url == f"/partnerships/{partnership.pk}/conversation/"
    request = SupportRequest.objects.get()
    assert (request.mentor, request.partnership) == (her_mentor, partnership)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "marker" not in mail.outbox[0].body and "Bob" not in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="support_request.open").exists()


def test_the_peer_never_sees_the_button(login, partnership, peer):
    page = login(peer).get(f"/partnerships/{partnership.pk}/conversation/").content.decode()
    assert "Call for assistance" not in page


def test_a_mentor_can_ask_for_themselves_without_a_partnership(login, mentor):
    login(mentor).post("/mentor/assistance/", {"note": ""})
    assert SupportRequest.objects.get().partnership is None
    assert "waiting for a coordinator" in login(mentor).get("/mentor/assistance/").content.decode()


def test_a_mentor_cannot_attach_someone_elses_partnership(login, partnership, other_mentor):
    response = login(other_mentor).post("/mentor/assistance/", {"partnership": partnership.pk})
    assert response.status_code == 404 and not SupportRequest.objects.exists()


def test_an_over_long_note_is_refused_and_nothing_is_sent(login, mentor):
    login(mentor).post("/mentor/assistance/", {"note": "x" * 2001})
    assert not SupportRequest.objects.exists()


def test_the_note_is_encrypted_at_rest(login, mentor):
    login(mentor).post("/mentor/assistance/", {"note": "a-private-note-marker"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM wellbeing_supportrequest")
        assert "marker" not in cursor.fetchone()[0]


def test_a_coordinator_takes_it_up_once(login, mentor, coordinator):
    login(mentor).post("/mentor/assistance/", {"note": "hard week"})
    client = login(coordinator)
    assert "hard week" in client.get("/coordinator/support/").content.decode()
    request = SupportRequest.objects.get()
    client.post(f"/coordinator/support/{request.pk}/taken-up/")
    client.post(f"/coordinator/support/{request.pk}/taken-up/")
    request.refresh_from_db()
    assert request.handled_by == coordinator
    assert AuditEvent.objects.filter(action="support_request.handle").count() == 1


@pytest.mark.parametrize("persona", ["peer", "mentor", "admin_user"])
def test_only_coordinators_see_the_requests(request, login, persona):
    assert login(request.getfixturevalue(persona)).get("/coordinator/support/").status_code == 403
