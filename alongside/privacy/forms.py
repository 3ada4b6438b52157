from django import forms

CONFIRM_WORD = "delete"


class EraseForm(forms.Form):
    confirm = forms.CharField(
        label=f"To confirm, type the word “{CONFIRM_WORD}”",
        max_length=20,
        error_messages={"required": f"Please type “{CONFIRM_WORD}” to confirm."},
    )

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip().lower()
        if value != CONFIRM_WORD:
            raise forms.ValidationError(
                f"Please type “{CONFIRM_WORD}” to confirm; nothing has been deleted."
            )
        return value
