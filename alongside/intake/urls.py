from django.urls import path

from alongside.intake import views

peer_patterns = [
    path("intake/", views.intake, name="peer_intake"),
    path("intake/review/", views.intake_review, name="peer_intake_review"),
    path("intake/<slug:step>/", views.intake_step, name="peer_intake_step"),
]
