from django.core.management.base import BaseCommand
from django.utils import timezone

from workflow.acting.services import sync_acting


class Command(BaseCommand):
    help = (
        "Move supervisor tasks with acting appointments (Plt/Plh): hand the holder's open tasks to the acting official "
        "from the start date, return them after the end date. Idempotent; run daily."
    )

    def handle(self, *args, **options):
        moved = sync_acting(today=timezone.localdate())
        self.stdout.write(
            self.style.SUCCESS(f"{moved['handed_over']} task(s) handed over, {moved['returned']} returned.")
        )
