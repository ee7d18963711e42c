from django.urls import path

from . import views

app_name = "agencies"

urlpatterns = [
    path("iku/", views.iku_list, name="iku_list"),
    path("iku/<int:indicator_id>/", views.iku_detail, name="iku_detail"),
    path("iku/<int:indicator_id>/realisations/", views.realisation_record, name="realisation_record"),
    path("iku/<int:indicator_id>/compute/", views.realisation_compute, name="realisation_compute"),
    path("iku/realisations/<int:realisation_id>/verify/", views.realisation_verify, name="realisation_verify"),
    path("periods/", views.period_list, name="period_list"),
    path("periods/new/", views.period_create, name="period_create"),
    path("periods/year/", views.period_year, name="period_year"),
    path("periods/<int:period_id>/edit/", views.period_edit, name="period_edit"),
    path("periods/<int:period_id>/advance/", views.period_advance, name="period_advance"),
]
