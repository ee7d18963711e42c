"""Uploaded files go to the storage the configuration names (KINERJA_MEDIA_STORAGE, deploy/province.md)."""

import json
import sys

from tests.platform.test_deploy import clean_environment, run

SAVE = (
    "from django.core.files.base import ContentFile; from django.core.files.storage import default_storage; "
    "print(default_storage.save('evidence/bukti.pdf', ContentFile(b'%PDF-1.4')))"
)


def test_the_media_storage_and_its_options_come_from_the_environment(tmp_path):
    shared = tmp_path / "shared-media"
    environment = clean_environment(
        DJANGO_DEBUG="1",
        KINERJA_MEDIA_STORAGE="django.core.files.storage.FileSystemStorage",
        KINERJA_MEDIA_STORAGE_OPTIONS=json.dumps({"location": str(shared)}),
    )
    saved = run([sys.executable, "manage.py", "shell", "-c", SAVE], environment, check=True)
    assert (shared / saved.stdout.strip().splitlines()[-1]).read_bytes() == b"%PDF-1.4"
