"""Rotating the field key: every encrypted value in every app moves to the newest key, and the
old key can then be removed; a missing key or an interruption never leaves a mess."""

import io
import uuid
from unittest import mock

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from alongside.accounts.models import ContentAccess
from alongside.accounts.services import private_content_open
from alongside.audit.models import Action, AuditReason
from alongside.conversations.access import access_conversation
from alongside.conversations.models import Message
from alongside.conversations.services import message_send
from alongside.core import crypto, keyrotation
from alongside.intake.models import PeerIntake
from alongside.intake.services import intake_save

OLD_KEY = "cw_0x689RpI-jtRR7oE8h5eJ0iwx2UrVGBD1VbP2ym0="  # tests/settings.py
NEW_KEY = Fernet.generate_key().decode()


@pytest.fixture
def keys(settings):
    """Set FIELD_ENCRYPTION_KEYS for the rest of the test, dropping the cached key objects."""

    def use(*field_keys):
        settings.FIELD_ENCRYPTION_KEYS = list(field_keys)
        crypto._fernet_for.cache_clear()

    yield use
    crypto._fernet_for.cache_clear()


@pytest.fixture
def program(partnership, peer, her_mentor, coordinator):
    """Private text across several apps, written through their services under the old key."""
    access = access_conversation(peer, partnership.pk)
    for n in range(5):
        message_send(access=access, sender=peer, body=f"message {n}", client_id=uuid.uuid4())
    intake_save(peer=peer, data={"hopes": "to feel steady", "avoid_topics": ["numbers"]})
    private_content_open(
        staff=coordinator, subject=peer, action=Action.ESCALATION_OPEN,
        target_type="peer_intake", target_id=1, reason="checking on a safety concern",
    )  # fmt: skip
    return partnership


def _rotate(*args) -> str:
    out = io.StringIO()
    call_command("rotate_encryption_keys", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _stored(table, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} ORDER BY id")  # noqa: S608 (fixed names)
        return [row[0] for row in cursor.fetchall()]


def _snapshot():
    columns = [
        ("conversations_message", "body"),
        ("intake_peerintake", "hopes"),
        ("accounts_contentaccess", "reason"),
        ("audit_auditreason", "text"),
    ]
    return {table: _stored(table, column) for table, column in columns}


def test_it_finds_encrypted_fields_in_every_app_through_the_registry():
    labels = {target.label for target in keyrotation.encrypted_models()}
    assert {
        "accounts.ContentAccess",
        "audit.AuditReason",
        "conversations.Message",
        "intake.PeerIntake",
        "matching.MentorProfile",
    } <= labels


def test_after_rotation_everything_reads_back_with_the_old_key_removed(program, peer, keys):
    intake_updated = PeerIntake.objects.get(peer=peer).updated_at
    keys(NEW_KEY, OLD_KEY)
    assert "still under an older key" in _rotate("--check")
    output = _rotate("--batch-size", "2")
    assert "conversations.Message: 2/5 rows" in output
    assert "conversations.Message: 5/5 rows" in output

    keys(NEW_KEY)
    assert [m.body for m in Message.objects.order_by("id")] == [f"message {n}" for n in range(5)]
    intake = PeerIntake.objects.get(peer=peer)
    assert (intake.hopes, intake.avoid_topics) == ("to feel steady", ["numbers"])
    assert intake.updated_at == intake_updated  # written as a column, not through save()
    assert ContentAccess.objects.get().reason == "checking on a safety concern"
    assert all(note.text for note in AuditReason.objects.all())
    assert "0 still under an older key" in _rotate("--check")
    call_command("verify_audit_chain", stdout=io.StringIO())


def test_a_second_run_rewrites_nothing(program, keys):
    keys(NEW_KEY, OLD_KEY)
    _rotate()
    before = _stored("conversations_message", "body")
    output = _rotate()
    assert (
        "conversations.Message: 0 value(s) re-encrypted, 5 already under the newest key" in output
    )
    assert _stored("conversations_message", "body") == before


def test_a_value_no_key_can_read_stops_it_before_anything_changes(program, keys):
    keys(NEW_KEY, OLD_KEY)
    lost = Fernet(Fernet.generate_key()).encrypt(b"under a key nobody kept").decode()
    with connection.cursor() as cursor:
        last = Message.objects.order_by("id").last().pk
        cursor.execute("UPDATE conversations_message SET body = %s WHERE id = %s", [lost, last])
    before = _snapshot()
    err = io.StringIO()
    with pytest.raises(CommandError, match="cannot be decrypted with any key.*nothing was changed"):
        call_command(
            "rotate_encryption_keys", "--batch-size", "1", stdout=io.StringIO(), stderr=err
        )
    assert f"conversations.Message.body (row {last})" in err.getvalue()
    assert _snapshot() == before


def test_a_missing_key_found_mid_batch_leaves_that_batch_unwritten(program, keys):
    keys(NEW_KEY, OLD_KEY)
    first, *rest = Message.objects.order_by("id")
    lost = Fernet(Fernet.generate_key()).encrypt(b"lost").decode()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE conversations_message SET body = %s WHERE id = %s", [lost, rest[0].pk]
        )
    before = _stored("conversations_message", "body")
    target = next(t for t in keyrotation.encrypted_models() if t.label == "conversations.Message")
    with pytest.raises(keyrotation.RotationError, match=rf"Message.body \(row {rest[0].pk}\)"):
        keyrotation.rotate_model(target, batch_size=5, report=lambda line: None)
    assert _stored("conversations_message", "body") == before


def test_an_interrupted_rotation_resumes_and_finishes(program, keys):
    keys(NEW_KEY, OLD_KEY)
    real_write = keyrotation.write_batch
    calls = []

    def write_then_fail(target, updates):
        if target.label == "conversations.Message":
            if calls:
                raise KeyboardInterrupt  # the operator pressed Ctrl-C during the second batch
            calls.append(updates)
        real_write(target, updates)

    with (
        mock.patch.object(keyrotation, "write_batch", write_then_fail),
        pytest.raises(KeyboardInterrupt),
    ):
        _rotate("--batch-size", "2")
    bodies = _stored("conversations_message", "body")
    assert [crypto.is_under_newest_key(b) for b in bodies] == [True, True, False, False, False]

    output = _rotate("--batch-size", "2")
    assert (
        "conversations.Message: 3 value(s) re-encrypted, 2 already under the newest key" in output
    )
    keys(NEW_KEY)
    assert [m.body for m in Message.objects.order_by("id")] == [f"message {n}" for n in range(5)]


def test_check_changes_nothing_and_counts_what_is_left(program, keys):
    keys(NEW_KEY, OLD_KEY)
    before = _stored("conversations_message", "body")
    output = _rotate("--check")
    assert "conversations.Message: 5 value(s) under an older key" in output
    assert _stored("conversations_message", "body") == before
