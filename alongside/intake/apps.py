from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "alongside.intake"
    label = "intake"
    verbose_name = "Peer intake"
