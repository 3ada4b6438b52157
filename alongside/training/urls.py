from django.urls import path

from alongside.training import views

mentor_patterns = [
    path("training/", views.training_list, name="training_list"),
    path("training/<slug:slug>/", views.module_page, name="training_module"),
    path("training/<slug:slug>/check/", views.module_check, name="training_check"),
    path(
        "training/<slug:slug>/result/<int:attempt_id>/",
        views.attempt_result,
        name="training_result",
    ),
    path("reflection/", views.reflection, name="training_reflection"),
    path("code/", views.code_of_conduct, name="training_code"),
    path("application/submit/", views.submit_application, name="application_submit"),
]

coordinator_patterns = [
    path("applicants/", views.applicants, name="applicants"),
    path("applicants/<int:mentor_id>/", views.applicant_detail, name="applicant_detail"),
    path(
        "applicants/<int:mentor_id>/reflection/",
        views.applicant_reflection,
        name="applicant_reflection",
    ),
    path("applicants/<int:mentor_id>/notes/", views.applicant_notes, name="applicant_notes"),
    path("applicants/<int:mentor_id>/decide/", views.applicant_decide, name="applicant_decide"),
]
