"""Reads of capacity development, with their joins and aggregates done in SQL (re-exported so callers write
`selectors.list_needs`): needs, trainings and their participants, my development, the JP ledger and export,
socialisation coverage, and what the panels on lower apps' pages show."""

from .coverage import *  # noqa: F403
from .ledger import *  # noqa: F403
from .mine import *  # noqa: F403
from .needs import *  # noqa: F403
from .panels import *  # noqa: F403
from .trainings import *  # noqa: F403
