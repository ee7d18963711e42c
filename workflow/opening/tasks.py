"""The task worker's entry point for an opening (queued by `services.request_period_opening`)."""

from django_tasks import task

from . import services


@task()
def run_opening_task(*, opening_id: int) -> int:
    """Task worker entry point: run (or resume) the opening; returns how many plans it has created in all."""
    return services.run_opening(opening_id=opening_id).created
