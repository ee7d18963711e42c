"""Capacity development: needs, training events, participation with attendance, external trainings."""

from .external import ExternalStatus, ExternalTraining  # noqa: F401
from .needs import DevelopmentNeed, NeedSource, NeedStatus  # noqa: F401
from .trainings import (  # noqa: F401
    AttendanceDay,
    ParticipantStatus,
    Participation,
    Training,
    TrainingKind,
    TrainingStatus,
)
