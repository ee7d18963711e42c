"""Photos among a realisation's evidence show a small server-made preview, behind the evidence's own read check."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.urls import reverse
from PIL import Image

from common import thumbnails
from tests.images import image_bytes, png_bytes
from workflow import services

from .conftest import EVIDENCE_PDF


def upload(plan, employee, client_for, *files):
    """Report a realisation with `files` through the page, as the employee does; its evidence in upload order."""
    indicator = plan.results.get().indicators.get()
    url = reverse("workflow:realisation_add", args=[plan.pk, indicator.pk])
    response = client_for(employee).post(url, {"value": "5", "description": "Kegiatan", "files": list(files)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return list(indicator.realisations.get().evidence.order_by("pk"))


def thumbnail_url(plan, evidence):
    return reverse("workflow:evidence_thumbnail", args=[plan.pk, evidence.pk])


def decoded(response) -> Image.Image:
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


def test_the_plan_page_previews_photos_and_lists_documents_with_icon_name_and_size(
    running_plan, employee, supervisor, client_for
):
    photo, document = upload(
        running_plan,
        employee,
        client_for,
        SimpleUploadedFile("foto-sosialisasi.jpg", image_bytes("JPEG"), content_type="image/jpeg"),
        SimpleUploadedFile("laporan.pdf", EVIDENCE_PDF, content_type="application/pdf"),
    )
    page = client_for(supervisor).get(reverse("workflow:plan_detail", args=[running_plan.pk])).content.decode()
    assert f'<img class="evidence-thumb" src="{thumbnail_url(running_plan, photo)}"' in page
    assert "foto-sosialisasi.jpg" in page
    assert thumbnail_url(running_plan, document) not in page
    assert "icon-file-text evidence-kind" in page and "laporan.pdf" in page
    assert f"({filesizeformat(len(EVIDENCE_PDF))})" in page


def test_the_thumbnail_is_a_small_webp_made_once(running_plan, employee, supervisor, client_for):
    (photo,) = upload(
        running_plan,
        employee,
        client_for,
        SimpleUploadedFile("papan.png", png_bytes((1200, 600)), content_type="image/png"),
    )
    response = client_for(supervisor).get(thumbnail_url(running_plan, photo))
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "private, no-store" and response["X-Content-Type-Options"] == "nosniff"
    assert decoded(response).size == (thumbnails.THUMBNAIL_SIZE, thumbnails.THUMBNAIL_SIZE // 2)

    # The second request reads the stored preview back: decoding the original again would now give the icon.
    with open(photo.file.path, "wb") as original:
        original.write(b"\x89PNG\r\n\x1a\n broken")
    again = client_for(employee).get(thumbnail_url(running_plan, photo))
    assert again.status_code == 200 and decoded(again).size == (160, 80)


def test_a_phone_photo_stands_upright_and_loses_its_metadata(running_plan, employee, client_for):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned a quarter
    exif[0x010F] = "KameraPonsel"  # maker
    sideways = image_bytes("JPEG", (200, 100), exif=exif.tobytes())
    (photo,) = upload(
        running_plan, employee, client_for, SimpleUploadedFile("ponsel.jpg", sideways, content_type="image/jpeg")
    )
    preview = decoded(client_for(employee).get(thumbnail_url(running_plan, photo)))
    assert preview.size == (80, 160)
    assert "KameraPonsel" not in str(dict(preview.getexif()))


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40,  # right signature, broken body
        png_bytes()[:120],  # truncated upload
    ],
    ids=["forged", "truncated"],
)
def test_a_corrupt_photo_falls_back_to_its_icon(running_plan, employee, supervisor, client_for, content):
    (photo,) = upload(
        running_plan, employee, client_for, SimpleUploadedFile("rusak.png", content, content_type="image/png")
    )
    page = client_for(supervisor).get(reverse("workflow:plan_detail", args=[running_plan.pk]))
    assert page.status_code == 200 and "rusak.png" in page.content.decode()
    response = client_for(supervisor).get(thumbnail_url(running_plan, photo))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b"icon-image" in response.content


def test_a_photo_too_large_to_decode_falls_back_to_its_icon(running_plan, employee, client_for, monkeypatch):
    monkeypatch.setattr(thumbnails, "MAX_SOURCE_PIXELS", 100 * 100)
    (photo,) = upload(
        running_plan, employee, client_for, SimpleUploadedFile("besar.png", png_bytes((200, 200)), "image/png")
    )
    response = client_for(employee).get(thumbnail_url(running_plan, photo))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"


def test_someone_elses_thumbnail_is_not_found(running_plan, employee, colleague, outsider, client_for):
    (photo,) = upload(
        running_plan, employee, client_for, SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")
    )
    for stranger in (colleague, outsider):
        assert client_for(stranger).get(thumbnail_url(running_plan, photo)).status_code == 404
    anonymous = Client().get(thumbnail_url(running_plan, photo))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def test_a_document_or_a_link_has_no_thumbnail(running_plan, employee, client_for):
    indicator = running_plan.results.get().indicators.get()
    pdf = SimpleUploadedFile("laporan.pdf", EVIDENCE_PDF, content_type="application/pdf")
    services.record_realisation(indicator=indicator, by=employee.user, value=1, files=[pdf], links=["https://x.id"])
    for evidence in indicator.realisations.get().evidence.all():
        assert client_for(employee).get(thumbnail_url(running_plan, evidence)).status_code == 404
