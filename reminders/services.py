"""Writes for reminders: deciding who is due one, recording it once, and telling the person in-app and by e-mail;
and the compliance board's bulk reminder, audited and handed to the task worker.

Each reminder is a `Reminder` row unique per recipient, plan owner, period, kind and due date. A run inserts its
candidates with ON CONFLICT DO NOTHING and then notifies exactly the rows it inserted (found by the run's `batch`
token), so a second run, a second worker or a second click sends nothing twice.
"""

import datetime
import uuid
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F, FilteredRelation, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from viewflow.workflow.models import Task

from agencies.models import Agency, Employee, Period, PeriodStatus
from agencies.notifications import send_email_on_commit
from agencies.workdays import WorkingCalendar
from audit import services as audit
from forums.models import NotificationKind, reminder_message
from forums.services import notify
from workflow.deadlines import stage_deadline
from workflow.flows import PlanFlow
from workflow.models import OPEN_STATUSES, Plan, Stage

from . import tasks
from .models import NotificationPreference, Reminder, ReminderKind
from .texts import HOLDER_TEXTS, MANUAL_TEXTS, RATER_TEXTS, SUBJECT, TEXTS

REVIEW_WAIT_WORKING_DAYS = 3
DUE_SOON = {7: ReminderKind.PLAN_DUE_7, 2: ReminderKind.PLAN_DUE_2}
EVALUATION_DUE_SOON = {7: ReminderKind.EVALUATION_DUE_7, 2: ReminderKind.EVALUATION_DUE_2}
# The steps a supervisor holds on a plan: a coordinator's reminder about a plan waiting there goes to them.
SUPERVISOR_STEPS = (PlanFlow.review, PlanFlow.rating)
EVALUATION_KINDS = frozenset({*EVALUATION_DUE_SOON.values(), ReminderKind.EVALUATION_OVERDUE})
# The owner has still to report and send the self-assessment (a self-assessed plan waits for its rater instead).
OWNER_EVALUATES = (Stage.REALISATION, Stage.SELF_ASSESSMENT)
# The plan still has to be written by its owner (a plan in review waits for the reviewer instead).
OWNER_PENDING = Q(period_plan__isnull=True) | Q(period_plan__stage=Stage.DRAFT)


def wants_email(*, user) -> bool:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference is None or preference.email


@transaction.atomic
def set_email_preference(*, user, email: bool) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.update_or_create(user=user, defaults={"email": email})
    return preference


# ---------------------------------------------------------------------------------------------- who is due one


def _plan_owner_candidates(period: Period, today: datetime.date) -> list[Reminder]:
    days_left = (period.plan_due - today).days
    kind = DUE_SOON.get(days_left) or (ReminderKind.PLAN_OVERDUE if days_left < 0 else None)
    if kind is None:
        return []
    # Only where the period has been opened (a coordinator opens it per agency): elsewhere nobody can be late yet.
    opened = Plan.objects.filter(period=period).values("employee__agency_id")
    people = (
        Employee.objects.filter(is_active=True, user__is_active=True, agency_id__in=opened)
        .annotate(period_plan=FilteredRelation("plans", condition=Q(plans__period=period)))
        .filter(OWNER_PENDING)
        .values_list("pk", "user_id", F("period_plan__id"))
    )
    return [
        Reminder(
            recipient_id=user_id, employee_id=pk, period=period, plan_id=plan_id, kind=kind, due_on=period.plan_due
        )
        for pk, user_id, plan_id in people
    ]


def _review_candidates(periods: list[Period], today: datetime.date) -> list[Reminder]:
    reviews = Task.objects.filter(
        flow_task=PlanFlow.review,
        status__in=OPEN_STATUSES,
        owner_id__isnull=False,
        process__planprocess__plan__period__in=periods,
    ).values_list(
        "owner_id",
        "created",
        "process__planprocess__plan_id",
        "process__planprocess__plan__employee_id",
        "process__planprocess__plan__period_id",
    )
    reviews = list(reviews)
    if not reviews:
        return []
    local = [timezone.localtime(created).date() for _, created, *_ in reviews]
    calendar = WorkingCalendar.around(min(local), today)
    candidates = []
    for (owner_id, _, plan_id, employee_id, period_id), since in zip(reviews, local, strict=True):
        if calendar.working_days_between(since, today) > REVIEW_WAIT_WORKING_DAYS:
            candidates.append(
                Reminder(
                    recipient_id=owner_id,
                    employee_id=employee_id,
                    period_id=period_id,
                    plan_id=plan_id,
                    kind=ReminderKind.REVIEW_WAITING,
                    due_on=since,
                )
            )
    return candidates


