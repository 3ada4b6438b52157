import hashlib
import hmac
import json

from django.db import models

from alongside.core.fields import EncryptedTextField


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


class Action(models.TextChoices):
    """Every kind of event the log can hold; `audit_record` refuses any other name."""

    AUTH_LOGIN = "auth.login", "Signed in"
    AUTH_LOGOUT = "auth.logout", "Signed out"
    AUTH_LOGIN_FAILED = "auth.login_failed", "Sign-in refused"
    AUTH_LOGIN_THROTTLED = "auth.login_throttled", "Sign-in slowed down after many attempts"
    AUTH_RATE_LIMITED = "auth.rate_limited", "Page refused for too many attempts"
    AUTH_SIGN_OUT_EVERYWHERE = "auth.sign_out_everywhere", "Signed out everywhere"
    MFA_ADD = "mfa.add", "Authenticator added"
    MFA_REMOVE = "mfa.remove", "Authenticator removed"
    ROLE_GRANT = "role.grant", "Role granted"
    ROLE_REVOKE = "role.revoke", "Role removed"
    CONSENT_ACCEPT = "consent.accept", "Privacy statement accepted"
    TRAINING_MODULE_READ = "training.module_read", "Training module read"
    TRAINING_CHECK_ATTEMPT = "training.check_attempt", "Knowledge check attempted"
    REFLECTION_SAVE = "reflection.save", "Readiness reflection saved"
    REFLECTION_SUBMIT = "reflection.submit", "Readiness reflection submitted"
    REFLECTION_VIEW = "reflection.view", "Readiness reflection opened by staff"
    CONDUCT_SIGN = "conduct.sign", "Code of conduct signed"
    APPLICATION_SUBMIT = "application.submit", "Mentor application submitted"
    MENTOR_INTERVIEW_NOTES = "mentor.interview_notes", "Interview notes saved"
    MENTOR_APPROVE = "mentor.approve", "Mentor approved"
    MENTOR_DECLINE = "mentor.decline", "Mentor application declined"
    MENTOR_REQUEST_CHANGES = "mentor.request_changes", "Changes asked of an applicant"
    MENTOR_SUSPEND = "mentor.suspend", "Mentor suspended"
    MENTOR_REINSTATE = "mentor.reinstate", "Mentor reinstated"
    INTAKE_UPDATE = "intake.update", "Intake saved"
    MENTOR_PROFILE_UPDATE = "mentor_profile.update", "Mentor profile saved"
    REQUEST_CREATE = "mentor_request.create", "Mentor request sent"
    REQUEST_WITHDRAW = "mentor_request.withdraw", "Mentor request withdrawn"
    REQUEST_DECLINE = "mentor_request.decline", "Mentor request declined"
    REQUEST_ACCEPT = "mentor_request.accept", "Mentor request accepted"
    REQUEST_EXPIRE = "mentor_request.expire", "Mentor request expired"
    REQUEST_VIEW_DECLINE_REASON = (
        "mentor_request.view_decline_reason",
        "Decline reason opened by staff",
    )
    WAITLIST_JOIN = "waitlist.join", "Joined the waiting list"
    WAITLIST_LEAVE = "waitlist.leave", "Left the waiting list"
    WAITLIST_NOTIFY = "waitlist.notify", "Told a mentor is available"
    SUPPORT_REQUEST_OPEN = "support_request.open", "A mentor called for assistance"
    SUPPORT_REQUEST_HANDLE = "support_request.handle", "A coordinator took up a call for assistance"
    PARTNERSHIP_START = "partnership.start", "Partnership started"
    PARTNERSHIP_ACTIVE = "partnership.active", "Partnership active again"
    PARTNERSHIP_PAUSED = "partnership.paused", "Partnership paused"
    PARTNERSHIP_CLOSING = "partnership.closing", "Partnership closing"
    PARTNERSHIP_CLOSED = "partnership.closed", "Partnership closed"
    PARTNERSHIP_DECLINED = "partnership.declined", "Partnership declined"
    PARTNERSHIP_EXPIRED = "partnership.expired", "Partnership expired"
    PARTNERSHIP_CLOSING_PLAN = "partnership.closing_plan", "Closing plan saved"
    PARTNERSHIP_ENDED_BY_COORDINATOR = (
        "partnership.ended_by_coordinator",
        "Partnership ended by a coordinator for safety or conduct",
    )
    CLOSING_REFLECTION_SAVE = "partnership.closing_reflection", "Closing reflection saved"
    MENTOR_BLOCK = "partnership.block", "A peer blocked a mentor"
    PARTNERSHIP_CONCERN = "partnership.concern", "A peer raised a concern about a partnership"
    AGREEMENT_UPDATE = "agreement.update", "Partnership agreement changed"
    AGREEMENT_PROPOSE = "agreement.propose", "Addition to an agreement proposed"
    AGREEMENT_DECIDE = "agreement.decide", "Proposed addition accepted or declined"
    MEETING_PROPOSE = "meeting.propose", "Meeting proposed"
    MEETING_CONFIRM = "meeting.confirm", "Meeting confirmed"
    MEETING_RESCHEDULE = "meeting.reschedule", "Another meeting time suggested"
    MEETING_CANCEL = "meeting.cancel", "Meeting cancelled"
    MEETING_REFLECTION_SAVE = "meeting_reflection.save", "Meeting reflection saved"
    GOAL_SAVE = "goal.save", "Goal saved"
    GOAL_SUGGEST = "goal.suggest", "Goal suggested"
    GOAL_DECIDE = "goal.decide", "Suggested goal accepted or declined"
    STRENGTH_RECORD = "strength.record", "Strength recorded"
    ESCALATION_RAISE = "escalation.raise", "Escalation raised"
    ESCALATION_OPEN = "escalation.open", "Escalation opened by staff"
    ESCALATION_ACKNOWLEDGE = "escalation.acknowledge", "Escalation acknowledged"
    ESCALATION_NOTE = "escalation.note", "Note added to an escalation"
    ESCALATION_OUTCOME = "escalation.outcome", "What was done about an escalation recorded"
    ESCALATION_RESOLVE = "escalation.resolve", "Escalation resolved"
    CRISIS_RESOURCE_SAVE = "crisis_resource.save", "Crisis resource saved"
    CRISIS_RESOURCE_VERIFY = "crisis_resource.verify", "Crisis resource verified"
    EXPORT_REQUEST = "privacy.export_request", "Download of one's data asked for"
    EXPORT_DOWNLOAD = "privacy.export_download", "Download of one's data fetched"
    EXPORT_REFUSED = "privacy.export_refused", "Download link refused"
    ACCOUNT_ERASE = "privacy.account_erase", "Account deleted by its owner"
    ERASED_RECORDS_PURGE = "privacy.erased_records_purge", "Records kept after a deletion removed"
    CONVERSATION_KEEP = "privacy.conversation_keep", "Asked to keep a closed conversation"
    CONVERSATION_RELEASE = "privacy.conversation_release", "No longer keeping a conversation"
    CONVERSATION_RETENTION_DELETE = (
        "privacy.conversation_retention_delete",
        "Closed conversation deleted at the end of its retention period",
    )
    SIGNUP_CLEANUP = "privacy.signup_cleanup", "Unconfirmed sign-ups removed"
    AUDIT_PRUNE = "audit.prune", "Audit entries past their retention age removed"


