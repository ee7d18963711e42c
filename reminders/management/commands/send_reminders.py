"""manage.py send_reminders: give today's due reminders now (a daily systemd timer runs it), or with --schedule
queue the self-rescheduling daily job for the task worker."""

from django.core.management.base import BaseCommand

from reminders import services, tasks


class Command(BaseCommand):
    help = (
        "Send today's reminders (plans due in 7 and 2 days, overdue plans, reviews waiting more than 3 working "
        "days) in-app and by e-mail. Running it twice sends nothing twice. With --schedule, queue the daily job "
        "for the task worker instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the daily reminder job (07:00 local time, rescheduling itself) unless one is waiting",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            if tasks.schedule_daily_reminders():
                self.stdout.write(f"Daily reminders queued for {tasks.next_daily_run():%Y-%m-%d %H:%M}.")
            else:
                self.stdout.write("This task backend cannot defer work; run send_reminders daily instead.")
            return
        sent = services.send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