def _evaluation_candidates(period: Period, today: datetime.date) -> list[Reminder]:
    """7 and 2 days before the evaluation deadline, and once after it: each owner whose self-assessment is still to
    send (the plan in realisation or self-assessment), and whoever holds the rating of a self-assessed plan."""
    days_left = (period.evaluation_due - today).days
    kind = EVALUATION_DUE_SOON.get(days_left) or (ReminderKind.EVALUATION_OVERDUE if days_left < 0 else None)
    if kind is None:
        return []
    owners = Plan.objects.filter(
        period=period,
        stage__in=OWNER_EVALUATES,
        employee__is_active=True,
        employee__user__is_active=True,
    ).values_list("employee_id", "employee__user_id", "pk")
    raters = Task.objects.filter(
        flow_task=PlanFlow.rating,
        status__in=OPEN_STATUSES,
        owner__is_active=True,
        process__planprocess__plan__period=period,
    ).values_list("process__planprocess__plan__employee_id", "owner_id", "process__planprocess__plan_id")
    return [
        Reminder(
            recipient_id=user_id,
            employee_id=pk,
            period=period,
            plan_id=plan_id,
            kind=kind,
            due_on=period.evaluation_due,
        )
        for pk, user_id, plan_id in [*owners, *raters]
    ]


def send_due_reminders(*, today: datetime.date | None = None) -> int:
    """Every reminder due today (plans due in 7 and 2 days or overdue, reviews waiting more than 3 working days,
    evaluations due in 7 and 2 days or overdue) that has not been given yet. Returns how many were given."""
    today = today or timezone.localdate()
    periods = list(Period.objects.filter(status__in=[PeriodStatus.PLANNING, PeriodStatus.RUNNING]))
    candidates = [reminder for period in periods for reminder in _plan_owner_candidates(period, today)]
    candidates += _review_candidates(periods, today)
    # A period past its end is being evaluated: its plans still face the evaluation deadline.
    evaluated = [*periods, *Period.objects.filter(status=PeriodStatus.EVALUATING)]
    candidates += [reminder for period in evaluated for reminder in _evaluation_candidates(period, today)]
    return len(_record_and_deliver(candidates))


@transaction.atomic
def remind_people(*, period: Period, employee_ids, by, today: datetime.date | None = None) -> int:
    """A coordinator's reminder about these employees' plans of `period`, at most once a day each: to the employee,
    or, where the plan waits for a review or a rating, to the supervisor who holds that step. Returns how many
    were given (0 for a repeated click)."""
    today = today or timezone.localdate()
    employee_ids = list(employee_ids)
    people = (
        Employee.objects.filter(pk__in=employee_ids, is_active=True, user__is_active=True)
        .annotate(period_plan=FilteredRelation("plans", condition=Q(plans__period=period)))
        .values_list("pk", "user_id", F("period_plan__id"))
    )
    holders = dict(
        Task.objects.filter(
            flow_task__in=SUPERVISOR_STEPS,
            status__in=OPEN_STATUSES,
            owner__is_active=True,
            process__planprocess__plan__period=period,
            process__planprocess__plan__employee_id__in=employee_ids,
        ).values_list("process__planprocess__plan__employee_id", "owner_id")
    )
    candidates = [
        Reminder(
            recipient_id=holders.get(pk, user_id),
            employee_id=pk,
            period=period,
            plan_id=plan_id,
            kind=ReminderKind.MANUAL,
            due_on=today,
            sent_by=by,
        )
        for pk, user_id, plan_id in people
    ]
    return len(_record_and_deliver(candidates))


# ---------------------------------------------------------------------------------------------- telling people


