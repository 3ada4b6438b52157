"""Forms for the moves people make in a partnership. Every limit is stated and refused whole."""

from django import forms

from alongside.partnerships.models import CLOSING_TEXT_MAX, CONCERN_MAX, PAUSE_NOTE_MAX


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
