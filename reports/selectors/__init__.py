"""Reads behind the dashboards (re-exported so callers write `selectors.period_overview`)."""

from .distribution import *  # noqa: F403
from .iku import *  # noqa: F403
from .overview import *  # noqa: F403
from .people import *  # noqa: F403
