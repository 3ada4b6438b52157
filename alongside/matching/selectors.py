"""Reads about mentors for matching; `matchable_mentors` is the one definition of matchable."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Least
from django.utils.timezone import now

from alongside.accounts.models import Role, User
from alongside.intake.choices import (
    AVAILABILITY_CHOICES,
    AgeRange,
    Language,
    LivedExperience,
    MeetingMode,
    labels,
    meets_in_person,
    region_missing,
)
from alongside.intake.models import PeerIntake
from alongside.intake.selectors import SharedItem, intake_for, shared_intake
from alongside.matching.models import MentorProfile, MentorRequest, RequestStatus, WaitlistEntry
from alongside.matching.ranking import Candidate, Wishes, rank
from alongside.partnerships.selectors import (
    blocked_mentor_ids,
    current_partnership_for_peer,
    load_subquery,
)
from alongside.training.selectors import approved_mentor_ids, current_code_signer_ids


def effective_cap(profile: MentorProfile) -> int:
    """The mentor's own cap, bound by the program's MENTOR_CASELOAD_MAX (which may have been
    lowered after the mentor saved a higher cap)."""
    return min(profile.caseload_cap, settings.MENTOR_CASELOAD_MAX)


def effective_cap_sql(field: str = "mentor_profile__caseload_cap"):
    """`effective_cap` as an SQL expression, so "has a free place" stays one query."""
    return Least(F(field), Value(settings.MENTOR_CASELOAD_MAX))


def matchable_mentors() -> QuerySet:
    """Mentors a peer may choose: approved (not suspended), signed the current code of
    conduct, profile complete, not paused, and with free capacity (active and paused
    partnerships below the mentor's effective caseload cap, counted in SQL).
    """
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.MENTOR,
            pk__in=approved_mentor_ids(),
            mentor_profile__is_complete=True,
            mentor_profile__is_paused=False,
        )
        .filter(pk__in=current_code_signer_ids())
        .annotate(current_load=load_subquery())
        .filter(current_load__lt=effective_cap_sql())
    )


def profile_for(mentor: User) -> MentorProfile:
    """The mentor's profile, or an unsaved empty one."""
    return MentorProfile.objects.filter(mentor=mentor).first() or MentorProfile(mentor=mentor)


def is_profile_complete(profile: MentorProfile) -> bool:
    """Enough for a peer to choose: words about themselves, areas, language, mode, time."""
    return bool(
        profile.about_me.strip()
        and profile.lived_experience
        and profile.languages
        and profile.meeting_modes
        and profile.availability
        and not region_missing(profile.meeting_modes, profile.region)
    )


def public_profile(profile: MentorProfile) -> dict:
    """What a peer may see: the profile without any facet the mentor chose not to share."""
    shown = {
        "display_name": profile.mentor.display_name,
        "pronouns": profile.mentor.pronouns,
        "about_me": profile.about_me,
        "lived_experience": labels(profile.lived_experience, LivedExperience.choices),
        "languages": labels(profile.languages, Language.choices),
        "meeting_modes": labels(profile.meeting_modes, MeetingMode.choices),
        "region": profile.region if meets_in_person(profile.meeting_modes) else "",
        "availability": labels(profile.availability, AVAILABILITY_CHOICES),
    }
    facets = shared_facets(profile)
    if "age_range" in facets:
        facets["age_range"] = AgeRange(facets["age_range"]).label
    return shown | facets


# --- Suggestions ----------------------------------------------------------------------------

RANKING_LABELS = dict(
    [*LivedExperience.choices, *Language.choices, *MeetingMode.choices, *AgeRange.choices,
     *AVAILABILITY_CHOICES]
)  # fmt: skip


def wishes_from(peer: User, intake: PeerIntake, *, mode: str = "", language: str = "") -> Wishes:
    """The peer's wishes for ranking. No language given: their account language; no way to
    meet given: any way. A filter from the page narrows the wishes, never widens them."""
    languages = frozenset(intake.languages or [peer.preferred_language])
    modes = frozenset(intake.meeting_modes or MeetingMode.values)
    if language:
        languages = languages & {language} if intake.languages else frozenset({language})
    if mode:
        modes = modes & {mode}
    return Wishes(
        peer_id=peer.pk,
        languages=languages,
        meeting_modes=modes,
        region=intake.region or peer.region,
        times=frozenset(intake.preferred_times or []),
        lived_experience=frozenset(intake.lived_experience or []),
        gender=intake.prefer_gender,
        age_range=intake.prefer_age_range,
        lgbtq2s=intake.prefer_lgbtq2s,
        culture=intake.prefer_culture,
    )


def shared_facets(profile: MentorProfile) -> dict[str, str | bool]:
    """The identity facets the mentor chose to share; ranking never sees any other."""
    facets: dict[str, str | bool] = {}
    if profile.share_gender and profile.gender:
        facets["gender"] = profile.gender
    if profile.share_age_range and profile.age_range:
        facets["age_range"] = profile.age_range
    if profile.share_lgbtq2s and profile.lgbtq2s:
        facets["lgbtq2s"] = True
    if profile.share_culture and profile.culture:
        facets["culture"] = profile.culture
    return facets


def candidate_from(profile: MentorProfile, load: int) -> Candidate:
    return Candidate(
        id=profile.mentor_id,
        languages=frozenset(profile.languages),
        meeting_modes=frozenset(profile.meeting_modes),
        region=profile.region,
        availability=frozenset(profile.availability),
        lived_experience=frozenset(profile.lived_experience),
        shared_facets=shared_facets(profile),
        load=load,
        cap=effective_cap(profile),
    )


def matchable_profiles(
    *, exclude: User | None = None, declined_by_for: User | None = None
) -> list[MentorProfile]:
    """Every matchable mentor's profile with its current load: one query whatever the count.

    With `declined_by_for`, mentors who already declined that peer are left out: being
    suggested the same "no" again would be unkind (they stay reachable from their profile).
    """
    rows = (
        MentorProfile.objects.filter(mentor__in=matchable_mentors().values("pk"))
        .select_related("mentor")
        .annotate(current_load=load_subquery("mentor_id"))
    )
    if exclude is not None:
        rows = rows.exclude(mentor=exclude)
    if declined_by_for is not None:
        declined = MentorRequest.objects.filter(
            peer=declined_by_for, status=RequestStatus.DECLINED
        ).values("mentor_id")
        rows = rows.exclude(mentor_id__in=declined)
        # A mentor the peer blocked is never suggested again.
        rows = rows.exclude(mentor_id__in=blocked_mentor_ids(declined_by_for))
    return list(rows)


@dataclass(frozen=True)
class MentorSuggestion:
    mentor_id: int
    profile: dict
    reasons: tuple[str, ...]


def suggestions_for(peer: User, *, mode: str = "", language: str = "") -> list[MentorSuggestion]:
    """The best-fitting matchable mentors for this peer, with reasons (a fixed query count)."""
    wishes = wishes_from(peer, intake_for(peer), mode=mode, language=language)
    profiles = {p.mentor_id: p for p in matchable_profiles(exclude=peer, declined_by_for=peer)}
    candidates = [candidate_from(p, p.current_load) for p in profiles.values()]
    ranked = rank(wishes, candidates, limit=settings.MATCHING_SUGGESTIONS, labels=RANKING_LABELS)
    return [
        MentorSuggestion(s.mentor_id, public_profile(profiles[s.mentor_id]), s.reasons)
        for s in ranked
    ]


def has_any_suggestion(peer: User) -> bool:
    return bool(suggestions_for(peer))


def matchable_profile(mentor_id: int) -> MentorProfile | None:
    """A matchable mentor's profile by id, or None for anyone not matchable (or unknown)."""
    return (
        MentorProfile.objects.filter(mentor__in=matchable_mentors().values("pk"))
        .select_related("mentor")
        .filter(mentor_id=mentor_id)
        .first()
    )


# --- Requests and the waitlist --------------------------------------------------------------


def expiry_cutoff(now: datetime) -> datetime:
    """Pending requests created before this moment have expired (or are about to be marked)."""
    return now - timedelta(days=settings.MENTOR_REQUEST_EXPIRY_DAYS)


def open_requests() -> QuerySet:
    """Requests still waiting for the mentor's answer: pending and not yet expired. Expiry
    runs hourly, so a request past its time can still say "pending" until then."""
    return MentorRequest.objects.filter(
        status=RequestStatus.PENDING, created_at__gte=expiry_cutoff(now())
    )


def pending_request_for_peer(peer: User) -> MentorRequest | None:
    return (
        MentorRequest.objects.filter(peer=peer, status=RequestStatus.PENDING)
        .select_related("mentor")
        .first()
    )


def requests_of_peer(peer: User, limit: int = 10) -> list[MentorRequest]:
    """The peer's recent requests; the decline reason is never loaded for them."""
    rows = MentorRequest.objects.filter(peer=peer).select_related("mentor")
    return list(rows.defer("decline_reason", "note")[:limit])


def incoming_requests(mentor: User) -> list[tuple[MentorRequest, list[SharedItem]]]:
    """Pending requests to this mentor, each with what the peer chose to share."""
    rows = list(
        open_requests()
        .filter(mentor=mentor)
        .select_related("peer", "peer__peer_intake")
        .defer("decline_reason")
    )
    return [(row, _shared_for(row.peer)) for row in rows]


def request_as_mentor_sees(
    peer: User, mentor: User, note: str
) -> tuple[MentorRequest, list[SharedItem]]:
    """What `mentor` would receive if `peer` sent this note now: an unsaved request and the
    same shared items `incoming_requests` gives the mentor, for the peer's preview."""
    return MentorRequest(peer=peer, mentor=mentor, note=note.strip()), _shared_for(peer)


def _shared_for(peer: User) -> list[SharedItem]:
    return shared_intake(getattr(peer, "peer_intake", None))


def requests_for_coordinators(limit: int = 200) -> list[MentorRequest]:
    """Request metadata for oversight; notes and reasons stay encrypted and unloaded."""
    rows = MentorRequest.objects.select_related("peer", "mentor").defer("note", "decline_reason")
    return list(rows[:limit])


def waitlist_entry_for(peer: User) -> WaitlistEntry | None:
    return WaitlistEntry.objects.filter(peer=peer).first()


def peer_overview(peer: User) -> dict:
    """What a peer's pages show about where they stand: pending request, partnership,
    the last answer (declined and expired read the same), the waiting list."""
    recent = requests_of_peer(peer, limit=1)
    last = recent[0] if recent else None
    return {
        "pending_request": last if last and last.status == RequestStatus.PENDING else None,
        "closed_request": last
        if last and last.status in (RequestStatus.DECLINED, RequestStatus.EXPIRED)
        else None,
        "current_partnership": current_partnership_for_peer(peer),
        "waitlist_entry": waitlist_entry_for(peer),
    }


def incoming_count(mentor: User) -> int:
    return open_requests().filter(mentor=mentor).count()
