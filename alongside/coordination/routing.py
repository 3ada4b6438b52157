from django.urls import path

from alongside.coordination.consumers import EscalationQueueConsumer

websocket_urlpatterns = [
    path("ws/coordinator/escalations/", EscalationQueueConsumer.as_asgi()),
]
