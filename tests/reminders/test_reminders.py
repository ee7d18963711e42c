"""Reminders: who gets one and when, in-app and by e-mail as each person chooses, never twice."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from forums.models import Notification, NotificationKind
from reminders.models import Reminder, ReminderKind
from tests.factories import (
    AgencyFactory,
    EmployeeFactory,
    PeriodFactory,
    PlanFactory,
    ResultIndicatorFactory,
    ResultPlanFactory,
)
from workflow import services as plan_services
from workflow.selectors import OPEN_STATUSES


def period_with_plan_due(days_from_today: int):
    today = timezone.localdate()
    starts = today - datetime.timedelta(days=90)
    return PeriodFactory(
        year=starts.year,
        name="Tahunan uji",
        starts_on=starts,
        plan_due=today + datetime.timedelta(days=days_from_today),
        ends_on=today + datetime.timedelta(days=200),
        evaluation_due=today + datetime.timedelta(days=220),
    )


@pytest.fixture
def opened_agency(db):
    """An agency where the period is opened: a draft, an approved plan and someone without a plan."""
    agency = AgencyFactory(short_name="Dukcapil")
    return {
        "agency": agency,
        "draft": EmployeeFactory(agency=agency, name="Dina Draf"),
        "approved": EmployeeFactory(agency=agency, name="Ari Setuju"),
        "nobody": EmployeeFactory(agency=agency, name="Tono Belum"),
    }


def plans_for(people, period):
    PlanFactory(employee=people["draft"], period=period, stage="draft")
    PlanFactory(employee=people["approved"], period=period, stage="realisation")


def run_command(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=io.StringIO())


@pytest.mark.parametrize(("days", "kind"), [(7, ReminderKind.PLAN_DUE_7), (2, ReminderKind.PLAN_DUE_2)])
def test_a_plan_due_in_7_or_2_days_is_reminded_once_to_whoever_has_not_submitted(
    opened_agency, days, kind, django_capture_on_commit_callbacks
):
    period = period_with_plan_due(days)
    plans_for(opened_agency, period)
    elsewhere = EmployeeFactory(agency=AgencyFactory(), name="Belum Dibuka")  # period not opened there
    run_command(django_capture_on_commit_callbacks)
    run_command(django_capture_on_commit_callbacks)  # the timer fired twice: nothing new

    reminders = Reminder.objects.all()
    assert {(r.employee.name, r.kind) for r in reminders} == {("Dina Draf", kind), ("Tono Belum", kind)}
    assert not Reminder.objects.filter(employee=elsewhere).exists()
    notices = Notification.objects.filter(kind=NotificationKind.REMINDER)
    assert notices.count() == 2
    text = notices.get(user=opened_agency["draft"].user).message
    assert text == (
        f"Reminder: your plan (SKP) for Tahunan uji must be submitted and approved by "
        f"{period.plan_due:%-d %B %Y}, in {days} days."
    )
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        [opened_agency["draft"].user.email, opened_agency["nobody"].user.email]
    )
    assert "http://127.0.0.1:8000/" in mail.outbox[0].body


def test_an_overdue_plan_is_reminded_once_and_a_day_without_a_deadline_sends_nothing(
    opened_agency, django_capture_on_commit_callbacks
):
    period = period_with_plan_due(-3)
    plans_for(opened_agency, period)
    run_command(django_capture_on_commit_callbacks)
    run_command(django_capture_on_commit_callbacks)
    assert sorted(Reminder.objects.values_list("kind", flat=True)) == [ReminderKind.PLAN_OVERDUE] * 2
    notice = Notification.objects.get(user=opened_agency["nobody"].user)
    assert notice.message.startswith("Your plan (SKP) for Tahunan uji was due on")
    assert notice.url == reverse("workflow:plan_list")

    Reminder.objects.all().delete()
    Notification.objects.all().delete()
    period.plan_due = timezone.localdate() + datetime.timedelta(days=4)
    period.save()
    run_command(django_capture_on_commit_callbacks)
    assert not Reminder.objects.exists()


def test_a_review_waiting_more_than_3_working_days_reminds_the_reviewer_with_whose_plan_it_is(
    agency, head, supervisor, employee, colleague, django_capture_on_commit_callbacks
):
    period = period_with_plan_due(30)
    boss_plan = PlanFactory(employee=supervisor, period=period, stage="realisation", supervisor=head)
    boss_result = ResultPlanFactory(plan=boss_plan, text="Meningkatnya layanan adminduk")
    ResultIndicatorFactory(result=boss_result)
    waiting, fresh = [], []
    for person, bucket in ((employee, waiting), (colleague, fresh)):
        plan = plan_services.start_plan(employee=person, period=period)
        result = plan_services.add_result(
            plan=plan, by=person.user, text="Terbitnya KTP-el tepat waktu", supports=boss_result
        )
        plan_services.add_indicator(
            result=result, by=person.user, description="KTP-el terbit", target_value=500, target_unit="dokumen"
        )
        plan_services.submit_plan(plan=plan, by=person.user)
        bucket.append(plan)
    review = Task.objects.get(
        process__planprocess__plan=waiting[0], flow_task__endswith="review", status__in=OPEN_STATUSES
    )
    Task.objects.filter(pk=review.pk).update(created=timezone.now() - datetime.timedelta(days=10))

    run_command(django_capture_on_commit_callbacks)
    run_command(django_capture_on_commit_callbacks)
    reminder = Reminder.objects.get(kind=ReminderKind.REVIEW_WAITING)
    assert reminder.recipient == supervisor.user and reminder.employee == employee
    notice = Notification.objects.get(user=supervisor.user, kind=NotificationKind.REMINDER)
    assert notice.message.startswith("The plan (SKP) of Andi Wijaya for Tahunan uji has been waiting for your review")
    assert notice.url == reverse("workflow:plan_detail", args=[waiting[0].pk])


def test_the_database_refuses_a_second_identical_reminder(opened_agency):
    period = period_with_plan_due(7)
    person = opened_agency["draft"]
    values = {"recipient": person.user, "employee": person, "period": period, "kind": "plan_due_7"}
    Reminder.objects.create(**values, due_on=period.plan_due, batch="a")
    with pytest.raises(IntegrityError):
        Reminder.objects.create(**values, due_on=period.plan_due, batch="b")


def test_each_person_chooses_whether_reminders_also_come_by_email(
    opened_agency, client_for, django_capture_on_commit_callbacks
):
    person = opened_agency["draft"]
    client = client_for(person)
    assert reverse("reminders:preferences") in client.get(reverse("forums:notification_list")).content.decode()
    assert reverse("reminders:preferences") in client.get(reverse("home")).content.decode()  # the header's name
    page = client.get(reverse("reminders:preferences"))
    assert page.status_code == 200 and 'name="email"' in page.content.decode() and "checked" in page.content.decode()
    response = client.post(reverse("reminders:preferences"), {}, follow=True)  # the box unticked
    assert "Your notification settings are saved." in response.content.decode()
    assert "checked" not in client.get(reverse("reminders:preferences")).content.decode().split('name="email"')[1][:40]

    period = period_with_plan_due(2)
    plans_for(opened_agency, period)
    run_command(django_capture_on_commit_callbacks)
    assert Notification.objects.filter(user=person.user, kind=NotificationKind.REMINDER).exists()
    assert person.user.email not in [address for message in mail.outbox for address in message.to]
    assert Reminder.objects.get(employee=person).emailed is False
    assert Reminder.objects.get(employee=opened_agency["nobody"]).emailed is True


@pytest.mark.django_db(transaction=True)
def test_the_daily_job_is_queued_once_and_the_worker_sends_the_reminders(settings, opened_agency):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("send_reminders", "--schedule", stdout=io.StringIO())
    call_command("send_reminders", "--schedule", stdout=io.StringIO())
    queued = DBTaskResult.objects.filter(task_path="reminders.tasks.send_daily_reminders")
    assert queued.count() == 1 and queued.get().run_after > timezone.now()


def test_a_reminder_reads_in_the_readers_language(opened_agency, django_capture_on_commit_callbacks):
    from django.utils import translation

    period = period_with_plan_due(-3)
    plans_for(opened_agency, period)
    run_command(django_capture_on_commit_callbacks)
    notice = Notification.objects.get(user=opened_agency["nobody"].user)
    with translation.override("id"):
        assert notice.message.startswith("SKP Anda untuk Tahunan uji jatuh tempo pada")
        assert notice.message.endswith("dan sudah terlambat: mohon segera lengkapi dan ajukan.")


def evaluated_plans(employee, colleague, supervisor, days_left: int):
    """Two plans of a period that ended: the employee's still in realisation, the colleague's self-assessed and
    waiting for the supervisor's rating. The evaluation deadline is `days_left` days away."""
    from tests.workflow.conftest import advance

    today = timezone.localdate()
    period = PeriodFactory(
        year=today.year, name="Tahunan uji", starts_on=today - datetime.timedelta(days=300), status="running"
    )
    boss_plan = PlanFactory(employee=supervisor, period=period, stage="done", supervisor=supervisor.supervisor)
    boss_result = ResultPlanFactory(plan=boss_plan, text="Meningkatnya layanan adminduk")
    ResultIndicatorFactory(result=boss_result)
    plans = {}
    for person, stage in ((employee, "realisation"), (colleague, "rating")):
        plan = plan_services.start_plan(employee=person, period=period)
        result = plan_services.add_result(plan=plan, by=person.user, text="KTP-el tepat waktu", supports=boss_result)
        plan_services.add_indicator(
            result=result, by=person.user, description="KTP-el terbit", target_value=500, target_unit="dokumen"
        )
        plans[stage] = advance(plan, stage, person, supervisor)
    type(period).objects.filter(pk=period.pk).update(
        ends_on=today - datetime.timedelta(days=5),
        evaluation_due=today + datetime.timedelta(days=days_left),
        status="evaluating",
    )
    period.refresh_from_db()
    return period, plans


