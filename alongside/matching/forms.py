from django import forms
from django.conf import settings

from alongside.matching.models import (
    AVAILABILITY_CHOICES,
    AgeRange,
    Language,
    LivedExperience,
    MeetingMode,
    MentorProfile,
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
        return initial
