"""Reads for forums, meetings and notifications (re-exported so callers write `selectors.list_topics`)."""

from .figures import adoption_trends, agency_iku_figures, previous_period  # noqa: F401
from .meetings import *  # noqa: F403
from .mentions import *  # noqa: F403  (board)
from .notifications import *  # noqa: F403
from .topics import *  # noqa: F403