@pytest.mark.parametrize(
    ("days", "kind", "owner_says", "rater_says"),
    [
        (7, ReminderKind.EVALUATION_DUE_7, "closes on {due}, in 7 days", "by {due}, in 7 days."),
        (2, ReminderKind.EVALUATION_DUE_2, "closes on {due}, in 2 days", "by {due}, in 2 days."),
        (-1, ReminderKind.EVALUATION_OVERDUE, "closed on {due} and your self-assessment is late", "is late"),
    ],
)
def test_the_evaluation_deadline_reminds_the_owner_to_self_assess_and_the_rater_to_rate_once(
    agency, supervisor, employee, colleague, django_capture_on_commit_callbacks, days, kind, owner_says, rater_says
):
    period, plans = evaluated_plans(employee, colleague, supervisor, days)
    run_command(django_capture_on_commit_callbacks)
    run_command(django_capture_on_commit_callbacks)  # the timer fired twice: nothing new

    sent = {(r.recipient_id, r.employee_id, r.kind) for r in Reminder.objects.filter(kind=kind)}
    assert sent == {(employee.user_id, employee.pk, kind), (supervisor.user_id, colleague.pk, kind)}
    due = f"{period.evaluation_due:%-d %B %Y}"
    owner = Notification.objects.get(user=employee.user, kind=NotificationKind.REMINDER)
    assert owner.message.startswith("Reminder: the evaluation of your plan" if days > 0 else "The evaluation of your")
    assert owner_says.format(due=due) in owner.message
    assert owner.url == reverse("workflow:plan_detail", args=[plans["realisation"].pk])
    rater = Notification.objects.get(user=supervisor.user, kind=NotificationKind.REMINDER)
    assert colleague.full_name in rater.message and rater_says.format(due=due) in rater.message
    assert rater.url == reverse("workflow:plan_detail", args=[plans["rating"].pk])
    assert not Reminder.objects.filter(recipient=colleague.user).exists()  # self-assessed: the rating is not theirs


