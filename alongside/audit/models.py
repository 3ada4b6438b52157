import hashlib
import json

from django.db import models


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events cannot be updated")

    def delete(self):
        raise AppendOnlyError("audit events cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("audit events cannot be updated")

    def bulk_create(self, *args, **kwargs):
        raise AppendOnlyError(
            "audit events are written one at a time by audit.services.audit_record"
        )


class Outcome(models.TextChoices):
    SUCCESS = "success", "Success"
    DENIED = "denied", "Denied"
    FAILURE = "failure", "Failure"


class AuditEvent(models.Model):
    """One thing that happened, who did it and to whose data; never the private content itself.

    People are stored as plain ids, not foreign keys: deleting an account must not rewrite
    history (and so break the hash chain).
    """

    created_at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_role = models.CharField(max_length=32, blank=True)
    action = models.CharField(max_length=64)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    subject_id = models.BigIntegerField(
        null=True, blank=True, help_text="Whose data this concerns."
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.SUCCESS)
    reason = models.CharField(max_length=500, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["action", "created_at"]),
            models.Index(fields=["subject_id", "created_at"]),
            models.Index(fields=["actor_id", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} by {self.actor_id or 'system'} ({self.outcome})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")

    def canonical(self) -> dict:
        """The fields the hash covers, in a stable form."""
        return {
            "created_at": self.created_at.isoformat(),
            "actor_id": self.actor_id,
            "actor_role": self.actor_role,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "subject_id": self.subject_id,
            "outcome": self.outcome,
            "reason": self.reason,
            "request_id": self.request_id,
        }

    def compute_hash(self) -> str:
        payload = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256((self.prev_hash + payload).encode("utf-8")).hexdigest()


class AuditChainHead(models.Model):
    """A single row holding the latest hash; locking it serialises writers of the chain."""

    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.last_hash
