import pytest
from django.contrib.admin.sites import site
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from alongside.audit.models import Action, AppendOnlyError, AuditEvent
from alongside.audit.selectors import audit_chain_problems
from alongside.audit.services import GENESIS_HASH, audit_record

_THREE = (Action.AUTH_LOGIN, Action.CONSENT_ACCEPT, Action.AUTH_LOGOUT)


@pytest.fixture
def events(db, peer):
    return [audit_record(action=action, actor=peer, subject=peer) for action in _THREE]


def test_events_form_a_hash_chain(events):
    first = AuditEvent.objects.order_by("id").first()
    assert first.prev_hash == GENESIS_HASH or first.prev_hash  # earlier fixture events may exist
    chain = list(AuditEvent.objects.order_by("id"))
    for before, after in zip(chain, chain[1:], strict=False):
        assert after.prev_hash == before.hash
    assert list(audit_chain_problems()) == []


def test_events_cannot_be_changed_through_the_orm(events):
    event = events[0]
    event.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_update([event], ["reason"])


def test_the_database_refuses_updates_too(events):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = 'x' WHERE id = %s", [events[0].pk])


def test_the_admin_cannot_add_change_or_delete(events, admin_user):
    model_admin = site._registry[AuditEvent]
    request = RequestFactory().get("/")
    request.user = admin_user
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, events[0])
    assert not model_admin.has_delete_permission(request, events[0])


def test_admin_pages_show_events_read_only(login, admin_user, events):
    client = login(admin_user)
    listing = client.get("/django-admin/audit/auditevent/")
    assert listing.status_code == 200
    detail = client.post(f"/django-admin/audit/auditevent/{events[0].pk}/change/", {"reason": "x"})
    assert detail.status_code == 403
    assert AuditEvent.objects.get(pk=events[0].pk).reason == ""
    deletion = client.post(
        f"/django-admin/audit/auditevent/{events[0].pk}/delete/", {"post": "yes"}
    )
    assert deletion.status_code == 403
    assert AuditEvent.objects.filter(pk=events[0].pk).exists()


def test_verify_command_passes_on_an_intact_chain(events, capsys):
    call_command("verify_audit_chain")
    assert "audit chain intact" in capsys.readouterr().out


def _drop_update_guard(cursor):
    if connection.vendor == "sqlite":
        cursor.execute("DROP TRIGGER audit_event_no_update")
    else:
        cursor.execute("DROP TRIGGER audit_event_append_only ON audit_auditevent")


