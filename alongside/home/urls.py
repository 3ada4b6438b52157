from django.urls import path

from alongside.home import views

urlpatterns = [
    path("home/", views.home, name="home"),
    path("peer/", views.peer_home, name="peer_home"),
    path("mentor/", views.mentor_home, name="mentor_home"),
    path("coordinator/", views.coordinator_home, name="coordinator_home"),
]
