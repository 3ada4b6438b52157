from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "alongside.home"
    label = "home"
    verbose_name = "Role home pages"
