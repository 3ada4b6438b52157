from django.apps import AppConfig


class WellbeingConfig(AppConfig):
    name = "alongside.wellbeing"
    label = "wellbeing"
    verbose_name = "Mentor wellbeing"
