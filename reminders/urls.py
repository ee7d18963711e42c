from django.urls import include, path

from . import views

patterns = [
    path("account/notifications/", views.preferences, name="preferences"),
]

urlpatterns = [path("", include((patterns, "reminders")))]
