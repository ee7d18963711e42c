"""What each reminder says. The English msgid is stored with the notification and translated when it is read
(forums.models.reminder_message), so each reader sees it in their own language."""

from django.utils.translation import gettext_noop

from .models import ReminderKind

TEXTS = {
    ReminderKind.PLAN_DUE_7: gettext_noop(
        "Reminder: your plan (SKP) for %(period)s must be submitted and approved by %(due)s, in 7 days."
    ),
    ReminderKind.PLAN_DUE_2: gettext_noop(
        "Reminder: your plan (SKP) for %(period)s must be submitted and approved by %(due)s, in 2 days."
    ),
    ReminderKind.PLAN_OVERDUE: gettext_noop(
        "Your plan (SKP) for %(period)s was due on %(due)s and is late: please complete and submit it."
    ),
    ReminderKind.REVIEW_WAITING: gettext_noop(
        "The plan (SKP) of %(owner)s for %(period)s has been waiting for your review since %(since)s."
    ),
    ReminderKind.MANUAL: gettext_noop("%(actor)s reminds you of your plan (SKP) for %(period)s, due on %(due)s."),
}
SUBJECT = gettext_noop("Kinerja reminder: %(period)s")
