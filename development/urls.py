from django.urls import path

from .views import ledger, mine, needs, participants, trainings

app_name = "development"

urlpatterns = [
    path("development/", mine.my_development, name="my_development"),
    path("development/needs/", needs.need_list, name="need_list"),
    path("development/needs/new/", needs.need_create, name="need_create"),
    path("development/needs/<int:need_id>/decide/", needs.need_decide, name="need_decide"),
    path("development/trainings/", trainings.training_list, name="training_list"),
    path("development/trainings/new/", trainings.training_create, name="training_create"),
    path("development/trainings/<int:training_id>/", trainings.training_detail, name="training_detail"),
    path("development/trainings/<int:training_id>/edit/", trainings.training_edit, name="training_edit"),
    path("development/trainings/<int:training_id>/cancel/", trainings.training_cancel, name="training_cancel"),
    path("development/trainings/<int:training_id>/invite/", participants.training_invite, name="training_invite"),
    path("development/trainings/<int:training_id>/register/", participants.training_register, name="training_register"),
    path(
        "development/trainings/<int:training_id>/attendance/", participants.attendance_import, name="attendance_import"
    ),
    path(
        "development/trainings/<int:training_id>/attendance.pdf", participants.attendance_sheet, name="attendance_sheet"
    ),
    path(
        "development/trainings/<int:training_id>/participants/<int:participation_id>/result/",
        participants.participant_result,
        name="participant_result",
    ),
    path("development/trainings/<int:training_id>/feedback/", participants.training_feedback, name="training_feedback"),
    path("development/trainings/<int:training_id>/report/", trainings.training_report, name="training_report"),
    path("development/trainings/<int:training_id>/effect/", trainings.training_effect, name="training_effect"),
    path(
        "development/certificates/<int:participation_id>/",
        participants.certificate_download,
        name="certificate_download",
    ),
    path("development/external/new/", mine.external_create, name="external_create"),
    path("development/external/<int:external_id>/verify/", mine.external_verify, name="external_verify"),
    path("development/external/<int:external_id>/certificate/", mine.external_certificate, name="external_certificate"),
    path("development/ledger/", ledger.jp_ledger, name="jp_ledger"),
    path("development/export/<str:fmt>/", ledger.completed_export, name="completed_export"),
    path("development/coverage/", ledger.coverage, name="coverage"),
]
