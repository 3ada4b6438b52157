"""Reads about mentors for matching; `matchable_mentors` is the one definition of matchable."""

from django.db.models import QuerySet

from alongside.accounts.models import Role, User
from alongside.matching.models import (
    AVAILABILITY_CHOICES,
    AgeRange,
    Language,
    LivedExperience,
    MeetingMode,
    MentorProfile,
)
from alongside.training.selectors import approved_mentor_ids, current_code_signer_ids


def matchable_mentors() -> QuerySet:
    """Mentors a peer may choose: approved (not suspended), signed the current code of
    conduct, profile complete and not paused.

    Free capacity (current partnerships below the mentor's caseload cap) joins this query
    once partnerships exist; until then the cap is stored but not yet compared.
    """
    return User.objects.filter(
        is_active=True,
        role_assignments__role=Role.MENTOR,
        pk__in=approved_mentor_ids(),
        mentor_profile__is_complete=True,
        mentor_profile__is_paused=False,
    ).filter(pk__in=current_code_signer_ids())


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
        and (MeetingMode.IN_PERSON not in profile.meeting_modes or profile.region.strip())
    )


def _labels(values: list[str], choices) -> list[str]:
    names = dict(choices)
    return [names[value] for value in values if value in names]


def public_profile(profile: MentorProfile) -> dict:
    """What a peer may see: the profile without any facet the mentor chose not to share."""
    shown = {
        "display_name": profile.mentor.display_name,
        "pronouns": profile.mentor.pronouns,
        "about_me": profile.about_me,
        "lived_experience": _labels(profile.lived_experience, LivedExperience.choices),
        "languages": _labels(profile.languages, Language.choices),
        "meeting_modes": _labels(profile.meeting_modes, MeetingMode.choices),
        "region": profile.region if MeetingMode.IN_PERSON in profile.meeting_modes else "",
        "availability": _labels(profile.availability, AVAILABILITY_CHOICES),
    }
    if profile.share_gender and profile.gender:
        shown["gender"] = profile.gender
    if profile.share_age_range and profile.age_range:
        shown["age_range"] = AgeRange(profile.age_range).label
    if profile.share_lgbtq2s and profile.lgbtq2s:
        shown["lgbtq2s"] = True
    if profile.share_culture and profile.culture:
        shown["culture"] = profile.culture
    return shown
