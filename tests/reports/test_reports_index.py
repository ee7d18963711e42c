"""/reports/: one period at a time, chosen at the top; each person finds the dashboards and downloads they may open."""

import re

from django.urls import reverse

INDEX = reverse("reports:index")


def links(page: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', page))


def test_the_running_annual_period_comes_first_and_another_is_chosen_from_the_list(
    coordinator, period, past_period, client_for
):
    client = client_for(coordinator)
    page = client.get(INDEX).content.decode()
    assert f'<option value="{period.pk}" selected>' in page
    assert reverse("reports:recap_pdf", args=[period.pk]) in links(page)
    assert reverse("reports:export", args=[period.pk, "iku", "xlsx"]) in links(page)
    assert reverse("reports:export", args=[past_period.pk, "iku", "xlsx"]) not in links(page)

    chosen = client.get(INDEX, {"period": past_period.pk}).content.decode()
    assert reverse("reports:export", args=[past_period.pk, "iku", "csv"]) in links(chosen)
    assert reverse("reports:period_overview", args=[past_period.pk]) in links(chosen)
    assert reverse("reports:period_overview", args=[period.pk]) not in links(chosen)


def test_an_unknown_period_falls_back_to_the_running_one(coordinator, period, client_for):
    for wrong in ("999999", "abc", "-1", ""):
        response = client_for(coordinator).get(INDEX, {"period": wrong})
        assert response.status_code == 200 and response.context["period"] == period


def test_each_person_finds_what_they_may_open_and_nothing_they_may_not(
    coordinator, head, supervisor, employee, agency, period, client_for
):
    every_link = {
        reverse("reports:period_overview", args=[period.pk]),
        reverse("reports:recap_pdf", args=[period.pk]),
        reverse("reports:export", args=[period.pk, "overview", "csv"]),
        reverse("reports:agency_dashboard", args=[period.pk, agency.pk]),
        reverse("reports:team_dashboard", args=[period.pk]),
        reverse("reports:export", args=[period.pk, "team", "xlsx"]),
    }
    for person in (coordinator, head, supervisor, employee):
        client = client_for(person)
        shown = links(client.get(INDEX).content.decode()) & every_link
        for url in shown:
            assert client.get(url).status_code == 200, (person, url)
    own = {person: links(client_for(person).get(INDEX).content.decode()) & every_link for person in (head, supervisor)}
    assert reverse("reports:agency_dashboard", args=[period.pk, agency.pk]) in own[head]
    assert reverse("reports:export", args=[period.pk, "team", "xlsx"]) in own[supervisor]
    assert reverse("reports:recap_pdf", args=[period.pk]) not in own[head] | own[supervisor]
    # An employee with nobody to supervise: no dashboard, no download, only the citizens' satisfaction.
    employee_page = client_for(employee).get(INDEX).content.decode()
    assert links(employee_page) & every_link == set() and reverse("surveys:results") in links(employee_page)


def test_without_any_period_the_page_says_so(coordinator, client_for):
    page = client_for(coordinator).get(INDEX).content.decode()
    assert "No periods yet." in page and reverse("surveys:results") in page
