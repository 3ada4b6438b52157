"""A mentor's profile, the requests a peer sent or a mentor received, and the waiting list."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from alongside.core.personal_data import pick, register
from alongside.matching.models import MentorProfile, MentorRequest, RequestStatus, WaitlistEntry
from alongside.notices.services import notice_send


def _profile(user) -> list[dict]:
    fields = ("about_me", "lived_experience", "languages", "meeting_modes", "region",
              "availability", "gender", "share_gender", "age_range", "share_age_range",
              "lgbtq2s", "share_lgbtq2s", "culture", "share_culture", "caseload_cap",
              "is_paused", "updated_at")  # fmt: skip
    return [pick(row, *fields) for row in MentorProfile.objects.filter(mentor=user)]


def _requests(user) -> list[dict]:
    rows = (
        MentorRequest.objects.filter(Q(peer=user) | Q(mentor=user))
        .select_related("peer", "mentor")
        .order_by("created_at", "id")
    )
    items = []
    for row in rows:
        sent = row.peer_id == user.pk
        item = {
            "direction": "you asked" if sent else "you were asked",
            "other_person": (row.mentor if sent else row.peer).display_name,
            **pick(row, "note", "status", "created_at", "decided_at"),
        }
        if not sent:  # the mentor's own words; a peer is never shown why
            item["decline_reason"] = row.decline_reason
        items.append(item)
    items += [
        {"direction": "waiting list", **pick(row, "created_at", "notified_at")}
        for row in WaitlistEntry.objects.filter(peer=user)
    ]
    return items


def _erase(user) -> None:
    now = timezone.now()
    waiting = MentorRequest.objects.filter(mentor=user, status=RequestStatus.PENDING)
    for peer_id in waiting.values_list("peer_id", flat=True):
        notice_send(
            recipient_id=peer_id,
            headline="The mentor you asked is no longer available",
            body="They have left the program. You can choose another mentor whenever you like.",
            link=reverse("peer_mentors"),
        )
    waiting.update(status=RequestStatus.EXPIRED, decided_at=now)
    MentorRequest.objects.filter(Q(peer=user) | Q(mentor=user)).delete()
    WaitlistEntry.objects.filter(peer=user).delete()


def _erase_profile(user) -> None:
    MentorProfile.objects.filter(mentor=user).delete()


register(
    app_label="matching", key="matching.profile", title="Your mentor profile",
    models=("matching.MentorProfile",), export=_profile, erase=_erase_profile,
)  # fmt: skip
register(
    app_label="matching", key="matching.requests",
    title="Requests you sent or received, and the waiting list",
    models=("matching.MentorRequest", "matching.WaitlistEntry"),
    export=_requests, erase=_erase,
)  # fmt: skip
