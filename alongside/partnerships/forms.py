"""Forms for the moves people make in a partnership. Every limit is stated and refused whole."""

from django import forms

from alongside.partnerships.models import (
    CLOSING_TEXT_MAX,
    CONCERN_MAX,
    MEETING_TEXT_MAX,
    PAUSE_NOTE_MAX,
    MeetingMode,
)


class PauseForm(forms.Form):
    """A mentor's pause; the note is theirs to leave or not, and only coordinators read it."""

    note = forms.CharField(
        label="A note for the coordinators",
        required=False,
        max_length=PAUSE_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Private: the coordinators read it, your peer never does.",
        error_messages={
            "max_length": f"The note can be up to {PAUSE_NOTE_MAX:,} characters. "
            "Nothing was changed."
        },
    )


def _too_long(limit: int) -> dict:
    return {"max_length": f"This can be up to {limit:,} characters. Nothing was changed."}


class ClosingPlanForm(forms.Form):
    last_meeting = forms.CharField(
        label="How would you like your last meeting to be?",
        required=False, max_length=CLOSING_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="When, where and how: here in the conversation, a call, a walk. Or no last "
        "meeting at all.",
        error_messages=_too_long(CLOSING_TEXT_MAX),
    )  # fmt: skip
    take_forward = forms.CharField(
        label="What would you like to take forward?",
        required=False, max_length=CLOSING_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Something you learned, a habit, a person or place that helps.",
        error_messages=_too_long(CLOSING_TEXT_MAX),
    )  # fmt: skip
    community_groups = forms.BooleanField(
        label="I would like to hear about community and support groups", required=False
    )


class ClosingReflectionForm(forms.Form):
    text = forms.CharField(
        label="Your closing reflection",
        max_length=CLOSING_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What this partnership meant to you, what you noticed, what you wish for them.",
        error_messages={"required": "Please write your reflection first. Nothing was changed.",
                        **_too_long(CLOSING_TEXT_MAX)},
    )  # fmt: skip
    shared = forms.BooleanField(label="Share it with the other person", required=False)


class EndForm(forms.Form):
    """The peer ends the partnership now. Nothing here is required."""

    block = forms.BooleanField(
        label="Block this mentor: never suggest them to me again, and no contact",
        required=False,
    )
    concern = forms.CharField(
        label="Tell the coordinators about a concern",
        required=False, max_length=CONCERN_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In your own words. Only the coordinators read it; your mentor is not told.",
        error_messages=_too_long(CONCERN_MAX),
    )  # fmt: skip


class CoordinatorEndForm(forms.Form):
    reason = forms.CharField(
        label="Why this partnership is being ended",
        min_length=10, max_length=CONCERN_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Kept encrypted with the audit log. Neither person sees these words.",
        error_messages={
            "required": "Please write the reason; it is kept with the audit log.",
            "min_length": "Please write the reason in a sentence; it is kept with the audit log.",
            **_too_long(CONCERN_MAX),
        },
    )  # fmt: skip


class MeetingForm(forms.Form):
    """A time in the proposer's own zone, a way to meet, and where."""

    day = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}),
                          error_messages={"required": "Please choose a day.",
                                          "invalid": "Please give the day as a date."})  # fmt: skip
    at = forms.TimeField(
        label="Time",
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={
            "required": "Please choose a time.",
            "invalid": "Please give the time like 18:30.",
        },
    )
    duration = forms.TypedChoiceField(
        label="How long", coerce=int, initial=60,
        choices=[(30, "30 minutes"), (45, "45 minutes"), (60, "1 hour"), (90, "1½ hours"),
                 (120, "2 hours")],
    )  # fmt: skip
    mode = forms.ChoiceField(label="How", choices=MeetingMode.choices, initial=MeetingMode.CHAT)
    place = forms.CharField(
        label="Where, or the video link", required=False, max_length=MEETING_TEXT_MAX,
        help_text="For in person: a place you feel comfortable. Only the two of you see it.",
        error_messages={"max_length": f"This can be up to {MEETING_TEXT_MAX} characters."},
    )  # fmt: skip
    note = forms.CharField(
        label="A note", required=False, max_length=MEETING_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": f"This can be up to {MEETING_TEXT_MAX} characters."},
    )  # fmt: skip
    # Filled by the browser (static/js/time-zone.js), used only if the person has none yet.
    time_zone = forms.CharField(
        required=False, widget=forms.HiddenInput(attrs={"data-browser-time-zone": "fill-if-empty"})
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_meeting_%s")
        super().__init__(*args, **kwargs)


class RescheduleForm(forms.Form):
    day = MeetingForm.base_fields["day"]
    at = MeetingForm.base_fields["at"]
    duration = MeetingForm.base_fields["duration"]


class CancelMeetingForm(forms.Form):
    note = forms.CharField(
        label="A note for the other person", required=False, max_length=MEETING_TEXT_MAX,
        error_messages={"max_length": f"This can be up to {MEETING_TEXT_MAX} characters."},
    )  # fmt: skip


REFLECTION_PROMPTS = {
    "connection": "Connection: how did you connect today? What helped, what got in the way?",
    "worldview": "Worldview: what did you learn about how they see things?",
    "mutuality": "Mutuality: where did you share, and where did you hold back? Why?",
    "moving_towards": "Moving towards: what are they moving towards, and what did you notice?",
    "self_care": "And you: how are you after this meeting, and what will you do for yourself?",
}


def _reflection_field(name: str) -> forms.CharField:
    return forms.CharField(
        label=REFLECTION_PROMPTS[name], required=False, max_length=CLOSING_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class MeetingReflectionForm(forms.Form):
    connection = _reflection_field("connection")
    worldview = _reflection_field("worldview")
    mutuality = _reflection_field("mutuality")
    moving_towards = _reflection_field("moving_towards")
    self_care = _reflection_field("self_care")
    share = forms.BooleanField(
        label="Share this reflection with a coordinator for supervision", required=False,
        help_text="Otherwise it is yours alone. Your peer never sees it.",
    )  # fmt: skip
