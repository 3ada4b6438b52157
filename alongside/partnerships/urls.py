from django.urls import path

from alongside.partnerships import views

urlpatterns = [
    path("<int:partnership_id>/", views.partnership_page, name="partnership"),
]
