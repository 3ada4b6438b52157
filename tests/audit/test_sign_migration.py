"""The migration that signs an existing, unkeyed audit chain with AUDIT_CHAIN_KEYS."""

import hashlib
import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from alongside.audit.selectors import audit_chain_problems

BEFORE = [("audit", "0003_action_choices")]
AFTER = [("audit", "0004_encrypt_reasons_and_sign_the_chain")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _to_latest():
    """Back to the newest schema, so the models (and later tests) find every table."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture(autouse=True)
def _latest_afterwards():
    yield
    _to_latest()


def _unkeyed_rows(apps, count, *, break_at=None, reason=""):
    event_model = apps.get_model("audit", "AuditEvent")
    prev = "0" * 64
    for n in range(count):
        fields = {
            "created_at": timezone.now(), "actor_id": None, "actor_role": "system",
            "action": "auth.login", "target_type": "", "target_id": str(n),
            "subject_id": None, "outcome": "success", "reason": reason, "request_id": "",
        }  # fmt: skip
        payload = dict(fields, created_at=fields["created_at"].isoformat())
        text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        digest = hashlib.sha256((prev + text).encode()).hexdigest()
        if n == break_at:
            digest = "f" * 64
        event_model.objects.create(prev_hash=prev, hash=digest, **fields)
        prev = digest
    apps.get_model("audit", "AuditChainHead").objects.update_or_create(
        pk=1, defaults={"last_hash": prev}
    )


@pytest.mark.django_db(transaction=True)
def test_an_intact_unkeyed_chain_is_signed_and_verifies():
    apps = _migrate(BEFORE)
    _unkeyed_rows(apps, 5)
    _migrate(AFTER)
    _to_latest()
    assert list(audit_chain_problems()) == []


@pytest.mark.django_db(transaction=True)
def test_reasons_move_out_of_the_log_into_encrypted_rows():
    apps = _migrate(BEFORE)
    _unkeyed_rows(apps, 3, reason="old-reason-marker")
    _migrate(AFTER)
    _to_latest()
    from alongside.audit.models import AuditEvent

    events = list(AuditEvent.objects.select_related("reason_note"))
    assert all(e.reason.startswith("encrypted:") for e in events)
    assert {e.reason_note.text for e in events} == {"old-reason-marker"}
    assert list(audit_chain_problems()) == []


@pytest.mark.django_db(transaction=True)
def test_a_broken_unkeyed_chain_is_not_laundered():
    apps = _migrate(BEFORE)
    _unkeyed_rows(apps, 4, break_at=2)
    with pytest.raises(RuntimeError, match="does not verify under the old chain"):
        _migrate(AFTER)
    apps.get_model("audit", "AuditEvent").objects.all().delete()
    _migrate(AFTER)  # leave the schema as the next test expects: an empty chain migrates