@transaction.atomic
def _record_and_deliver(candidates: list[Reminder]) -> list[Reminder]:
    if not candidates:
        return []
    batch = uuid.uuid4().hex
    for reminder in candidates:
        reminder.batch = batch
    Reminder.objects.bulk_create(candidates, ignore_conflicts=True, batch_size=500)
    created = list(
        Reminder.objects.filter(batch=batch)
        .select_related("recipient", "employee", "period", "plan", "sent_by__employee")
        .order_by("pk")
    )
    no_email = set(
        NotificationPreference.objects.filter(user_id__in={r.recipient_id for r in created}, email=False).values_list(
            "user_id", flat=True
        )
    )
    emailed = []
    for reminder in created:
        data, url = _notification(reminder)
        notify(user_ids=[reminder.recipient_id], kind=NotificationKind.REMINDER, data=data, url=url)
        if reminder.recipient_id not in no_email and reminder.recipient.email:
            _email(reminder, data, url)
            emailed.append(reminder.pk)
    if emailed:
        Reminder.objects.filter(pk__in=emailed).update(emailed=True)
    return created


def _actor_name(user) -> str:
    if user is None:
        return ""
    employee = getattr(user, "employee", None)
    return employee.full_name if employee is not None else (user.get_full_name() or user.get_username())


def _notification(reminder: Reminder) -> tuple[dict, str]:
    """The notification's values (dates as ISO, formatted when read) and its deep link."""
    text, due = TEXTS[reminder.kind], reminder.period.plan_due
    if reminder.kind in EVALUATION_KINDS:
        due = reminder.period.evaluation_due
        if reminder.recipient_id != reminder.employee.user_id:  # the rater, not the plan's owner
            text = RATER_TEXTS[reminder.kind]
    elif reminder.kind == ReminderKind.MANUAL:
        # The deadline of the step the plan is at: at the year's end that is the evaluation, not the plan.
        deadline = stage_deadline(reminder.period, reminder.plan.stage if reminder.plan is not None else None)
        if deadline is not None:
            texts = MANUAL_TEXTS if reminder.recipient_id == reminder.employee.user_id else HOLDER_TEXTS
            text, due = texts[deadline.key], deadline.day
    data = {
        "text": text,
        "reminder": reminder.kind,
        "period": reminder.period.name,
        "owner": reminder.employee.full_name,
        "actor": _actor_name(reminder.sent_by),
        "due": due.isoformat(),
        "since": reminder.due_on.isoformat() if reminder.kind == ReminderKind.REVIEW_WAITING else "",
    }
    if reminder.plan_id:
        data["plan_id"] = reminder.plan_id
        url = reverse("workflow:plan_detail", args=[reminder.plan_id])
    else:
        url = reverse("workflow:plan_list")
    return data, url


def _email(reminder: Reminder, data: dict, url: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        text = reminder_message(data)
        subject = gettext(SUBJECT) % {"period": reminder.period.name}
        greeting = gettext("Hello %(name)s,") % {"name": _actor_name(reminder.recipient)}
        footer = gettext("You can turn these e-mails off on your notification settings page: %(url)s") % {
            "url": settings.KINERJA_SITE_URL + reverse("reminders:preferences")
        }
        body = f"{greeting}\n\n{text}\n\n{settings.KINERJA_SITE_URL}{url}\n\n{footer}\n"
    send_email_on_commit(to=[reminder.recipient.email], subject=subject, body=body)


# ------------------------------------------------------------------------------------------ the board's bulk reminder


@transaction.atomic
def request_reminders(*, period: Period, agency: Agency, employee_ids: list[int], by, request=None) -> int:
    """Queue a reminder to each of these employees of `agency` (the worker records each at most once a day, so a
    second click sends nothing new). Returns how many people were asked for."""
    employee_ids = sorted(set(employee_ids))
    if not employee_ids:
        return 0
    audit.record_event(
        kind=audit.AuditKind.REMINDED,
        actor=by,
        request=request,
        target=f"{agency.short_name} · {period.name}",
        people=len(employee_ids),
        employee_ids=",".join(map(str, employee_ids)),
    )
    transaction.on_commit(
        partial(tasks.remind_people.enqueue, period_id=period.pk, employee_ids=employee_ids, by_id=by.pk)
    )
    return len(employee_ids)
