"""A rater working in English and an employee in Indonesian each read the predikat and the coaching kind in their
own language: in the plan's history and in the notices that quote them (stored as codes, labelled when read)."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from forums.models import Notification, NotificationKind
from tests.workflow.conftest import advance, open_task
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
