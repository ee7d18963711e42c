"""Training events: creation, invitation, registration within capacity, results with certificates, feedback, report."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from development import services
from development.models import AttendanceDay, ParticipantStatus, Participation, Training, TrainingStatus
from forums.models import Notification
from tests.development.conftest import DAY1, PDF
from tests.development.factories import NeedFactory, ParticipationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_creates_a_training_for_an_agreed_need(client_for, organiser, agency, iku, employee):
    need = NeedFactory(employee=employee, indicator=iku)
    response = client_for(organiser).post(
        reverse("development:training_create"),
        {
            "kind": "pelatihan",
            "name": "Pelatihan Manajemen Waktu",
            "organiser": "BKPSDM",
            "agency": agency.pk,
            "starts_on": "2026-02-10",
            "ends_on": "2026-02-11",
            "place": "Aula",
            "jp": 16,
            "capacity": 20,
            "needs": [need.pk],
            "indicators": [iku.pk],
        },
    )
    training = Training.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/trainings/{training.pk}/")
    assert list(training.needs.all()) == [need] and list(training.indicators.all()) == [iku]


def test_bad_dates_and_a_missing_place_re_render_with_messages(client_for, organiser, agency):
    data = {"kind": "workshop", "name": "Lokakarya", "organiser": "BKPSDM", "agency": agency.pk}
    data |= {"starts_on": "2026-02-10", "ends_on": "2026-02-01", "jp": 4, "capacity": 10}
    response = client_for(organiser).post(reverse("development:training_create"), data)
    page = response.content.decode()
    assert response.status_code == 400 and "end on or after" in page and "Give the place or the online link" in page
    assert not Training.objects.exists()


def test_an_employee_may_not_organise_trainings(client_for, employee):
    assert client_for(employee).get(reverse("development:training_create")).status_code == 403


def test_every_kind_is_offered(client_for, organiser):
    page = client_for(organiser).get(reverse("development:training_create")).content.decode()
    for kind in ("pelatihan", "workshop", "seminar", "sosialisasi", "coaching_clinic", "e_learning", "magang"):
        assert f'value="{kind}"' in page


def test_invitation_by_nip_and_from_needs_reports_unknown_nips(client_for, organiser, training, employee, colleague):
    training.needs.add(NeedFactory(employee=colleague))
    response = client_for(organiser).post(
        reverse("development:training_invite", args=[training.pk]),
        {"nips": f"{employee.nip}, 199999999999999999", "from_needs": "on"},
        follow=True,
    )
    page = response.content.decode()
    assert "2 invited" in page and "199999999999999999" in page
    assert set(training.participants.values_list("employee", flat=True)) == {employee.pk, colleague.pk}
    client_for(organiser).post(reverse("development:training_invite", args=[training.pk]), {"nips": employee.nip})
    assert training.participants.count() == 2  # a second click adds nobody twice
    told = Notification.objects.order_by("user_id")
    assert [n.user for n in told] == sorted([employee.user, colleague.user], key=lambda user: user.pk)
    assert training.name in told[0].message and told[0].url.endswith(f"/trainings/{training.pk}/")


def test_an_invitation_asks_for_a_decision_only_while_the_training_is_ahead(organiser, agency, employee, colleague):
    today = timezone.localdate()
    ahead = TrainingFactory(
        agency=agency, starts_on=today + datetime.timedelta(days=7), ends_on=today + datetime.timedelta(days=8)
    )
    services.invite(training=ahead, by=organiser, employees=[employee])
    assert Notification.objects.get(user=employee.user).message.endswith("register or decline.")
    # Entered afterwards, with its attendance: being added is news, not a question.
    held = TrainingFactory(agency=agency, starts_on=today, ends_on=today)
    services.invite(training=held, by=organiser, employees=[colleague])
    notice = Notification.objects.get(user=colleague.user)
    assert (
        notice.message
        == f"You were added to the participants of the training “{held.name}” of {date_format(today, 'j F Y')}."
    )


def upcoming(**fields):
    """A training a week ahead: registration is open until its first day."""
    first_day = timezone.localdate() + datetime.timedelta(days=7)
    return TrainingFactory(starts_on=first_day, ends_on=first_day + datetime.timedelta(days=1), **fields)


def test_registration_stops_at_capacity(client_for, employee, colleague, agency):
    training = upcoming(agency=agency, capacity=1)
    ParticipationFactory(training=training, employee=employee)
    ParticipationFactory(training=training, employee=colleague)
    url = reverse("development:training_register", args=[training.pk])
    client_for(employee).post(url, {"decision": "register"})
    client_for(employee).post(url, {"decision": "register"})  # a second click is harmless
    response = client_for(colleague).post(url, {"decision": "register"}, follow=True)
    assert "The training is full" in response.content.decode()
    statuses = dict(training.participants.values_list("employee", "status"))
    assert statuses == {employee.pk: ParticipantStatus.REGISTERED, colleague.pk: ParticipantStatus.INVITED}


def test_declining_frees_the_seat(client_for, employee, colleague, agency):
    training = upcoming(agency=agency, capacity=1)
    ParticipationFactory(training=training, employee=employee, status="registered")
    ParticipationFactory(training=training, employee=colleague)
    url = reverse("development:training_register", args=[training.pk])
    client_for(employee).post(url, {"decision": "decline"})
    response = client_for(employee).post(url, {"decision": "decline"}, follow=True)  # a second click is harmless
    assert "You declined the invitation." in response.content.decode()
    client_for(colleague).post(url, {"decision": "register"})
    assert training.participants.get(employee=colleague).status == ParticipantStatus.REGISTERED


def test_registration_closes_when_the_training_begins(client_for, employee, colleague, agency):
    """Invited to a training held last week (or entered afterwards): nothing to register for any more."""
    began = timezone.localdate() - datetime.timedelta(days=7)
    training = TrainingFactory(agency=agency, starts_on=began, ends_on=began)
    ParticipationFactory(training=training, employee=employee)
    ParticipationFactory(training=training, employee=colleague, status="registered")
    page = client_for(employee).get(reverse("development:training_detail", args=[training.pk])).content.decode()
    assert 'value="register"' not in page and 'value="decline"' not in page
    assert f"Registration closed when the training began on {date_format(began, 'j F Y')}" in page

    url = reverse("development:training_register", args=[training.pk])
    response = client_for(employee).post(url, {"decision": "register"}, follow=True)
    assert "Registration closed when the training began" in response.content.decode()
    client_for(colleague).post(url, {"decision": "decline"})
    statuses = dict(training.participants.values_list("employee", "status"))
    assert statuses == {employee.pk: ParticipantStatus.INVITED, colleague.pk: ParticipantStatus.REGISTERED}


def test_an_invitation_unanswered_when_the_training_began_reads_no_reply_not_invited(
    client_for, organiser, employee, agency
):
    began = timezone.localdate() - datetime.timedelta(days=7)
    past = TrainingFactory(agency=agency, starts_on=began, ends_on=began)
    coming = upcoming(agency=agency)
    for training in (past, coming):
        ParticipationFactory(training=training, employee=employee)
    mine = client_for(employee).get(reverse("development:my_development")).content.decode()
    rows = {
        training.pk: re.search(rf"/trainings/{training.pk}/.*?</tr>", mine, re.S).group(0)
        for training in (past, coming)
    }
    assert '<span class="badge status-none">No reply</span>' in rows[past.pk]
    assert '<span class="badge amber">Invited</span>' in rows[coming.pk]  # still a call to register
    place = client_for(employee).get(reverse("development:training_detail", args=[past.pk])).content.decode()
    assert '<span class="badge">No reply</span>' in place.split("Your place", 1)[1]
    organiser_view = client_for(organiser).get(reverse("development:training_detail", args=[past.pk])).content.decode()
    assert '<span class="badge status-none">No reply</span>' in organiser_view.split("Participants", 1)[1]


def test_the_result_keeps_a_checked_certificate(client_for, organiser, training, employee):
    participation = ParticipationFactory(training=training, employee=employee, status="registered")
    url = reverse("development:participant_result", args=[training.pk, participation.pk])
    fake = SimpleUploadedFile("sertifikat.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client_for(organiser).post(url, {"completed": "1", "certificate_number": "C-1", "certificate": fake})
    assert response.status_code == 400 and "does not match its name" in response.content.decode()
    participation.refresh_from_db()
    assert participation.status == ParticipantStatus.REGISTERED

    good = SimpleUploadedFile("sertifikat.pdf", PDF, content_type="application/pdf")
    response = client_for(organiser).post(url, {"completed": "1", "certificate_number": "C-1", "certificate": good})
    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.status == ParticipantStatus.COMPLETED and participation.certificate_number == "C-1"
    download = client_for(employee).get(reverse("development:certificate_download", args=[participation.pk]))
    assert b"".join(download.streaming_content) == PDF and download["X-Content-Type-Options"] == "nosniff"


def test_a_stranger_cannot_download_a_certificate(client_for, organiser, training, employee, outsider):
    participation = ParticipationFactory(training=training, employee=employee)
    services.record_result(
        participation=participation,
        by=organiser,
        completed=True,
        certificate=SimpleUploadedFile("s.pdf", PDF, content_type="application/pdf"),
    )
    url = reverse("development:certificate_download", args=[participation.pk])
    assert client_for(outsider).get(url).status_code == 404


def test_feedback_opens_once_attended_and_the_organiser_reads_it_without_names(
    client_for, organiser, training, employee
):
    participation = ParticipationFactory(training=training, employee=employee, status="registered")
    url = reverse("development:training_feedback", args=[training.pk])
    response = client_for(employee).post(url, {"rating": "4", "comment": "Sangat berguna"}, follow=True)
    assert "once you have attended" in response.content.decode()
    AttendanceDay.objects.create(participation=participation, day=DAY1, present=True)
    client_for(employee).post(url, {"rating": "4", "comment": "Sangat berguna"})
    participation.refresh_from_db()
    assert (participation.rating, participation.comment) == (4, "Sangat berguna")
    page = client_for(organiser).get(reverse("development:training_detail", args=[training.pk])).content.decode()
    assert "4/5 — Sangat berguna" in page and "4.0 / 5" in page


def test_the_organisers_report_marks_the_training_held(client_for, organiser, training):
    url = reverse("development:training_report", args=[training.pk])
    client_for(organiser).post(url, {"report": "Dua hari, semua hadir."})
    training.refresh_from_db()
    assert training.status == TrainingStatus.DONE and training.report == "Dua hari, semua hadir."


def test_training_pages_of_another_agency_are_404(client_for, training, outsider):
    assert client_for(outsider).get(reverse("development:training_detail", args=[training.pk])).status_code == 404


def test_a_participant_sees_the_training_but_not_the_other_participants(client_for, training, employee, colleague):
    ParticipationFactory(training=training, employee=employee)
    ParticipationFactory(training=training, employee=colleague)
    page = client_for(employee).get(reverse("development:training_detail", args=[training.pk])).content.decode()
    assert "Your place" in page and colleague.name not in page
    assert Participation.objects.count() == 2


def test_a_training_past_its_last_day_without_a_report_says_the_report_is_due(client_for, organiser, training):
    """Planned after its days are over: the list and the page say the organiser's report is due, until it is filed."""
    upcoming = TrainingFactory(agency=training.agency, name="Pelatihan mendatang", starts_on=datetime.date(2099, 1, 5),
                               ends_on=datetime.date(2099, 1, 6))  # fmt: skip
    listing = client_for(organiser).get(reverse("development:training_list"), {"year": 2026}).content.decode()
    row = next(part for part in listing.split("<tr>") if training.name in part)
    assert "Report due" in row
    future = client_for(organiser).get(reverse("development:training_list"), {"year": 2099}).content.decode()
    assert upcoming.name in future and "Report due" not in future
    page = client_for(organiser).get(reverse("development:training_detail", args=[training.pk])).content.decode()
    assert "the organiser's report, which closes it as held, is due" in page and 'href="#report-title"' in page

    client_for(organiser).post(reverse("development:training_report", args=[training.pk]), {"report": "Selesai."})
    listing = client_for(organiser).get(reverse("development:training_list"), {"year": 2026}).content.decode()
    assert "Report due" not in listing


def test_a_report_refused_comes_back_with_its_text_and_the_reason(client_for, organiser, training):
    upcoming = TrainingFactory(agency=training.agency, starts_on=datetime.date(2099, 1, 5),
                               ends_on=datetime.date(2099, 1, 6))  # fmt: skip
    url = reverse("development:training_report", args=[upcoming.pk])
    response = client_for(organiser).post(url, {"report": "Ditulis terlalu awal."})
    page = response.content.decode()
    assert response.status_code == 400
    assert "The report is filed once the training has begun, from 5 January 2099" in page
    assert "Ditulis terlalu awal." in page  # nothing typed is lost
    upcoming.refresh_from_db()
    assert upcoming.status == TrainingStatus.PLANNED and upcoming.report == ""
    empty = client_for(organiser).post(reverse("development:training_report", args=[training.pk]), {"report": " "})
    assert empty.status_code == 400 and "This field is required" in empty.content.decode()
