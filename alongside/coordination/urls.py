from django.urls import path

from alongside.coordination import views

coordinator_patterns = [
    path("concerns/", views.concern_list, name="coordinator_concerns"),
    path(
        "concerns/<int:concern_id>/taken-up/",
        views.concern_taken_up,
        name="coordinator_concern_taken_up",
    ),
    path("escalations/", views.escalation_list, name="coordinator_escalations"),
    path("escalations/rows/", views.escalation_rows, name="coordinator_escalation_rows"),
    path(
        "escalations/<int:escalation_id>/", views.escalation_detail, name="coordinator_escalation"
    ),
    path(
        "escalations/<int:escalation_id>/open/",
        views.escalation_open_view,
        name="coordinator_escalation_open",
    ),
    path(
        "escalations/<int:escalation_id>/acknowledge/",
        views.escalation_acknowledge_view,
        name="coordinator_escalation_acknowledge",
    ),
    path(
        "escalations/<int:escalation_id>/note/",
        views.escalation_note_view,
        name="coordinator_escalation_note",
    ),
    path(
        "escalations/<int:escalation_id>/outcome/",
        views.escalation_outcome_view,
        name="coordinator_escalation_outcome",
    ),
    path(
        "escalations/<int:escalation_id>/resolve/",
        views.escalation_resolve_view,
        name="coordinator_escalation_resolve",
    ),
    path("resources/", views.resource_list, name="coordinator_resources"),
    path("resources/new/", views.resource_edit, name="coordinator_resource_new"),
    path("resources/<int:resource_id>/", views.resource_edit, name="coordinator_resource"),
    path(
        "resources/<int:resource_id>/verify/",
        views.resource_verify,
        name="coordinator_resource_verify",
    ),
]

health_patterns = [path("healthz/detail", views.health_detail, name="healthz_detail")]
