"""Changes to mentor profiles, requests and the waiting list; each one is audited."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import User
from alongside.accounts.services import private_content_open
from alongside.audit.models import Action
from alongside.audit.services import audit_record
from alongside.intake.models import PeerIntake
from alongside.matching.models import MentorProfile, MentorRequest, RequestStatus, WaitlistEntry
from alongside.matching.ranking import rank
from alongside.matching.selectors import (
    candidate_from,
    effective_cap,
    expiry_cutoff,
    is_profile_complete,
    matchable_mentors,
    matchable_profiles,
    open_requests,
    pending_request_for_peer,
    wishes_from,
)
from alongside.matching.tasks import notify_waitlist_task
from alongside.notices.services import notice_send
from alongside.partnerships.models import Partnership
from alongside.partnerships.selectors import (
    blocked_mentor_ids,
    current_partnership_for_peer,
    load_of,
)
from alongside.partnerships.services import partnership_start

PROFILE_FIELDS = (
    "about_me", "lived_experience", "languages", "meeting_modes", "region", "availability",
    "gender", "share_gender", "age_range", "share_age_range", "lgbtq2s", "share_lgbtq2s",
    "culture", "share_culture", "caseload_cap", "is_paused",
)  # fmt: skip


def mentor_profile_save(*, mentor: User, data: dict) -> MentorProfile:
    """Save the mentor's own profile from validated data; other keys are ignored."""
    with transaction.atomic():
        profile, _ = MentorProfile.objects.select_for_update().get_or_create(mentor=mentor)
        for name in PROFILE_FIELDS:
            if name in data:
                setattr(profile, name, data[name])
        profile.is_complete = is_profile_complete(profile)
        profile.updated_at = timezone.now()
        profile.save()
        audit_record(
            action=Action.MENTOR_PROFILE_UPDATE,
            actor=mentor,
            target_type="mentor_profile",
            target_id=profile.pk,
            subject=mentor,
        )
        # A saved profile can make a mentor matchable (complete, unpaused, a higher cap).
        mentor_place_may_have_opened()
    return profile


def mentor_place_may_have_opened() -> None:
    """After this transaction commits, tell waiting peers if a mentor now fits them.

    The one place this rule lives: a saved profile, an approval or reinstatement (training's
    event) and a partnership leaving a mentor's caseload (partnerships' event) all call it.
    """
    transaction.on_commit(notify_waitlist_task.enqueue)


class MatchingError(ValueError):
    """A request or acceptance that is not allowed, with a message fit to show the person."""


# --- Requests -------------------------------------------------------------------------------


def mentor_request_create(*, peer: User, mentor_id: int, note: str = "") -> MentorRequest:
    """Ask one matchable mentor; a second pending request or a current partnership refuses."""
    with transaction.atomic():
        reachable = matchable_mentors().exclude(pk=peer.pk).exclude(pk__in=blocked_mentor_ids(peer))
        if not reachable.filter(pk=mentor_id).exists():
            raise MatchingError("This mentor cannot take a new request right now.")
        if pending_request_for_peer(peer) is not None:
            raise MatchingError(
                "You already have a request waiting for a mentor's answer. You can withdraw it "
                "first if you would like to choose someone else."
            )
        if current_partnership_for_peer(peer) is not None:
            raise MatchingError("You already have a partnership; one at a time keeps it safe.")
        try:
            with transaction.atomic():
                request = MentorRequest.objects.create(
                    peer=peer, mentor_id=mentor_id, note=note.strip()
                )
        except IntegrityError:
            # Two submissions at the same moment: the database kept exactly one.
            raise MatchingError("You already have a request waiting for an answer.") from None
        WaitlistEntry.objects.filter(peer=peer).delete()
        audit_record(
            action=Action.REQUEST_CREATE,
            actor=peer,
            target_type="mentor_request",
            target_id=request.pk,
            subject=peer,
        )
        notice_send(
            recipient_id=mentor_id,
            headline="A peer would like you as their mentor",
            body="A peer has asked you to be their mentor. Read what they chose to share, and "
            "answer when you are ready.",
            link=reverse("mentor_requests"),
        )
    return request


