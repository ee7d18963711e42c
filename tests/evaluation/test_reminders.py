"""Data-calendar reminders through `manage.py send_data_reminders` and the task worker: the PIC before the due day
and when late, the other team members while a figure waits for verification; nothing twice."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from evaluation import services
from evaluation.models import DataEntry, DataReminder, DataReminderKind
from forums.models import Notification, NotificationKind
from reminders.models import NotificationPreference


def local_today():
    # Read at each use, not at import: a suite that runs across midnight (Asia/Jakarta) would otherwise test yesterday.
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return local_today() + datetime.timedelta(days=n)


@pytest.fixture
def calendar_today(opened, employee):
    """Of the opened year: one figure due in 3 days, one 5 days late, one submitted 3 days ago, the rest far off."""
    DataEntry.objects.filter(pk__in=[entry.pk for entry in opened]).update(due_on=days(30))
    soon, late, waiting = opened[0], opened[1], opened[2]
    DataEntry.objects.filter(pk=soon.pk).update(due_on=days(3))
    DataEntry.objects.filter(pk=late.pk).update(due_on=days(-5))
    services.submit_entry(entry=waiting, by=employee.user, value=Decimal("90"), evidence_note="Laporan SIAK")
    DataEntry.objects.filter(pk=waiting.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=3))
    return {"soon": soon, "late": late, "waiting": waiting}


def reminders_of(person):
    return sorted(DataReminder.objects.filter(recipient=person.user).values_list("entry_id", "kind"))


def run(captured) -> str:
    out = io.StringIO()
    with captured(execute=True):
        call_command("send_data_reminders", stdout=out)
    return out.getvalue()


def test_the_pic_hears_before_the_due_day_and_when_late_and_the_verifiers_when_a_figure_waits(
    calendar_today, employee, colleague, planner, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=planner.user, email=False)
    assert run(django_capture_on_commit_callbacks).strip() == "4 reminder(s) sent."

    soon, late, waiting = calendar_today["soon"], calendar_today["late"], calendar_today["waiting"]
    assert reminders_of(employee) == sorted(
        [(soon.pk, DataReminderKind.DUE_SOON), (late.pk, DataReminderKind.LATE)]
    )  # four eyes: the PIC who entered the waiting figure is not asked to verify it
    assert reminders_of(colleague) == reminders_of(planner) == [(waiting.pk, DataReminderKind.WAITING)]
    notices = Notification.objects.filter(user=colleague.user, kind=NotificationKind.REMINDER)
    assert notices.count() == 1
    assert "has been waiting for verification since" in notices.get().message
    assert notices.get().url == f"/evaluasi/entri/{waiting.pk}/"
    late_notice = Notification.objects.get(user=employee.user, data__entry_id=late.pk)
    assert "is late" in late_notice.message
    recipients = [address for message in mail.outbox for address in message.to]
    assert employee.user.email in recipients and colleague.user.email in recipients
    assert planner.user.email not in recipients  # e-mail turned off: the in-app notice only

    assert run(django_capture_on_commit_callbacks).strip() == "0 reminder(s) sent."  # a second run the same day
    assert Notification.objects.filter(kind=NotificationKind.REMINDER).count() == 4


def test_a_late_figure_is_brought_up_again_after_a_week_and_an_entered_one_no_more(
    calendar_today, employee, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)
    DataReminder.objects.update(sent_on=days(-7))  # a week has passed since
    late = calendar_today["late"]
    services.submit_entry(entry=calendar_today["soon"], by=employee.user, value=Decimal("95"), evidence_note="SIAK")
    run(django_capture_on_commit_callbacks)
    today = DataReminder.objects.filter(recipient=employee.user, sent_on=local_today())
    assert list(today.values_list("entry_id", "kind")) == [(late.pk, DataReminderKind.LATE)]


def test_a_reminder_reads_in_the_readers_language(calendar_today, employee, django_capture_on_commit_callbacks):
    from django.utils import translation

    from common.dates import long_date, month_span

    run(django_capture_on_commit_callbacks)
    notice = Notification.objects.get(user=employee.user, data__entry_id=calendar_today["late"].pk)
    late = calendar_today["late"]
    late.refresh_from_db()
    with translation.override("id"):
        assert "terlambat" in notice.message
        assert f"untuk {month_span(late.starts_on, late.ends_on)}" in notice.message  # "Januari 2026", not 2026-01
        assert long_date(late.due_on) in notice.message and f"{late.starts_on:%Y-%m}" not in notice.message


@pytest.mark.django_db(transaction=True)
def test_the_daily_job_is_queued_once_and_the_worker_sends_the_reminders(settings, calendar_today, colleague):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("send_data_reminders", "--schedule", stdout=io.StringIO())
    call_command("send_data_reminders", "--schedule", stdout=io.StringIO())
    waiting = DBTaskResult.objects.filter(
        task_path="evaluation.tasks.send_data_reminders_daily", status=TaskResultStatus.READY
    )
    assert waiting.count() == 1 and waiting.get().run_after > timezone.now()
    waiting.update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    first = waiting.get()

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", stdout=io.StringIO())

    first.refresh_from_db()
    assert first.status == TaskResultStatus.SUCCESSFUL and first.return_value == 4
    assert DataReminder.objects.filter(recipient=colleague.user, kind=DataReminderKind.WAITING).exists()
    following = waiting.get()
    assert following.run_after.astimezone(timezone.get_current_timezone()).time() == datetime.time(7, 5)


def test_a_person_with_several_figures_gets_one_e_mail_naming_each(
    calendar_today, employee, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)
    to_pic = [message for message in mail.outbox if employee.user.email in message.to]
    assert len(to_pic) == 1  # the figure due soon and the late one: one message, not two
    body = to_pic[0].body
    for entry in (calendar_today["soon"], calendar_today["late"]):
        assert f"/evaluasi/entri/{entry.pk}/" in body
    assert "2" in to_pic[0].subject
