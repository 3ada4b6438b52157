from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "alongside.matching"
    label = "matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from alongside.matching import receivers  # noqa: F401  (listens to lower apps' events)
