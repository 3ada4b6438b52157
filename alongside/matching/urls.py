from django.urls import path

from alongside.matching import views

mentor_patterns = [
    path("profile/", views.profile_edit, name="mentor_profile"),
    path("profile/coach/", views.profile_coach, name="mentor_profile_coach"),
]
