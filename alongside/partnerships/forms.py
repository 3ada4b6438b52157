"""Forms for the moves people make in a partnership. Every limit is stated and refused whole."""

from django import forms

from alongside.partnerships.models import PAUSE_NOTE_MAX


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
