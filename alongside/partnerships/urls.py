from django.urls import path

from alongside.partnerships import views

urlpatterns = [
    path("<int:partnership_id>/", views.partnership_page, name="partnership"),
    path("<int:partnership_id>/step-back/", views.step_back, name="partnership_step_back"),
    path("<int:partnership_id>/resume/", views.resume, name="partnership_resume"),
]
