"""Take reasons' words out of the audit log, and sign the chain with AUDIT_CHAIN_KEYS.

The words of each recorded reason move to an encrypted AuditReason row; the event keeps only a
keyed digest of them. The chain is then re-signed with an HMAC instead of a plain SHA-256. The
old chain is checked first: one that no longer verifies is not laundered into a signed one; the
migration stops and says so. The append-only trigger is lifted only for the rewrite.
"""

import hashlib
import hmac
import json

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import alongside.core.fields

GENESIS_HASH = "0" * 64
_FIELDS = ("actor_id", "actor_role", "action", "target_type", "target_id", "subject_id",
           "outcome", "reason", "request_id")  # fmt: skip
_TRIGGERS = {
    "sqlite": (
        "DROP TRIGGER IF EXISTS audit_event_no_update",
        """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
           BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    ),
    "postgresql": (
        "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent",
        """CREATE TRIGGER audit_event_append_only BEFORE UPDATE ON audit_auditevent
           FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()""",
    ),
}


def _message(event, prev_hash: str) -> bytes:
    fields = {name: getattr(event, name) for name in _FIELDS}
    fields["created_at"] = event.created_at.isoformat()
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return (prev_hash + payload).encode("utf-8")


def _sign(apps, schema_editor):
    event_model = apps.get_model("audit", "AuditEvent")
    head_model = apps.get_model("audit", "AuditChainHead")
    events = list(event_model.objects.order_by("id"))
    if not events:
        return
    expected = GENESIS_HASH
    for event in events:
        unkeyed = hashlib.sha256(_message(event, expected)).hexdigest()
        if event.prev_hash != expected or event.hash != unkeyed:
            raise RuntimeError(
                f"audit event {event.pk} does not verify under the old chain; investigate "
                "before signing it (manage.py verify_audit_chain on the previous release)"
            )
        expected = event.hash
    drop, create = _TRIGGERS.get(schema_editor.connection.vendor, (None, None))
    if drop:
        schema_editor.execute(drop)
    key = settings.AUDIT_CHAIN_KEYS[0].encode("utf-8")
    reason_model = apps.get_model("audit", "AuditReason")
    for event in events:
        if event.reason:
            reason_model.objects.create(event_id=event.pk, text=event.reason)
            digest = hmac.new(key, ("reason:" + event.reason).encode("utf-8"), hashlib.sha256)
            event.reason = "encrypted:" + digest.hexdigest()[:32]
            event_model.objects.filter(pk=event.pk).update(reason=event.reason)
    prev = GENESIS_HASH
    for event in events:
        signed = hmac.new(key, _message(event, prev), hashlib.sha256).hexdigest()
        event_model.objects.filter(pk=event.pk).update(prev_hash=prev, hash=signed)
        prev = signed
    head_model.objects.update_or_create(pk=1, defaults={"last_hash": prev})
    if create:
        schema_editor.execute(create)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_action_choices")]

    operations = [
        migrations.CreateModel(
            name="AuditReason",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", alongside.core.fields.EncryptedTextField()),
                (
                    "event",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reason_note",
                        to="audit.auditevent",
                    ),
                ),
            ],
        ),
        migrations.RunPython(_sign, migrations.RunPython.noop),
    ]