def test_verify_command_detects_a_changed_row(events):
    # Tampering from outside the application: the guard trigger removed, a row rewritten.
    with connection.cursor() as cursor:
        _drop_update_guard(cursor)
        cursor.execute("UPDATE audit_auditevent SET target_id = 'x' WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError, match="broken in 1 place"):
        call_command("verify_audit_chain")


def test_verify_command_detects_a_removed_row(events):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    problems = list(audit_chain_problems())
    assert [p.event_id for p in problems] == [events[2].pk]


def test_verify_command_detects_a_removed_tail(events):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    assert "newest events are missing" in list(audit_chain_problems())[0].problem


def test_events_never_store_private_content(db, peer):
    event = audit_record(action=Action.CONSENT_ACCEPT, actor=peer, subject=peer, reason="r")
    field_names = {f.name for f in AuditEvent._meta.get_fields()}
    assert not field_names & {"text", "body", "content", "message"}
    assert event.request_id == ""


def test_the_actor_role_defaults_to_the_most_privileged_role(db, peer, admin_user):
    assert audit_record(action=Action.CONSENT_ACCEPT, actor=peer).actor_role == "peer"
    assert audit_record(action=Action.CONSENT_ACCEPT, actor=admin_user).actor_role == "admin"
    assert audit_record(action=Action.CONSENT_ACCEPT).actor_role == "system"
    assert (
        audit_record(action=Action.CONSENT_ACCEPT, actor=peer, actor_role="mentor").actor_role
        == "mentor"
    )


def test_an_unknown_action_name_is_refused(db, peer):
    before = AuditEvent.objects.count()
    with pytest.raises(ValueError, match="not a valid Action"):
        audit_record(action="partnership.teleported", actor=peer)
    assert AuditEvent.objects.count() == before


def _unkeyed_hash(event, prev_hash):
    """What an attacker without the key can compute: the old, plain SHA-256 chain."""
    import hashlib
    import json

    payload = json.dumps(event.canonical(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + payload).encode()).hexdigest()


def test_a_rewritten_middle_event_with_recomputed_hashes_is_caught(events):
    # The attacker changes a reason and recomputes every later hash and the head, but has no key.
    with connection.cursor() as cursor:
        _drop_update_guard(cursor)
        prev = events[0].hash
        for event in AuditEvent.objects.filter(pk__gte=events[1].pk).order_by("id"):
            event.target_id = "nothing-to-see" if event.pk == events[1].pk else event.target_id
            event.prev_hash = prev
            new_hash = _unkeyed_hash(event, prev)
            cursor.execute(
                "UPDATE audit_auditevent SET target_id = %s, prev_hash = %s, hash = %s "
                "WHERE id = %s",
                [event.target_id, prev, new_hash, event.pk],
            )
            prev = new_hash
        cursor.execute("UPDATE audit_auditchainhead SET last_hash = %s", [prev])
    problems = list(audit_chain_problems())
    assert {p.event_id for p in problems} >= {events[1].pk}
    assert all("signature" in p.problem for p in problems)


def test_a_removed_tail_with_a_fixed_head_is_caught_without_the_key(events):
    # Without the key the head can only be pointed at an existing row, which is fine; but a
    # forged replacement tail cannot be signed.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
        forged = AuditEvent(**{f: getattr(events[2], f) for f in ("created_at", "action")})
        forged.prev_hash = events[1].hash
        forged.hash = _unkeyed_hash(forged, events[1].hash)
        forged.save()
        cursor.execute("UPDATE audit_auditchainhead SET last_hash = %s", [forged.hash])
    assert [p.event_id for p in audit_chain_problems()] == [forged.pk]


def test_a_missing_head_row_is_tampering(events):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditchainhead")
    assert "head row is missing" in list(audit_chain_problems())[-1].problem


def test_a_rotated_key_still_verifies_old_events_while_it_is_listed(events, settings):
    old = settings.AUDIT_CHAIN_KEYS[0]
    settings.AUDIT_CHAIN_KEYS = ["a-brand-new-audit-chain-key-that-is-long-enough", old]
    audit_record(action=Action.AUTH_LOGIN)
    assert list(audit_chain_problems()) == []
    settings.AUDIT_CHAIN_KEYS = ["a-brand-new-audit-chain-key-that-is-long-enough"]
    assert {p.event_id for p in audit_chain_problems()} == {e.pk for e in events} | {
        e.pk for e in AuditEvent.objects.filter(pk__lt=events[0].pk)
    }


def test_a_reason_is_kept_encrypted_beside_the_event_never_in_it(db, peer, admin_user):
    from alongside.accounts.services import role_revoke

    role_revoke(user=peer, role="peer", by=admin_user, reason="reason-words-marker")
    event = AuditEvent.objects.get(action=Action.ROLE_REVOKE)
    assert event.reason.startswith("encrypted:") and "marker" not in event.reason
    assert event.reason_note.text == "reason-words-marker"
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM audit_auditreason WHERE event_id = %s", [event.pk])
        assert "marker" not in cursor.fetchone()[0]
    assert list(audit_chain_problems()) == []


def test_a_swapped_reason_is_caught(db, peer, admin_user):
    from alongside.accounts.services import role_revoke
    from alongside.audit.models import AuditReason

    role_revoke(user=peer, role="peer", by=admin_user, reason="the real reason")
    note = AuditReason.objects.get(event__action=Action.ROLE_REVOKE)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditreason SET text = %s WHERE id = %s",
            [AuditReason._meta.get_field("text").get_prep_value("a kinder story"), note.pk],
        )
    assert [p.problem for p in audit_chain_problems()] == [
        "its encrypted reason is missing or was changed"
    ]
