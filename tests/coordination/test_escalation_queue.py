"""The coordinator's escalation queue: order, who may see it, opening with a reason and a fresh
code, and the moves (acknowledge, note, what was done, resolve) with illegal ones refused."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from alongside.accounts.models import ContentAccess
from alongside.audit.models import AuditEvent
from alongside.intake.services import intake_save
from alongside.safety.models import Escalation, Outcome
from alongside.safety.services import escalation_note_add, escalation_raise
from tests.conftest import current_totp_code, sign_in

REASON = "Urgent escalation raised; checking how to support the peer."
STALE = 3600


def staff(user, *, code_age: float = 0) -> Client:
    return sign_in(Client(), user, code_given_at=time.time() - code_age)


def raise_for(partnership, peer, level, minutes_ago=0) -> Escalation:
    row = escalation_raise(partnership=partnership, message_id=1, level=level, raised_by=peer)
    Escalation.objects.filter(pk=row.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return Escalation.objects.get(pk=row.pk)


@pytest.fixture
def escalation(partnership, peer):
    return raise_for(partnership, peer, "urgent")


def url(escalation, action=""):
    return f"/coordinator/escalations/{escalation.pk}/{action + '/' if action else ''}"


def test_the_queue_shows_urgent_first_then_the_oldest(partnership, peer, coordinator):
    old_concern = raise_for(partnership, peer, "concern", minutes_ago=90)
    new_urgent = raise_for(partnership, peer, "urgent", minutes_ago=1)
    old_urgent = raise_for(partnership, peer, "urgent", minutes_ago=30)
    page = staff(coordinator).get("/coordinator/escalations/")
    order = [row["escalation"].pk for row in page.context["rows"]]
    assert order == [old_urgent.pk, new_urgent.pk, old_concern.pk]


def test_the_queue_shows_names_region_level_age_and_who_acknowledged(
    partnership, peer, coordinator, escalation
):
    intake_save(peer=peer, data={"region": "Ottawa", "meeting_modes": ["in_person"]})
    client = staff(coordinator)
    client.post(url(escalation, "acknowledge"))
    page = client.get("/coordinator/escalations/rows/").content.decode()
    for shown in ("Alice with Bob", "Ottawa", "Urgent", "ago", "Carol"):
        assert shown in page


def test_the_queue_polls_for_new_rows_every_ten_seconds(coordinator, escalation):
    page = staff(coordinator).get("/coordinator/escalations/").content.decode()
    assert 'hx-get="/coordinator/escalations/rows/"' in page
    assert 'hx-trigger="every 10s, refresh"' in page


@pytest.mark.parametrize("persona", ["peer", "her_mentor", "another_peer", "admin_user"])
def test_only_coordinators_reach_an_escalation(request, persona, escalation):
    client = staff(request.getfixturevalue(persona))
    assert client.get("/coordinator/escalations/").status_code == 403
    assert client.get(url(escalation)).status_code in (403, 404)
    assert client.post(url(escalation, "acknowledge")).status_code in (403, 404)
    assert Escalation.objects.get(pk=escalation.pk).acknowledged_at is None


def test_a_missing_escalation_answers_not_found(coordinator, db):
    assert staff(coordinator).get("/coordinator/escalations/999999/").status_code == 404


def test_the_detail_page_shows_nothing_private_and_audits_no_opening(coordinator, escalation):
    escalation_note_add(escalation=escalation, coordinator=coordinator, text="note-marker")
    page = staff(coordinator).get(url(escalation)).content.decode()
    assert "note-marker" not in page and "Why do you need to read this?" in page
    assert not AuditEvent.objects.filter(action="escalation.open").exists()


@pytest.mark.parametrize("reason", ["", "because"])
def test_opening_needs_a_written_reason(coordinator, escalation, reason):
    escalation_note_add(escalation=escalation, coordinator=coordinator, text="note-marker")
    response = staff(coordinator).post(url(escalation, "open"), {"reason": reason})
    assert response.status_code == 400 and "note-marker" not in response.content.decode()
    assert not ContentAccess.objects.exists()


def test_opening_needs_a_fresh_code_then_shows_the_private_side_audited(coordinator, escalation):
    escalation_note_add(escalation=escalation, coordinator=coordinator, text="note-marker")
    client = staff(coordinator, code_age=STALE)
    response = client.post(url(escalation, "open"), {"reason": REASON})
    assert response.url.startswith("/accounts/2fa/reauthenticate/?next=")
    assert not ContentAccess.objects.exists()
    opened = client.post(response.url, {"code": current_totp_code()})
    assert "note-marker" in opened.content.decode()
    assert "context_messages" in opened.context  # the seam the conversations app fills
    assert ContentAccess.objects.get().reason == REASON
    event = AuditEvent.objects.get(action="escalation.open")
    assert (
        event.target_id == str(escalation.pk) and event.subject_id == escalation.partnership.peer_id
    )


def test_a_coordinator_acknowledges_records_what_was_done_and_resolves(coordinator, escalation):
    client = staff(coordinator)
    client.post(url(escalation, "acknowledge"))
    client.post(url(escalation, "note"), {"text": "Called the peer, she is safe."})
    client.post(url(escalation, "outcome"), {"outcome": Outcome.CONTACTED_PEER})
    client.post(url(escalation, "resolve"))
    row = Escalation.objects.get(pk=escalation.pk)
    assert row.acknowledged_by == coordinator and row.outcome == Outcome.CONTACTED_PEER
    assert "she is safe" in row.notes and row.resolved_at is not None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"escalation.acknowledge", "escalation.note", "escalation.outcome",
            "escalation.resolve"} <= actions  # fmt: skip
    assert client.get("/coordinator/escalations/").context["rows"] == []


def test_resolving_before_acknowledging_and_recording_is_refused(coordinator, escalation):
    response = staff(coordinator).post(url(escalation, "resolve"), follow=True)
    assert "record what was done before resolving" in response.content.decode()
    assert Escalation.objects.get(pk=escalation.pk).resolved_at is None


def test_acknowledging_twice_is_refused_kindly(coordinator, escalation):
    client = staff(coordinator)
    client.post(url(escalation, "acknowledge"))
    response = client.post(url(escalation, "acknowledge"), follow=True)
    assert "already acknowledged" in response.content.decode()


def test_no_action_needed_needs_a_reason(coordinator, escalation):
    client = staff(coordinator)
    client.post(url(escalation, "acknowledge"))
    response = client.post(url(escalation, "outcome"), {"outcome": Outcome.NO_ACTION})
    assert response.status_code == 400
    assert "Please say why no action is needed." in response.content.decode()
    assert Escalation.objects.get(pk=escalation.pk).outcome == ""


def test_notes_are_encrypted_at_rest(coordinator, escalation):
    from django.db import connection

    escalation_note_add(escalation=escalation, coordinator=coordinator, text="note-marker")
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM safety_escalation WHERE id = %s", [escalation.pk])
        assert "note-marker" not in cursor.fetchone()[0]


def test_an_empty_note_changes_nothing(coordinator, escalation):
    response = staff(coordinator).post(url(escalation, "note"), {"text": "  "})
    assert response.status_code == 400
    assert Escalation.objects.get(pk=escalation.pk).notes == ""


def test_the_queue_runs_the_same_queries_for_one_row_and_for_many(
    partnership, peer, coordinator, django_assert_num_queries
):
    client = staff(coordinator)
    raise_for(partnership, peer, "urgent")
    client.get("/coordinator/escalations/rows/")  # warm the session and role caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/coordinator/escalations/rows/")
    for _ in range(5):
        raise_for(partnership, peer, "concern")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get("/coordinator/escalations/rows/")
