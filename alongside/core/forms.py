"""Small form-building helpers every app's forms share."""

from django import forms


def checkboxes(label: str, choices, help_text: str = "") -> forms.MultipleChoiceField:
    """An optional set of ticks with a plain-language error for a forged value."""
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "“%(value)s” is not one of the choices."},
    )


def text_area(label: str, help_text: str = "", rows: int = 4, max_length: int = 2000):
    """An optional free-text answer with a stated length limit."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def int_or_none(value) -> int | None:
    """A whole number from a query or form value, or None when it is missing or not one
    (a forged id then finds nothing, rather than failing the request)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class FieldGroup:
    """A titled group of a form's fields, rendered by partials/form_fields.html in a fieldset."""

    def __init__(self, legend: str, fields: list, hint: str = ""):
        self.legend = legend
        self.hint = hint
        self._fields = fields

    def visible_fields(self):
        return self._fields

    def hidden_fields(self):
        return []

    def non_field_errors(self):
        return []
