"""The adoption form lists the responsible person among the chosen agency's staff only: a coordinator may record
for every agency, and one list of everyone would hold thousands of names."""

import re

import pytest
from django.urls import reverse

from forums.models import Adoption, ReadMarker
from tests.factories import AgencyFactory, EmployeeFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _responsible_options(html: str) -> set[str]:
    select = re.search(r'<select name="responsible".*?</select>', html, re.S).group(0)
    return {value for value in re.findall(r'<option value="(\d*)"', select) if value}


@pytest.fixture
def third_agency_staff(db):
    agency = AgencyFactory(name="Dinas Pendidikan")
    return agency, EmployeeFactory(agency=agency, name="Rina Guru")


def test_a_coordinator_first_chooses_the_agency_and_no_one_is_listed_before(
    client_for, coordinator, topic, outsider, third_agency_staff
):
    page = client_for(coordinator).get(reverse("forums:topic_detail", args=[topic.pk]), {"adopt": 1}).content.decode()
    assert _responsible_options(page) == set()
    assert "Choose the adopting agency first" in page
    assert 'hx-trigger="change from:#id_agency"' in page


def test_choosing_an_agency_lists_its_active_staff_only_and_marks_nothing_read(
    client_for, coordinator, topic, outsider, other_agency, third_agency_staff
):
    agency, teacher = third_agency_staff
    EmployeeFactory(agency=agency, name="Pensiunan", is_active=False)
    url = reverse("forums:topic_detail", args=[topic.pk])
    response = client_for(coordinator).get(
        url, {"adopt": 1, "partial": "adopt-responsible", "agency": agency.pk}, **HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="adopt-responsible"') and "<html" not in body
    assert _responsible_options(body) == {str(teacher.pk)}
    assert not ReadMarker.objects.filter(user=coordinator).exists()


def test_an_agency_outside_the_readers_reach_lists_no_one(client_for, outsider, topic, third_agency_staff):
    agency, _teacher = third_agency_staff
    response = client_for(outsider).get(
        reverse("forums:topic_detail", args=[topic.pk]),
        {"adopt": 1, "partial": "adopt-responsible", "agency": agency.pk},
        **HTMX,
    )
    assert _responsible_options(response.content.decode()) == set()


def test_without_javascript_sending_the_agency_alone_comes_back_with_its_staff_and_the_input_kept(
    client_for, coordinator, topic, other_agency, outsider, third_agency_staff
):
    response = client_for(coordinator).post(
        reverse("forums:topic_adopt", args=[topic.pk]),
        {"agency": other_agency.pk, "follow_up_on": "2026-10-01", "note": "Uji coba di dua puskesmas"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert _responsible_options(page) == {str(outsider.pk), str(outsider.supervisor_id)}
    assert "Uji coba di dua puskesmas" in page
    assert not Adoption.objects.exists()


def test_someone_of_another_agency_is_refused_as_responsible(
    client_for, coordinator, topic, other_agency, third_agency_staff
):
    _agency, teacher = third_agency_staff
    response = client_for(coordinator).post(
        reverse("forums:topic_adopt", args=[topic.pk]),
        {"agency": other_agency.pk, "responsible": teacher.pk, "follow_up_on": "2026-10-01"},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Adoption.objects.exists()


def test_a_reader_who_records_for_one_agency_sees_its_staff_at_once(client_for, outsider, topic, other_agency):
    page = client_for(outsider).get(reverse("forums:topic_detail", args=[topic.pk]), {"adopt": 1}).content.decode()
    assert str(outsider.pk) in _responsible_options(page)
    assert "Choose the adopting agency first" not in page
