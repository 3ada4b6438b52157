from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "alongside.demo"
    label = "demo"
    verbose_name = "Demo program"

    def ready(self) -> None:
        from alongside.demo import guard  # noqa: F401  (registers the demo-account check)
