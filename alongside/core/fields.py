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
