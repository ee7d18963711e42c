"""A citizen whose complaint is refused for something else (a forgotten name) does not pick their photos again: the
page lists them as kept and the next attempt sends them; a kept file can be left out; nobody can forge a token to
another file; what nobody came back for is removed by the hourly housekeeping."""

import datetime
import re
from io import StringIO
from pathlib import Path

from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from common import held_uploads
from feedback.models import Complaint

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


def photo(name="foto.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def held_paths(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / held_uploads.HELD_DIR
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def token_on(response) -> str:
    match = re.search(r'name="held_files" value="([^"]*)"', response.content.decode())
    return match.group(1) if match else ""


def test_files_of_a_refused_complaint_are_kept_and_sent_with_the_next_attempt(send_complaint, category, settings):
    client = Client()
    response, _path = send_complaint(category, client=client, name="", files=[photo(), photo("kedua.png")])
    assert response.status_code == 400 and Complaint.objects.count() == 0
    page = response.content.decode()
    assert "Files kept from your last attempt" in page and "Leave out foto.png" in page and "kedua.png" in page
    assert len(held_paths(settings)) == 2

    response, path = send_complaint(category, client=client, held_files=token_on(response))
    assert response.status_code == 302 and path
    names = Complaint.objects.get().files.values_list("original_name", flat=True)
    assert sorted(names) == ["foto.png", "kedua.png"]
    assert held_paths(settings) == []  # taken by the complaint, not held any longer


def test_a_kept_file_can_be_left_out_and_new_ones_added(send_complaint, category):
    client = Client()
    response, _path = send_complaint(category, client=client, name="", files=[photo(), photo("kedua.png")])
    response, _path = send_complaint(
        category, client=client, held_files=token_on(response), drop_held=["0"], files=[photo("ketiga.png")]
    )
    assert response.status_code == 302
    names = Complaint.objects.get().files.values_list("original_name", flat=True)
    assert sorted(names) == ["kedua.png", "ketiga.png"]


def test_kept_and_new_files_together_are_held_to_the_limit(send_complaint, category):
    client = Client()
    response, _path = send_complaint(category, client=client, name="", files=[photo(f"f{n}.png") for n in range(4)])
    response, _path = send_complaint(
        category, client=client, held_files=token_on(response), files=[photo("g1.png"), photo("g2.png")]
    )
    assert response.status_code == 400 and "Attach at most 5 files." in response.content.decode()
    assert Complaint.objects.count() == 0
    # The four kept files are still offered; the two refused with them were never held.
    assert response.content.decode().count("Leave out f") == 4


def test_a_refused_file_is_not_kept(send_complaint, category, settings):
    fake = SimpleUploadedFile("foto.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response, _path = send_complaint(category, files=[fake])
    assert response.status_code == 400 and "Files kept" not in response.content.decode()
    assert held_paths(settings) == []


def test_a_forged_token_brings_nothing(send_complaint, category, settings, tmp_path):
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4\n")
    forged = signing.dumps([[str(secret), "secret.pdf", 9]], salt="another salt", compress=True)
    response, _path = send_complaint(category, held_files=forged)
    assert response.status_code == 302
    assert not Complaint.objects.get().files.exists()


def test_the_housekeeping_removes_files_nobody_came_back_for(send_complaint, category, settings, monkeypatch):
    response, _path = send_complaint(category, name="", files=[photo()])
    assert len(held_paths(settings)) == 1
    call_command("complaint_housekeeping", stdout=StringIO())
    assert len(held_paths(settings)) == 1  # still within its day
    tomorrow = timezone.now() + datetime.timedelta(days=1, minutes=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: tomorrow)
    call_command("complaint_housekeeping", stdout=StringIO())
    assert held_paths(settings) == []
    # The page's token outlived its files: the next attempt is taken without them, with no error.
    monkeypatch.undo()
    response, _path = send_complaint(category, held_files=token_on(response))
    assert response.status_code == 302 and not Complaint.objects.get().files.exists()


def test_an_address_sending_refused_forms_with_files_over_and_over_gets_them_held_only_so_often(
    send_complaint, category, settings
):
    settings.KINERJA_RATE_LIMITS = settings.KINERJA_RATE_LIMITS | {"complaint_held_files": (2, 3600)}
    pages = [send_complaint(category, name="", files=[photo(f"f{n}.png")])[0] for n in range(3)]
    assert ["Files kept" in page.content.decode() for page in pages] == [True, True, False]
    assert len(held_paths(settings)) == 2
    assert all(page.status_code == 400 for page in pages)  # still refused with the reason, nothing else changes
