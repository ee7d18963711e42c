"""Every write on complaints, one module per concern: the flow's steps (steps.py), scheduled housekeeping
(housekeeping.py), links, contacts and officers (links.py), categories' deadlines (categories.py); what they share is
in _common.py. Steps of the flow are completed under the process lock with the task's status re-checked inside it,
so a second click or a second officer gets a harmless StepAlreadyHandled instead of a double answer.
"""

from ..exceptions import StepAlreadyHandled
from ._common import OPEN_TASK_STATUSES, hash_secret, secret_matches
from .categories import set_category_deadlines
from .housekeeping import close_silent_complaints, escalate_overdue, housekeeping, purge_contacts
from .links import (
    grant_officer,
    link_complaint,
    next_meeting_item,
    put_on_agenda,
    record_contact_view,
    withdraw_officer,
)
from .public import compute_public_snapshots, forget_public_snapshots, refresh_public_snapshots
from .steps import (
    Decision,
    answer_complaint,
    confirm_outcome,
    hand_over,
    submit_complaint,
    supply_information,
    verify_complaint,
)

__all__ = [
    "OPEN_TASK_STATUSES",
    "Decision",
    "StepAlreadyHandled",
    "answer_complaint",
    "close_silent_complaints",
    "compute_public_snapshots",
    "forget_public_snapshots",
    "refresh_public_snapshots",
    "confirm_outcome",
    "escalate_overdue",
    "grant_officer",
    "hand_over",
    "hash_secret",
    "housekeeping",
    "link_complaint",
    "next_meeting_item",
    "purge_contacts",
    "put_on_agenda",
    "record_contact_view",
    "secret_matches",
    "set_category_deadlines",
    "submit_complaint",
    "supply_information",
    "verify_complaint",
    "withdraw_officer",
]
