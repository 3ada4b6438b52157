from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.core.fields import EncryptedJSONField, EncryptedTextField
from alongside.intake.choices import AgeRange


class ShareItem(models.TextChoices):
    """Parts of the intake a peer can show the mentor they choose, one toggle each."""

    HOPES = "hopes", "What I hope for"
    TALK_ABOUT = "talk_about", "What I would like to talk about"
    AVOID_TOPICS = "avoid_topics", "Topics I would rather avoid"
    LIVED_EXPERIENCE = "lived_experience", "Experiences I would like my mentor to understand"
    MEETING = "meeting", "How and when I would like to meet"
    LIGHTS_GREEN = "lights_green", "My lights plan: green"
    LIGHTS_YELLOW = "lights_yellow", "My lights plan: yellow"
    LIGHTS_RED = "lights_red", "My lights plan: red"


LIGHTS = ("green", "yellow", "red")
LIGHTS_PARTS = ("signs", "helps", "mentor")


class Step(models.TextChoices):
    """The intake's steps, in the order a peer meets them. Each saves only its own answers."""

    HOPES = "hopes", "What you hope for"
    LIGHTS = "lights", "Your lights plan"
    EXPERIENCE = "experience", "Your experience and languages"
    MEETING = "meeting", "How and when to meet"
    MENTOR = "mentor", "About your mentor"
    SHARING = "sharing", "What your mentor may see"


# The model fields each step saves; together they are every answer of the intake.
STEP_FIELDS = {
    Step.HOPES: ("hopes", "talk_about", "avoid_topics"),
    Step.LIGHTS: ("lights_plan",),
    Step.EXPERIENCE: ("lived_experience", "languages"),
    # Region sits with the ways to meet: meeting in person needs one; they are checked together.
    Step.MEETING: ("meeting_modes", "preferred_times", "region"),
    Step.MENTOR: ("prefer_gender", "prefer_age_range", "prefer_lgbtq2s", "prefer_culture"),
    Step.SHARING: ("shared_items",),
}


class PeerIntake(models.Model):
    """What a peer tells us to find a mentor. Every answer is optional; private ones are
    encrypted, and the mentor sees only the items listed in `shared_items`."""

    peer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_intake"
    )
    hopes = EncryptedTextField(blank=True, default="")
    talk_about = EncryptedTextField(blank=True, default="")
    avoid_topics = EncryptedJSONField(default=list, blank=True)
    # Health information, so encrypted even though ranking reads it (in Python, never in SQL).
    lived_experience = EncryptedJSONField(default=list, blank=True)
    # How, when, where and in which language a peer would meet say where they live and what
    # they can manage: private choices, so encrypted like the rest.
    meeting_modes = EncryptedJSONField(default=list, blank=True)
    preferred_times = EncryptedJSONField(default=list, blank=True)
    languages = EncryptedJSONField(default=list, blank=True)
    region = EncryptedTextField(blank=True, default="")
    # Identity-facet preferences: blank or False means "no preference".
    prefer_gender = EncryptedTextField(blank=True, default="")
    prefer_age_range = EncryptedTextField(choices=AgeRange.choices, blank=True, default="")
    prefer_lgbtq2s = EncryptedJSONField(default=False)
    prefer_culture = EncryptedTextField(blank=True, default="")
    # {"green": {"signs": "...", "helps": "...", "mentor": "..."}, "yellow": ..., "red": ...}
    lights_plan = EncryptedJSONField(default=dict, blank=True)
    shared_items = EncryptedJSONField(default=list, blank=True)
    # The steps the peer has saved at least once (Step values). Which steps, never what they say.
    steps_saved = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Intake of {self.peer}"

    @property
    def is_complete(self) -> bool:
        """Every step saved at least once (each answer may be empty: all are optional)."""
        return set(Step.values) <= set(self.steps_saved or ())

    def first_unsaved_step(self) -> Step | None:
        saved = set(self.steps_saved or ())
        return next((step for step in Step if step.value not in saved), None)