class AuditEvent(models.Model):
    """One thing that happened, who did it and to whose data; never the private content itself.

    People are stored as plain ids, not foreign keys: deleting an account must not rewrite
    history (and so break the hash chain).
    """

    created_at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_role = models.CharField(max_length=32, blank=True)
    action = models.CharField(max_length=64, choices=Action.choices)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    subject_id = models.BigIntegerField(
        null=True, blank=True, help_text="Whose data this concerns."
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.SUCCESS)
    # Never the words: "" when no reason was given, otherwise "encrypted:" and a keyed digest of
    # the words, which are kept encrypted in the event's AuditReason.
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

    def compute_hash(self, key: str) -> str:
        """HMAC-SHA256 under `key` of the previous hash and this event's fields."""
        payload = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":"))
        message = (self.prev_hash + payload).encode("utf-8")
        return hmac.new(key.encode("utf-8"), message, hashlib.sha256).hexdigest()

    def signed_by_any(self, keys: list[str]) -> bool:
        return any(hmac.compare_digest(self.compute_hash(key), self.hash) for key in keys)


def reason_digest(key: str, text: str) -> str:
    """A keyed digest binding an event to its reason without revealing the words."""
    message = ("reason:" + text).encode("utf-8")
    return hmac.new(key.encode("utf-8"), message, hashlib.sha256).hexdigest()[:32]


class AuditReason(models.Model):
    """The words of a reason recorded with an event (a decision, a role change, a close),
    encrypted; the event itself holds only a digest of them."""

    event = models.OneToOneField(AuditEvent, on_delete=models.PROTECT, related_name="reason_note")
    text = EncryptedTextField()

    def __str__(self) -> str:
        return f"Reason for event {self.event_id}"

    def matches(self, keys: list[str]) -> bool:
        expected = self.event.reason.removeprefix("encrypted:")
        return any(hmac.compare_digest(reason_digest(k, self.text), expected) for k in keys)


class AuditChainHead(models.Model):
    """A single row holding the latest hash; locking it serialises writers of the chain."""

    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.last_hash


class AuditChainAnchor(models.Model):
    """Where the chain now starts, after entries past their retention age were removed: the
    previous-hash the oldest remaining entry must carry. Absent until the first prune."""

    first_prev_hash = models.CharField(max_length=64)
    pruned_through_id = models.BigIntegerField()
    pruned_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Chain starts after event {self.pruned_through_id}"
