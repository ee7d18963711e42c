"""A page that does not exist, may not be opened, was not understood or whose form expired answers in Kinerja's own
frame and language, with a way back (templates/404.html, 403.html, 400.html, 403_csrf.html): never the page of a
third-party app (viewflow ships a "Django Material" 404 in English) or Django's English CSRF page."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PlanFactory


def assert_kinerja_frame(page: str) -> None:
    assert 'class="site-header' in page and "kinerja.css" in page
    assert "Django Material" not in page and "viewflow/" not in page and "We're sorry" not in page
    assert 'href="/"' in page  # the way back to the start page


def test_an_unknown_address_answers_the_site_s_not_found_page(client):
    response = client.get("/tidak-ada/")
    page = response.content.decode()
    assert response.status_code == 404
    assert_kinerja_frame(page)
    assert "Page not found" in page
    # A signed-out visitor is often a citizen: the public pages are offered too.
    assert reverse("feedback:complaint_lookup") in page and reverse("feedback:public_page") in page


def test_the_error_pages_speak_the_chosen_language(client):
    client.cookies["django_language"] = "id"
    page = client.get("/tidak-ada/").content.decode()
    assert "Halaman tidak ditemukan" in page and 'lang="id"' in page and "Pantau pengaduan" in page


@pytest.mark.django_db
def test_someone_else_s_plan_is_not_found_inside_the_signed_in_frame(client_for, employee):
    stranger_plan = PlanFactory()
    response = client_for(employee).get(reverse("workflow:plan_detail", args=[stranger_plan.pk]))
    page = response.content.decode()
    assert response.status_code == 404
    assert_kinerja_frame(page)
    assert 'class="main-nav"' in page  # the menu stays: the person goes on from here
    assert reverse("feedback:complaint_lookup") not in page


@pytest.mark.django_db
def test_a_page_the_role_does_not_allow_answers_the_site_s_forbidden_page(client_for, employee):
    response = client_for(employee).get(reverse("agencies:period_list"))
    page = response.content.decode()
    assert response.status_code == 403
    assert_kinerja_frame(page)
    assert "You may not open this page" in page


def test_a_request_that_cannot_be_understood_answers_the_site_s_bad_request_page(client):
    too_many_fields = "&".join(f"f{number}=x" for number in range(1200))
    response = client.post(reverse("login"), too_many_fields, content_type="application/x-www-form-urlencoded")
    page = response.content.decode()
    assert response.status_code == 400
    assert_kinerja_frame(page)
    assert "The request could not be understood" in page


@pytest.mark.django_db
def test_an_expired_form_says_so_and_how_to_send_it_again():
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
    page = response.content.decode()
    assert response.status_code == 403
    assert_kinerja_frame(page)
    assert "This form has expired" in page and "CSRF verification failed" not in page


@pytest.mark.django_db
def test_opening_a_form_s_address_answers_a_page_not_a_blank(client_for, employee):
    url = reverse("forums:notification_read_all")  # takes only POST
    response = client_for(employee).get(url)
    page = response.content.decode()
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert_kinerja_frame(page)
    assert "This address only receives forms" in page
    # htmx requests keep the bare answer: the page around them handles it.
    bare = client_for(employee).get(url, headers={"HX-Request": "true"})
    assert bare.status_code == 405 and bare.content == b""
