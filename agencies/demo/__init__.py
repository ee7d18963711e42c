"""Demo data for `manage.py seed_demo`: a kabupaten with its agencies, people, fixed accounts, periods and IKU.

Extension point: `settings.KINERJA_DEMO_SEEDERS` lists dotted paths of callables `seed(context)`, run in order in
one transaction. This module's `seed` comes first; another app appends its own step (e.g. plans in workflow
stages) and finds the people it needs by the usernames in `DEMO_ACCOUNTS`. Every step must be idempotent: look
objects up by natural key, create what is missing, change nothing else. When `context.employees` is set, a step may
also scale its data to the bulk employees (they log in with their NIP as username).
"""

import datetime
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils.module_loading import import_string

from .data import ADMIN_USERNAME, COORDINATOR_USERNAME, DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccount

__all__ = [
    "ADMIN_USERNAME",
    "COORDINATOR_USERNAME",
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "DEFAULT_SEEDERS",
    "DemoAccount",
    "DemoContext",
    "run_seeders",
    "seed",
]

DEFAULT_SEEDERS = ["agencies.demo.seed"]


@dataclass
class DemoContext:
    """What every seeding step gets: today's date, the requested scale, a logger and a tally of what it created."""

    today: datetime.date
    employees: int | None = None  # --employees N: total employees wanted, demo people included
    agencies: int | None = None  # --agencies M: how many agencies the bulk employees are spread over
    log: Callable[[str], None] = print
    created: Counter = field(default_factory=Counter)  # label -> number of rows created
    shared: dict = field(default_factory=dict)  # results a step leaves for later steps (e.g. "people", "periods")

    @cached_property
    def password_hash(self) -> str:
        """The demo password hashed once and reused for every user (hashing is the slow part of creating users)."""
        return make_password(DEMO_PASSWORD)


def seed(context: DemoContext) -> None:
    """The agencies step: periods, the demo kabupaten, and the bulk employees when asked for."""
    from .bulk import seed_employees
    from .iku import seed_periods
    from .master import seed_master_data

    periods = seed_periods(context)
    context.shared["periods"] = periods
    context.shared["people"] = seed_master_data(context, periods)
    if context.employees:
        seed_employees(context, periods)


def seeders() -> list[str]:
    return list(getattr(settings, "KINERJA_DEMO_SEEDERS", DEFAULT_SEEDERS))


def run_seeders(context: DemoContext) -> list[tuple[str, float]]:
    """Run every step in order; returns (step, seconds) for the timing report."""
    timings = []
    for path in seeders():
        started = time.perf_counter()
        import_string(path)(context)
        timings.append((path, time.perf_counter() - started))
    return timings
