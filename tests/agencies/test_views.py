"""IKU and period pages through the client: who sees what, recording and verifying, forms, query-count pins."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agencies import services
from agencies.models import IndicatorRealisation, Period
from tests.factories import (
    AgencyFactory,
    CoordinatorFactory,
    IndicatorFactory,
    IndicatorRealisationFactory,
    IndicatorTargetFactory,
    PeriodFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def iku(agency, period):
    indicator = IndicatorFactory(
        agency=agency, code="IKU-01", name="Rata-rata waktu penyelesaian KTP-el", direction="lower"
    )
    IndicatorTargetFactory(indicator=indicator, year=period.year, value=Decimal("5"))
    return indicator


@pytest.fixture
def other_iku(other_agency, period):
    indicator = IndicatorFactory(agency=other_agency, code="IKU-09", name="Waktu tunggu pasien")
    IndicatorTargetFactory(indicator=indicator, year=period.year, value=Decimal("30"))
    return indicator


@pytest.fixture
def subset_coordinator(other_agency):
    user = UserFactory(username="coordinator_dinkes")
    CoordinatorFactory(user=user, all_agencies=False).agencies.set([other_agency])
    return user


def iku_codes(response):
    return [row.indicator.code for group in response.context["groups"] for row in group.rows]


# IKU list


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("employee", ["IKU-01"]),
        ("head", ["IKU-01"]),
        ("outsider", ["IKU-09"]),
        ("coordinator", ["IKU-01", "IKU-09"]),
        ("subset_coordinator", ["IKU-09"]),
        ("admin_user", ["IKU-01", "IKU-09"]),
    ],
)
def test_the_iku_list_shows_the_agencies_each_person_may_see(request, client_for, iku, other_iku, person, expected):
    response = client_for(request.getfixturevalue(person)).get(reverse("agencies:iku_list"))
    assert response.status_code == 200
    assert sorted(iku_codes(response)) == expected


def test_a_user_without_an_employee_record_sees_no_agencies(client_for, iku):
    response = client_for(UserFactory()).get(reverse("agencies:iku_list"))
    assert iku_codes(response) == [] and "No agencies to show." in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, iku):
    response = client.get(reverse("agencies:iku_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_list_shows_capped_achievement_with_the_raw_value_and_status(client_for, employee, iku, period):
    IndicatorRealisationFactory(indicator=iku, period=period, value=Decimal("2"))  # (2 - 2/5) × 100 = 160 %
    content = client_for(employee).get(reverse("agencies:iku_list")).content.decode()
    assert 'class="badge green"' in content
    assert "120 %" in content and "uncapped 160 %" in content


def test_large_and_fractional_figures_read_as_numbers_in_the_reader_s_language(client_for, employee, agency, period):
    indicator = IndicatorFactory(agency=agency, code="IKU-03", name="Dokumen kependudukan terbit")
    IndicatorTargetFactory(indicator=indicator, year=period.year, value=Decimal("12000"))
    IndicatorRealisationFactory(indicator=indicator, period=period, value=Decimal("10500.5"))
    reader = client_for(employee)
    english = reader.get(reverse("agencies:iku_list")).content.decode()
    reader.cookies["django_language"] = "id"
    indonesian = reader.get(reverse("agencies:iku_list")).content.decode()
    assert "12,000" in english and "10,500.5" in english
    assert "12.000" in indonesian and "10.500,5" in indonesian


def test_the_latest_realisation_is_measured_against_its_own_years_target(client_for, employee, iku, period):
    earlier = PeriodFactory(year=2025)
    IndicatorTargetFactory(indicator=iku, year=2025, value=Decimal("10"))
    IndicatorRealisationFactory(indicator=iku, period=earlier, value=Decimal("10"))
    response = client_for(employee).get(reverse("agencies:iku_list"))
    row = response.context["groups"][0].rows[0]
    assert row.latest.period == earlier and row.achievement.raw == Decimal("100.00")
    assert row.target.year == period.year


def test_coordinators_can_filter_by_agency_and_htmx_gets_only_the_groups(client_for, coordinator, iku, other_iku):
    url = reverse("agencies:iku_list")
    response = client_for(coordinator).get(url, {"agency": other_iku.agency_id}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "IKU-09" in content and "IKU-01" not in content
    assert content.lstrip().startswith('<div id="iku-groups">') and "<html" not in content


def test_employees_cannot_widen_their_view_with_the_agency_filter(client_for, employee, iku, other_iku):
    response = client_for(employee).get(reverse("agencies:iku_list"), {"agency": other_iku.agency_id})
    assert iku_codes(response) == ["IKU-01"]
    assert b'id="agency-filter"' not in response.content


def test_a_subset_coordinator_cannot_filter_outside_their_scope(client_for, subset_coordinator, iku):
    response = client_for(subset_coordinator).get(reverse("agencies:iku_list"), {"agency": iku.agency_id})
    assert iku_codes(response) == []


def test_the_iku_list_query_count_does_not_grow_with_agencies_or_indicators(
    client_for, coordinator, period, django_assert_num_queries, django_assert_max_num_queries
):
    def populate(count):
        for _ in range(count):
            agency = AgencyFactory()
            for _ in range(3):
                indicator = IndicatorFactory(agency=agency)
                IndicatorTargetFactory(indicator=indicator, year=period.year)
                IndicatorRealisationFactory(indicator=indicator, period=period)

    client = client_for(coordinator)
    populate(2)
    client.get(reverse("agencies:iku_list"))  # warm the session
    with django_assert_max_num_queries(15) as small:
        client.get(reverse("agencies:iku_list"))
    small_count = len(small.captured_queries)  # read now: the next request empties the query log
    populate(8)
    client.get(reverse("agencies:iku_list"))  # new agencies renew the cached identity (agencies/identity.py)
    with django_assert_num_queries(small_count):
        response = client.get(reverse("agencies:iku_list"))
    assert len(iku_codes(response)) == 30


# IKU detail, recording, verifying


def test_the_detail_shows_definition_targets_realisations_and_a_trend(client_for, employee, iku, period, head):
    q1 = PeriodFactory(
        year=2026,
        kind="quarterly",
        name="Triwulan I 2026",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 3, 31),
        plan_due=datetime.date(2026, 1, 15),
    )
    q2 = PeriodFactory(
        year=2026,
        kind="quarterly",
        name="Triwulan II 2026",
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2026, 6, 30),
        plan_due=datetime.date(2026, 4, 15),
    )
    IndicatorRealisationFactory(indicator=iku, period=q1, value=Decimal("6"), entered_by=head.user)
    IndicatorRealisationFactory(indicator=iku, period=q2, value=Decimal("4.5"), entered_by=head.user)
    response = client_for(employee).get(reverse("agencies:iku_detail", args=[iku.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Lower is better" in content and "(2 − realisation ÷ target) × 100 %" in content
    assert "Triwulan I 2026" in content and "Triwulan II 2026" in content
    assert '<svg class="sparkline"' in content and "<polyline" in content
    assert [row.achievement.raw for row in response.context["history"].rows] == [Decimal("80.00"), Decimal("110.00")]
    assert response.context["form"] is None  # a staff member only reads


def test_the_detail_lists_a_years_figure_after_its_last_quarter_each_with_its_unit(client_for, employee, iku, period):
    quarters = [
        PeriodFactory(year=2026, kind="quarterly", name=f"Triwulan {name} 2026", starts_on=start, ends_on=end)
        for name, start, end in (
            ("IV", datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
            ("I", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
        )
    ]
    for each in (period, *quarters):  # `period` is the year 2026
        IndicatorRealisationFactory(indicator=iku, period=each, value=Decimal("4"))
    response = client_for(employee).get(reverse("agencies:iku_detail", args=[iku.pk]))
    names = [row.realisation.period.name for row in response.context["history"].rows]
    assert names == ["Triwulan I 2026", "Triwulan IV 2026", period.name]
    assert f'data-label="Target">5 {iku.unit_of_measure}</td>' in response.content.decode()


def test_the_detail_of_another_agencys_iku_is_not_found(
    client_for, employee, outsider, other_iku, subset_coordinator, iku
):
    assert client_for(employee).get(reverse("agencies:iku_detail", args=[other_iku.pk])).status_code == 404
    assert client_for(subset_coordinator).get(reverse("agencies:iku_detail", args=[iku.pk])).status_code == 404
    assert client_for(employee).get(reverse("agencies:iku_detail", args=[999999])).status_code == 404


def test_the_detail_query_count_does_not_grow_with_realisations(client_for, head, iku, django_assert_max_num_queries):
    client = client_for(head)
    for month in range(1, 13):
        period = PeriodFactory(
            kind="monthly",
            name=f"Bulan {month}",
            starts_on=datetime.date(2026, month, 1),
            ends_on=datetime.date(2026, month, 28),
            plan_due=datetime.date(2026, month, 5),
            evaluation_due=datetime.date(2026, month, 28),
        )
        IndicatorRealisationFactory(indicator=iku, period=period, entered_by=head.user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("agencies:iku_detail", args=[iku.pk]))
    assert len(response.context["history"].rows) == 12


def record(client, indicator, period, value="4", note="Laporan SIAK"):
    return client.post(
        reverse("agencies:realisation_record", args=[indicator.pk]),
        {"period": period.pk, "value": value, "evidence_note": note},
    )


def test_the_agency_head_records_a_realisation(client_for, head, iku, period):
    response = record(client_for(head), iku, period)
    assert response.status_code == 302
    realisation = IndicatorRealisation.objects.get()
    assert (realisation.value, realisation.entered_by, realisation.evidence_note) == (4, head.user, "Laporan SIAK")


@pytest.mark.parametrize("person", ["coordinator", "admin_user"])
def test_coordinators_and_admins_record_realisations(request, client_for, iku, period, person):
    assert record(client_for(request.getfixturevalue(person)), iku, period).status_code == 302
    assert IndicatorRealisation.objects.count() == 1


@pytest.mark.parametrize("person", ["employee", "supervisor"])
def test_staff_and_supervisors_may_not_record_realisations(request, client_for, iku, period, person):
    assert record(client_for(request.getfixturevalue(person)), iku, period).status_code == 403
    assert not IndicatorRealisation.objects.exists()


def test_people_outside_the_agency_get_not_found_when_recording(client_for, outsider, subset_coordinator, iku, period):
    assert record(client_for(outsider), iku, period).status_code == 404
    assert record(client_for(subset_coordinator), iku, period).status_code == 404
    assert not IndicatorRealisation.objects.exists()


def test_a_bad_realisation_re_renders_the_form_with_errors_and_keeps_the_input(client_for, head, iku, period):
    response = record(client_for(head), iku, period, value="-3", note="keep me")
    assert response.status_code == 200
    form = response.context["form"]
    assert "value" in form.errors and form["evidence_note"].value() == "keep me"
    assert "keep me" in response.content.decode()
    assert not IndicatorRealisation.objects.exists()


def test_recording_is_post_only_and_a_reload_goes_back_to_the_indicator(client_for, head, iku):
    url = reverse("agencies:realisation_record", args=[iku.pk])
    reload = client_for(head).get(url)  # e.g. reloading the form shown again with its errors
    assert reload.status_code == 302 and reload["Location"] == reverse("agencies:iku_detail", args=[iku.pk])
    assert client_for(head).put(url).status_code == 405


def test_verifying_needs_someone_other_than_the_person_who_entered_it(client_for, head, coordinator, iku, period):
    realisation = services.record_realisation(indicator=iku, period=period, value=4, by=head.user)
    url = reverse("agencies:realisation_verify", args=[realisation.pk])
    response = client_for(head).post(url, follow=True)
    assert "cannot verify" in response.content.decode()
    realisation.refresh_from_db()
    assert realisation.verified_by is None
    assert client_for(coordinator).post(url).status_code == 302
    realisation.refresh_from_db()
    assert realisation.verified_by == coordinator
    first = realisation.verified_at
    assert client_for(coordinator).post(url).status_code == 302  # a second click is harmless
    realisation.refresh_from_db()
    assert realisation.verified_at == first


def test_the_verify_button_shows_only_to_those_who_may_use_it(client_for, head, coordinator, employee, iku, period):
    services.record_realisation(indicator=iku, period=period, value=4, by=head.user)
    url = reverse("agencies:iku_detail", args=[iku.pk])
    assert b">Verify</button>" in client_for(coordinator).get(url).content
    assert b">Verify</button>" not in client_for(head).get(url).content
    assert b">Verify</button>" not in client_for(employee).get(url).content


def test_staff_and_outsiders_cannot_verify(client_for, head, employee, outsider, iku, period):
    realisation = services.record_realisation(indicator=iku, period=period, value=4, by=head.user)
    url = reverse("agencies:realisation_verify", args=[realisation.pk])
    assert client_for(employee).post(url).status_code == 403
    assert client_for(outsider).post(url).status_code == 404
    realisation.refresh_from_db()
    assert realisation.verified_by is None


# Periods


@pytest.mark.parametrize("person", ["employee", "supervisor", "head", "outsider"])
def test_only_coordinators_and_admins_manage_periods(request, client_for, period, person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("agencies:period_list")).status_code == 403
    assert client.get(reverse("agencies:period_create")).status_code == 403
    assert client.get(reverse("agencies:period_edit", args=[period.pk])).status_code == 403
    assert client.post(reverse("agencies:period_create"), period_post()).status_code == 403
    assert Period.objects.count() == 1


@pytest.mark.parametrize("person", ["coordinator", "admin_user"])
def test_coordinators_and_admins_see_the_period_list(request, client_for, period, person):
    response = client_for(request.getfixturevalue(person)).get(reverse("agencies:period_list"))
    assert response.status_code == 200 and period.name in response.content.decode()


def period_post(**changes):
    data = {
        "name": "Tahunan 2027",
        "year": "2027",
        "kind": "annual",
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "plan_due": "2027-01-31",
        "evaluation_due": "2028-01-10",
        "status": "planning",
    }
    return data | changes


def test_a_coordinator_creates_a_period(client_for, coordinator):
    response = client_for(coordinator).post(reverse("agencies:period_create"), period_post())
    assert response.status_code == 302
    assert Period.objects.get().plan_due == datetime.date(2027, 1, 31)


def test_an_overlapping_period_is_refused_on_the_form_and_the_input_is_kept(client_for, coordinator, period):
    data = period_post(
        name="Tumpang tindih",
        year="2026",
        starts_on="2026-07-01",
        ends_on="2027-06-30",
        plan_due="2026-07-31",
        evaluation_due="2027-07-10",
    )
    response = client_for(coordinator).post(reverse("agencies:period_create"), data)
    assert response.status_code == 200
    assert "overlaps" in str(response.context["form"].errors["starts_on"])
    assert 'value="Tumpang tindih"' in response.content.decode()
    assert Period.objects.count() == 1


def test_a_quarter_inside_the_annual_period_is_allowed(client_for, coordinator, period):
    data = period_post(
        name="Triwulan I 2026",
        year="2026",
        kind="quarterly",
        starts_on="2026-01-01",
        ends_on="2026-03-31",
        plan_due="2026-01-15",
        evaluation_due="2026-04-10",
    )
    assert client_for(coordinator).post(reverse("agencies:period_create"), data).status_code == 302
    assert Period.objects.count() == 2


def test_editing_a_period_keeps_it_from_clashing_with_itself(client_for, coordinator, period):
    data = period_post(
        name=period.name,
        year="2026",
        starts_on="2026-01-01",
        ends_on="2026-12-31",
        plan_due="2026-02-15",
        evaluation_due="2027-01-10",
        status="running",
    )
    response = client_for(coordinator).post(reverse("agencies:period_edit", args=[period.pk]), data)
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.plan_due == datetime.date(2026, 2, 15)


def test_editing_a_missing_period_is_not_found(client_for, coordinator):
    assert client_for(coordinator).get(reverse("agencies:period_edit", args=[424242])).status_code == 404


def test_the_period_list_has_an_edit_link_per_row(client_for, admin_user, period):
    content = client_for(admin_user).get(reverse("agencies:period_list")).content.decode()
    assert reverse("agencies:period_edit", args=[period.pk]) in content


@pytest.mark.parametrize(("person", "sees_periods"), [("employee", False), ("coordinator", True), ("admin_user", True)])
def test_the_menu_links_iku_for_everyone_who_may_see_it_and_periods_for_managers(
    request, client_for, period, person, sees_periods
):
    content = client_for(request.getfixturevalue(person)).get(reverse("agencies:iku_list")).content.decode()
    assert f'href="{reverse("agencies:iku_list")}"' in content
    assert (f'href="{reverse("agencies:period_list")}"' in content) is sees_periods
