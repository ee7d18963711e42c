from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    # Citizens, no login.
    path("lapor/", views.complaint_form, name="complaint_form"),
    path("lapor/lacak/", views.complaint_lookup, name="complaint_lookup"),
    path("lapor/<str:code>/", views.complaint_status, name="complaint_status"),
    path("lapor/<str:code>/<str:secret>/", views.follow_up, name="follow_up"),
    path("publik/", views.public_page, name="public_page"),
    path("publik/data.csv", views.public_csv, name="public_csv"),
    # The complaint desk and the agencies' complaint officers.
    path("pengaduan/", views.desk_list, name="desk_list"),
    path("pengaduan/agenda/", views.put_on_agenda, name="put_on_agenda"),
    path("pengaduan/kategori/", views.category_list, name="category_list"),
    path("pengaduan/kategori/<int:category_id>/", views.category_deadlines, name="category_deadlines"),
    path("pengaduan/petugas/", views.officer_list, name="officer_list"),
    path("pengaduan/petugas/<int:officer_id>/hapus/", views.officer_withdraw, name="officer_withdraw"),
    path("pengaduan/<int:complaint_id>/", views.complaint_detail, name="complaint_detail"),
    path("pengaduan/<int:complaint_id>/verifikasi/", views.verify, name="verify"),
    path("pengaduan/<int:complaint_id>/serahkan/", views.hand_over, name="hand_over"),
    path("pengaduan/<int:complaint_id>/jawab/", views.answer, name="answer"),
    path("pengaduan/<int:complaint_id>/tautan/", views.link, name="link"),
    path("pengaduan/<int:complaint_id>/kontak/", views.contact, name="contact"),
    path(
        "pengaduan/<int:complaint_id>/lampiran/<int:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
]
