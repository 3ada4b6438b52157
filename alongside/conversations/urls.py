from django.urls import path

from alongside.conversations import views

urlpatterns = [
    path("<int:partnership_id>/conversation/", views.conversation, name="conversation"),
    path("<int:partnership_id>/conversation/send/", views.send, name="conversation_send"),
    path("<int:partnership_id>/conversation/new/", views.poll, name="conversation_poll"),
    path("<int:partnership_id>/conversation/coach/", views.coach_notes, name="conversation_coach"),
    path("<int:partnership_id>/conversation/keep/", views.keep, name="conversation_keep"),
]
