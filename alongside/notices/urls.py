from django.urls import path

from alongside.notices import views

urlpatterns = [path("notices/", views.notice_list, name="notices")]
