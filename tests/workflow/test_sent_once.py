"""A form that adds something is sent once even when it is sent twice (common/sent_forms.py): a second click on a
slow evidence upload, or a browser re-sending after a timeout, adds no second realisation."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db


def form_key(page: str, action: str) -> str:
    form = page[page.index(f'action="{action}"') :]
    return re.search(r'name="sent_form_key" value="([^"]+)"', form).group(1)


def evidence():
    return SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 data", content_type="application/pdf")


def test_a_realisation_sent_twice_is_recorded_once_and_the_second_sending_lands_where_the_first_did(
    running_plan, employee, client_for
):
    indicator = running_plan.results.get().indicators.get()
    url = reverse("workflow:realisation_add", args=[running_plan.pk, indicator.pk])
    browser = client_for(employee)
    key = form_key(browser.get(reverse("workflow:plan_detail", args=[running_plan.pk])).content.decode(), url)
    data = {"value": "5", "description": "Sebagian", "sent_form_key": key}
    first = browser.post(url, {**data, "files": [evidence()]})
    again = browser.post(url, {**data, "files": [evidence()]})
    assert first.status_code == again.status_code == 302 and again["Location"] == first["Location"]
    assert indicator.realisations.count() == 1 and indicator.realisations.get().evidence.count() == 1
    assert "sent already" in " ".join(str(message) for message in get_messages(again.wsgi_request))
    # A new rendering of the form is a new report.
    key = form_key(browser.get(reverse("workflow:plan_detail", args=[running_plan.pk])).content.decode(), url)
    browser.post(url, {**data, "sent_form_key": key})
    assert indicator.realisations.count() == 2


def test_a_refused_sending_releases_its_key_for_the_corrected_form(running_plan, employee, client_for):
    indicator = running_plan.results.get().indicators.get()
    url = reverse("workflow:realisation_add", args=[running_plan.pk, indicator.pk])
    browser = client_for(employee)
    fake = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    refused = browser.post(url, {"value": "5", "files": [fake], "sent_form_key": "k1"})
    assert refused.status_code == 200 and not indicator.realisations.exists()
    assert browser.post(url, {"value": "5", "sent_form_key": "k1"}).status_code == 302
    assert indicator.realisations.count() == 1


def test_keys_are_each_persons_own(running_plan, employee, colleague, client_for):
    """Someone else's sending of the same key (as unlikely as guessing it) neither lands on nor blocks this one."""
    indicator = running_plan.results.get().indicators.get()
    url = reverse("workflow:realisation_add", args=[running_plan.pk, indicator.pk])
    assert client_for(employee).post(url, {"value": "5", "sent_form_key": "same"}).status_code == 302
    stranger = client_for(colleague).post(url, {"value": "5", "sent_form_key": "same"})
    assert stranger.status_code in (403, 404) and indicator.realisations.count() == 1


def test_every_adding_form_with_evidence_carries_a_key(running_plan, employee, client_for):
    page = client_for(employee).get(reverse("workflow:plan_detail", args=[running_plan.pk])).content.decode()
    indicator = running_plan.results.get().indicators.get()
    assert form_key(page, reverse("workflow:realisation_add", args=[running_plan.pk, indicator.pk]))
    assert form_key(page, reverse("workflow:feedback_add", args=[running_plan.pk]))
