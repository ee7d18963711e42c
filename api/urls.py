"""/api/v1/ (token or public, never a session) and the schema with its documentation pages at /api/schema/."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from . import views

app_name = "api"


def _open(view):
    """API callers authenticate with tokens, not the site's sign-in: the site's login requirement does not apply."""
    return login_not_required(view.as_view())


urlpatterns = [
    path("api/schema/", login_not_required(SpectacularAPIView.as_view(api_version="v1")), name="schema"),
    # The split view serves its start-up script as a file, so the site's CSP (script-src 'self') lets it run.
    path(
        "api/schema/docs/", login_not_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"
    ),
    path("api/schema/redoc/", login_not_required(SpectacularRedocView.as_view(url_name="api:schema")), name="redoc"),
    path("api/v1/agencies/", _open(views.AgencyList), name="agencies"),
    path("api/v1/agencies/batch/", _open(views.AgencyBatch), name="agency-batch"),
    path("api/v1/periods/", _open(views.PeriodList), name="periods"),
    path("api/v1/units/", _open(views.UnitList), name="units"),
    path("api/v1/units/batch/", _open(views.UnitBatch), name="unit-batch"),
    path("api/v1/employees/", _open(views.EmployeeList), name="employees"),
    path("api/v1/employees/batch/", _open(views.EmployeeBatch), name="employee-batch"),
    path("api/v1/employees/<str:nip>/", _open(views.EmployeeDetail), name="employee"),
    path("api/v1/indicators/", _open(views.IndicatorList), name="indicators"),
    path("api/v1/indicators/<str:indicator_id>/realisations/", _open(views.RealisationPush), name="realisations"),
    path("api/v1/plans/", _open(views.PlanList), name="plans"),
    path("api/v1/plans/<str:pk>/", _open(views.PlanDetail), name="plan"),
    path("api/v1/complaints/", _open(views.ComplaintList), name="complaints"),
    path("api/v1/surveys/results/", _open(views.SurveyResults), name="survey-results"),
    path("api/v1/exports/national/", _open(views.NationalExport), name="national-export"),
    path("api/v1/exports/national/csv/", _open(views.NationalExportCsv), name="national-export-csv"),
]
