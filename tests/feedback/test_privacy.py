"""Personal data (UU 27/2022): the reporter's contact reaches only those the reporter allowed; every look at a
confidential reporter's contact is audited; nothing personal is exported."""

from django.test import Client

from audit.models import AuditEvent, AuditKind
from feedback import services
from feedback.models import Identity
from tests.feedback.factories import submit


def verified(category, coordinator, **fields):
    complaint, _secret = submit(category, **fields)
    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    return complaint


def test_a_named_reporters_contact_is_seen_by_the_desk_and_the_agency(category, coordinator, officer, client_for):
    complaint = verified(category, coordinator, identity=Identity.NAMED)
    for person in (coordinator, officer):
        page = client_for(person).get(f"/pengaduan/{complaint.pk}/kontak/")
        assert page.status_code == 200 and "warga@example.org" in page.content.decode()
    assert not AuditEvent.objects.filter(kind=AuditKind.CONTACT_READ).exists()


def test_a_confidential_reporters_contact_is_for_the_desk_only_and_every_look_is_audited(
    category, coordinator, officer, head, client_for
):
    complaint = verified(category, coordinator, identity=Identity.CONFIDENTIAL)
    for person in (officer, head):
        assert client_for(person).get(f"/pengaduan/{complaint.pk}/kontak/").status_code == 403
        detail = client_for(person).get(f"/pengaduan/{complaint.pk}/").content.decode()
        assert "Warga Pelapor" not in detail and "warga@example.org" not in detail
    desk = client_for(coordinator)
    assert "warga@example.org" in desk.get(f"/pengaduan/{complaint.pk}/kontak/").content.decode()
    desk.get(f"/pengaduan/{complaint.pk}/kontak/")
    events = AuditEvent.objects.filter(kind=AuditKind.CONTACT_READ, target=complaint.code)
    assert events.count() == 2 and events.first().actor == coordinator


def test_an_anonymous_complaint_has_no_contact_to_show(category, coordinator, client_for):
    complaint = verified(category, coordinator, identity=Identity.ANONYMOUS)
    assert client_for(coordinator).get(f"/pengaduan/{complaint.pk}/kontak/").status_code == 403


def test_the_contact_page_is_not_cached(category, coordinator, client_for):
    complaint = verified(category, coordinator)
    response = client_for(coordinator).get(f"/pengaduan/{complaint.pk}/kontak/")
    assert "no-store" in response["Cache-Control"]


def test_the_follow_up_link_is_not_leaked_in_referers_or_caches(category):
    complaint, secret = submit(category)
    response = Client().get(f"/lapor/{complaint.code}/{secret}/")
    assert response["Referrer-Policy"] == "same-origin" and "no-store" in response["Cache-Control"]


def test_only_a_hash_of_the_secret_is_stored(category):
    complaint, secret = submit(category)
    complaint.refresh_from_db()
    assert secret not in complaint.secret_hash and len(complaint.secret_hash) == 64


def test_another_agencys_officer_sees_nothing(category, coordinator, outsider, client_for, other_agency):
    from tests.feedback.factories import OfficerFactory

    OfficerFactory(agency=other_agency, user=outsider.user)
    complaint = verified(category, coordinator)
    client = client_for(outsider)
    assert client.get(f"/pengaduan/{complaint.pk}/").status_code == 404
    assert client.get(f"/pengaduan/{complaint.pk}/kontak/").status_code == 404
    assert complaint.code not in client.get("/pengaduan/").content.decode()


def test_the_reporter_sees_what_they_sent_on_their_private_page_and_nobody_else_does(send_complaint, category):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("surat-rt.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    response, follow_up = send_complaint(category, files=[pdf])
    private = Client().get(follow_up).content.decode()
    assert 'id="what-you-sent"' in private
    assert "Sudah tiga minggu KTP-el saya belum jadi." in private and "surat-rt.pdf" in private
    code = follow_up.split("/")[2]
    public = Client().get(f"/lapor/{code}/").content.decode()
    assert "Sudah tiga minggu" not in public and "surat-rt.pdf" not in public and "what-you-sent" not in public
