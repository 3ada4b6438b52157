from django import forms
from django.conf import settings

from alongside.matching.models import (
    AVAILABILITY_CHOICES,
    AgeRange,
    Language,
    LivedExperience,
    MeetingMode,
    MentorProfile,
    PeerIntake,
    ShareItem,
)


def _checkboxes(label: str, choices, help_text: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "“%(value)s” is not one of the choices."},
    )


class MentorProfileForm(forms.Form):
    """The mentor's own profile. There is deliberately no field naming whose profile it is."""

    about_me = forms.CharField(
        label="About me",
        max_length=1500,
        required=False,
        help_text="In your own words, for peers choosing a mentor (up to 1500 characters).",
        widget=forms.Textarea(
            attrs={
                "rows": 6,
                "hx-post": "/mentor/profile/coach/",
                "hx-trigger": "keyup changed delay:600ms",
                "hx-target": "#coach-notes",
                "hx-swap": "innerHTML",
                "aria-describedby": "id_about_me_helptext coach-notes",
            }
        ),
    )
    lived_experience = _checkboxes(
        "Lived-experience areas you are comfortable supporting", LivedExperience.choices
    )
    languages = _checkboxes("Languages", Language.choices)
    meeting_modes = _checkboxes("Ways you can meet", MeetingMode.choices)
    region = forms.CharField(
        label="Region for meeting in person",
        max_length=80,
        required=False,
        help_text="Needed only if you meet in person.",
    )
    availability = _checkboxes("Weekly availability", AVAILABILITY_CHOICES)
    gender = forms.CharField(label="Gender", max_length=60, required=False)
    share_gender = forms.BooleanField(label="Share my gender with peers", required=False)
    age_range = forms.ChoiceField(
        label="Age range", choices=[("", "Prefer not to say"), *AgeRange.choices], required=False
    )
    share_age_range = forms.BooleanField(label="Share my age range with peers", required=False)
    lgbtq2s = forms.BooleanField(label="I am LGBTQ2S+", required=False)
    share_lgbtq2s = forms.BooleanField(label="Share that I am LGBTQ2S+ with peers", required=False)
    culture = forms.CharField(label="Culture or community", max_length=120, required=False)
    share_culture = forms.BooleanField(label="Share my culture with peers", required=False)
    caseload_cap = forms.IntegerField(label="How many peers you can support at once", min_value=1)
    is_paused = forms.BooleanField(label="Pause new matches for now", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The program maximum is a setting, so the bound is applied when the form is built.
        most = settings.MENTOR_CASELOAD_MAX
        self.fields["caseload_cap"] = forms.IntegerField(
            label="How many peers you can support at once",
            min_value=1,
            max_value=most,
            help_text=f"Between 1 and {most}. Choose what you can sustain.",
            error_messages={"max_value": f"The program allows at most {most} peers at once."},
        )

    def clean(self):
        data = super().clean()
        if (
            MeetingMode.IN_PERSON in (data.get("meeting_modes") or [])
            and not (data.get("region") or "").strip()
        ):
            self.add_error("region", "Please say where you can meet in person.")
        return data

    @classmethod
    def initial_from(cls, profile: MentorProfile) -> dict:
        fields = cls.base_fields
        initial = {name: getattr(profile, name) for name in fields}
        if profile.pk is None:
            initial["caseload_cap"] = 1
        else:  # a cap saved before the program lowered its maximum shows as what applies now
            initial["caseload_cap"] = min(profile.caseload_cap, settings.MENTOR_CASELOAD_MAX)
        return initial


class FieldGroup:
    """A titled group of a form's fields, rendered by partials/form_fields.html in a fieldset."""

    def __init__(self, legend: str, fields: list, hint: str = ""):
        self.legend = legend
        self.hint = hint
        self._fields = fields

    def visible_fields(self):
        return self._fields

    def hidden_fields(self):
        return []

    def non_field_errors(self):
        return []


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


def _text(label: str, help_text: str = "", rows: int = 4, max_length: int = 2000):
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class IntakeForm(forms.Form):
    """The peer's own intake. Everything is optional; nothing names whose intake it is."""

    hopes = _text("What I hope for from a mentor", "In your own words, as much or as little.")
    talk_about = _text("What I would like to talk about")
    avoid_topics = _text(
        "Topics I would rather avoid",
        f"One per line, a few words each (up to {MAX_TOPICS}).",
        rows=3,
        max_length=1600,
    )
    lived_experience = _checkboxes(
        "Experiences I would like my mentor to understand", LivedExperience.choices
    )
    meeting_modes = _checkboxes(
        "Ways I would like to meet", MeetingMode.choices, "None ticked means any way suits you."
    )
    preferred_times = _checkboxes("Times that suit me", AVAILABILITY_CHOICES)
    languages = _checkboxes(
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
    shared_items = _checkboxes(
        "Share with the mentor I choose",
        ShareItem.choices,
        "Nothing is shared until you tick it. A mentor sees the ticked items only once you "
        "send them a request. Your preferences about a mentor's identity are never shared.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for light, name in _LIGHT_NAMES.items():
            for part, label in _LIGHT_PARTS.items():
                self.fields[f"{light}_{part}"] = _text(f"{name}: {label}", rows=2, max_length=1000)

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
        if (
            MeetingMode.IN_PERSON in (data.get("meeting_modes") or [])
            and not (data.get("region") or "").strip()
        ):
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


class MentorFilterForm(forms.Form):
    """Narrow the suggestions for a moment; it never changes the saved intake."""

    mode = forms.ChoiceField(
        label="Way to meet", choices=[("", "Any way I chose"), *MeetingMode.choices],
        required=False,
    )  # fmt: skip
    language = forms.ChoiceField(
        label="Language", choices=[("", "Any language I chose"), *Language.choices],
        required=False,
    )  # fmt: skip


class MentorRequestForm(forms.Form):
    note = _text(
        "A note for the mentor",
        "Optional. The mentor reads it with what you chose to share.",
        rows=3,
        max_length=1000,
    )


class DeclineForm(forms.Form):
    reason = _text(
        "Why you are declining",
        "Seen by coordinators only, never by the peer. The peer is told kindly that you cannot "
        "start right now and can choose again.",
        rows=3,
        max_length=1000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = True
        self.fields["reason"].error_messages["required"] = "Please give coordinators a reason."
