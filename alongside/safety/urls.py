from django.urls import path

from alongside.safety import views

urlpatterns = [path("resources/", views.resources, name="crisis_resources")]
