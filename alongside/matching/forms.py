from django import forms
from django.conf import settings

from alongside.core.forms import checkboxes, text_area
from alongside.intake.choices import (
    AVAILABILITY_CHOICES,
    AgeRange,
    Language,
    LivedExperience,
    MeetingMode,
    region_missing,
)
from alongside.matching.models import MentorProfile


class MentorProfileForm(forms.Form):
    """The mentor's own profile. There is deliberately no field naming whose profile it is."""

    about_me = forms.CharField(
        label="About me",
        max_length=1500,
        help_text="In your own words, for peers choosing a mentor (up to 1500 characters).",
        error_messages={
            "required": "Write a few words about yourself: peers read them when they choose a "
            "mentor, so your profile cannot be shown without them."
        },
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
    lived_experience = checkboxes(
        "Lived-experience areas you are comfortable supporting", LivedExperience.choices
    )
    languages = checkboxes("Languages", Language.choices)
    meeting_modes = checkboxes("Ways you can meet", MeetingMode.choices)
    region = forms.CharField(
        label="Region for meeting in person",
        max_length=80,
        required=False,
        help_text="Needed only if you meet in person.",
    )
    availability = checkboxes("Weekly availability", AVAILABILITY_CHOICES)
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
        if region_missing(data.get("meeting_modes"), data.get("region")):
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
    note = text_area(
        "A note for the mentor",
        "The mentor reads it with what you chose to share.",
        rows=3,
        max_length=1000,
    )


class DeclineForm(forms.Form):
    reason = text_area(
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
