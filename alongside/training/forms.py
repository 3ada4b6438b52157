from django import forms

from alongside.training.content import Module, ReflectionPrompt
from alongside.training.services import DECISIONS, Decision

_FIELD_PREFIX = "q-"


class KnowledgeCheckForm(forms.Form):
    """One radio group per question of the module's current version."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, module: Module, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.module = module
        for question in module.questions:
            self.fields[_FIELD_PREFIX + question.id] = forms.ChoiceField(
                label=question.prompt,
                choices=[(o.id, o.text) for o in question.options],
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Please choose an answer to this question.",
                    "invalid_choice": "That answer is not one of this question's options.",
                },
            )

    def clean(self):
        data = super().clean()
        expected = {_FIELD_PREFIX + q.id for q in self.module.questions}
        unknown = [key for key in self.data if key.startswith(_FIELD_PREFIX)]
        if set(unknown) - expected:
            raise forms.ValidationError(
                "These answers name questions that are not in the current check. "
                "Nothing was recorded; please answer the questions below."
            )
        if data.get("version") not in (None, self.module.version):
            raise forms.ValidationError(
                "This module was updated since you opened the check. Nothing was recorded; "
                "please answer the current questions below."
            )
        return data

    def answers(self) -> dict[str, str]:
        return {q.id: self.cleaned_data[_FIELD_PREFIX + q.id] for q in self.module.questions}


class ReflectionForm(forms.Form):
    def __init__(self, prompts: tuple[ReflectionPrompt, ...], *args, **kwargs):
        super().__init__(*args, **kwargs)
        for prompt in prompts:
            self.fields[prompt.id] = forms.CharField(
                label=f"{prompt.quality}: {prompt.question}",
                help_text=prompt.hint,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 5}),
            )


class CodeSignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    typed_name = forms.CharField(
        label="Type your name to sign",
        max_length=120,
        min_length=2,
        help_text="Your display name or the name you use; at least 2 characters.",
        error_messages={
            "required": "Please type your name to sign.",
            "min_length": "Please type at least 2 characters.",
        },
    )

    def clean_typed_name(self) -> str:
        name = self.cleaned_data["typed_name"].strip()
        if len(name) < 2:
            raise forms.ValidationError("Please type at least 2 characters.")
        return name


class InterviewNotesForm(forms.Form):
    notes = forms.CharField(
        label="Interview notes",
        required=False,
        max_length=10000,
        help_text="Kept encrypted; seen only by coordinators reviewing this application.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )


DECISION_LABELS = {
    Decision.APPROVE: "Approve",
    Decision.REQUEST_CHANGES: "Request changes",
    Decision.DECLINE: "Decline",
    Decision.SUSPEND: "Suspend",
    Decision.REINSTATE: "Reinstate",
}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[(d, DECISION_LABELS[d]) for d in DECISIONS],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose a decision."},
    )
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        help_text="Recorded with the decision; the applicant sees it with their status.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Please give a reason for this decision."},
    )

    def __init__(self, *args, allowed: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["decision"].choices = [(d, DECISION_LABELS[d]) for d in allowed]

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Please give a reason for this decision.")
        return reason
