from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "alongside.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from alongside.core import (
            checks,  # noqa: F401  (registers the system checks)
            headers,  # noqa: F401  (remembers sign-outs for Clear-Site-Data)
        )
