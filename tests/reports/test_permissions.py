"""Every reports URL for every persona: coordinator in and out of scope, head of another agency, supervisor,
employee, administrator and anonymous."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoped_coordinator(agency):
    """A coordinator over Dukcapil only."""
    user = UserFactory(username="coordinator_dukcapil")
    CoordinatorFactory(user=user, all_agencies=False).agencies.set([agency])
    return user


def urls(period, agency, other_agency):
    p = period.pk
    return {
        "overview": reverse("reports:period_overview", args=[p]),
        "distribution": reverse("reports:distribution", args=[p]),
        "iku": reverse("reports:iku", args=[p]),
        "list": reverse("reports:drill_down", args=[p]) + "?stage=plans",
        "list_own": reverse("reports:drill_down", args=[p]) + f"?stage=plans&agency={agency.pk}",
        "list_other": reverse("reports:drill_down", args=[p]) + f"?stage=plans&agency={other_agency.pk}",
        "agency_own": reverse("reports:agency_dashboard", args=[p, agency.pk]),
        "agency_other": reverse("reports:agency_dashboard", args=[p, other_agency.pk]),
        "team": reverse("reports:team_dashboard", args=[p]),
        "override_own": reverse("reports:record_override", args=[p, agency.pk]),
        "override_other": reverse("reports:record_override", args=[p, other_agency.pk]),
        "export": reverse("reports:export", args=[p, "overview", "xlsx"]),
        "export_own": reverse("reports:export", args=[p, "actions", "csv"]) + f"?agency={agency.pk}",
        "export_other": reverse("reports:export", args=[p, "actions", "csv"]) + f"?agency={other_agency.pk}",
        "export_team": reverse("reports:export", args=[p, "team", "csv"]),
        "pdf": reverse("reports:recap_pdf", args=[p]),
        "index": reverse("reports:index"),
    }


# persona -> expected status per URL (anything not listed: 200)
EXPECTED = {
    "coordinator": {"team": 403, "export_team": 403},
    "scoped_coordinator": {"list_other": 404, "agency_other": 404, "override_other": 404, "export_other": 404,
                           "team": 403, "export_team": 403},
    "admin_user": {"team": 403, "export_team": 403},
    "head": {"overview": 403, "distribution": 403, "iku": 403, "list_other": 404, "agency_other": 404,
             "override_own": 403, "override_other": 404, "export": 403, "export_other": 404, "pdf": 403},
    "supervisor": {"overview": 403, "distribution": 403, "iku": 403, "list": 403, "list_own": 403, "list_other": 403,
                   "agency_own": 404, "agency_other": 404, "override_own": 404, "override_other": 404, "export": 403,
                   "export_own": 404, "export_other": 404, "pdf": 403},
    "employee": {"overview": 403, "distribution": 403, "iku": 403, "list": 403, "list_own": 403, "list_other": 403,
                 "agency_own": 404, "agency_other": 404, "override_own": 404, "override_other": 404, "export": 403,
                 "export_own": 404, "export_other": 404, "export_team": 403, "team": 403, "pdf": 403},
}  # fmt: skip


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_each_persona_reaches_exactly_its_dashboards(
    request, persona, period, agency, other_agency, head, supervisor, employee, outsider, client_for
):
    client = client_for(request.getfixturevalue(persona))
    for name, url in urls(period, agency, other_agency).items():
        expected = EXPECTED[persona].get(name, 200)
        assert client.get(url).status_code == expected, f"{persona} {name}"


@pytest.mark.parametrize("persona", ["head", "supervisor", "employee", "outsider"])
def test_only_coordinators_set_the_organisation_predikat(request, persona, period, agency, client_for, head):
    client = client_for(request.getfixturevalue(persona))
    response = client.post(
        reverse("reports:set_organisation_predikat", args=[period.pk, agency.pk]), {"predikat": "BAIK"}
    )
    assert response.status_code in (403, 404)
    response = client.post(reverse("reports:record_override", args=[period.pk, agency.pk]), {"justification": "x" * 40})
    assert response.status_code in (403, 404)


def test_a_scoped_coordinator_sees_only_the_agencies_in_scope(
    scoped_coordinator, period, agency, other_agency, client_for
):
    client = client_for(scoped_coordinator)
    rows = client.get(reverse("reports:period_overview", args=[period.pk])).context["overview"].rows
    assert [row.agency_id for row in rows] == [agency.pk]
    response = client.post(
        reverse("reports:set_organisation_predikat", args=[period.pk, other_agency.pk]), {"predikat": "BAIK"}
    )
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(period, agency, other_agency):
    client = Client()
    for name, url in [*urls(period, agency, other_agency).items(), ("dashboard", reverse("reports:dashboard"))]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), name


@pytest.mark.parametrize(
    ("persona", "target"),
    [
        ("coordinator", "reports:period_overview"),
        ("admin_user", "reports:period_overview"),
        ("head", "reports:agency_dashboard"),
        ("supervisor", "reports:team_dashboard"),
        ("employee", "home"),
    ],
)
def test_the_dashboard_url_fits_the_role(request, persona, target, period, agency, head, employee, client_for):
    response = client_for(request.getfixturevalue(persona)).get(reverse("reports:dashboard"))
    args = {"reports:period_overview": [period.pk], "reports:agency_dashboard": [period.pk, agency.pk],
            "reports:team_dashboard": [period.pk], "home": []}[target]  # fmt: skip
    assert response.status_code == 302 and response["Location"] == reverse(target, args=args)


def test_the_nav_shows_dashboard_and_reports_to_those_who_have_one(coordinator, employee, client_for):
    assert b'href="/dashboard/"' in client_for(coordinator).get(reverse("reports:index")).content
    assert b'href="/dashboard/"' not in client_for(employee).get(reverse("reports:index")).content
