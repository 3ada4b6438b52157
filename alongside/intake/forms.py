"""The peer's intake form: every question optional, nothing naming whose intake it is."""

from django import forms

from alongside.core.forms import FieldGroup, checkboxes, text_area
from alongside.intake.choices import (
    AVAILABILITY_CHOICES,
    AgeRange,
    Language,
    LivedExperience,
    MeetingMode,
    region_missing,
)
from alongside.intake.models import PeerIntake, ShareItem

_LIGHT_NAMES = {"green": "Green", "yellow": "Yellow", "red": "Red"}
_LIGHT_HINTS = {
    "green": "When things are going well for you.",
    "yellow": "When things start to feel harder.",
    "red": "When things feel very hard.",
}
_LIGHT_PARTS = {
    "signs": "Signs I notice",
    "helps": "What helps me",
    "mentor": "What I would like my mentor to do",
}
MAX_TOPICS = 20


class IntakeForm(forms.Form):
    """The peer's own intake. Everything is optional; nothing names whose intake it is."""

    hopes = text_area("What I hope for from a mentor", "In your own words, as much or as little.")
    talk_about = text_area("What I would like to talk about")
    avoid_topics = text_area(
        "Topics I would rather avoid",
        f"One per line, a few words each (up to {MAX_TOPICS}).",
        rows=3,
        max_length=1600,
    )
    lived_experience = checkboxes(
        "Experiences I would like my mentor to understand", LivedExperience.choices
    )
    meeting_modes = checkboxes(
        "Ways I would like to meet", MeetingMode.choices, "None ticked means any way suits you."
    )
    preferred_times = checkboxes("Times that suit me", AVAILABILITY_CHOICES)
    languages = checkboxes(
        "Languages", Language.choices, "None ticked means the language of your account."
    )
    region = forms.CharField(
        label="Region for meeting in person",
        max_length=80,
        required=False,
        help_text="Needed only if you would like to meet in person.",
    )
    prefer_gender = forms.CharField(
        label="A mentor of this gender", max_length=60, required=False,
        help_text="Leave empty for no preference.",
    )  # fmt: skip
    prefer_age_range = forms.ChoiceField(
        label="A mentor in this age range",
        choices=[("", "No preference"), *AgeRange.choices],
        required=False,
    )
    prefer_lgbtq2s = forms.BooleanField(label="I would prefer an LGBTQ2S+ mentor", required=False)
    prefer_culture = forms.CharField(
        label="A mentor from this culture or community", max_length=120, required=False,
        help_text="Leave empty for no preference.",
    )  # fmt: skip
    shared_items = checkboxes(
        "Share with the mentor I choose",
        ShareItem.choices,
        "Nothing is shared until you tick it. A mentor sees the ticked items only once you "
        "send them a request. Your preferences about a mentor's identity are never shared.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for light, name in _LIGHT_NAMES.items():
            for part, label in _LIGHT_PARTS.items():
                self.fields[f"{light}_{part}"] = text_area(
                    f"{name}: {label}", rows=2, max_length=1000
                )

    def sections(self) -> list[FieldGroup]:
        def group(legend, names, hint=""):
            return FieldGroup(legend, [self[name] for name in names], hint)

        lights = [
            group(f"Lights plan: {name.lower()}", [f"{light}_{p}" for p in _LIGHT_PARTS],
                  _LIGHT_HINTS[light])
            for light, name in _LIGHT_NAMES.items()
        ]  # fmt: skip
        return [
            group("What you hope for", ["hopes", "talk_about", "avoid_topics"]),
            group("Your experience", ["lived_experience"]),
            group("Meeting", ["meeting_modes", "preferred_times", "languages", "region"]),
            group(
                "About your mentor (optional preferences)",
                ["prefer_gender", "prefer_age_range", "prefer_lgbtq2s", "prefer_culture"],
                "Only facets a mentor chose to share can count towards a preference.",
            ),
            *lights,
            group("What your mentor may see", ["shared_items"]),
        ]

    def clean_avoid_topics(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["avoid_topics"].splitlines()]
        topics = [line for line in lines if line]
        if len(topics) > MAX_TOPICS:
            raise forms.ValidationError(f"Please list at most {MAX_TOPICS} topics.")
        if any(len(topic) > 80 for topic in topics):
            raise forms.ValidationError("Please keep each topic to a few words (80 characters).")
        return topics

    def clean(self):
        data = super().clean()
        if region_missing(data.get("meeting_modes"), data.get("region")):
            self.add_error("region", "Please say where you could meet in person.")
        return data

    def intake_data(self) -> dict:
        """Validated answers shaped for the intake service."""
        data = {name: self.cleaned_data[name] for name in _PLAIN}
        data["lights_plan"] = {
            light: {p: self.cleaned_data[f"{light}_{p}"].strip() for p in _LIGHT_PARTS}
            for light in _LIGHT_NAMES
        }
        for key in ("hopes", "talk_about", "region", "prefer_gender", "prefer_culture"):
            data[key] = data[key].strip()
        return data

    @classmethod
    def initial_from(cls, intake: PeerIntake) -> dict:
        initial = {name: getattr(intake, name) for name in _PLAIN}
        initial["avoid_topics"] = "\n".join(intake.avoid_topics or [])
        for light in _LIGHT_NAMES:
            for part in _LIGHT_PARTS:
                initial[f"{light}_{part}"] = ((intake.lights_plan or {}).get(light) or {}).get(
                    part, ""
                )
        return initial


# Intake fields that map one to one onto the model (the lights plan is assembled separately).
_PLAIN = {
    "talk_about", "avoid_topics", "lived_experience", "meeting_modes", "preferred_times",
    "languages", "prefer_gender", "prefer_age_range", "prefer_lgbtq2s", "prefer_culture",
    "shared_items", "hopes", "region",
}  # fmt: skip
