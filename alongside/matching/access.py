"""Who may open which matching object. "Missing" and "not yours" both answer 404."""

from django.http import Http404

from alongside.accounts.models import Role, User
from alongside.matching.models import MentorProfile, MentorRequest
from alongside.matching.selectors import matchable_profile, open_requests
from alongside.partnerships.selectors import blocked_mentor_ids


def access_matchable_mentor(user: User, mentor_id: int) -> MentorProfile:
    """A peer may open a mentor's public profile only while that mentor is matchable, and
    never one they blocked."""
    profile = matchable_profile(mentor_id)
    if profile is None or profile.mentor_id == user.pk:
        raise Http404("No such mentor.")
    if blocked_mentor_ids(user).filter(mentor_id=profile.mentor_id).exists():
        raise Http404("No such mentor.")
    return profile


def access_request_as_peer(user: User, request_id: int) -> MentorRequest:
    """The peer's own request; the decline reason is never loaded for them."""
    found = MentorRequest.objects.defer("decline_reason").filter(pk=request_id, peer=user).first()
    if found is None:
        raise Http404("No such request.")
    return found


def access_request_as_mentor(user: User, request_id: int) -> MentorRequest:
    """A request addressed to this mentor that still waits for an answer. After a decline,
    withdrawal or expiry the mentor no longer reaches it (nor the peer's shared intake)."""
    found = open_requests().select_related("peer").filter(pk=request_id, mentor=user).first()
    if found is None:
        raise Http404("No such request.")
    return found


def access_request_as_coordinator(user: User, request_id: int) -> MentorRequest:
    if not user.has_role(Role.COORDINATOR):
        raise Http404("No such request.")
    found = MentorRequest.objects.select_related("peer", "mentor").filter(pk=request_id).first()
    if found is None:
        raise Http404("No such request.")
    return found
