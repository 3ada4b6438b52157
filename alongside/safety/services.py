"""Writes for safety: raising an escalation (inside the sender's transaction), paging
coordinators idempotently, the watchdog, the coordinator's moves, and the resource directory."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.accounts.services import private_content_open
from alongside.audit.models import Action
from alongside.audit.services import audit_record
from alongside.core.realtime import broadcast
from alongside.partnerships.models import Partnership
from alongside.safety.models import (
    Channel,
    CrisisResource,
    Escalation,
    Level,
    NotificationAttempt,
    Outcome,
    Priority,
)
from alongside.safety.selectors import active_coordinators, unacknowledged_urgent

log = logging.getLogger(__name__)

# The channel-layer group every coordinator's live page joins (the consumer comes later).
COORDINATORS_GROUP = "coordinators"
NOTE_MAX_LENGTH = 2000

# Emails carry no private text and no names: only that someone should come and look.
EMAIL_SUBJECT = "Alongside: a partnership needs attention"
EMAIL_BODY = (
    "A partnership in the program needs a coordinator's attention ({level}).\n\n"
    "Please sign in to Alongside and open Coordination, then Escalations.\n\n"
    "This email holds no details on purpose; everything is in the queue."
)


class SafetyError(Exception):
    """A move the escalation's state does not allow; the message is safe to show."""


def escalation_raise(
    *,
    partnership: Partnership,
    message_id: int,
    level: str,
    raised_by: User,
    told_by_mentor: bool = False,
) -> Escalation | None:
    """Write the escalation for a message that suggests crisis risk, in the caller's
    transaction (the outbox), and page coordinators once that transaction commits.

    A mentor's own crisis is not a peer escalation (the caller starts the self-care path), and
    "none" raises nothing: both return None. A mentor's message that gives back the peer's own
    words of risk (told_by_mentor) is the peer's escalation, raised by the mentor."""
    if level == "none":
        return None
    level = Level(level)  # an unknown level is a bug: refuse it loudly, whoever sent it
    if raised_by.pk == partnership.mentor_id and not told_by_mentor:
        return None
    if told_by_mentor and raised_by.pk != partnership.mentor_id:
        raise ValueError("only the partnership's mentor tells of the peer's risk")
    if not told_by_mentor and raised_by.pk != partnership.peer_id:
        raise ValueError("only a member of the partnership raises its escalation")
    pages = level == Level.URGENT or settings.ESCALATION_CONCERN_PAGES
    now = timezone.now()
    with transaction.atomic():
        escalation = Escalation.objects.create(
            partnership=partnership, message_id=message_id, raised_by=raised_by, level=level,
            priority=Priority.HIGH if level == Level.URGENT else Priority.LOWER, pages=pages,
            created_at=now, round=1 if pages else 0, round_started_at=now if pages else None,
        )  # fmt: skip
        audit_record(
            action=Action.ESCALATION_RAISE, actor=raised_by, target_type="escalation",
            target_id=escalation.pk, subject=partnership.peer,
        )  # fmt: skip
        if pages:
            transaction.on_commit(lambda: _enqueue_round(escalation.pk, 1))
        # Coordinators with the queue open see it at once, paging or not (from this process,
        # so it reaches them even on the in-memory layer, whatever the worker is doing).
        transaction.on_commit(lambda: _push_to_coordinators(escalation))
    return escalation


def _enqueue_round(escalation_id: int, round_number: int) -> None:
    """Hand the paging to the task worker. If the queue is down the row is already stored and
    the watchdog pages from it, so a failure here is logged, never raised into the send."""
    from alongside.safety.tasks import notify_escalation_task

    try:
        notify_escalation_task.enqueue(escalation_id=escalation_id, round_number=round_number)
    except Exception:  # noqa: BLE001 (the watchdog delivers from the row)
        log.exception("could not enqueue paging for escalation %s", escalation_id)


