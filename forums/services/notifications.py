"""Writes for notifications: every notice to a user goes through `notify`, which also updates their badge live."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import Truncator
from viewflow.workflow.status import STATUS

from common.bulk import insert_rows

from .. import live, permissions, realtime, task_links
from ..models import Notification, NotificationKind
from ..workflow_adapter import task_notice, task_url, task_urls_for


def notify(*, user_ids, kind: str, data: dict, url: str) -> list[Notification]:
    """Create one notification per user and tell each user's open pages after commit."""
    user_ids = sorted(set(user_ids))
    notifications = [Notification(user_id=user_id, kind=kind, data=data, url=url) for user_id in user_ids]
    for notification in notifications:
        notification.full_clean(exclude=["user"])
    Notification.objects.bulk_create(notifications)
    # Each event carries its user's badge, so their open pages show it without fetching it (forums/live.py).
    realtime.broadcast_each_after_commit(
        "notification.created",
        lambda: {realtime.user_group(user_id): data for user_id, data in live.badge_events(user_ids=user_ids).items()},
    )
    return notifications


@transaction.atomic
def mark_notification_read(*, notification: Notification, user) -> Notification:
    permissions.check_own_notification(user, notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        realtime.broadcast_on_commit(realtime.user_group(user.pk), "notification.read")
    return notification


@transaction.atomic
def mark_all_notifications_read(*, user) -> int:
    count = Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    if count:
        realtime.broadcast_on_commit(realtime.user_group(user.pk), "notification.read")
    return count


WAITING = (STATUS.NEW, STATUS.ASSIGNED)


def step_title(node) -> str:
    """A flow step's title as its English msgid: each reader's notification shows it in their own language
    (Notification.message translates it when read), whoever's request created it."""
    with translation.override("en"):
        return str(node.task_title or node.name)


@transaction.atomic
def notify_task_assigned(*, task) -> Notification | None:
    """Tell a task's owner about it once (viewflow has no 'assigned' signal; see forums.apps): a task waiting for
    them, not one they are already doing or have done, nor one they take in order to complete it at once."""
    if not task.owner_id or task.status not in WAITING or task_links.is_taken_to_complete(task):
        return None
    # The task's latest notice is the owner's: they were told, and nobody has had it since. Otherwise it is new to
    # them, or it was handed on and back (A -> B -> A): then A is told again and B's notice is settled below. A task
    # has a notice or three, read through the task index; the newest is picked here, as ORDER BY pk could make
    # PostgreSQL walk the whole table backwards by key for a task that has none yet.
    notices = Notification.objects.filter(kind=NotificationKind.TASK, data__task_id=task.pk).order_by()
    told = dict(notices.values_list("pk", "user_id"))
    if told and told[max(told)] == task.owner_id:
        return None
    title = step_title(task.flow_task) if task.flow_task else str(task)
    link = task_links.describe(task)  # a task of another app's flow: its own page, and what it is about
    if link is None:
        url, data = task_url(task), task_notification_data(task, title)
    else:
        url, data = link.url, {"task_id": task.pk, "title": title}
        if link.subject:
            data["subject"] = link.subject
        if link.starts_on and link.ends_on:
            data.update(starts_on=link.starts_on.isoformat(), ends_on=link.ends_on.isoformat())
    notification = notify(user_ids=[task.owner_id], kind=NotificationKind.TASK, data=data, url=url)[0]
    # Handed over: no longer the others' to do; and an owner's older notice of it, from before a hand-back, is
    # superseded by this one (one new notice per task, not two).
    settle_task_notifications(task_id=task.pk, keep_notification_id=notification.pk)
    return notification


FINISHED = (STATUS.DONE, STATUS.CANCELED)


def settle_task_notifications(*, task_id: int, keep_notification_id: int | None = None) -> int:
    """A task's notifications stop counting as new once the task is no longer the reader's to do: it is done or
    cancelled (everyone's), or it was handed to someone else (everyone's but `keep_notification_id`, the notice just
    sent to the new owner). They stay in the list, read, and each reader's open pages update their badge. Returns
    how many were settled."""
    unread = Notification.objects.filter(kind=NotificationKind.TASK, data__task_id=task_id, read_at__isnull=True)
    if keep_notification_id is not None:
        unread = unread.exclude(pk=keep_notification_id)
    return _settle(unread)


def settle_notifications_leading_to(*, url: str, user_ids) -> int:
    """The task notices that sent these people to `url` stop counting as new: what they asked for is done there (a
    step with no viewflow owner, such as a complaint's answer, notifies by page rather than by task)."""
    unread = Notification.objects.filter(user_id__in=list(user_ids), read_at__isnull=True)
    return _settle(unread.filter(kind=NotificationKind.TASK, url=url))


def _settle(unread) -> int:
    rows = list(unread.values_list("pk", "user_id"))
    if not rows:
        return 0
    Notification.objects.filter(pk__in=[pk for pk, _user_id in rows]).update(read_at=timezone.now())
    for user_id in sorted({user_id for _pk, user_id in rows}):
        realtime.broadcast_on_commit(realtime.user_group(user_id), "notification.read")
    return len(rows)


# How much of a comment a notification quotes: enough to know what it is about, short enough for a phone.
EXCERPT_WORDS = 12


def task_notification_data(task, title: str) -> dict:
    """What a task notification says beyond the step: whose plan, who did what to it, and their comment's first
    words (the text itself is built when read, in the reader's language: Notification.message)."""
    notice = task_notice(task)
    data = {"task_id": task.pk, "title": title}
    if notice:
        comment = Truncator(" ".join(notice["comment"].split())).words(EXCERPT_WORDS, truncate="…")
        data.update(owner=notice["owner"], actor=notice["actor"], event=notice["event"], excerpt=comment)
        data["owner_user_id"] = notice["owner_user_id"]  # the owner reading it is told "your plan"
        data["period"] = notice["period"]
        if "window" in notice:  # a periodic evaluation's task: named by its quarter or month, not the year
            data["window"] = notice["window"]
    return data


def notify_tasks_assigned_in_bulk(*, tasks, flow_task, subject: str = "", due: datetime.date | None = None) -> int:
    """Tell the owners of many new tasks of one step at once (bulk period opening creates tasks without `save()`):
    `tasks` are (task id, owner's user id, plan id).

    Runs inside the opening's chunk transaction, right after the tasks were inserted, so none of them can have been
    notified yet (the signal is sent once per insert) and nothing needs reading back: one insert writes the
    notifications (`insert_rows`: a province's opening writes 100,000, which bulk_create took 14 s to prepare).
    Badges are not pushed live, because an opening creates thousands at once and each person sees the badge on
    their next page. `subject` and `due` (the period and its plan deadline) tell one year's task from the next."""
    tasks = [task for task in tasks if task[1] is not None]
    urls = task_urls_for((plan_id, task_id) for task_id, _owner_id, plan_id in tasks)
    common = {"title": step_title(flow_task)}
    if subject:
        common["subject"] = subject
    if due is not None:
        common["due"] = due.isoformat()
    rows = [
        (owner_id, {"task_id": task_id, **common}, url)
        for (task_id, owner_id, _plan_id), url in zip(tasks, urls, strict=True)
    ]
    template = Notification(kind=NotificationKind.TASK)
    template.full_clean(exclude=["user", "data", "url"])
    insert_rows(template, "user_id", "data", "url", rows=rows)
    return len(rows)


def usernames_to_ids(usernames) -> list[int]:
    if not usernames:
        return []
    condition = Q()
    for name in usernames:
        condition |= Q(username__iexact=name)
    return list(get_user_model().objects.filter(condition, is_active=True).values_list("pk", flat=True))
