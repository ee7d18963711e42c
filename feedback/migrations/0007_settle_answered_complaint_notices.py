from django.db import migrations
from django.utils import timezone

# Until now a complaint's "answer it" notices stayed new after the agency answered. Settle those of complaints whose
# agency step is over (the pages' address as it was when this migration was written).
WAITING_FOR_THE_AGENCY = ("with_agency", "reopened")


def settle(apps, schema_editor):
    Complaint = apps.get_model("feedback", "Complaint")
    Notification = apps.get_model("forums", "Notification")
    done = Complaint.objects.exclude(status__in=WAITING_FOR_THE_AGENCY).values_list("pk", flat=True)
    urls = [f"/pengaduan/{pk}/" for pk in done.iterator()]
    for start in range(0, len(urls), 500):
        Notification.objects.filter(kind="task", read_at__isnull=True, url__in=urls[start : start + 500]).update(
            read_at=timezone.now()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0006_verdict_notes_as_codes"),
        ("forums", "0006_unaccented_trigram_indexes"),
    ]

    operations = [migrations.RunPython(settle, migrations.RunPython.noop)]
