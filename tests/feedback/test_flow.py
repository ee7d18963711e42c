"""The complaint flow through its pages: public form → desk → agency → answer → the reporter's verdict, and every
other branch (more information, rejected, merged, reopened once, automatic closing)."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from feedback import services
from feedback.models import Complaint, EventKind, Status


def open_nodes(complaint):
    return sorted(
        task.flow_task.name
        for task in Task.objects.filter(process__complaintprocess__complaint=complaint).exclude(
            status__in=[STATUS.DONE, STATUS.CANCELED]
        )
    )


def test_anonymous_complaint_goes_from_the_form_to_the_reporters_verdict(
    send_complaint, category, coordinator, officer, client_for, django_capture_on_commit_callbacks
):
    response, follow_up = send_complaint(category)
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.code == f"ADU-{timezone.localdate().year}-000001"
    assert open_nodes(complaint) == ["verify"]
    assert complaint.verify_due > complaint.submitted_at
    # The reporter got the code and the secret link by e-mail, and sees them once on the page.
    assert mail.outbox[-1].to == ["warga@example.org"] and follow_up in mail.outbox[-1].body
    page = Client().get(follow_up + "?new=1")
    assert complaint.code in page.content.decode() and follow_up in page.content.decode()

    # The agency does not see it before verification.
    assert client_for(officer).get(f"/pengaduan/{complaint.pk}/").status_code == 404

    desk = client_for(coordinator)
    response = desk.post(f"/pengaduan/{complaint.pk}/verifikasi/", {"decision": "verify", "category": category.pk})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.WITH_AGENCY and complaint.answer_due is not None
    assert open_nodes(complaint) == ["answer"]

    agency = client_for(officer)
    assert complaint.code in agency.get("/pengaduan/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = agency.post(
            f"/pengaduan/{complaint.pk}/jawab/", {"answer": "KTP-el sudah dicetak.", "action_taken": "Printer kedua"}
        )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED and complaint.answered_on_time is True
    assert complaint.answer_working_days == 0
    assert open_nodes(complaint) == ["confirm"]
    assert "KTP-el sudah dicetak." in mail.outbox[-1].body

    public = Client().get(f"/lapor/{complaint.code}/").content.decode()
    assert "KTP-el sudah dicetak." in public and "Warga Pelapor" not in public and "warga@example.org" not in public

    response = Client().post(follow_up, {"step": "outcome", "outcome": "resolved"})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED and complaint.outcome == "resolved"
    assert open_nodes(complaint) == []
    kinds = list(complaint.events.values_list("kind", flat=True))
    assert kinds == [EventKind.SUBMITTED, EventKind.VERIFIED, EventKind.ANSWERED, EventKind.CONFIRMED, EventKind.CLOSED]


def test_the_reporters_verdict_reads_in_the_staff_members_language(
    send_complaint, category, coordinator, officer, client_for
):
    _response, follow_up = send_complaint(category)
    complaint = Complaint.objects.get()
    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    services.answer_complaint(complaint=complaint, by=officer.user, answer="Sudah dicetak.")
    reporter = Client()
    reporter.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"  # the citizen answers in Indonesian
    reporter.post(follow_up, {"step": "outcome", "outcome": "partly"})

    desk = client_for(coordinator)
    desk.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = desk.get(f"/pengaduan/{complaint.pk}/").content.decode()
    assert "Reporter responded: Partly resolved" in page and "Selesai sebagian" not in page
    desk.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    assert "Selesai sebagian" in desk.get(f"/pengaduan/{complaint.pk}/").content.decode()


def test_the_reporters_private_page_asks_for_the_verdict_right_under_the_answer(
    send_complaint, category, coordinator, officer
):
    _response, follow_up = send_complaint(category)
    complaint = Complaint.objects.get()
    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    services.answer_complaint(complaint=complaint, by=officer.user, answer="Sudah dicetak.")
    page = Client().get(follow_up).content.decode()
    order = [page.index(text) for text in ("Sudah dicetak.", 'name="outcome"', ">Steps<", 'id="what-you-sent"')]
    assert order == sorted(order)


def test_a_second_answer_click_is_harmless(send_complaint, category, coordinator, officer, client_for):
    send_complaint(category)
    complaint = Complaint.objects.get()
    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    agency = client_for(officer)
    agency.post(f"/pengaduan/{complaint.pk}/jawab/", {"answer": "Sudah."})
    response = agency.post(f"/pengaduan/{complaint.pk}/jawab/", {"answer": "Sudah lagi."}, follow=True)
    assert response.status_code == 200 and "This step was already handled" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.answer == "Sudah." and complaint.events.filter(kind=EventKind.ANSWERED).count() == 1


def test_the_desk_asks_for_more_and_the_reporter_answers_through_the_link(
    send_complaint, category, coordinator, client_for
):
    _response, follow_up = send_complaint(category)
    complaint = Complaint.objects.get()
    desk = client_for(coordinator)
    response = desk.post(f"/pengaduan/{complaint.pk}/verifikasi/", {"decision": "more_info", "note": ""})
    assert response.status_code == 400 and "Tell the reporter what is needed" in response.content.decode()
    desk.post(f"/pengaduan/{complaint.pk}/verifikasi/", {"decision": "more_info", "note": "Nomor NIK?"})
    complaint.refresh_from_db()
    assert complaint.status == Status.NEEDS_INFO and open_nodes(complaint) == ["supply_info"]
    assert "Nomor NIK?" in Client().get(follow_up).content.decode()
    Client().post(follow_up, {"step": "info", "text": "NIK 3404xxxx"})
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED and "NIK 3404xxxx" in complaint.description
    assert open_nodes(complaint) == ["verify"]


@pytest.mark.parametrize("decision", ["spam", "not_authority"])
def test_rejected_complaints_never_reach_the_agency(
    send_complaint, category, coordinator, officer, client_for, decision
):
    send_complaint(category)
    complaint = Complaint.objects.get()
    services.verify_complaint(complaint=complaint, by=coordinator, decision=decision, note="Bukan kewenangan Pemda.")
    complaint.refresh_from_db()
    assert complaint.status == decision and open_nodes(complaint) == []
    agency = client_for(officer)
    assert complaint.code not in agency.get("/pengaduan/").content.decode()
    assert agency.get(f"/pengaduan/{complaint.pk}/").status_code == 404


def test_a_duplicate_is_merged_into_the_original(send_complaint, category, coordinator, client_for):
    send_complaint(category)
    send_complaint(category)
    original, repeat = Complaint.objects.order_by("pk")
    response = client_for(coordinator).post(
        f"/pengaduan/{repeat.pk}/verifikasi/", {"decision": "duplicate", "duplicate_of": original.code.lower()}
    )
    assert response.status_code == 302
    repeat.refresh_from_db()
    assert repeat.status == Status.DUPLICATE and repeat.duplicate_of == original
    assert original.code in Client().get(f"/lapor/{repeat.code}/").content.decode()


def test_unknown_duplicate_code_is_refused_with_a_message(send_complaint, category, coordinator, client_for):
    send_complaint(category)
    complaint = Complaint.objects.get()
    response = client_for(coordinator).post(
        f"/pengaduan/{complaint.pk}/verifikasi/", {"decision": "duplicate", "duplicate_of": "ADU-1999-000001"}
    )
    assert response.status_code == 400 and "No complaint has this tracking code." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED


def test_not_resolved_reopens_once_to_the_agency_head(send_complaint, category, coordinator, officer, head, client_for):
    _response, follow_up = send_complaint(category)
    complaint = Complaint.objects.get()
    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    services.answer_complaint(complaint=complaint, by=officer.user, answer="Sudah dicetak.")
    Client().post(follow_up, {"step": "outcome", "outcome": "not_resolved"})
    complaint.refresh_from_db()
    assert complaint.status == Status.REOPENED and open_nodes(complaint) == ["reanswer"]
    assert client_for(officer).post(f"/pengaduan/{complaint.pk}/jawab/", {"answer": "x"}).status_code == 403
    client_for(head).post(f"/pengaduan/{complaint.pk}/jawab/", {"answer": "Diantar ke rumah."})
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED and complaint.answer == "Diantar ke rumah."
    Client().post(follow_up, {"step": "outcome", "outcome": "not_resolved"})
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED and open_nodes(complaint) == []


def test_an_officer_hands_the_complaint_to_an_employee_who_answers(
    send_complaint, category, coordinator, officer, employee, client_for
):
    send_complaint(category)
    complaint = Complaint.objects.get()
    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    assert client_for(employee).get(f"/pengaduan/{complaint.pk}/").status_code == 404
    client_for(officer).post(f"/pengaduan/{complaint.pk}/serahkan/", {"employee": employee.pk})
    assert client_for(employee).post(f"/pengaduan/{complaint.pk}/jawab/", {"answer": "Selesai."}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED


def test_the_employee_handed_a_complaint_is_notified_with_its_code_and_a_link_to_it(
    send_complaint, category, coordinator, officer, employee, client_for
):
    from forums.models import Notification, NotificationKind

    send_complaint(category)
    complaint = Complaint.objects.get()
    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    client_for(officer).post(f"/pengaduan/{complaint.pk}/serahkan/", {"employee": employee.pk})
    (notice,) = Notification.objects.filter(user=employee.user, kind=NotificationKind.TASK)
    assert notice.url == f"/pengaduan/{complaint.pk}/"  # the complaint's page, not an inbox without complaints
    complaint.refresh_from_db()
    due = date_format(timezone.localdate(complaint.answer_due), "j F Y")
    assert notice.message == f"A complaint was handed to you: answer it — {complaint.code} ({category.name}), by {due}"
    assert client_for(employee).get(notice.url).status_code == 200
    # The agency's officer was told in the app when it reached the agency; the desk, who verified it, was not told
    # of the verification task they had just done.
    (officers_notice,) = Notification.objects.filter(user=officer.user, kind=NotificationKind.TASK)
    assert officers_notice.message.startswith(f"Answer the complaint — {complaint.code}")
    assert not Notification.objects.filter(user=coordinator, kind=NotificationKind.TASK).exists()
    with translation.override("id"):
        assert officers_notice.message.startswith(f"Jawab pengaduan — {complaint.code}")


def test_once_the_agency_answers_its_notices_to_answer_stop_counting_as_new(
    send_complaint, category, coordinator, officer, employee, head, client_for
):
    from forums.models import Notification, NotificationKind

    def unread(person):
        return Notification.objects.filter(user=person.user, kind=NotificationKind.TASK, read_at__isnull=True).count()

    _response, follow_up = send_complaint(category)
    complaint = Complaint.objects.get()
    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    client_for(officer).post(f"/pengaduan/{complaint.pk}/serahkan/", {"employee": employee.pk})
    assert unread(officer) == 1 and unread(employee) == 1
    client_for(employee).post(f"/pengaduan/{complaint.pk}/jawab/", {"answer": "Sudah dicetak."})
    assert unread(officer) == 0 and unread(employee) == 0
    assert Notification.objects.filter(user=officer.user, url=f"/pengaduan/{complaint.pk}/").exists()  # still listed

    Client().post(follow_up, {"step": "outcome", "outcome": "not_resolved"})  # reopened: the head is asked
    assert unread(head) == 1 and unread(officer) == 0
    client_for(head).post(f"/pengaduan/{complaint.pk}/jawab/", {"answer": "Sudah dikirim ulang."})
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED and unread(head) == 0


def test_silent_reporters_complaints_close_after_fourteen_days_once(send_complaint, category, coordinator, officer, db):
    send_complaint(category)
    complaint = Complaint.objects.get()
    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    services.answer_complaint(complaint=complaint, by=officer.user, answer="Sudah.")
    assert services.close_silent_complaints(now=timezone.now() + datetime.timedelta(days=13)) == 0
    later = timezone.now() + datetime.timedelta(days=15)
    assert services.close_silent_complaints(now=later) == 1
    assert services.close_silent_complaints(now=later) == 0
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED and open_nodes(complaint) == []
    assert complaint.events.filter(kind=EventKind.AUTO_CLOSED).count() == 1


def test_the_desk_corrects_the_category_and_the_complaint_goes_to_that_agency(
    send_complaint, category, coordinator, client_for, other_agency
):
    from tests.feedback.factories import ComplaintCategoryFactory

    hospital = ComplaintCategoryFactory(agency=other_agency, name="Antrean Puskesmas", answer_days=2)
    send_complaint(category)
    complaint = Complaint.objects.get()
    client_for(coordinator).post(
        f"/pengaduan/{complaint.pk}/verifikasi/", {"decision": "verify", "category": hospital.pk}
    )
    complaint.refresh_from_db()
    assert complaint.agency == other_agency and complaint.category == hospital


def test_a_coordinator_cannot_send_a_complaint_outside_their_scope(send_complaint, category, agency, other_agency):
    from feedback.services import verify_complaint
    from tests.factories import CoordinatorFactory, UserFactory
    from tests.feedback.factories import ComplaintCategoryFactory

    scoped = UserFactory(username="scoped")
    CoordinatorFactory(user=scoped, all_agencies=False).agencies.set([agency])
    hospital = ComplaintCategoryFactory(agency=other_agency, name="Antrean Puskesmas")
    send_complaint(category)
    complaint = Complaint.objects.get()
    with pytest.raises(PermissionDenied):
        verify_complaint(complaint=complaint, by=scoped, decision="verify", category=hospital)
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED and complaint.agency == agency


def test_a_pemda_wide_coordinator_who_is_also_an_employee_sees_every_complaint(
    send_complaint, category, other_agency, client_for
):
    from tests.factories import CoordinatorFactory, EmployeeFactory

    analyst = EmployeeFactory(user__username="analyst", agency=other_agency)
    CoordinatorFactory(user=analyst.user, all_agencies=True)
    send_complaint(category)
    complaint = Complaint.objects.get()
    assert complaint.code in client_for(analyst).get("/pengaduan/?status=submitted").content.decode()


def test_the_agency_is_told_its_answer_deadline_as_a_date_in_words(
    send_complaint, category, coordinator, officer, client_for, django_capture_on_commit_callbacks
):
    officer.user.email = "petugas@example.org"
    officer.user.save(update_fields=["email"])
    send_complaint(category)
    complaint = Complaint.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(f"/pengaduan/{complaint.pk}/verifikasi/", {"decision": "verify"})
    complaint.refresh_from_db()
    due = timezone.localdate(complaint.answer_due)
    with translation.override(settings.LANGUAGE_CODE):
        in_words = date_format(due, "j F Y")  # "11 Desember 2026": the e-mail is in the Pemda's language
    message = mail.outbox[-1]
    assert message.to == ["petugas@example.org"]
    assert f"{complaint.code} ({complaint.title})" in message.body
    assert f" {in_words}." in message.body and due.isoformat() not in message.body


@pytest.mark.parametrize(
    ("identity", "email", "emailed"),
    [("named", "warga@example.org", True), ("anonymous", "", False), ("named", "", False)],
)
def test_the_confirmation_says_whether_the_private_link_was_also_emailed(
    send_complaint, category, identity, email, emailed
):
    _response, follow_up = send_complaint(
        category, identity=identity, email=email, name="Warga" if identity == "named" else ""
    )
    page = Client().get(follow_up + "?new=1").content.decode()
    assert ('id="link-emailed"' in page) is emailed and ('id="link-not-emailed"' in page) is not emailed
    assert ("We also sent it to warga@example.org" in page) is emailed
    assert len(mail.outbox) == (1 if emailed else 0)
