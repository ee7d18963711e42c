"""The plan events whose comment the system writes (a task reassigned or handed to an acting official, a new
supervisor, a transfer between agencies, an objection's decision, a regrade). Their comment is stored as the facts,
in JSON (names, codes and ISO days), and worded when read: an employee reading in Indonesian and a coordinator in
English each read the sentence in their own language, with days written out, whoever's action wrote it.

Comments stored before this are plain text in their writer's language and are shown as they were written.
"""

import json

from django.utils.translation import gettext as _

from common.dates import long_date

from .models import Action, PlanStep
from .predikat import Predikat


def facts(**values) -> str:
    """The comment as stored: the facts an event's sentence is worded from when read."""
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)


def step_key(task) -> str:
    """A viewflow task's step as stored ("plan:review", "periodic:rate"), titled in the reader's language."""
    from .flows import PlanFlow

    flow = "plan" if task.flow_task.flow_class is PlanFlow else "periodic"
    return f"{flow}:{task.flow_task.name}"


def worded(action: str, comment: str) -> str | None:
    """The stored facts worded for the reader, or None for a comment that is not facts (written before, or by a
    person) or an event that has no wording here."""
    wording = WORDINGS.get(action)
    if wording is None or not comment.startswith("{"):
        return None
    try:
        values = json.loads(comment)
        return wording(values) if isinstance(values, dict) else None
    except (ValueError, KeyError, TypeError):
        return None


def _step_title(key: str) -> str:
    from .periodic.models import ReviewStep

    flow, _separator, name = key.partition(":")
    steps = PlanStep if flow == "plan" else ReviewStep
    return str(steps(name).label) if name in steps.values else name


def _who(name: str | None) -> str:
    return name or _("nobody")


def _reassigned(values: dict) -> str:
    task = ", ".join(_step_title(key) for key in values["steps"])
    if "acting" in values:
        return _handover(values, task)
    return _("%(task)s: from %(old)s to %(new)s; reason: %(reason)s") % {
        "task": task,
        "old": _who(values["old"]),
        "new": _who(values["new"]),
        "reason": values["reason"],
    }


def _handover(values: dict, task: str) -> str:
    from .acting.models import ActingKind

    wording = {
        "task": task,
        "kind": str(ActingKind(values["kind"]).label).split(" ")[0],  # "Plt" or "Plh"
        "acting": values["acting"],
        "holder": values["holder"],
        "from": long_date(values["from"]),
        "to": long_date(values["to"]),
    }
    if values["handing"]:
        return _("%(task)s: to %(acting)s, %(kind)s for %(holder)s from %(from)s to %(to)s.") % wording
    return _("%(task)s: back to %(holder)s at the end of %(acting)s's appointment as %(kind)s.") % wording


def _supervisor_changed(values: dict) -> str:
    return _("From %(old)s to %(new)s") % {"old": _who(values["old"]), "new": _who(values["new"])}


def _transfer_wording(values: dict) -> dict:
    return {
        "old": _who(values["old"]),
        "new": _who(values["new"]),
        "start": long_date(values["start"]),
        "end": long_date(values["end"]),
    }


def _transferred_out(values: dict) -> str:
    return _("Moved from %(old)s to %(new)s: this plan covers %(start)s to %(end)s.") % _transfer_wording(values)


def _transferred_in(values: dict) -> str:
    return _("Continues the plan at %(old)s, which covers %(start)s to %(end)s.") % _transfer_wording(values)


def _objection_decided(values: dict) -> str:
    from .objections.models import Decision

    return f"{Decision(values['decision']).label}: {values['reasons']}"


def _regraded(values: dict) -> str:
    return _("%(old)s → %(new)s") % {"old": Predikat(values["old"]).label, "new": Predikat(values["new"]).label}


WORDINGS = {
    Action.REASSIGNED: _reassigned,
    Action.SUPERVISOR_CHANGED: _supervisor_changed,
    Action.TRANSFERRED_OUT: _transferred_out,
    Action.TRANSFERRED_IN: _transferred_in,
    Action.OBJECTION_DECIDED: _objection_decided,
    Action.REGRADED: _regraded,
}