def test_a_day_between_the_evaluation_reminders_sends_none_and_a_rated_plan_none_at_all(
    agency, supervisor, employee, colleague, django_capture_on_commit_callbacks
):
    period, plans = evaluated_plans(employee, colleague, supervisor, 4)
    run_command(django_capture_on_commit_callbacks)
    assert not Reminder.objects.exists()
    type(period).objects.filter(pk=period.pk).update(evaluation_due=timezone.localdate() + datetime.timedelta(days=7))
    plan_services.rate_plan(
        plan=plans["rating"],
        by=supervisor.user,
        results_rating="AS_EXPECTED",
        behaviour_rating="AS_EXPECTED",
        result_ratings={plans["rating"].results.get().pk: ("AS_EXPECTED", "")},
    )
    run_command(django_capture_on_commit_callbacks)
    assert list(Reminder.objects.values_list("recipient_id", flat=True)) == [employee.user_id]


def test_a_coordinator_s_reminder_at_the_year_s_end_names_the_step_s_deadline_and_reaches_whoever_holds_it(
    agency, supervisor, employee, colleague, coordinator, client_for, django_capture_on_commit_callbacks
):
    period, plans = evaluated_plans(employee, colleague, supervisor, 7)
    url = reverse("reminders:remind_agency", args=[period.pk, agency.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(url, {"people": [employee.pk, colleague.pk]}, follow=True)
    assert "Reminders about 2 people are on their way" in response.content.decode()

    ends, due = f"{period.ends_on:%-d %B %Y}", f"{period.evaluation_due:%-d %B %Y}"
    owner = Notification.objects.get(user=employee.user, kind=NotificationKind.REMINDER)
    assert f"reminds you to report the realisation of your plan (SKP) for Tahunan uji by {ends}" in owner.message
    # The colleague's plan waits for the supervisor's rating: the supervisor is reminded, with the evaluation's day.
    rater = Notification.objects.get(user=supervisor.user, kind=NotificationKind.REMINDER)
    assert f"reminds you to rate the plan (SKP) of {colleague.full_name} for Tahunan uji by {due}." in rater.message
    assert rater.url == reverse("workflow:plan_detail", args=[plans["rating"].pk])
    assert not Notification.objects.filter(user=colleague.user, kind=NotificationKind.REMINDER).exists()
    # The people list says about whom a reminder went, whoever received it.
    page = client_for(coordinator).get(reverse("reminders:agency_people", args=[period.pk, agency.pk]))
    reminded = {item["person"].pk for item in page.context["people"] if item["reminded"]}
    assert reminded == {employee.pk, colleague.pk}
    assert f"ratings given by {due}" in page.content.decode()
