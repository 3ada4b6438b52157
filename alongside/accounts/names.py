"""Names people show each other: normalised, and refused when they hide or reorder text.

A right-to-left override can make "Sam" read as someone else's name, and a name made only of
zero-width characters shows nothing at all; both would let a person pass as another.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError

# Control, format (bidi controls, zero-width joiners and spaces), private-use, surrogate and
# unassigned characters, and line/paragraph separators: none belongs in a name.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
# Letters and symbols that render as blank space although Unicode does not class them as such.
_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800")
INVISIBLE_MESSAGE = (
    "Please use letters others can see: this name contains invisible characters or characters "
    "that change the direction of the text."
)


def normalise_name(value: str) -> str:
    """NFKC form with runs of whitespace folded into single spaces."""
    return " ".join(unicodedata.normalize("NFKC", value).split())


def validate_visible_name(value: str) -> None:
    """Refuse hidden or direction-changing characters, and names with nothing visible."""
    if any(unicodedata.category(ch) in _REFUSED_CATEGORIES or ch in _INVISIBLE for ch in value):
        raise ValidationError(INVISIBLE_MESSAGE, code="invisible")
    if value and not any(unicodedata.category(ch)[0] in "LNSP" for ch in value):
        raise ValidationError(INVISIBLE_MESSAGE, code="invisible")


class NameField(forms.CharField):
    """A CharField for names others see (display name, pronouns)."""

    default_validators = [validate_visible_name]

    def to_python(self, value):
        return normalise_name(super().to_python(value))