def escalation_notify(*, escalation_id: int, round_number: int) -> int:
    """Tell every active coordinator about one round of an escalation, in the app and by
    email; returns how many notices went out. Safe to run any number of times: an attempt
    already on record for a coordinator, channel and round is never sent again."""
    escalation = Escalation.objects.filter(pk=escalation_id).first()
    # A late task for a round the watchdog has since replaced pages nobody: the newer round does.
    if escalation is None or not _still_pages(escalation) or round_number != escalation.round:
        return 0
    sent = 0
    for coordinator in active_coordinators():
        for channel in (Channel.IN_APP, Channel.EMAIL):
            attempt = _claim(escalation, coordinator, channel, round_number)
            if attempt is not None:
                sent += _deliver(attempt)
    if sent:
        _push_to_coordinators(escalation)
    return sent


def _still_pages(escalation: Escalation) -> bool:
    return escalation.pages and escalation.is_open and escalation.acknowledged_at is None


def _claim(escalation, coordinator, channel, round_number) -> NotificationAttempt | None:
    """Record the attempt before sending; the unique constraint lets only one claim win."""
    try:
        with transaction.atomic():
            return NotificationAttempt.objects.create(
                escalation=escalation, coordinator=coordinator, channel=channel,
                round=round_number,
            )  # fmt: skip
    except IntegrityError:
        return None


def _deliver(attempt: NotificationAttempt) -> int:
    try:
        if attempt.channel == Channel.EMAIL:
            body = EMAIL_BODY.format(level=attempt.escalation.get_level_display().lower())
            send_mail(EMAIL_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [attempt.coordinator.email])
    except Exception as exc:  # noqa: BLE001 (recorded on the attempt; the next round retries)
        attempt.error = type(exc).__name__[:200]
        attempt.save(update_fields=["error"])
        return 0
    attempt.ok = True
    attempt.save(update_fields=["ok"])
    return 1


def _push_to_coordinators(escalation: Escalation) -> None:
    """Live push to coordinators who have the queue open (coordination's queue consumer); a
    channel layer that is down only loses the push, never the row."""
    broadcast(COORDINATORS_GROUP, {"type": "escalation.changed", "escalation_id": escalation.pk})


def escalation_watchdog(*, now=None) -> int:
    """Re-notify every unacknowledged urgent escalation whose round is older than
    ESCALATION_RENOTIFY_MINUTES (a new round, each attempt recorded), and deliver whatever the
    current round still owes (a lost task). Returns how many notices went out."""
    now = now or timezone.now()
    due_before = now - timedelta(minutes=settings.ESCALATION_RENOTIFY_MINUTES)
    sent = 0
    for escalation_id in unacknowledged_urgent().values_list("pk", flat=True):
        round_number = _next_round_if_due(escalation_id, due_before, now)
        if round_number:
            sent += escalation_notify(escalation_id=escalation_id, round_number=round_number)
    return sent


def _next_round_if_due(escalation_id: int, due_before, now) -> int:
    with transaction.atomic():
        escalation = unacknowledged_urgent().select_for_update().filter(pk=escalation_id).first()
        if escalation is None:
            return 0
        started = escalation.round_started_at
        if escalation.round == 0 or started is None or started <= due_before:
            escalation.round += 1
            escalation.round_started_at = now
            escalation.save(update_fields=["round", "round_started_at"])
        return escalation.round


# --- The coordinator's moves -----------------------------------------------------------------


def _locked(escalation: Escalation) -> Escalation:
    return Escalation.objects.select_for_update().get(pk=escalation.pk)


def _audit(action, coordinator, escalation, reason: str = "") -> None:
    audit_record(
        action=action, actor=coordinator, target_type="escalation", target_id=escalation.pk,
        subject=escalation.partnership.peer, reason=reason,
    )  # fmt: skip


def escalation_acknowledge(*, escalation: Escalation, coordinator: User) -> Escalation:
    """A coordinator takes the escalation on; the watchdog stops paging for it."""
    with transaction.atomic():
        row = _locked(escalation)
        if not row.is_open:
            raise SafetyError("This escalation is already resolved.")
        if row.acknowledged_at is not None:
            raise SafetyError("This escalation was already acknowledged.")
        row.acknowledged_by, row.acknowledged_at = coordinator, timezone.now()
        row.save(update_fields=["acknowledged_by", "acknowledged_at"])
        _audit(Action.ESCALATION_ACKNOWLEDGE, coordinator, row)
        transaction.on_commit(lambda: _push_to_coordinators(row))
    return row


