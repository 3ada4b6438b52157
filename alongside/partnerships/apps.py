from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "alongside.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"