def mentor_request_withdraw(*, peer: User, mentor_request: MentorRequest) -> MentorRequest:
    """The peer takes back a pending request; no reason asked."""
    with transaction.atomic():
        request = _locked_pending(mentor_request, peer=peer)
        _close(request, RequestStatus.WITHDRAWN)
        audit_record(
            action=Action.REQUEST_WITHDRAW,
            actor=peer,
            target_type="mentor_request",
            target_id=request.pk,
            subject=peer,
        )
    return request


def mentor_request_decline(
    *, mentor: User, mentor_request: MentorRequest, reason: str
) -> MentorRequest:
    """The mentor says no. The reason is kept for coordinators; the peer is told kindly."""
    with transaction.atomic():
        request = _locked_pending(mentor_request, mentor=mentor)
        request.decline_reason = reason.strip()
        _close(request, RequestStatus.DECLINED)
        # The reason is private: it stays on the encrypted request, never in the audit log.
        audit_record(
            action=Action.REQUEST_DECLINE,
            actor=mentor,
            target_type="mentor_request",
            target_id=request.pk,
            subject=request.peer,
        )
        _tell_peer_to_choose_again(request.peer_id)
    return request


def mentor_request_accept(*, mentor: User, mentor_request: MentorRequest) -> Partnership:
    """The mentor says yes: an active partnership, if they still have room and the peer has
    none. The mentor's profile row is locked so two acceptances cannot share a last slot."""
    with transaction.atomic():
        profile = MentorProfile.objects.select_for_update().filter(mentor=mentor).first()
        request = _locked_pending(mentor_request, mentor=mentor)
        if profile is None or not matchable_mentors().filter(pk=mentor.pk).exists():
            raise MatchingError(
                "You have no free place for a new partnership right now (or your mentoring is "
                "paused), so this request cannot be accepted."
            )
        if load_of(mentor) >= effective_cap(profile):  # re-counted under the lock
            raise MatchingError("You have no free place for a new partnership right now.")
        if current_partnership_for_peer(request.peer) is not None:
            raise MatchingError("This peer already has a partnership.")
        try:
            partnership = partnership_start(peer=request.peer, mentor=mentor, by=mentor)
        except IntegrityError:
            raise MatchingError("This peer already has a partnership.") from None
        request.partnership = partnership
        _close(request, RequestStatus.ACCEPTED)
        audit_record(
            action=Action.REQUEST_ACCEPT,
            actor=mentor,
            target_type="mentor_request",
            target_id=request.pk,
            subject=request.peer,
        )
        notice_send(
            recipient_id=request.peer_id,
            headline="Your mentor said yes",
            body="Good news: the mentor you chose accepted. Your partnership has begun.",
            link=reverse("partnership", kwargs={"partnership_id": partnership.pk}),
        )
    return partnership


def requests_expire(*, now=None) -> int:
    """Expire pending requests older than MENTOR_REQUEST_EXPIRY_DAYS; the peer may choose again."""
    cutoff = expiry_cutoff(now or timezone.now())
    expired = 0
    for request_id in MentorRequest.objects.filter(
        status=RequestStatus.PENDING, created_at__lt=cutoff
    ).values_list("pk", flat=True):
        with transaction.atomic():
            request = (
                MentorRequest.objects.select_for_update()
                .filter(pk=request_id, status=RequestStatus.PENDING)
                .first()
            )
            if request is None:
                continue
            _close(request, RequestStatus.EXPIRED)
            audit_record(
                action=Action.REQUEST_EXPIRE,
                target_type="mentor_request",
                target_id=request.pk,
                subject=request.peer,
            )
            _tell_peer_to_choose_again(request.peer_id)
            expired += 1
    return expired


def decline_reason_open(*, coordinator: User, mentor_request: MentorRequest, reason: str) -> str:
    """A coordinator reads why a mentor declined, having written why; each reading is on the
    record with that reason (encrypted)."""
    private_content_open(
        staff=coordinator, subject=mentor_request.peer,
        action=Action.REQUEST_VIEW_DECLINE_REASON, target_type="mentor_request",
        target_id=mentor_request.pk, reason=reason,
    )  # fmt: skip
    return mentor_request.decline_reason


