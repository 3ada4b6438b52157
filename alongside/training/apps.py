from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "alongside.training"
    label = "training"
    verbose_name = "Mentor training"

    def ready(self) -> None:
        from alongside.training import checks  # noqa: F401  (registers the content check)
