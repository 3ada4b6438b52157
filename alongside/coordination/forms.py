from django import forms

from alongside.safety.models import CrisisResource, Outcome
from alongside.safety.services import NOTE_MAX_LENGTH


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Add a note",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept encrypted; other coordinators see it when they open this escalation.",
        error_messages={"required": "Please write the note before saving it."},
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What was done",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose what was done."},
    )
    reason = forms.CharField(
        label="Details",
        required=False,
        help_text="Kept encrypted. If no action is needed, please say why.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Outcome.NO_ACTION and not (data.get("reason") or "").strip():
            self.add_error("reason", "Please say why no action is needed.")
        return data


class CrisisResourceForm(forms.ModelForm):
    class Meta:
        model = CrisisResource
        fields = [
            "name", "offers", "audience", "region", "phone", "text", "web", "hours",
            "languages", "kind", "last_verified", "is_example",
        ]  # fmt: skip
        widgets = {"last_verified": forms.DateInput(attrs={"type": "date"})}
        error_messages = {
            "name": {"required": "Please give the service's name."},
            "region": {"required": "Please give a region, for example CA or CA-ON."},
        }

    def clean_region(self):
        region = self.cleaned_data["region"].strip().upper()
        if not region.replace("-", "").isalnum():
            raise forms.ValidationError("Use a country code (CA) or country and area (CA-ON).")
        return region

    def clean(self):
        data = super().clean()
        if not any(data.get(key) for key in ("phone", "text", "web")):
            raise forms.ValidationError("Please give at least one way to reach the service.")
        return data
