from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("survei/<slug:slug>/", views.survey_form, name="form"),
    path("survei/<slug:slug>/terima-kasih/", views.survey_thanks, name="thanks"),
    path("survei/<slug:slug>/poster.pdf", views.survey_poster, name="poster"),
    path("ikm/", views.results, name="results"),
    path("ikm/layanan/<slug:slug>/", views.service_results, name="service_results"),
    path("ikm/ekspor/<int:agency_id>/<int:period_id>.xlsx", views.results_export, name="export"),
]
