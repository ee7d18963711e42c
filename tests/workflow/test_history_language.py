"""A rater working in English and an employee in Indonesian each read the predikat and the coaching kind in their
own language: in the plan's history and in the notices that quote them (stored as codes, labelled when read)."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from agencies.services import update_employee
from common.dates import long_date
from forums.models import Notification, NotificationKind
from tests.workflow.conftest import advance, open_task
from workflow import services
from workflow.models import Action, PlanEvent

pytestmark = pytest.mark.django_db


def history_in(client_for, person, plan, language):
    client = client_for(person)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("workflow:plan_detail", args=[plan.pk])).content.decode()
    return page.split('id="history-title"')[1]


def test_the_predikat_and_coaching_kind_are_read_in_each_readers_language(
    filled_plan, employee, supervisor, client_for
):
    with translation.override("en"):
        advance(filled_plan, "acknowledge", employee, supervisor)  # rated "very poor", coaching planned

    indonesian = history_in(client_for, employee, filled_plan, "id")
    assert "Sangat Kurang" in indonesian and "Very poor" not in indonesian
    assert "Bimbingan" in indonesian and "Guidance" not in indonesian
    english = history_in(client_for, supervisor, filled_plan, "en")
    assert "Very poor" in english and "Guidance (bimbingan)" in english

    task = open_task(filled_plan, "acknowledge")
    notice = Notification.objects.get(user=employee.user, kind=NotificationKind.TASK, data__task_id=task.pk)
    with translation.override("id"):
        assert "(Bimbingan)" in notice.message
    with translation.override("en"):
        assert "(Guidance (bimbingan))" in notice.message


def test_a_history_written_before_codes_is_shown_as_written(filled_plan, employee, client_for):
    PlanEvent.objects.create(plan=filled_plan, action=Action.RATED, comment="Butuh Perbaikan")
    assert "Butuh Perbaikan" in history_in(client_for, employee, filled_plan, "en")


def test_a_reassignment_reads_in_each_readers_language(
    filled_plan, employee, supervisor, head, coordinator, client_for
):
    services.submit_plan(plan=filled_plan, by=employee.user)
    client = client_for(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("workflow:reassign", args=[filled_plan.pk])
    assert client.post(url, {"to": head.pk, "reason": "Atasan cuti"}).status_code == 302

    indonesian = history_in(client_for, employee, filled_plan, "id")
    names = {"old": supervisor.full_name, "new": head.full_name}
    assert "Reviu SKP: dari {old} kepada {new}; alasan: Atasan cuti".format(**names) in indonesian
    assert "Review the plan" not in indonesian and "Reason" not in indonesian
    english = history_in(client_for, coordinator, filled_plan, "en")
    assert "Review the plan: from {old} to {new}; reason: Atasan cuti".format(**names) in english


def test_a_transfer_writes_its_days_out_in_the_readers_language(filled_plan, employee, other_agency):
    old_agency = employee.agency
    with translation.override("en"):  # the administrator who moves the employee works in English
        update_employee(employee=employee, agency=other_agency, unit=None, supervisor=None)
    event = PlanEvent.objects.get(plan=filled_plan, action=Action.TRANSFERRED_OUT)
    served_to = timezone.localdate() - datetime.timedelta(days=1)
    with translation.override("id"):
        days = f"1 Januari 2026 sampai {long_date(served_to)}"
        assert event.shown_comment == f"Mutasi dari {old_agency} ke {other_agency}: SKP ini mencakup {days}."
    with translation.override("en"):
        assert f"this plan covers 1 January 2026 to {long_date(served_to)}." in event.shown_comment
        arrival = PlanEvent.objects.get(action=Action.TRANSFERRED_IN, plan__previous_plan=filled_plan)
        assert arrival.shown_comment.startswith(f"Continues the plan at {old_agency}, which covers 1 January")


def test_a_reassignment_written_before_as_text_is_shown_as_written(filled_plan, employee, client_for):
    PlanEvent.objects.create(plan=filled_plan, action=Action.REASSIGNED, comment="Reviu SKP: dari A ke B. Alasan: cuti")
    assert "Reviu SKP: dari A ke B. Alasan: cuti" in history_in(client_for, employee, filled_plan, "en")
