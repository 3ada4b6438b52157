from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "alongside.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from alongside.accounts import (
            sessions,  # noqa: F401  (ends sessions on password change and deactivation)
            signals,  # noqa: F401  (connects login auditing)
            two_step,  # noqa: F401  (remembers a passed code)
        )
