from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "alongside.growth"
    label = "growth"
    verbose_name = "Moving towards"
