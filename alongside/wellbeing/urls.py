from django.urls import path

from alongside.wellbeing import views

mentor_patterns = [
    path("assistance/", views.call_for_assistance, name="call_for_assistance"),
]

coordinator_patterns = [
    path("support/", views.support_requests, name="support_requests"),
    path(
        "support/<int:request_id>/taken-up/",
        views.support_request_taken_up,
        name="support_request_taken_up",
    ),
]
