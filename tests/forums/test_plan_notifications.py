"""Notifications of plan events say who did what to whose plan, quote the comment's first words and link to the
task: read as the people who receive them, on their notification page."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from forums.models import Notification, NotificationKind
from tests.factories import ResultIndicatorFactory, ResultPlanFactory
from tests.workflow.conftest import open_task
from workflow import opening, services
from workflow.models import Plan


@pytest.fixture
def submitted_plan(employee, supervisor, period):
    """The employee's plan, cascading from the supervisor's approved RHK, submitted for review."""
    boss_plan = services.start_plan(employee=supervisor, period=period)
    boss_plan.stage = "realisation"
    boss_plan.save(update_fields=["stage"])
    boss_rhk = ResultPlanFactory(plan=boss_plan, text="Meningkatnya layanan adminduk")
    ResultIndicatorFactory(result=boss_rhk)
    plan = services.start_plan(employee=employee, period=period)
    result = services.add_result(plan=plan, by=employee.user, text="Terbitnya KTP-el", supports=boss_rhk)
    services.add_indicator(result=result, by=employee.user, description="KTP-el", target_value=5, target_unit="x")
    services.submit_plan(plan=plan, by=employee.user)
    return plan


def task_notice(user, plan, node):
    task = open_task(plan, node)
    return Notification.objects.get(user=user, kind=NotificationKind.TASK, data__task_id=task.pk), task


def notification_page(client_for, person):
    return client_for(person).get(reverse("forums:notification_list")).content.decode()


def test_the_reviewer_is_told_whose_plan_waits_for_review(submitted_plan, employee, supervisor, client_for):
    notification, task = task_notice(supervisor.user, submitted_plan, "review")

    assert notification.message == f"{employee.full_name} submitted their plan: review it"
    assert notification.url == reverse("workflow:task_detail", args=[submitted_plan.pk, task.pk])
    assert f"{employee.full_name} submitted their plan: review it" in notification_page(client_for, supervisor)


def test_a_returned_plan_says_who_returned_it_and_quotes_the_comment(
    submitted_plan, employee, supervisor, client_for, settings
):
    comment = (
        "Target KTP-el terlalu rendah dibanding tahun lalu; naikkan menjadi 600 dokumen dan tambahkan indikator waktu"
    )
    services.return_plan(plan=submitted_plan, by=supervisor.user, comment=comment)

    notification, task = task_notice(employee.user, submitted_plan, "draft")

    expected_excerpt = "Target KTP-el terlalu rendah dibanding tahun lalu; naikkan menjadi 600 dokumen dan…"
    assert notification.message == f"{supervisor.full_name} returned your plan for changes: “{expected_excerpt}”"
    assert notification.url == reverse("workflow:task_detail", args=[submitted_plan.pk, task.pk])
    settings.LANGUAGE_CODE = "id"
    page = notification_page(client_for, employee)
    assert f"{supervisor.full_name} mengembalikan SKP Anda untuk diperbaiki: “{expected_excerpt}”" in page
    assert "Tugas baru untuk Anda" not in page


def test_an_approval_and_a_reassignment_say_who_acted(submitted_plan, employee, supervisor, head, coordinator):
    services.approve_plan(plan=submitted_plan, by=supervisor.user)
    notification, _ = task_notice(employee.user, submitted_plan, "realisation")
    assert notification.message == f"{supervisor.full_name} approved your plan: report its realisation"

    services.request_revision(plan=submitted_plan, by=employee.user, reason="Tugas baru dari kepala dinas")
    services.submit_plan(plan=submitted_plan, by=employee.user)
    services.reassign_task(plan=submitted_plan, by=coordinator, to=head, reason="Atasan cuti")
    notification, _ = task_notice(head.user, submitted_plan, "review")
    actor = coordinator.get_username()  # a coordinator without an employee record is named by their account
    assert notification.message == f"{actor} handed you “Review the plan” on the plan of {employee.full_name}"


def test_a_task_notification_without_a_plan_keeps_the_plain_text(employee):
    notification = Notification(user=employee.user, kind=NotificationKind.TASK, data={"title": "Review the plan"})
    assert notification.message == "New task for you: Review the plan"


def test_an_opened_periods_draft_task_names_the_period_and_its_deadline(
    employee, agency, period, coordinator, settings
):
    """At the turn of the year an employee gets "Draft the plan" for next year while this year's plan runs: the
    notice says which."""
    opening.open_period(period=period, agency_ids=[agency.pk], by=coordinator)
    plan = Plan.objects.get(employee=employee, period=period)
    notification, _task = task_notice(employee.user, plan, "draft")
    due = date_format(period.plan_due, "j F Y")
    assert notification.message == f"Draft the plan — {period.name}, by {due}"
    settings.LANGUAGE_CODE = "id"
    with translation.override("id"):
        assert (
            notification.message == f"Susun SKP — {period.name}, paling lambat {date_format(period.plan_due, 'j F Y')}"
        )


def test_a_plan_started_alone_names_the_period_in_its_task_notice(employee, period):
    plan = services.start_plan(employee=employee, period=period)
    notification, _task = task_notice(employee.user, plan, "draft")
    assert notification.message == f"Draft the plan — your plan, {period.name}"  # the owner reads it: not by name


def test_someone_else_s_task_on_a_plan_names_whose_plan_it_is(employee, supervisor, period):
    plan = services.start_plan(employee=employee, period=period)
    notification, _task = task_notice(employee.user, plan, "draft")
    handed = Notification(user=supervisor.user, kind=NotificationKind.TASK, data=notification.data)
    assert handed.message == f"Draft the plan — plan of {employee.full_name}, {period.name}"


def test_a_task_notice_stored_before_periods_were_named_still_reads_well(employee):
    data = {"title": "Draft the plan", "owner": employee.full_name, "event": "started", "actor": "", "excerpt": ""}
    notification = Notification(user=employee.user, kind=NotificationKind.TASK, data=data)
    assert notification.message == f"Draft the plan — plan of {employee.full_name}"


def unread_task_notices(person) -> int:
    return Notification.objects.filter(user=person.user, kind=NotificationKind.TASK, read_at__isnull=True).count()


def test_a_task_once_done_no_longer_counts_as_new_but_stays_in_the_list(
    submitted_plan, employee, supervisor, client_for
):
    notification, _task = task_notice(supervisor.user, submitted_plan, "review")
    unread = unread_task_notices(supervisor)
    assert notification.read_at is None
    services.approve_plan(plan=submitted_plan, by=supervisor.user)
    notification.refresh_from_db()
    assert notification.read_at is not None and unread_task_notices(supervisor) == unread - 1  # the badge drops
    assert f"{employee.full_name} submitted their plan: review it" in notification_page(client_for, supervisor)


def test_a_task_handed_to_someone_else_settles_the_first_owners_notice_not_the_new_ones(
    submitted_plan, supervisor, head, coordinator
):
    first, task = task_notice(supervisor.user, submitted_plan, "review")
    services.reassign_task(plan=submitted_plan, by=coordinator, to=head, reason="Atasan cuti panjang")
    first.refresh_from_db()
    assert first.read_at is not None  # no longer theirs to do
    new, _task = task_notice(head.user, submitted_plan, "review")
    assert new.read_at is None


def test_a_task_handed_on_and_back_tells_the_first_owner_again_and_settles_the_middle_ones_notice(
    submitted_plan, supervisor, head, coordinator
):
    first, task = task_notice(supervisor.user, submitted_plan, "review")
    services.reassign_task(plan=submitted_plan, by=coordinator, to=head, reason="Atasan cuti panjang")
    middle, _task = task_notice(head.user, submitted_plan, "review")
    unread = unread_task_notices(supervisor)
    services.reassign_task(plan=submitted_plan, by=coordinator, to=supervisor, reason="Atasan kembali bertugas")
    middle.refresh_from_db()
    assert middle.read_at is not None  # no longer the head's to do
    notices = Notification.objects.filter(user=supervisor.user, kind=NotificationKind.TASK, data__task_id=task.pk)
    assert [notice.read_at is None for notice in notices.order_by("pk")] == [False, True]  # told again, once
    assert unread_task_notices(supervisor) == unread + 1  # the badge counts it
    task.refresh_from_db()
    task.save()  # saved again for another reason: no third notice
    assert notices.count() == 2
