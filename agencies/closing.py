"""What must hold before a period may close, as a registry: the rules' data lives in apps above agencies/ (the
predikat distribution guideline in reports/), which must not be imported from here. Each such app registers a
check in its AppConfig.ready(); `agencies.services.close_period` and every other path that closes a period
(update_period: the period form, the admin, `manage.py close_period`) run them all and refuse with their messages.

A check is a callable `check(period) -> list[str]`: one message per reason the period may not close yet.

A notice is the same shape but does not refuse: what closing now would leave behind (plans not yet rated freeze as
they are), shown where a period is closed so the coordinator closes knowingly.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Period

ClosingCheck = Callable[["Period"], list[str]]

_checks: list[ClosingCheck] = []


_notices: list[ClosingCheck] = []


def _add(registry: list[ClosingCheck], check: ClosingCheck) -> None:
    if check not in registry:  # idempotent, so a re-run ready() adds nothing twice
        registry.append(check)


def _messages(registry: list[ClosingCheck], period) -> list[str]:
    return [message for check in registry for message in check(period)]


def register_closing_check(check: ClosingCheck) -> None:
    _add(_checks, check)


def register_closing_notice(notice: ClosingCheck) -> None:
    _add(_notices, notice)


def closing_problems(period) -> list[str]:
    """Every registered check's messages for closing `period` now; empty when it may close."""
    return _messages(_checks, period)


def closing_notices(period) -> list[str]:
    """What closing `period` now would leave unfinished, one message per matter; empty when nothing."""
    return _messages(_notices, period)
