"""What this app shows on lower apps' pages, through common.panels (workflow and forums never import it)."""

from common.panels import register_panel

from . import effects, permissions, selectors

COACHING_SLOT = "workflow.coaching_close"
AGENDA_SLOT = "forums.agenda_item"


def coaching_close_context(request, plan):
    """On the step closing coaching: trainings the employee completed since the coaching opened, and its needs."""
    coaching = getattr(plan, "coaching", None)
    if coaching is None or not permissions.can_raise_need_for(request.user, plan.employee):
        return None
    return {
        "plan": plan,
        "coaching": coaching,
        "completed": selectors.trainings_completed_since(employee=plan.employee, since=coaching.created_at),
        "needs": coaching.development_needs.all(),
    }


def agenda_item_context(request, item):
    """On an evaluation meeting's agenda item: the effect of trainings that targeted this agency's IKU."""
    cache = getattr(request, "_development_agenda", None)
    if cache is None:
        meeting = item.meeting
        agency_ids = list(meeting.items.values_list("agency_id", flat=True))
        cache = selectors.trainings_for_agencies(agency_ids=agency_ids, before=meeting.period.ends_on)
        request._development_agenda = cache
    trainings = cache.get(item.agency_id, [])[:3]
    if not trainings:
        return None
    months = effects.window_months(None)
    rows = [
        {
            "training": training,
            "effect": effects.training_effect(training=training, months=months),
            "can_open": permissions.can_manage_training(request.user, training),
        }
        for training in trainings
    ]
    return {"rows": rows, "item": item}


def register() -> None:
    register_panel(COACHING_SLOT, template="development/_coaching_panel.html", context=coaching_close_context)
    register_panel(AGENDA_SLOT, template="development/_agenda_panel.html", context=agenda_item_context)
