"""Queries per complaint page do not grow with the data: each page is requested with a few complaints and again
with five times as many (more answers, steps, attachments and agencies' figures), and needs the same number of
queries both times, at most 15."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from feedback import services
from tests.feedback.factories import submit

MAX_QUERIES = 15


def grow(category, coordinator, officer, count):
    made = []
    for index in range(count):
        complaint, secret = submit(category, title=f"KTP-el belum jadi {index}")
        services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
        services.answer_complaint(complaint=complaint, by=officer.user, answer="Sudah.", action_taken="Loket baru")
        made.append((complaint, secret))
    return made


def count(client, url):
    cache.clear()
    client.get(url)  # the second request of a session, as every later one
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
def test_complaint_pages_need_as_many_queries_on_five_times_the_data(
    category, coordinator, officer, client_for, period
):
    first, first_secret = grow(category, coordinator, officer, 3)[0]
    desk, agency = client_for(coordinator), client_for(officer)
    urls = {
        "desk list": (desk, "/pengaduan/"),
        "desk list, overdue": (desk, "/pengaduan/?overdue=1"),
        "desk list, older page": (
            desk,
            f"/pengaduan/?older={first.submitted_at.isoformat()}_{first.pk}".replace("+", "%2B"),
        ),
        "officer list": (agency, "/pengaduan/"),
        "detail": (desk, f"/pengaduan/{first.pk}/"),
        "public status": (Client(), f"/lapor/{first.code}/"),
        "follow-up": (Client(), f"/lapor/{first.code}/{first_secret}/"),
        "public page": (Client(), "/publik/"),
        "open data": (Client(), "/publik/data.csv"),
        "complaint form": (Client(), "/lapor/"),
    }
    small = {name: count(client, url) for name, (client, url) in urls.items()}
    grow(category, coordinator, officer, 12)
    large = {name: count(client, url) for name, (client, url) in urls.items()}
    assert large == small
    assert max(small.values()) <= MAX_QUERIES, small


@pytest.mark.django_db
def test_a_cold_public_page_reads_its_snapshots_in_a_fixed_few_queries(category, coordinator, officer, period):
    """With the snapshots computed, a request with an empty cache reads the periods, the agencies and one set of
    snapshot rows, whatever the number of agencies or complaints: nothing is aggregated per request."""
    from feedback.views.public import AGENCIES_PER_PAGE
    from tests.factories import AgencyFactory

    grow(category, coordinator, officer, 3)
    client = Client()
    small = {url: count(client, url) for url in ("/publik/", "/publik/data.csv")}
    AgencyFactory.create_batch(AGENCIES_PER_PAGE + 2)
    grow(category, coordinator, officer, 6)
    large = {url: count(client, url) for url in ("/publik/", "/publik/data.csv")}
    assert large == small == {"/publik/": 3, "/publik/data.csv": 3}
