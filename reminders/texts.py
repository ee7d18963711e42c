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
    ReminderKind.EVALUATION_DUE_7: gettext_noop(
        "Reminder: the evaluation of your plan (SKP) for %(period)s closes on %(due)s, in 7 days: finish reporting "
        "your realisation and send your self-assessment."
    ),
    ReminderKind.EVALUATION_DUE_2: gettext_noop(
        "Reminder: the evaluation of your plan (SKP) for %(period)s closes on %(due)s, in 2 days: finish reporting "
        "your realisation and send your self-assessment."
    ),
    ReminderKind.EVALUATION_OVERDUE: gettext_noop(
        "The evaluation of your plan (SKP) for %(period)s closed on %(due)s and your self-assessment is late: "
        "please send it."
    ),
}
# To whoever holds the rating of a self-assessed plan.
RATER_TEXTS = {
    ReminderKind.EVALUATION_DUE_7: gettext_noop(
        "Reminder: rate the plan (SKP) of %(owner)s for %(period)s by %(due)s, in 7 days."
    ),
    ReminderKind.EVALUATION_DUE_2: gettext_noop(
        "Reminder: rate the plan (SKP) of %(owner)s for %(period)s by %(due)s, in 2 days."
    ),
    ReminderKind.EVALUATION_OVERDUE: gettext_noop(
        "The rating of the plan (SKP) of %(owner)s for %(period)s was due on %(due)s and is late: please rate it."
    ),
}
# A coordinator's reminder, by the deadline of the step the plan is at (workflow.deadlines.stage_deadline).
MANUAL_TEXTS = {
    "plan": TEXTS[ReminderKind.MANUAL],
    "realisation": gettext_noop(
        "%(actor)s reminds you to report the realisation of your plan (SKP) for %(period)s by %(due)s, then send "
        "your self-assessment."
    ),
    "evaluation": gettext_noop(
        "%(actor)s reminds you of the evaluation of your plan (SKP) for %(period)s, due on %(due)s: send your "
        "self-assessment."
    ),
}
# The same about a plan waiting for its supervisor's review (the plan deadline) or rating (the evaluation deadline),
# to that supervisor.
HOLDER_TEXTS = {
    "plan": gettext_noop(
        "%(actor)s reminds you that the plan (SKP) of %(owner)s for %(period)s waits for your review; it is due "
        "on %(due)s."
    ),
    "evaluation": gettext_noop("%(actor)s reminds you to rate the plan (SKP) of %(owner)s for %(period)s by %(due)s."),
}
SUBJECT = gettext_noop("Kinerja reminder: %(period)s")
