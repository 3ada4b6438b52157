from django.apps import AppConfig


class FieldtestConfig(AppConfig):
    name = "tests.fieldtest"
    label = "fieldtest"
