"""The peer's intake, one short form per step: every question optional, nothing naming whose
intake it is."""

from dataclasses import dataclass

from django import forms

from alongside.core.forms import FieldGroup, checkboxes, text_area
from alongside.intake.choices import (
    AVAILABILITY_CHOICES,
    AgeRange,
    Language,
    LivedExperience,
    MeetingMode,
    labels,
    region_missing,
)
from alongside.intake.models import STEP_FIELDS, PeerIntake, ShareItem, Step

_LIGHT_NAMES = {"green": "Green", "yellow": "Yellow", "red": "Red"}
_LIGHT_HINTS = {
    "green": "when things are going well",
    "yellow": "when things start to feel harder",
    "red": "when things feel very hard",
}
_LIGHT_PARTS = {
    "signs": "Signs I notice",
    "helps": "What helps me",
    "mentor": "What I would like my mentor to do",
}
MAX_TOPICS = 20


class IntakeStepForm(forms.Form):
    """One step of the peer's own intake: only that step's questions, all of them optional."""

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
        error_messages={"invalid_choice": "“%(value)s” is not one of the choices."},
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

    def __init__(self, step, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = Step(step)
        for light in _LIGHT_NAMES:
            for part, label in _LIGHT_PARTS.items():
                # The fieldset's legend names the light, so the label need not repeat it.
                self.fields[f"{light}_{part}"] = text_area(label, rows=2, max_length=1000)
        keep = set(form_fields(self.step))
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def sections(self) -> list[FieldGroup]:
        """The step's questions in groups; a group with a legend is drawn as a fieldset."""
        if self.step == Step.LIGHTS:
            return [
                FieldGroup(
                    f"{name}: {_LIGHT_HINTS[light]}", [self[f"{light}_{p}"] for p in _LIGHT_PARTS]
                )
                for light, name in _LIGHT_NAMES.items()
            ]
        return [FieldGroup("", list(self))]

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
        if "meeting_modes" in self.fields and region_missing(
            data.get("meeting_modes"), data.get("region")
        ):
            self.add_error("region", "Please say where you could meet in person.")
        return data

    def intake_data(self) -> dict:
        """This step's validated answers, shaped for the intake service."""
        data = {}
        for name in STEP_FIELDS[self.step]:
            if name == "lights_plan":
                data[name] = {
                    light: {p: self.cleaned_data[f"{light}_{p}"].strip() for p in _LIGHT_PARTS}
                    for light in _LIGHT_NAMES
                }
            else:
                value = self.cleaned_data[name]
                data[name] = value.strip() if isinstance(value, str) else value
        return data

    @staticmethod
    def initial_from(intake: PeerIntake) -> dict:
        initial = {name: getattr(intake, name) for name in _PLAIN}
        initial["avoid_topics"] = "\n".join(intake.avoid_topics or [])
        for light in _LIGHT_NAMES:
            for part in _LIGHT_PARTS:
                initial[f"{light}_{part}"] = ((intake.lights_plan or {}).get(light) or {}).get(
                    part, ""
                )
        return initial


def form_fields(step: Step) -> list[str]:
    """The form's field names for a step (the lights plan is nine short answers)."""
    if step == Step.LIGHTS:
        return [f"{light}_{part}" for light in _LIGHT_NAMES for part in _LIGHT_PARTS]
    return list(STEP_FIELDS[step])


# Intake fields that map one to one onto the model (the lights plan is assembled separately).
_PLAIN = [name for fields in STEP_FIELDS.values() for name in fields if name != "lights_plan"]

# A line under each step's heading, saying what the step is for.
STEP_INTROS = {
    Step.HOPES: "In your own words, as much or as little as you like. Short answers are fine.",
    Step.LIGHTS: "A plan for good days and hard ones, so a mentor knows what helps you.",
    Step.EXPERIENCE: "These help us suggest mentors who may understand. Tick any that fit.",
    Step.MEETING: "What would work for you. You can change it whenever things change.",
    Step.MENTOR: (
        "If it matters to you, say who you would feel at ease with. Only what a mentor chose "
        "to share about themselves can count towards a preference."
    ),
    Step.SHARING: "You decide what the mentor you choose may read, item by item.",
}


@dataclass(frozen=True)
class Answer:
    label: str
    text: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewStep:
    step: Step
    number: int
    saved: bool
    answers: tuple[Answer, ...]


def review(intake: PeerIntake) -> list[ReviewStep]:
    """What the peer has saved, step by step, in the words of the questions (for the peer)."""
    initial = IntakeStepForm.initial_from(intake)
    saved = set(intake.steps_saved or ())
    rows = []
    for number, step in enumerate(Step, start=1):
        form = IntakeStepForm(step, initial=initial)
        answers = [_answer(name, form.fields[name], initial.get(name)) for name in form.fields]
        rows.append(ReviewStep(step, number, step.value in saved, tuple(a for a in answers if a)))
    return rows


def _answer(name: str, field: forms.Field, value) -> Answer | None:
    light = name.split("_")[0]
    label = f"{_LIGHT_NAMES[light]}: {field.label}" if light in _LIGHT_NAMES else field.label
    if isinstance(field, forms.MultipleChoiceField):
        items = tuple(labels(value, field.choices))
        return Answer(label, items=items) if items else None
    if isinstance(field, forms.BooleanField):
        return Answer(label, text="Yes") if value else None
    if isinstance(field, forms.ChoiceField):
        return Answer(label, text=dict(field.choices)[value]) if value else None
    if name == "avoid_topics":
        items = tuple(line for line in (value or "").splitlines() if line.strip())
        return Answer(label, items=items) if items else None
    return Answer(label, text=value) if (value or "").strip() else None
