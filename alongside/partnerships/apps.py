from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "alongside.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"

    def ready(self) -> None:
        from alongside.partnerships import agreement  # noqa: F401  (hears intake changes)
