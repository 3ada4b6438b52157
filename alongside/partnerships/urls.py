from django.urls import path

from alongside.partnerships import views

urlpatterns = [
    path("<int:partnership_id>/", views.partnership_page, name="partnership"),
    path("<int:partnership_id>/step-back/", views.step_back, name="partnership_step_back"),
    path("<int:partnership_id>/resume/", views.resume, name="partnership_resume"),
    path(
        "<int:partnership_id>/close/propose/", views.close_propose, name="partnership_close_propose"
    ),
    path("<int:partnership_id>/close/plan/", views.closing_plan, name="partnership_closing_plan"),
    path(
        "<int:partnership_id>/close/reflection/",
        views.closing_reflection,
        name="partnership_closing_reflection",
    ),
    path("<int:partnership_id>/close/", views.close, name="partnership_close"),
    path("<int:partnership_id>/end/", views.end, name="partnership_end"),
    path("<int:partnership_id>/meetings/", views.meeting_propose_view, name="meeting_propose"),
    path(
        "<int:partnership_id>/meetings/<int:meeting_id>/",
        views.meeting_answer,
        name="meeting_answer",
    ),
    path(
        "<int:partnership_id>/meetings/<int:meeting_id>/calendar.ics",
        views.meeting_calendar,
        name="meeting_calendar",
    ),
    path(
        "<int:partnership_id>/meetings/<int:meeting_id>/reflection/",
        views.meeting_reflection,
        name="meeting_reflection",
    ),
    path(
        "<int:partnership_id>/agreement/boundaries/",
        views.agreement_boundaries,
        name="partnership_agreement_boundaries",
    ),
    path(
        "<int:partnership_id>/agreement/propose/",
        views.agreement_propose,
        name="partnership_agreement_propose",
    ),
    path(
        "<int:partnership_id>/agreement/proposals/<int:proposal_id>/",
        views.agreement_decide,
        name="partnership_agreement_decide",
    ),
    path(
        "<int:partnership_id>/end-for-safety/",
        views.coordinator_end,
        name="partnership_coordinator_end",
    ),
]
