from django.urls import path

from alongside.conversations.consumers import ConversationConsumer

websocket_urlpatterns = [
    path("ws/partnerships/<int:partnership_id>/", ConversationConsumer.as_asgi()),
]
