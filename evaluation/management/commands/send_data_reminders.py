"""manage.py send_data_reminders: give today's data-calendar reminders now, or with --schedule queue the
self-rescheduling daily job for the task worker."""

from django.core.management.base import BaseCommand

from evaluation import tasks
from evaluation.services.reminders import send_data_reminders


class Command(BaseCommand):
    help = (
        "Send today's data-calendar reminders (to the PIC 3 days before a figure is due and weekly while it is late, "
        "to the other team members weekly while a submitted figure waits for verification), in-app and by e-mail. "
        "Running it twice sends nothing twice. With --schedule, queue the daily job for the task worker instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the daily data reminder job (07:05 local time, rescheduling itself) unless one is waiting",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            if tasks.schedule_data_reminders():
                self.stdout.write(f"Daily data reminders queued for {tasks.next_daily_run():%Y-%m-%d %H:%M}.")
            else:
                self.stdout.write("This task backend cannot defer work; run send_data_reminders daily instead.")
            return
        self.stdout.write(f"{send_data_reminders()} reminder(s) sent.")
