import uuid

from django import forms

from alongside.conversations.models import MAX_MESSAGE_LENGTH


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        # The limit is checked by the service with a clear message, never cut short by the page.
        widget=forms.Textarea(attrs={"rows": 3, "aria-describedby": "message-help coach-notes"}),
        required=False,
    )
    client_id = forms.UUIDField(widget=forms.HiddenInput)

    @classmethod
    def fresh(cls) -> "MessageForm":
        """A new, empty form; its client id makes a retried send harmless."""
        return cls(initial={"client_id": uuid.uuid4()})


HELP_TEXT = f"Up to {MAX_MESSAGE_LENGTH:,} characters."
