from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("evaluasi/data/", views.my_entries, name="my_entries"),
    path("evaluasi/data/buka/", views.calendar_open, name="calendar_open"),
    path("evaluasi/opd/<int:agency_id>/tim/", views.team_detail, name="team_detail"),
    path("evaluasi/opd/<int:agency_id>/tim/sk/", views.team_save, name="team_save"),
    path("evaluasi/opd/<int:agency_id>/tim/sk/unduh/", views.decree_download, name="decree_download"),
    path("evaluasi/opd/<int:agency_id>/tim/anggota/", views.member_add, name="member_add"),
    path("evaluasi/anggota/<int:member_id>/hapus/", views.member_remove, name="member_remove"),
    path("evaluasi/opd/<int:agency_id>/kalender/", views.calendar, name="calendar"),
    path("evaluasi/iku/<int:indicator_id>/jadwal/", views.schedule_edit, name="schedule_edit"),
    path("evaluasi/entri/<int:entry_id>/", views.entry_detail, name="entry_detail"),
    path("evaluasi/entri/<int:entry_id>/isi/", views.entry_submit, name="entry_submit"),
    path("evaluasi/entri/<int:entry_id>/verifikasi/", views.entry_verify, name="entry_verify"),
    path("evaluasi/entri/<int:entry_id>/kembalikan/", views.entry_return, name="entry_return"),
    path("evaluasi/entri/<int:entry_id>/koreksi/", views.entry_reopen, name="entry_reopen"),
    path("evaluasi/entri/<int:entry_id>/bukti/", views.evidence_download, name="evidence_download"),
    path("evaluasi/opd/<int:agency_id>/tinjauan/", views.review_list, name="review_list"),
    path("evaluasi/opd/<int:agency_id>/tinjauan/buka/", views.review_open, name="review_open"),
    path("evaluasi/tinjauan/<int:review_id>/", views.review_detail, name="review_detail"),
    path("evaluasi/tinjauan/<int:review_id>/agenda/", views.item_add, name="item_add"),
    path("evaluasi/tinjauan/<int:review_id>/notulen.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("evaluasi/agenda/<int:item_id>/kendala/", views.obstacle_add, name="obstacle_add"),
    path("evaluasi/kendala/<int:obstacle_id>/aksi/", views.action_add, name="action_add"),
    path("evaluasi/kendala/<int:obstacle_id>/eskalasi/", views.obstacle_escalate, name="obstacle_escalate"),
    path("evaluasi/kendala/<int:obstacle_id>/selesai/", views.obstacle_resolve, name="obstacle_resolve"),
    path("evaluasi/aksi/<int:action_id>/", views.action_update, name="action_update"),
    path("evaluasi/opd/<int:agency_id>/target/<int:year>/", views.consultation_detail, name="consultation"),
    path("evaluasi/opd/<int:agency_id>/target/<int:year>/buka/", views.consultation_open, name="consultation_open"),
    path("evaluasi/opd/<int:agency_id>/target/<int:year>/komentar/", views.comment_add, name="comment_add"),
    path(
        "evaluasi/opd/<int:agency_id>/target/<int:year>/komentar/<int:comment_id>/jawab/",
        views.comment_answer,
        name="comment_answer",
    ),
]
