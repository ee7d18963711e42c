from django.urls import include, path

from . import views

patterns = [
    path("account/notifications/", views.preferences, name="preferences"),
    path("dashboard/period/<int:period_id>/compliance/<int:agency_id>/", views.agency_people, name="agency_people"),
    path(
        "dashboard/period/<int:period_id>/compliance/<int:agency_id>/remind/",
        views.remind_agency,
        name="remind_agency",
    ),
]

urlpatterns = [path("", include((patterns, "reminders")))]
