from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "alongside.coordination"
    label = "coordination"
    verbose_name = "Coordination"
