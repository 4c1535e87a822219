from django.urls import path

from live.consumers import LiveConsumer

websocket_urlpatterns = [path("ws/live/<int:pk>/", LiveConsumer.as_asgi())]
