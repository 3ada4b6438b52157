from django.urls import path

from alongside.matching import views

mentor_patterns = [
    path("profile/", views.profile_edit, name="mentor_profile"),
    path("profile/coach/", views.profile_coach, name="mentor_profile_coach"),
    path("requests/", views.incoming, name="mentor_requests"),
    path("requests/<int:request_id>/accept/", views.request_accept, name="request_accept"),
    path("requests/<int:request_id>/decline/", views.request_decline, name="request_decline"),
]

peer_patterns = [
    path("mentors/", views.mentor_list, name="peer_mentors"),
    path("mentors/<int:mentor_id>/", views.mentor_detail, name="peer_mentor"),
    path(
        "mentors/<int:mentor_id>/request/preview/",
        views.request_preview,
        name="request_preview",
    ),
    path("mentors/<int:mentor_id>/request/", views.request_create, name="request_create"),
    path("requests/<int:request_id>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("waitlist/", views.waitlist, name="peer_waitlist"),
]

coordinator_patterns = [
    path("requests/", views.coordinator_requests, name="coordinator_requests"),
    path(
        "requests/<int:request_id>/",
        views.coordinator_request_detail,
        name="coordinator_request",
    ),
    path(
        "requests/<int:request_id>/reason/",
        views.coordinator_decline_reason,
        name="coordinator_decline_reason",
    ),
]
