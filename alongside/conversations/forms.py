import uuid

from django import forms

from alongside.conversations.models import MAX_MESSAGE_LENGTH


class MessageForm(forms.Form):
    # The page draws its own textarea (with the coach's attributes for mentors); the length
    # limit is the service's, refused with a clear message, never cut short by the form.
    body = forms.CharField(required=False)
    client_id = forms.UUIDField(widget=forms.HiddenInput)

    @classmethod
    def fresh(cls) -> "MessageForm":
        """A new, empty form; its client id makes a retried send harmless."""
        return cls(initial={"client_id": uuid.uuid4()})


HELP_TEXT = f"Up to {MAX_MESSAGE_LENGTH:,} characters."
