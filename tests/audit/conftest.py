"""The workflow fixtures (plans, the personas' `people`) for the audit tests."""

from tests.workflow.conftest import filled_plan, people, plan, supervisor_plan, supervisor_rhk  # noqa: F401
