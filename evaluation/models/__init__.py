"""Agency evaluation's own data: the IKU data calendar (calendar.py), the monitoring reviews (reviews.py) and staff
comments on next year's targets (consultation.py). The
teams live beside the agency (agencies.models.EvaluationTeam), because a seat widens a person's reach."""

from .calendar import (
    MONTHS_PER_PERIOD,
    TO_ENTER,
    VERIFICATION_DAYS,
    DataEntry,
    DataEntryProcess,
    DataSchedule,
    EntryStatus,
    Frequency,
    ValueKind,
    period_bounds,
)
from .consultation import TargetComment, TargetConsultation
from .corrections import DataCorrection
from .reminders import DataReminder, DataReminderKind
from .reviews import Action, ActionStatus, ItemKind, Obstacle, ObstacleCategory, ObstacleStatus, Review, ReviewItem

__all__ = [
    "MONTHS_PER_PERIOD",
    "TO_ENTER",
    "VERIFICATION_DAYS",
    "Action",
    "ActionStatus",
    "DataCorrection",
    "DataEntry",
    "DataEntryProcess",
    "DataReminder",
    "DataReminderKind",
    "DataSchedule",
    "EntryStatus",
    "Frequency",
    "ItemKind",
    "Obstacle",
    "ObstacleCategory",
    "ObstacleStatus",
    "Review",
    "ReviewItem",
    "TargetComment",
    "TargetConsultation",
    "ValueKind",
    "period_bounds",
]
