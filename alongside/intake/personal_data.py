"""A peer's intake: their hopes, boundaries, lights plan, preferences and what they share."""

from alongside.core.personal_data import pick, register
from alongside.intake.models import PeerIntake


def _intake(user) -> list[dict]:
    fields = (
        "hopes", "talk_about", "avoid_topics", "lived_experience", "meeting_modes",
        "preferred_times", "languages", "region", "prefer_gender", "prefer_age_range",
        "prefer_lgbtq2s", "prefer_culture", "lights_plan", "shared_items", "updated_at",
    )  # fmt: skip
    return [pick(row, *fields) for row in PeerIntake.objects.filter(peer=user)]


def _erase(user) -> None:
    PeerIntake.objects.filter(peer=user).delete()


register(
    app_label="intake", key="intake.intake", title="Your intake",
    models=("intake.PeerIntake",), export=_intake, erase=_erase,
)  # fmt: skip
