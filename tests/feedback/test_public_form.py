"""The public form and follow-up pages against bad input and abuse: every refusal has a clear message and saves
nothing; bots (honeypot, too fast, forged stamp) and floods (per address, per category) are turned away."""

import re
import time

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from feedback.forms import FORM_STAMP_SALT, form_stamp
from feedback.models import Attachment, Complaint, Identity
from tests.feedback.conftest import form_data
from tests.feedback.factories import ComplaintCategoryFactory, submit

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


def assert_refused(response, message):
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Complaint.objects.count() == 0 and Attachment.objects.count() == 0


def test_a_photo_and_a_pdf_are_attached(send_complaint, category):
    photo = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    pdf = SimpleUploadedFile("surat.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    response, _path = send_complaint(category, files=[photo, pdf])
    assert response.status_code == 302
    assert sorted(Complaint.objects.get().files.values_list("original_name", flat=True)) == ["foto.png", "surat.pdf"]


def test_a_disguised_file_is_refused_and_nothing_is_saved(send_complaint, category):
    fake = SimpleUploadedFile("foto.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response, _path = send_complaint(category, files=[fake])
    assert_refused(response, "its content does not match its name")


def test_a_spreadsheet_is_not_a_photo(send_complaint, category):
    sheet = SimpleUploadedFile("data.xlsx", b"PK\x03\x04rest", content_type="application/octet-stream")
    response, _path = send_complaint(category, files=[sheet])
    assert_refused(response, "files of this type are not accepted")


def test_an_oversized_file_is_refused(send_complaint, category, settings):
    settings.KINERJA_UPLOAD_MAX_BYTES = 100
    big = SimpleUploadedFile("foto.png", PNG * 10, content_type="image/png")
    response, _path = send_complaint(category, files=[big])
    assert_refused(response, "is too large")


def test_files_each_within_the_limit_but_too_many_together_are_refused(send_complaint, category, settings):
    settings.KINERJA_UPLOAD_MAX_BYTES, settings.KINERJA_UPLOAD_MAX_REQUEST_BYTES = 1_000, 1_500
    photos = [SimpleUploadedFile(f"foto{number}.png", PNG * 10, content_type="image/png") for number in range(4)]
    response, _path = send_complaint(category, files=photos)  # 4 × 480 bytes
    assert_refused(response, "Together the files come to 1.9\xa0KB; at most 1.5\xa0KB can be sent at once.")


def test_the_file_input_carries_its_limits_for_the_browser_to_check_before_uploading(client, settings, category):
    settings.KINERJA_UPLOAD_MAX_BYTES, settings.KINERJA_UPLOAD_MAX_REQUEST_BYTES = 5 * 2**20, 25 * 2**20
    page = client.get("/lapor/").content.decode()
    picker = re.search(r'<input type="file" name="files"[^>]*>', page).group()
    assert 'data-max-bytes="5242880"' in picker and 'data-max-total-bytes="26214400"' in picker
    assert 'data-too-large="“{name}” is too large ({size}); the limit is 5.0\xa0MB."' in picker
    assert 'data-too-much="Together the files come to {size}; at most 25.0\xa0MB can be sent at once."' in picker


def test_ten_thousand_characters_are_refused_with_the_limit_named(send_complaint, category):
    response, _path = send_complaint(category, description="x" * 10_000)
    assert_refused(response, "at most 5000 characters")


def test_the_honeypot_turns_bots_away(send_complaint, category):
    response, _path = send_complaint(category, website="http://spam.example")
    assert_refused(response, "Your complaint could not be accepted.")


def test_a_form_sent_faster_than_a_person_can_is_refused_and_can_be_sent_again(send_complaint, category, settings):
    settings.KINERJA_COMPLAINT_MIN_FILL_SECONDS = 60
    response, _path = send_complaint(category)
    assert_refused(response, "That was very fast.")
    # What was typed is kept, with a fresh stamp.
    assert "KTP-el belum jadi" in response.content.decode() and 'name="stamp"' in response.content.decode()


def test_a_quick_fix_after_another_error_is_not_too_fast(send_complaint, category, settings):
    """The re-rendered form keeps the time the person started, so fixing a forgotten name at once goes through."""
    settings.KINERJA_COMPLAINT_MIN_FILL_SECONDS = 5
    started = signing.dumps(time.time() - 30, salt=FORM_STAMP_SALT)
    client = Client()
    response, _path = send_complaint(category, client=client, name="", stamp=started)
    assert_refused(response, "Give your name")
    stamp = re.search(r'name="stamp" value="([^"]+)"', response.content.decode()).group(1)
    response, path = send_complaint(category, client=client, stamp=stamp)
    assert response.status_code == 302 and path
    assert Complaint.objects.get().reporter_name == "Warga Pelapor"


def test_a_forged_stamp_is_refused(send_complaint, category):
    response, _path = send_complaint(category, stamp="forged")
    assert_refused(response, "The form has expired.")


def test_a_named_complaint_needs_a_name(send_complaint, category):
    response, _path = send_complaint(category, name="")
    assert_refused(response, "Give your name, or choose confidential or anonymous.")


def test_a_future_date_and_a_bad_phone_are_refused(send_complaint, category):
    response, _path = send_complaint(category, occurred_on="2999-01-01", phone="call me")
    assert_refused(response, "The date cannot be in the future.")
    assert "Give a phone number of digits" in response.content.decode()


def test_messages_are_in_indonesian_by_default(send_complaint, category, settings):
    settings.LANGUAGE_CODE = "id"
    response, _path = send_complaint(category, website="bot")
    assert_refused(response, "Pengaduan Anda tidak dapat diterima.")


def test_an_anonymous_reporter_leaves_no_name_or_contact(send_complaint, category):
    send_complaint(category, identity=Identity.ANONYMOUS, name="Tetap Tersimpan?", email="a@example.org")
    complaint = Complaint.objects.get()
    assert (complaint.reporter_name, complaint.reporter_email, complaint.reporter_phone) == ("", "", "")


def test_complaints_from_one_address_are_limited(send_complaint, category, settings):
    settings.KINERJA_RATE_LIMITS = {**settings.KINERJA_RATE_LIMITS, "complaint": (2, 3600)}
    client = Client(REMOTE_ADDR="10.9.8.7")
    assert [send_complaint(category, client=client)[0].status_code for _ in range(3)] == [302, 302, 429]
    assert Complaint.objects.count() == 2
    assert send_complaint(category, client=Client(REMOTE_ADDR="10.9.8.8"))[0].status_code == 302


def test_complaints_about_one_category_are_limited(send_complaint, category, agency, settings):
    settings.KINERJA_RATE_LIMITS = {**settings.KINERJA_RATE_LIMITS, "complaint_category": (1, 3600)}
    other = ComplaintCategoryFactory(agency=agency, name="Akta kelahiran")
    assert send_complaint(category, client=Client(REMOTE_ADDR="10.0.0.1"))[0].status_code == 302
    assert send_complaint(category, client=Client(REMOTE_ADDR="10.0.0.2"))[0].status_code == 429
    assert send_complaint(other, client=Client(REMOTE_ADDR="10.0.0.3"))[0].status_code == 302


def test_the_category_search_narrows_the_choice(category, agency):
    ComplaintCategoryFactory(agency=agency, name="Akta kelahiran")
    page = Client().get("/lapor/?q=ktp").content.decode()
    assert "Penerbitan KTP-el" in page and "Akta kelahiran" not in page
    assert "No service matches your search." in Client().get("/lapor/?q=zzz").content.decode()


def test_the_form_works_with_a_stamp_issued_by_the_page(category):
    client = Client()
    page = client.get("/lapor/").content.decode()
    assert 'name="stamp"' in page
    response = client.post("/lapor/", form_data(category, stamp=form_stamp()))
    assert response.status_code == 302


@pytest.mark.parametrize("code", ["ADU-2026-999999", "nonsense"])
def test_unknown_codes_are_not_found(code, db):
    assert Client().get(f"/lapor/{code}/").status_code == 404


def test_the_lookup_explains_a_malformed_code(db):
    response = Client().get("/lapor/lacak/?code=123")
    assert response.status_code == 404 and "A tracking code looks like ADU-2026-000123." in response.content.decode()


def test_the_lookup_leads_to_the_status_page(category):
    complaint, _secret = submit(category)
    response = Client().get(f"/lapor/lacak/?code={complaint.code.lower()}")
    assert response.status_code == 302 and response["Location"] == f"/lapor/{complaint.code}/"


def test_the_lookup_understands_a_code_typed_as_people_type_it(category):
    complaint, _secret = submit(category)
    year, serial = complaint.code.split("-")[1], int(complaint.code.split("-")[2])
    typed = [f"adu {year} {serial:06d}", f"ADU{year}{serial:06d}", f"ADU-{year}-{serial}", f"{year}-{serial:06d}"]
    for code in typed:
        response = Client().get("/lapor/lacak/", {"code": code})
        assert response.status_code == 302 and response["Location"] == f"/lapor/{complaint.code}/", code
    # An address typed by hand leads to the code's one address too; a code that cannot be one is still not found.
    response = Client().get(f"/lapor/{complaint.code.lower()}/")
    assert response.status_code == 302 and response["Location"] == f"/lapor/{complaint.code}/"
    assert Client().get(f"/lapor/ADU-{year}-1234567/").status_code == 404


def test_another_complaints_secret_opens_nothing(category):
    mine, my_secret = submit(category)
    theirs, their_secret = submit(category)
    assert Client().get(f"/lapor/{mine.code}/{their_secret}/").status_code == 404
    assert Client().post(f"/lapor/{mine.code}/{their_secret}/", {"step": "info", "text": "x"}).status_code == 404
    assert Client().get(f"/lapor/{mine.code}/{my_secret}/").status_code == 200


def test_the_public_page_of_a_complaint_shows_nothing_personal_and_no_reply_form(category, coordinator, officer):
    from feedback import services

    complaint, _secret = submit(category, name="Nama Rahasia", email="rahasia@example.org", phone="0812 1111 2222")
    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    services.answer_complaint(complaint=complaint, by=officer.user, answer="Sudah dicetak.")
    page = Client().get(f"/lapor/{complaint.code}/").content.decode()
    assert "Sudah dicetak." in page
    for private in ("Nama Rahasia", "rahasia@example.org", "0812 1111 2222", officer.name, 'name="outcome"'):
        assert private not in page


def sent_form_key(client) -> str:
    """The key of one rendering of the form, as a browser holds it (common/sent_forms.py)."""
    page = client.get("/lapor/").content.decode()
    return re.search(r'name="sent_form_key" value="([^"]+)"', page).group(1)


def test_the_same_form_sent_twice_makes_one_complaint_and_shows_its_private_page_again(send_complaint, category):
    """A second click without JavaScript, or a browser re-sending after a timeout: the citizen gets the first
    complaint's private page (perhaps never seen), and the complaint counts once."""
    key = sent_form_key(Client())
    first, first_path = send_complaint(category, sent_form_key=key)
    again, again_path = send_complaint(category, sent_form_key=key)
    assert first.status_code == again.status_code == 302 and again_path == first_path
    assert Complaint.objects.count() == 1
    page = Client().get(again_path + "?new=1").content.decode()
    assert Complaint.objects.get().code in page and 'class="follow-up-link"' in page


def test_two_forms_make_two_complaints(send_complaint, category):
    send_complaint(category, sent_form_key=sent_form_key(Client()))
    send_complaint(category, sent_form_key=sent_form_key(Client()))
    assert Complaint.objects.count() == 2


def test_a_refused_form_counts_when_sent_again_corrected(send_complaint, category):
    key = sent_form_key(Client())
    fake = SimpleUploadedFile("foto.png", b"MZ\x90\x00 not an image", content_type="image/png")
    assert_refused(send_complaint(category, sent_form_key=key, files=[fake])[0], "its content does not match its name")
    response, path = send_complaint(category, sent_form_key=key)
    assert response.status_code == 302 and path and Complaint.objects.count() == 1


def test_a_sending_that_failed_releases_its_form_for_the_next_try(send_complaint, category):
    from unittest import mock

    from django.db import DatabaseError

    from feedback import services

    key = sent_form_key(Client())
    real, calls = services.submit_complaint, []

    def lost_once(**fields):
        calls.append(fields)
        if len(calls) == 1:
            raise DatabaseError("connection lost")
        return real(**fields)

    with mock.patch.object(services, "submit_complaint", side_effect=lost_once):
        client = Client(raise_request_exception=False)
        assert send_complaint(category, client=client, sent_form_key=key)[0].status_code == 500
        response, path = send_complaint(category, client=client, sent_form_key=key)
    assert response.status_code == 302 and path and Complaint.objects.count() == 1
