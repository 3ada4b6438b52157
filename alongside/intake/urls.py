from django.urls import path

from alongside.intake import views

peer_patterns = [
    path("intake/", views.intake, name="peer_intake"),
]
