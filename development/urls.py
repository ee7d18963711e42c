from django.urls import path

from . import views

app_name = "development"

urlpatterns = [
    path("development/", views.my_development, name="my_development"),
    path("development/needs/", views.need_list, name="need_list"),
    path("development/needs/new/", views.need_create, name="need_create"),
    path("development/needs/<int:need_id>/decide/", views.need_decide, name="need_decide"),
    path("development/trainings/", views.training_list, name="training_list"),
    path("development/trainings/new/", views.training_create, name="training_create"),
    path("development/trainings/<int:training_id>/", views.training_detail, name="training_detail"),
    path("development/trainings/<int:training_id>/invite/", views.training_invite, name="training_invite"),
    path("development/trainings/<int:training_id>/register/", views.training_register, name="training_register"),
    path("development/trainings/<int:training_id>/attendance/", views.attendance_import, name="attendance_import"),
    path("development/trainings/<int:training_id>/attendance.pdf", views.attendance_sheet, name="attendance_sheet"),
    path(
        "development/trainings/<int:training_id>/participants/<int:participation_id>/result/",
        views.participant_result,
        name="participant_result",
    ),
    path("development/trainings/<int:training_id>/feedback/", views.training_feedback, name="training_feedback"),
    path("development/trainings/<int:training_id>/report/", views.training_report, name="training_report"),
    path("development/trainings/<int:training_id>/effect/", views.training_effect, name="training_effect"),
    path("development/certificates/<int:participation_id>/", views.certificate_download, name="certificate_download"),
    path("development/external/new/", views.external_create, name="external_create"),
    path("development/external/<int:external_id>/verify/", views.external_verify, name="external_verify"),
    path(
        "development/external/<int:external_id>/certificate/", views.external_certificate, name="external_certificate"
    ),
    path("development/ledger/", views.jp_ledger, name="jp_ledger"),
    path("development/export/<str:fmt>/", views.completed_export, name="completed_export"),
    path("development/coverage/", views.coverage, name="coverage"),
]
