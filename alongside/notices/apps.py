from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "alongside.notices"
    label = "notices"
    verbose_name = "Notices"
