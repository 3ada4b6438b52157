from django import forms

from alongside.accounts.models import Role, User
from alongside.accounts.names import NameField
from alongside.accounts.services import user_register

APPLY_CHOICES = [
    (Role.PEER.value, "I would like a peer mentor to walk alongside me"),
    (
        Role.MENTOR.value,
        "I have lived experience of recovery and would like to become a peer mentor",
    ),
]


class SignupDetailsForm(forms.Form):
    """Extra sign-up questions, added to allauth's email and password form."""

    display_name = NameField(
        max_length=60,
        label="Display name",
        help_text="The name others will see. It does not need to be your legal name.",
        error_messages={"required": "Please choose a display name."},
    )
    pronouns = NameField(max_length=40, required=False, label="Pronouns")
    applying_as = forms.ChoiceField(
        choices=APPLY_CHOICES, widget=forms.RadioSelect, label="How would you like to take part?"
    )

    def signup(self, request, user: User) -> None:
        """Called by allauth once the account exists."""
        user_register(
            user=user,
            display_name=self.cleaned_data["display_name"].strip(),
            pronouns=self.cleaned_data["pronouns"].strip(),
            applying_as=self.cleaned_data["applying_as"],
        )


class ProfileForm(forms.ModelForm):
    # Names others see are normalised and refused when they hide or reorder text.
    display_name = NameField(
        max_length=60,
        help_text=User._meta.get_field("display_name").help_text,
        error_messages={"required": "Please choose a display name."},
    )
    pronouns = NameField(max_length=40, required=False)
    time_zone = forms.ChoiceField(
        label="Your time zone",
        required=False,
        help_text="Meeting times are shown in it. If you leave it empty, your browser's is used.",
    )

    class Meta:
        model = User
        fields = [
            "display_name", "pronouns", "region", "preferred_language", "time_zone",
            "email_when_messages_wait",
        ]  # fmt: skip
        labels = {"preferred_language": "Preferred language"}
        error_messages = {"display_name": {"required": "Please choose a display name."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [("", "Not set")] + [
            (name, name.replace("_", " ")) for name in sorted(available_zones())
        ]
        # The browser fills this in (static/js/time-zone.js) when the person has none yet.
        self.fields["time_zone"].widget.attrs["data-browser-time-zone"] = "fill-if-empty"


def available_zones() -> set[str]:
    from zoneinfo import available_timezones

    return {name for name in available_timezones() if "/" in name and not name.startswith("Etc/")}


class ConsentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    accept = forms.BooleanField(
        label="I have read this statement and I accept it.",
        error_messages={"required": "Please tick the box to say you accept the statement."},
    )


class RoleChangeForm(forms.Form):
    email = forms.EmailField(label="Person's email")
    role = forms.ChoiceField(choices=Role.choices)
    action = forms.ChoiceField(
        choices=[("grant", "Give this role"), ("revoke", "Remove this role")]
    )
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required for every change; it is kept with the change in the audit log.",
        error_messages={"required": "Please give a reason for this change."},
    )

    def clean(self):
        data = super().clean()
        email = data.get("email")
        if email:
            data["user"] = User.objects.filter(email__iexact=email).first()
            if data["user"] is None:
                self.add_error("email", "No account uses that email address.")
        return data


class AccessReasonForm(forms.Form):
    """Why a staff member needs to read someone's private content (stored encrypted)."""

    reason = forms.CharField(
        label="Why do you need to read this?",
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Your reason is stored encrypted, and this reading is recorded in the audit "
        "log. You will be asked for your authenticator code.",
        error_messages={
            "required": "Please write why you need to read this.",
            "min_length": "Please write why you need to read this, in a few words.",
        },
    )

    def __init__(self, *args, **kwargs):
        # Its own ids: the page that asks for a reason often has another form with a "reason"
        # field (a decision, an outcome), and two fields sharing an id confuse their labels.
        kwargs.setdefault("auto_id", "id_access_%s")
        super().__init__(*args, **kwargs)
