"""Daily reminders of the data calendar: to the PIC a few days before a figure is due and, weekly, while it is late;
to the agency's other team members (the possible verifiers) while a submitted figure waits for verification.

Like the plan reminders (reminders/services.py), a run inserts its candidates with ON CONFLICT DO NOTHING and
notifies exactly the rows it inserted, so a second run the same day, or a second worker, sends nothing twice; the
notification is a forums REMINDER whose English text is translated when read.
"""

import datetime
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from agencies.models import TeamMember
from agencies.notifications import send_email_on_commit
from forums.models import NotificationKind, reminder_message
from forums.services import notify
from reminders.models import NotificationPreference

from ..models import TO_ENTER, VERIFICATION_DAYS, DataEntry, DataReminder, DataReminderKind, EntryStatus

DUE_SOON_DAYS = 3  # the PIC hears of a figure this many days before its due day
REPEAT_DAYS = 7  # a late or waiting figure is brought up again once a week, not every day

TEXTS = {
    DataReminderKind.DUE_SOON: gettext_noop(
        "Reminder: the figure of %(indicator)s for %(period)s is due on %(due)s: enter it with its evidence."
    ),
    DataReminderKind.LATE: gettext_noop(
        "The figure of %(indicator)s for %(period)s was due on %(due)s and is late: please enter it."
    ),
    DataReminderKind.WAITING: gettext_noop(
        "The figure of %(indicator)s for %(period)s has been waiting for verification since %(since)s."
    ),
}
SUBJECT = gettext_noop("Kinerja data calendar: %(indicator)s")
DIGEST_SUBJECT = gettext_noop("Kinerja data calendar: %(count)d figures need you")


def send_data_reminders(*, today: datetime.date | None = None) -> int:
    """Every data-calendar reminder due today that has not been given; returns how many were given."""
    today = today or timezone.localdate()
    entries = DataEntry.objects.filter(schedule__indicator__is_active=True)
    candidates = []
    to_enter = entries.filter(status__in=TO_ENTER, schedule__pic__is_active=True, schedule__pic__user__is_active=True)
    soon = to_enter.filter(due_on=today + datetime.timedelta(days=DUE_SOON_DAYS))
    for pk, user_id in soon.values_list("pk", "schedule__pic__user_id"):
        candidates.append(DataReminder(recipient_id=user_id, entry_id=pk, kind=DataReminderKind.DUE_SOON))
    late = _not_recently(to_enter.filter(due_on__lt=today), DataReminderKind.LATE, today)
    for pk, user_id in late.values_list("pk", "schedule__pic__user_id"):
        candidates.append(DataReminder(recipient_id=user_id, entry_id=pk, kind=DataReminderKind.LATE))
    candidates += _verifier_candidates(entries, today)
    for reminder in candidates:
        reminder.sent_on = today
    return len(_record_and_deliver(candidates))


def _not_recently(entries, kind: str, today: datetime.date):
    """Entries without a reminder of `kind` in the last REPEAT_DAYS days (robust to a day the worker missed)."""
    recent = DataReminder.objects.filter(
        entry=OuterRef("pk"), kind=kind, sent_on__gt=today - datetime.timedelta(days=REPEAT_DAYS)
    )
    return entries.filter(~Exists(recent))


def _verifier_candidates(entries, today: datetime.date) -> list[DataReminder]:
    waiting = _not_recently(
        entries.filter(
            status=EntryStatus.SUBMITTED,
            submitted_at__date__lte=today - datetime.timedelta(days=VERIFICATION_DAYS),
        ),
        DataReminderKind.WAITING,
        today,
    ).values_list("pk", "schedule__indicator__agency_id", "entered_by_id")
    waiting = list(waiting)
    if not waiting:
        return []
    seats = TeamMember.objects.filter(
        team__agency_id__in={agency_id for _, agency_id, _ in waiting},
        starts_on__lte=today,
        ends_on__gte=today,
        employee__is_active=True,
        employee__user__is_active=True,
    ).values_list("team__agency_id", "employee__user_id")
    verifiers: dict[int, set[int]] = {}
    for agency_id, user_id in seats:
        verifiers.setdefault(agency_id, set()).add(user_id)
    return [
        DataReminder(recipient_id=user_id, entry_id=pk, kind=DataReminderKind.WAITING)
        for pk, agency_id, entered_by in waiting
        for user_id in sorted(verifiers.get(agency_id, set()) - {entered_by})  # four eyes: not the one who entered
    ]


@transaction.atomic
def _record_and_deliver(candidates: list[DataReminder]) -> list[DataReminder]:
    if not candidates:
        return []
    batch = uuid.uuid4().hex
    for reminder in candidates:
        reminder.batch = batch
    DataReminder.objects.bulk_create(candidates, ignore_conflicts=True, batch_size=500)
    created = list(
        DataReminder.objects.filter(batch=batch)
        .select_related("recipient", "entry__schedule__indicator")
        .order_by("pk")
    )
    no_email = set(
        NotificationPreference.objects.filter(user_id__in={r.recipient_id for r in created}, email=False).values_list(
            "user_id", flat=True
        )
    )
    by_recipient: dict[int, list] = {}
    for reminder in created:
        data = _data(reminder)
        url = reverse("evaluation:entry_detail", args=[reminder.entry_id])
        notify(user_ids=[reminder.recipient_id], kind=NotificationKind.REMINDER, data=data, url=url)
        if reminder.recipient_id not in no_email and reminder.recipient.email:
            by_recipient.setdefault(reminder.recipient_id, []).append((reminder, data, url))
    for reminders in by_recipient.values():  # one e-mail per person per run, however many figures it names
        _email(reminders)
    return created


def _data(reminder: DataReminder) -> dict:
    entry = reminder.entry
    since = timezone.localtime(entry.submitted_at).date().isoformat() if entry.submitted_at else ""
    return {
        "text": TEXTS[reminder.kind],
        "reminder": f"data_{reminder.kind}",
        "entry_id": entry.pk,
        "indicator": f"{entry.schedule.indicator.code} {entry.schedule.indicator.name}",
        "starts_on": entry.starts_on.isoformat(),
        "ends_on": entry.ends_on.isoformat(),
        "due": entry.due_on.isoformat(),
        "since": since if reminder.kind == DataReminderKind.WAITING else "",
    }


def _email(reminders: list[tuple[DataReminder, dict, str]]) -> None:
    """One message listing each figure with its link (a PIC with ten late months gets one e-mail, not ten)."""
    first, first_data, _url = reminders[0]
    with translation.override(settings.LANGUAGE_CODE):
        if len(reminders) == 1:
            subject = gettext(SUBJECT) % {"indicator": first_data["indicator"]}
        else:
            subject = gettext(DIGEST_SUBJECT) % {"count": len(reminders)}
        footer = gettext("You can turn these e-mails off on your notification settings page: %(url)s") % {
            "url": settings.KINERJA_SITE_URL + reverse("reminders:preferences")
        }
        items = "\n\n".join(f"{reminder_message(data)}\n{settings.KINERJA_SITE_URL}{url}" for _, data, url in reminders)
        body = f"{items}\n\n{footer}\n"
    send_email_on_commit(to=[first.recipient.email], subject=subject, body=body)
