from django.urls import include, path

from . import compliance_views, views

patterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/period/<int:period_id>/", views.period_overview, name="period_overview"),
    path("dashboard/period/<int:period_id>/list", views.drill_down, name="drill_down"),
    path("dashboard/period/<int:period_id>/distribution/", views.distribution, name="distribution"),
    path(
        "dashboard/period/<int:period_id>/distribution/<int:agency_id>/predikat/",
        views.set_organisation_predikat,
        name="set_organisation_predikat",
    ),
    path(
        "dashboard/period/<int:period_id>/distribution/<int:agency_id>/override/",
        views.record_override,
        name="record_override",
    ),
    path("dashboard/period/<int:period_id>/iku/", views.iku, name="iku"),
    path("dashboard/period/<int:period_id>/agency/<int:agency_id>/", views.agency_dashboard, name="agency_dashboard"),
    path("dashboard/period/<int:period_id>/team/", views.team_dashboard, name="team_dashboard"),
    path("dashboard/period/<int:period_id>/export/<slug:table>.<slug:fmt>", views.export, name="export"),
    path("reports/", views.reports_index, name="index"),
    # --- board: the compliance board
    path("dashboard/period/<int:period_id>/compliance/", compliance_views.compliance, name="compliance"),
    path("reports/period/<int:period_id>/recap.pdf", views.recap_pdf, name="recap_pdf"),
]

urlpatterns = [path("", include((patterns, "reports")))]
