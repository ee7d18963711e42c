"""Agency evaluation's own data: the IKU data calendar (calendar.py) and the monitoring reviews (reviews.py). The
teams live beside the agency (agencies.models.EvaluationTeam), because a seat widens a person's reach."""

from .calendar import (
    MONTHS_PER_PERIOD,
    DataEntry,
    DataEntryProcess,
    DataSchedule,
    EntryStatus,
    Frequency,
    ValueKind,
    period_bounds,
)
from .reviews import Action, ActionStatus, ItemKind, Obstacle, ObstacleCategory, ObstacleStatus, Review, ReviewItem

__all__ = [
    "MONTHS_PER_PERIOD",
    "Action",
    "ActionStatus",
    "DataEntry",
    "DataEntryProcess",
    "DataSchedule",
    "EntryStatus",
    "Frequency",
    "ItemKind",
    "Obstacle",
    "ObstacleCategory",
    "ObstacleStatus",
    "Review",
    "ReviewItem",
    "ValueKind",
    "period_bounds",
]
