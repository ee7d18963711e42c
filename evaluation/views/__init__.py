from .calendar import calendar, calendar_open, my_entries, schedule_edit
from .entries import entry_detail, entry_return, entry_submit, entry_verify, evidence_download
from .teams import decree_download, member_add, member_remove, team_detail, team_save

__all__ = [
    "calendar",
    "calendar_open",
    "decree_download",
    "entry_detail",
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
