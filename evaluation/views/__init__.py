from .calendar import calendar, calendar_open, my_entries, schedule_edit
from .consultation import comment_add, comment_answer, consultation_detail, consultation_open
from .entries import entry_detail, entry_reopen, entry_return, entry_submit, entry_verify, evidence_download
from .reviews import (
    action_add,
    action_update,
    item_add,
    minutes_pdf,
    obstacle_add,
    obstacle_escalate,
    obstacle_resolve,
    review_detail,
    review_list,
    review_open,
)
from .teams import decree_download, member_add, member_remove, team_detail, team_save

__all__ = [
    "action_add",
    "action_update",
    "item_add",
    "minutes_pdf",
    "obstacle_add",
    "obstacle_escalate",
    "obstacle_resolve",
    "review_detail",
    "review_list",
    "review_open",
    "calendar",
    "calendar_open",
    "comment_add",
    "comment_answer",
    "consultation_detail",
    "consultation_open",
    "decree_download",
    "entry_detail",
    "entry_reopen",
    "entry_return",
    "entry_submit",
    "entry_verify",
    "evidence_download",
    "member_add",
    "member_remove",
    "my_entries",
    "schedule_edit",
    "team_detail",
    "team_save",
]
