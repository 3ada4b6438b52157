"""Changes to mentor profiles; each one is audited."""

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.audit.services import audit_record
from alongside.matching.models import MentorProfile
from alongside.matching.selectors import is_profile_complete

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
            action="mentor_profile.update",
            actor=mentor,
            target_type="mentor_profile",
            target_id=profile.pk,
            subject=mentor,
        )
    return profile
