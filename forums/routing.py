"""Websocket routes of the live pages."""

from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("ws/forums/t/<int:topic_id>/", consumers.TopicConsumer.as_asgi()),
    path("ws/meetings/<int:meeting_id>/", consumers.MeetingConsumer.as_asgi()),
    path("ws/notifications/", consumers.NotificationConsumer.as_asgi()),
]
