"""Writes of agency evaluation: teams, the data calendar and its entries, monitoring reviews."""

from .calendar import open_data_entries, set_schedule
from .consultation import add_comment, answer_comment, open_consultation
from .entries import StepAlreadyHandled, reopen_entry, return_entry, submit_entry, verify_entry
from .reviews import (
    add_action,
    add_item,
    add_obstacle,
    escalate_obstacle,
    open_review,
    resolve_obstacle,
    update_action,
)
from .sources import take_source_figure
from .teams import add_member, remove_member, save_team

__all__ = [
    "StepAlreadyHandled",
    "add_action",
    "add_comment",
    "add_item",
    "add_member",
    "add_obstacle",
    "answer_comment",
    "escalate_obstacle",
    "open_review",
    "resolve_obstacle",
    "update_action",
    "open_consultation",
    "open_data_entries",
    "remove_member",
    "reopen_entry",
    "return_entry",
    "save_team",
    "set_schedule",
    "submit_entry",
    "take_source_figure",
    "verify_entry",
]
