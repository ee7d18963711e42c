"""Writes of capacity development (re-exported so callers write `services.raise_need`): needs, training events,
taking part in them, and external trainings. Keyword-only arguments, one transaction each."""

from .external import record_external, verify_external  # noqa: F401
from .needs import decide_need, raise_need  # noqa: F401
from .participants import (  # noqa: F401
    decline,
    give_feedback,
    invite,
    invite_needs_people,
    record_result,
    register,
    save_attendance,
)
from .trainings import cancel_training, create_training, file_report, update_training  # noqa: F401
