from django.db import migrations

# A reporter's verdict was stored as its label in the language of the request that wrote it; it is now the code.
LABELS = {
    "resolved": ("Resolved", "Selesai"),
    "partly": ("Partly resolved", "Selesai sebagian"),
    "not_resolved": ("Not resolved", "Belum selesai"),
}


def labels_to_codes(apps, schema_editor):
    Event = apps.get_model("feedback", "Event")
    for code, labels in LABELS.items():
        Event.objects.filter(kind="confirmed", note__in=labels).update(note=code)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0005_public_snapshot_release")]

    operations = [migrations.RunPython(labels_to_codes, migrations.RunPython.noop)]