def escalation_note_add(*, escalation: Escalation, coordinator: User, text: str) -> Escalation:
    """Add a dated note (kept encrypted) to an open escalation."""
    text = text.strip()
    if not text:
        raise SafetyError("Please write the note before saving it.")
    if len(text) > NOTE_MAX_LENGTH:
        raise SafetyError(f"Please keep a note under {NOTE_MAX_LENGTH} characters.")
    with transaction.atomic():
        row = _locked(escalation)
        if not row.is_open:
            raise SafetyError("This escalation is resolved; its notes are closed.")
        stamp = timezone.now().strftime("%Y-%m-%d %H:%M UTC")
        entry = f"{stamp}, {coordinator.display_name}: {text}"
        row.notes = f"{row.notes}\n\n{entry}" if row.notes else entry
        row.save(update_fields=["notes"])
        _audit(Action.ESCALATION_NOTE, coordinator, row)
    return row


def escalation_outcome_record(
    *, escalation: Escalation, coordinator: User, outcome: str, reason: str = ""
) -> Escalation:
    """Record what was done. "No action needed" needs a reason, kept encrypted."""
    outcome = Outcome(outcome)
    reason = reason.strip()
    if outcome == Outcome.NO_ACTION and not reason:
        raise SafetyError("Please say why no action is needed.")
    with transaction.atomic():
        row = _locked(escalation)
        if not row.is_open:
            raise SafetyError("This escalation is resolved; what was done is already recorded.")
        if row.acknowledged_at is None:
            raise SafetyError("Please acknowledge the escalation first.")
        row.outcome, row.outcome_reason = outcome, reason
        row.save(update_fields=["outcome", "outcome_reason"])
        _audit(Action.ESCALATION_OUTCOME, coordinator, row)
    return row


def escalation_resolve(*, escalation: Escalation, coordinator: User) -> Escalation:
    """Close the escalation once it was acknowledged and what was done is on record."""
    with transaction.atomic():
        row = _locked(escalation)
        if not row.is_open:
            raise SafetyError("This escalation is already resolved.")
        if row.acknowledged_at is None or not row.outcome:
            raise SafetyError("Please acknowledge it and record what was done before resolving.")
        row.resolved_at = timezone.now()
        row.save(update_fields=["resolved_at"])
        _audit(Action.ESCALATION_RESOLVE, coordinator, row)
        transaction.on_commit(lambda: _push_to_coordinators(row))
    return row


def escalation_open(*, escalation: Escalation, coordinator: User, reason: str) -> Escalation:
    """A coordinator opens the escalation's private side (notes, the messages around it),
    having written why; the reason is kept encrypted and the opening audited."""
    private_content_open(
        staff=coordinator, subject=escalation.partnership.peer, action=Action.ESCALATION_OPEN,
        target_type="escalation", target_id=escalation.pk, reason=reason,
    )  # fmt: skip
    return escalation


# --- The crisis resource directory ----------------------------------------------------------


RESOURCE_FIELDS = (
    "name", "offers", "audience", "region", "phone", "text", "web", "hours", "languages", "kind",
    "last_verified", "is_example",
)  # fmt: skip


def crisis_resource_save(
    *, coordinator: User | None, data: dict, resource: CrisisResource | None = None
) -> CrisisResource:
    """Add or change a directory entry; the region is kept upper-case ("CA", "CA-ON")."""
    resource = resource or CrisisResource()
    for field in RESOURCE_FIELDS:
        if field in data:
            setattr(resource, field, data[field])
    resource.region = resource.region.strip().upper()
    resource.updated_at = timezone.now()
    with transaction.atomic():
        resource.save()
        audit_record(
            action=Action.CRISIS_RESOURCE_SAVE, actor=coordinator, target_type="crisis_resource",
            target_id=resource.pk,
        )  # fmt: skip
    return resource


def crisis_resource_verify(*, coordinator: User, resource: CrisisResource) -> CrisisResource:
    """A coordinator checked the entry against the organisation's own site today: it is no
    longer example data."""
    with transaction.atomic():
        resource.last_verified = timezone.localdate()
        resource.is_example = False
        resource.updated_at = timezone.now()
        resource.save(update_fields=["last_verified", "is_example", "updated_at"])
        audit_record(
            action=Action.CRISIS_RESOURCE_VERIFY, actor=coordinator,
            target_type="crisis_resource", target_id=resource.pk,
        )  # fmt: skip
    return resource
