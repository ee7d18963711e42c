"""The public survey: one page, no login, every abuse guard, every bad input refused cleanly."""

import re
from io import BytesIO

import pytest
import qrcode
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from surveys.models import SurveyResponse
from surveys.poster import qr_matrix
from tests.factories import PublicServiceFactory
from tests.feedback.factories import ComplaintCategoryFactory
from tests.surveys.factories import answers

GOOD = {f"u{number}": "3" for number in range(1, 10)}


def fetch_form(client, service):
    response = client.get(reverse("surveys:form", args=[service.slug]))
    assert response.status_code == 200
    return response.context["form"]["started"].value()


def send(client, service, **overrides):
    started = overrides.pop("started", None) or fetch_form(client, service)
    data = {**GOOD, "started": started, **overrides}
    return client.post(reverse("surveys:form", args=[service.slug]), data)


def test_anyone_answers_without_logging_in_and_is_thanked(ktp):
    client = Client()
    page = client.get(reverse("surveys:form", args=[ktp.slug]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Penerbitan KTP-el" in content and "How fast is the service delivered?" in content
    assert content.count('type="radio"') == 36
    response = send(client, ktp, u3="4", sex="f", age_band="30_39", comment="Petugas ramah.")
    assert response.status_code == 302 and response["Location"] == reverse("surveys:thanks", args=[ktp.slug])
    saved = SurveyResponse.objects.get()
    assert saved.service == ktp and saved.u3 == 4 and saved.u1 == 3 and saved.sex == "f"
    assert saved.comment == "Petugas ramah."
    assert client.get(response["Location"]).status_code == 200


def test_the_same_browser_answering_twice_in_a_period_is_refused_clearly(ktp):
    client = Client()
    started = fetch_form(client, ktp)
    send(client, ktp, started=started)
    again = client.get(reverse("surveys:form", args=[ktp.slug]))
    assert "You have already answered this survey" in again.content.decode()
    second = client.post(reverse("surveys:form", args=[ktp.slug]), {**GOOD, "started": started})
    assert "You have already answered this survey" in second.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_the_same_form_sent_again_before_its_cookie_arrived_counts_once(ktp):
    """The first answer's response (with the "answered" cookie) was lost on a slow connection; the browser sends the
    same form again: the respondent is thanked again and the index counts them once."""
    page = Client().get(reverse("surveys:form", args=[ktp.slug]))
    started = page.context["form"]["started"].value()
    key = re.search(r'name="sent_form_key" value="([^"]+)"', page.content.decode()).group(1)
    first = send(Client(), ktp, started=started, sent_form_key=key)
    again = send(Client(), ktp, started=started, sent_form_key=key)  # no cookie: the first answer never arrived
    assert first.status_code == again.status_code == 302
    assert again["Location"] == reverse("surveys:thanks", args=[ktp.slug])
    assert SurveyResponse.objects.count() == 1
    send(Client(), ktp)  # another respondent's own form counts
    assert SurveyResponse.objects.count() == 2


def test_a_browser_may_answer_another_service(ktp, kk):
    client = Client()
    send(client, ktp)
    assert send(client, kk).status_code == 302
    assert SurveyResponse.objects.count() == 2


def test_a_forged_answered_cookie_is_ignored(ktp):
    client = Client()
    client.cookies[f"ikm_{ktp.pk}"] = "forged"
    assert send(client, ktp).status_code == 302


def test_a_missing_element_is_asked_again_and_the_other_answers_are_kept(ktp):
    client = Client()
    response = send(client, ktp, u5="", u2="4")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Please choose one answer." in content
    assert response.context["form"]["u2"].value() == "4"
    assert not SurveyResponse.objects.exists()


def test_a_score_outside_the_scale_is_refused(ktp):
    response = send(Client(), ktp, u1="5")
    assert response.status_code == 200 and not SurveyResponse.objects.exists()


def test_a_ten_thousand_character_comment_is_refused_with_a_message(ktp):
    response = send(Client(), ktp, comment="x" * 10_000)
    assert response.status_code == 200
    assert "at most 2000 characters" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_the_thanks_page_leads_to_the_agencys_public_results_and_to_a_complaint_about_the_service(ktp, kk):
    ComplaintCategoryFactory(agency=ktp.agency, service=ktp, name="Antrean perekaman KTP-el")
    ComplaintCategoryFactory(agency=kk.agency, service=kk, name="Salah cetak KK")
    client = Client()
    thanks = client.get(send(client, ktp)["Location"]).content.decode()
    links = dict(re.findall(r'<a href="([^"]+)">([^<]+)</a>', thanks))
    public = next(url for url in links if url.startswith(reverse("feedback:public_page")))
    assert public.endswith(f"?agency={ktp.agency_id}")
    assert client.get(public).status_code == 200
    complaint = next(url for url in links if url.startswith(reverse("feedback:complaint_form")))
    form = client.get(complaint.replace("&amp;", "&")).content.decode()
    assert "Antrean perekaman KTP-el" in form and "Salah cetak KK" not in form  # the service's own categories


def test_the_honeypot_thanks_a_bot_and_keeps_nothing(ktp):
    response = send(Client(), ktp, website="http://spam.example")
    assert response.status_code == 302
    assert not SurveyResponse.objects.exists()


def test_an_answer_quicker_than_reading_is_refused_and_can_be_sent_again(settings, ktp):
    settings.KINERJA_SURVEY_MIN_SECONDS = 60
    client = Client()
    response = send(client, ktp)
    assert response.status_code == 200
    assert "quicker than anyone can read the questions" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_forged_start_token_is_refused(ktp):
    response = send(Client(), ktp, started="not-a-token")
    assert "This form has expired" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_start_token_of_another_service_is_refused(ktp, kk):
    client = Client()
    started = fetch_form(client, kk)
    response = send(client, ktp, started=started)
    assert response.status_code == 200 and not SurveyResponse.objects.exists()


def test_one_address_is_rate_limited(settings, ktp, kk):
    settings.KINERJA_RATE_LIMITS = {**settings.KINERJA_RATE_LIMITS, "survey_address": (2, 3600)}
    assert send(Client(), ktp).status_code == 302
    assert send(Client(), kk).status_code == 302
    refused = send(Client(), ktp)
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert SurveyResponse.objects.count() == 2


def test_one_service_is_rate_limited_across_addresses(settings, ktp, kk):
    settings.KINERJA_RATE_LIMITS = {**settings.KINERJA_RATE_LIMITS, "survey_service": (2, 3600)}
    for address in ("10.0.0.1", "10.0.0.2"):
        assert send(Client(REMOTE_ADDR=address), ktp).status_code == 302
    assert send(Client(REMOTE_ADDR="10.0.0.3"), ktp).status_code == 429
    assert send(Client(REMOTE_ADDR="10.0.0.3"), kk).status_code == 302


@pytest.mark.parametrize("url", ["surveys:form", "surveys:thanks", "surveys:poster"])
def test_an_inactive_or_unknown_service_is_not_found(ktp, url):
    ktp.is_active = False
    ktp.save(update_fields=["is_active"])
    assert Client().get(reverse(url, args=[ktp.slug])).status_code == 404
    assert Client().get(reverse(url, args=["no-such-service"])).status_code == 404


def test_the_survey_page_is_indonesian_by_default(settings, ktp):
    settings.LANGUAGE_CODE = "id"
    content = Client().get(reverse("surveys:form", args=[ktp.slug])).content.decode()
    assert "Sangat cepat" in content and "Kirim jawaban saya" in content


def test_the_poster_is_an_a4_pdf_with_the_survey_address(ktp):
    response = Client().get(reverse("surveys:poster", args=[ktp.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    page = PdfReader(BytesIO(content)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = page.extract_text()
    assert "http://testserver/survei/ktp-el/" in text and "Penerbitan KTP-el" in text


def test_the_poster_qr_code_encodes_the_survey_address():
    url = "http://testserver/survei/ktp-el/"
    expected = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    expected.add_data(url)
    expected.make(fit=True)
    assert qr_matrix(url) == expected.get_matrix()
    assert qr_matrix(url) != qr_matrix("http://testserver/survei/kk/")


def test_the_survey_page_is_two_queries_however_many_services_and_answers(ktp, django_assert_num_queries):
    client = Client()
    url = reverse("surveys:form", args=[ktp.slug])
    with django_assert_num_queries(2):  # the service, the survey period
        assert client.get(url).status_code == 200
    for _ in range(5):
        answers(PublicServiceFactory(agency=ktp.agency), [3] * 9, count=3)
    answers(ktp, [3] * 9, count=5)
    with django_assert_num_queries(2):
        assert client.get(url).status_code == 200
