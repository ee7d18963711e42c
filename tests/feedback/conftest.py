"""Complaint fixtures: Dukcapil's KTP-el category, its complaint officer, and a helper that sends the public form."""

import re

import pytest
from django.test import Client

from feedback.forms import form_stamp
from tests.factories import EmployeeFactory
from tests.feedback.factories import ComplaintCategoryFactory, OfficerFactory


@pytest.fixture
def category(agency, unit):
    return ComplaintCategoryFactory(name="Penerbitan KTP-el", agency=agency, unit=unit)


@pytest.fixture
def officer(agency, unit, head):
    person = EmployeeFactory(user__username="officer", name="Rina Petugas", agency=agency, unit=unit, supervisor=head)
    OfficerFactory(agency=agency, user=person.user)
    return person


def form_data(category, **overrides):
    data = {
        "category": category.pk,
        "title": "KTP-el belum jadi",
        "description": "Sudah tiga minggu KTP-el saya belum jadi.",
        "location": "Kantor Dukcapil",
        "identity": "named",
        "name": "Warga Pelapor",
        "email": "warga@example.org",
        "phone": "",
        "website": "",
        "stamp": form_stamp(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def send_complaint(db, django_capture_on_commit_callbacks):
    """send_complaint(category, **fields) -> (response, follow-up path) as an anonymous visitor."""

    def send(category, client=None, **overrides):
        client = client or Client()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/lapor/", form_data(category, **overrides))
        path = None
        if response.status_code == 302:
            path = response["Location"].split("?")[0]
            assert re.fullmatch(r"/lapor/ADU-\d{4}-\d{6}/[\w-]+/", path)
        return response, path

    return send


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and the public page's cache live in the per-process cache: start every test empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
