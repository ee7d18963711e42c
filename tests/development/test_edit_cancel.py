"""Editing and cancelling a training: the organiser changes details (audited; the people on the list told when the
dates or the place change) or cancels with a reason (audited, told); a cancelled training counts no JP and no effect,
takes no more results, and a second cancel changes nothing."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent, AuditKind
from development import effects, selectors, services
from development.models import AttendanceDay, TrainingStatus
from forums.models import Notification
from tests.development.conftest import DAY1
from tests.development.factories import ParticipationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def _form(training, **changes):
    data = {
        "kind": training.kind,
        "name": training.name,
        "organiser": training.organiser,
        "agency": training.agency_id,
        "starts_on": training.starts_on.isoformat(),
        "ends_on": training.ends_on.isoformat(),
        "place": training.place,
        "link": training.link,
        "jp": training.jp,
        "capacity": training.capacity,
        "description": training.description,
        "indicators": list(training.indicators.values_list("pk", flat=True)),
    }
    return data | changes


def test_the_organiser_moves_a_training_and_the_people_on_the_list_are_told(
    client_for, organiser, training, employee, colleague
):
    ParticipationFactory(training=training, employee=employee, status="registered")
    ParticipationFactory(training=training, employee=colleague, status="declined")
    url = reverse("development:training_edit", args=[training.pk])
    response = client_for(organiser).post(url, _form(training, starts_on="2026-03-02", ends_on="2026-03-03"))
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.starts_on.isoformat() == "2026-03-02"
    event = AuditEvent.objects.get(kind=AuditKind.TRAINING_CHANGED)
    assert event.actor == organiser and event.detail["changed"] == "ends_on,starts_on"
    (told,) = Notification.objects.all()
    assert told.user == employee.user and training.name in told.message and "2 March 2026" in told.message


def test_a_change_of_name_only_tells_nobody(client_for, organiser, training, employee):
    ParticipationFactory(training=training, employee=employee, status="registered")
    url = reverse("development:training_edit", args=[training.pk])
    assert client_for(organiser).post(url, _form(training, name="Pelatihan Baru")).status_code == 302
    assert not Notification.objects.exists()
    assert AuditEvent.objects.get(kind=AuditKind.TRAINING_CHANGED).detail["changed"] == "name"


def test_seats_below_those_taken_and_dates_leaving_out_attendance_are_refused(
    client_for, organiser, training, employee, colleague
):
    for person in (employee, colleague):
        participation = ParticipationFactory(training=training, employee=person, status="registered")
    AttendanceDay.objects.create(participation=participation, day=DAY1)
    url = reverse("development:training_edit", args=[training.pk])
    response = client_for(organiser).post(url, _form(training, capacity=1, starts_on="2026-02-11"))
    page = response.content.decode()
    assert response.status_code == 400 and "More people than that have a seat" in page
    assert "Attendance is recorded on 10 February 2026, outside these dates." in page
    training.refresh_from_db()
    assert training.capacity == 30 and not AuditEvent.objects.filter(kind=AuditKind.TRAINING_CHANGED).exists()


def test_someone_else_may_not_edit_or_cancel(client_for, employee, outsider, training):
    for user in (employee.user, outsider.user):
        for name in ("training_edit", "training_cancel"):
            assert client_for(user).get(reverse(f"development:{name}", args=[training.pk])).status_code in (403, 404)


def test_cancelling_needs_a_reason_tells_the_list_and_a_second_click_is_harmless(
    client_for, organiser, training, employee, colleague
):
    ParticipationFactory(training=training, employee=employee, status="registered")
    ParticipationFactory(training=training, employee=colleague, status="declined")
    client = client_for(organiser)
    url = reverse("development:training_cancel", args=[training.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    assert client.post(url, {"reason": "Narasumber berhalangan"}).status_code == 302
    training.refresh_from_db()
    assert training.status == TrainingStatus.CANCELLED and training.cancelled_by == organiser
    assert training.cancellation_reason == "Narasumber berhalangan"
    (told,) = Notification.objects.all()
    assert told.user == employee.user and "Narasumber berhalangan" in told.message
    assert client.post(url, {"reason": "lagi"}).status_code == 302
    services.cancel_training(training=training, by=organiser, reason="lagi")
    assert (
        Notification.objects.count() == 1 and AuditEvent.objects.filter(kind=AuditKind.TRAINING_CANCELLED).count() == 1
    )
    training.refresh_from_db()
    assert training.cancellation_reason == "Narasumber berhalangan"
    page = client.get(reverse("development:training_detail", args=[training.pk])).content.decode()
    assert "Narasumber berhalangan" in page and reverse("development:training_edit", args=[training.pk]) not in page


def test_a_cancelled_training_counts_no_jp_no_effect_and_takes_no_results(
    client_for, organiser, coordinator, training, employee, agency
):
    participation = ParticipationFactory(training=training, employee=employee, status="completed")
    assert employee.pk in {p.pk for p in selectors.ledger(user=coordinator, year=2026).page if p.jp == 16}
    services.cancel_training(training=training, by=organiser, reason="Salah input")
    training.refresh_from_db()
    row = next(p for p in selectors.ledger(user=coordinator, year=2026).page if p.pk == employee.pk)
    assert row.jp == 0
    assert selectors.completed_trainings(user=coordinator, year=2026) == []
    effect = effects.training_effect(training=training, months=6)
    assert not effect.conclusive and effect.participants.rows == [] and "cancelled" in effect.notes[0]
    url = reverse("development:participant_result", args=[training.pk, participation.pk])
    response = client_for(organiser).post(url, {"completed": "1", "certificate_number": "X"})
    assert response.status_code == 400 and "The training was cancelled" in response.content.decode()
    with pytest.raises(Exception, match="cancelled"):
        services.invite(training=training, by=organiser, employees=[employee])


def test_a_cancelled_training_is_no_agenda_item_and_no_coaching_panel_entry(organiser, training, employee, agency):
    ParticipationFactory(training=training, employee=employee, status="completed")
    other = TrainingFactory(agency=agency, indicators=list(training.indicators.all()))
    services.cancel_training(training=training, by=organiser, reason="Batal")
    grouped = selectors.trainings_for_agencies(agency_ids=[agency.pk], before=training.ends_on.replace(year=2027))
    assert grouped[agency.pk] == [other]
    assert not selectors.trainings_completed_since(employee=employee, since=datetime.datetime(2026, 1, 1))


def test_cancelling_a_training_people_completed_says_whose_lesson_hours_stop_counting(
    client_for, organiser, training, employee, colleague
):
    url = reverse("development:training_cancel", args=[training.pk])
    assert "lesson hours (JP) each will no longer count" not in client_for(organiser).get(url).content.decode()
    ParticipationFactory(training=training, employee=employee, status="completed")
    ParticipationFactory(training=training, employee=colleague, status="completed")
    page = client_for(organiser).get(url).content.decode()
    assert "2 people completed it: their 16 lesson hours (JP) each will no longer count toward the yearly duty." in page
    assert "only if it was entered by mistake" in page