def _tell_peer_to_choose_again(peer_id: int) -> None:
    """Same words for a decline and an expiry: the peer is never told which, nor why."""
    notice_send(
        recipient_id=peer_id,
        headline="You can choose another mentor",
        body="The mentor you asked is not able to start a partnership right now. This is not "
        "about you. You can choose another mentor whenever you are ready.",
        link=reverse("peer_mentors"),
    )


def _locked_pending(mentor_request: MentorRequest, *, peer=None, mentor=None) -> MentorRequest:
    if mentor is not None:  # a mentor can no longer answer once the request has expired
        rows = open_requests().filter(mentor=mentor)
    else:
        rows = MentorRequest.objects.filter(status=RequestStatus.PENDING)
    rows = rows.select_for_update().select_related("peer").filter(pk=mentor_request.pk)
    if peer is not None:
        rows = rows.filter(peer=peer)
    request = rows.first()
    if request is None:
        raise MatchingError("This request is no longer waiting for an answer.")
    return request


def _close(request: MentorRequest, status: str) -> None:
    request.status = status
    request.decided_at = timezone.now()
    request.save()


# --- Waitlist -------------------------------------------------------------------------------


def waitlist_join(*, peer: User) -> WaitlistEntry:
    with transaction.atomic():
        entry, created = WaitlistEntry.objects.get_or_create(peer=peer)
        if not created and entry.notified_at is not None:
            entry.notified_at = None
            entry.save(update_fields=["notified_at"])
        audit_record(
            action=Action.WAITLIST_JOIN,
            actor=peer,
            target_type="waitlist_entry",
            target_id=entry.pk,
            subject=peer,
        )
    return entry


def waitlist_leave(*, peer: User) -> None:
    with transaction.atomic():
        deleted, _ = WaitlistEntry.objects.filter(peer=peer).delete()
        if deleted:
            audit_record(
                action=Action.WAITLIST_LEAVE,
                actor=peer,
                target_type="waitlist_entry",
                target_id="",
                subject=peer,
            )


def waitlist_notify() -> int:
    """Notify each waiting peer for whom at least one mentor now fits (once per wait).

    Called as a task after a mentor is approved or reinstated, saves their profile, or a
    partnership closes; `manage.py notify_waitlist` runs the same from cron as a safety net.
    Matchable mentors are loaded once and ranked in memory for every waiting peer.
    """
    waiting = list(
        WaitlistEntry.objects.filter(notified_at__isnull=True).select_related(
            "peer", "peer__peer_intake"
        )
    )
    if not waiting:
        return 0
    profiles = matchable_profiles()
    notified = 0
    for entry in waiting:
        if _fits_someone(entry.peer, profiles):
            _notify_entry(entry)
            notified += 1
    return notified


def _fits_someone(peer: User, profiles: list[MentorProfile]) -> bool:
    intake = getattr(peer, "peer_intake", None) or PeerIntake(peer=peer)
    wishes = wishes_from(peer, intake)
    candidates = [candidate_from(p, p.current_load) for p in profiles if p.mentor_id != peer.pk]
    return bool(rank(wishes, candidates, limit=1))


def _notify_entry(entry: WaitlistEntry) -> None:
    with transaction.atomic():
        updated = WaitlistEntry.objects.filter(pk=entry.pk, notified_at__isnull=True).update(
            notified_at=timezone.now()
        )
        if not updated:
            return
        audit_record(
            action=Action.WAITLIST_NOTIFY,
            target_type="waitlist_entry",
            target_id=entry.pk,
            subject=entry.peer,
        )
        notice_send(
            recipient_id=entry.peer_id,
            headline="A mentor who fits you is available",
            body="You asked us to tell you when a mentor who fits what you hoped for is "
            "available. Your suggestions are waiting; there is no rush.",
            link=reverse("peer_mentors"),
        )
