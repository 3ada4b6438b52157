import json

from django.db import models

from alongside.core.crypto import decrypt_text, encrypt_text


class EncryptedTextField(models.TextField):
    """Text stored encrypted at rest; it cannot be searched, ordered or compared in SQL."""

    description = "Text encrypted at rest"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt_text(str(value))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return decrypt_text(value)

    def get_internal_type(self) -> str:
        return "TextField"


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (a list of topics, a small dict) stored as encrypted text."""

    description = "JSON encrypted at rest"

    def get_prep_value(self, value):
        if value is None:
            return None
        # Not through TextField.get_prep_value: its to_python would parse the JSON back.
        return encrypt_text(json.dumps(value, ensure_ascii=False))

    def from_db_value(self, value, expression, connection):
        text = super().from_db_value(value, expression, connection)
        return None if text is None else json.loads(text)

    def to_python(self, value):
        if isinstance(value, str):
            return json.loads(value)
        return value
