"""Reads behind the dashboards (re-exported so callers write `selectors.period_overview`)."""

from .compliance import *  # noqa: F403  (board)
from .compliance import STATUS_KEYS  # noqa: F401
from .distribution import *  # noqa: F403
from .iku import *  # noqa: F403
from .overview import *  # noqa: F403
from .people import *  # noqa: F403
from .periodic import *  # noqa: F403
