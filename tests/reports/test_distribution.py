"""The kurva distribusi: each organisation predikat's guideline, the rounding policy for small units, flagged
agencies, the organisation predikat set by a coordinator and the override with a written justification."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from reports.guideline import SE_3_2023, allowed_count, check_rules
from reports.models import AgencyPredikat, DistributionOverride, DistributionRule, OrganisationPredikat
from reports.selectors import rules_for_year
from tests.factories import EmployeeFactory, PlanFactory

pytestmark = pytest.mark.django_db

SB, B, BP, K, SK = "SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"


def counts(**numbers):
    return {code: numbers.get(code, 0) for code in (SB, B, BP, K, SK)}


def failing(organisation, by_predikat, year=2026):
    return [
        check.description
        for check in check_rules(rules_for_year(year)[organisation], by_predikat=by_predikat)
        if not check.ok
    ]


def test_the_data_migration_seeds_every_line_of_se_menpanrb_3_2023():
    rules = rules_for_year(2026)
    assert set(rules) == set(SE_3_2023)
    for organisation, lines in SE_3_2023.items():
        stored = [(rule.predikats, rule.bound, int(rule.percent)) for rule in rules[organisation]]
        assert stored == [(codes, bound, percent) for codes, bound, percent in lines]


@pytest.mark.parametrize(
    ("organisation", "within", "over"),
    [
        ("ISTIMEWA", counts(SANGAT_BAIK=7, BAIK=3), counts(SANGAT_BAIK=8, BAIK=2)),
        ("BAIK", counts(BAIK=7, SANGAT_BAIK=2, KURANG=1), counts(BAIK=7, SANGAT_BAIK=3)),
        ("BAIK", counts(BAIK=7, SANGAT_BAIK=2, BUTUH_PERBAIKAN=1), counts(BAIK=8, BUTUH_PERBAIKAN=2)),
        ("BUTUH_PERBAIKAN", counts(BUTUH_PERBAIKAN=6, SANGAT_BAIK=1, BAIK=3), counts(BUTUH_PERBAIKAN=5, BAIK=5)),
        ("BUTUH_PERBAIKAN", counts(BUTUH_PERBAIKAN=6, BAIK=4), counts(BUTUH_PERBAIKAN=6, SANGAT_BAIK=2, BAIK=2)),
        ("KURANG", counts(KURANG=6, BUTUH_PERBAIKAN=1, BAIK=3), counts(KURANG=6, BAIK=4)),
        ("KURANG", counts(KURANG=6, BUTUH_PERBAIKAN=1, SANGAT_BAIK=1, BAIK=2), counts(KURANG=5, BUTUH_PERBAIKAN=5)),
        ("SANGAT_KURANG", counts(SANGAT_KURANG=6, KURANG=1, BAIK=3), counts(SANGAT_KURANG=6, BAIK=4)),
        (
            "SANGAT_KURANG",
            counts(SANGAT_KURANG=6, BUTUH_PERBAIKAN=1, BAIK=3),
            counts(SANGAT_KURANG=6, KURANG=3, SANGAT_BAIK=1),
        ),
    ],
)
def test_each_organisation_predikat_has_its_guideline(organisation, within, over):
    assert failing(organisation, within) == []
    assert failing(organisation, over) != []


def test_small_units_round_minimums_up_and_maximums_down():
    assert allowed_count(bound="at_most", percent=10, rated=5) == 0
    assert allowed_count(bound="at_least", percent=10, rated=5) == 1
    assert allowed_count(bound="at_least", percent=60, rated=4) == 3
    assert allowed_count(bound="at_most", percent=70, rated=3) == 2
    assert allowed_count(bound="some", percent=0, rated=3) == 1
    # Five people in a "Butuh Perbaikan" agency: one Sangat Baik is already over the guideline (0 allowed).
    assert failing("BUTUH_PERBAIKAN", counts(BUTUH_PERBAIKAN=3, BAIK=1, SANGAT_BAIK=1)) == ["at most 10 % Very good"]
    assert failing("BUTUH_PERBAIKAN", counts(BUTUH_PERBAIKAN=3, BAIK=2)) == []
    assert failing("ISTIMEWA", counts()) == []  # nobody rated yet: nothing to flag


def test_a_later_years_rules_replace_the_earlier_set_from_that_year_on():
    DistributionRule.objects.create(
        year=2027, organisation_predikat="ISTIMEWA", predikats=SB, bound="at_most", percent=50
    )
    assert [rule.percent for rule in rules_for_year(2027)["ISTIMEWA"]] == [50]
    assert "BAIK" not in rules_for_year(2027)
    assert [int(rule.percent) for rule in rules_for_year(2026)["ISTIMEWA"]] == [70]


def rated_plans(agency, period, **numbers):
    for code, n in numbers.items():
        for _ in range(n):
            PlanFactory(employee=EmployeeFactory(agency=agency), period=period, stage="done", predikat=code)


def test_the_coordinator_sets_the_organisation_predikat_and_agencies_over_the_guideline_are_flagged(
    agency, other_agency, period, coordinator, client_for
):
    rated_plans(agency, period, SANGAT_BAIK=4, BAIK=5, KURANG=1)
    rated_plans(other_agency, period, SANGAT_BAIK=1, BAIK=3)
    client = client_for(coordinator)
    url = reverse("reports:distribution", args=[period.pk])
    for each, predikat in ((agency, "BAIK"), (other_agency, "BUTUH_PERBAIKAN")):
        response = client.post(
            reverse("reports:set_organisation_predikat", args=[period.pk, each.pk]), {"predikat": predikat, "note": ""}
        )
        assert response.status_code == 302
    stored = AgencyPredikat.objects.get(agency=agency, period=period)
    assert (stored.predikat, stored.set_by) == ("BAIK", coordinator)
    response = client.get(url)
    rows = {row.agency_id: row for row in response.context["distribution"]}
    assert rows[agency.pk].by_predikat == counts(SANGAT_BAIK=4, BAIK=5, KURANG=1)
    assert rows[agency.pk].share(SB) == 40.0
    assert not rows[agency.pk].flagged  # 5 Baik of 10 ≤ 7, and there is a Kurang
    assert rows[other_agency.pk].flagged  # needs 3 of 4 Butuh Perbaikan, has none; 1 Sangat Baik > 0 allowed
    assert [row.agency_id for row in response.context["flagged"]] == [other_agency.pk]
    html = response.content.decode()
    assert "1 agency exceeds its guideline" in html and "over the guideline" in html


def test_a_second_choice_of_organisation_predikat_replaces_the_first(agency, period, coordinator, client_for):
    url = reverse("reports:set_organisation_predikat", args=[period.pk, agency.pk])
    client = client_for(coordinator)
    client.post(url, {"predikat": "BAIK"})
    client.post(url, {"predikat": "ISTIMEWA", "note": "Capaian IKU 112 %"})
    stored = AgencyPredikat.objects.get(agency=agency, period=period)
    assert (stored.predikat, stored.note) == ("ISTIMEWA", "Capaian IKU 112 %")
    assert AgencyPredikat.objects.count() == 1


def test_an_unknown_organisation_predikat_is_refused_and_nothing_is_stored(agency, period, coordinator, client_for):
    response = client_for(coordinator).post(
        reverse("reports:set_organisation_predikat", args=[period.pk, agency.pk]),
        {"predikat": "LUAR_BIASA"},
        follow=True,
    )
    assert "Choose one of the organisation predikat." in response.content.decode()
    assert not AgencyPredikat.objects.exists()


def test_closing_over_the_guideline_needs_a_written_justification(agency, period, coordinator, client_for):
    rated_plans(agency, period, SANGAT_BAIK=9, BAIK=1)
    client = client_for(coordinator)
    client.post(reverse("reports:set_organisation_predikat", args=[period.pk, agency.pk]), {"predikat": "ISTIMEWA"})
    url = reverse("reports:record_override", args=[period.pk, agency.pk])
    page = client.get(url)
    assert "at most 70 % Very good: 9 (limit 7)" in page.content.decode()
    short = client.post(url, {"justification": "Bagus semua."})
    assert short.status_code == 200 and short.context["form"].errors
    assert "Bagus semua." in short.content.decode()  # the text is kept for correction
    assert not DistributionOverride.objects.exists()
    reason = "Seluruh pegawai mencapai target layanan KTP-el di atas 120 % dengan bukti terverifikasi."
    response = client.post(url, {"justification": reason})
    assert response.status_code == 302
    override = DistributionOverride.objects.get()
    assert (override.justification, override.created_by) == (reason, coordinator)
    assert "9/7" in override.findings
    client.post(url, {"justification": reason + " Diperiksa ulang."})
    assert DistributionOverride.objects.count() == 1
    row = client.get(reverse("reports:distribution", args=[period.pk])).context["distribution"][0]
    assert row.flagged and row.override.justification.endswith("Diperiksa ulang.")


def test_the_overview_warns_about_agencies_over_the_guideline_until_they_are_justified(
    agency, period, coordinator, client_for
):
    rated_plans(agency, period, SANGAT_BAIK=3)
    client = client_for(coordinator)
    client.post(reverse("reports:set_organisation_predikat", args=[period.pk, agency.pk]), {"predikat": "KURANG"})
    overview = client.get(reverse("reports:period_overview", args=[period.pk]))
    assert [row.agency_id for row in overview.context["unjustified"]] == [agency.pk]
    assert "1 agency exceeds its predikat guideline without a written justification" in overview.content.decode()
    reason = "Penilaian ulang oleh tim evaluasi menunjukkan capaian individu di atas target."
    client.post(reverse("reports:record_override", args=[period.pk, agency.pk]), {"justification": reason})
    assert client.get(reverse("reports:period_overview", args=[period.pk])).context["unjustified"] == []


@given(rated=st.integers(min_value=0, max_value=500), percent=st.integers(min_value=0, max_value=100))
def test_the_rounding_policy_is_the_tightest_whole_count_on_the_safe_side(rated, percent):
    most = allowed_count(bound="at_most", percent=percent, rated=rated)
    least = allowed_count(bound="at_least", percent=percent, rated=rated)
    assert most * 100 <= percent * rated < (most + 1) * 100  # floor: never allows more than the share
    assert (least - 1) * 100 < percent * rated <= least * 100  # ceil: never asks for less than the share
    assert 0 <= most <= least <= rated


def test_the_guideline_rules_are_listed_by_rank_not_by_code(admin_user, client_for):
    """The administrators' list of rules reads like the circular: Istimewa first, Sangat Kurang last."""
    assert DistributionRule.objects.exists()  # the SE 3/2023 rules come with the migrations
    response = client_for(admin_user).get(reverse("admin:reports_distributionrule_changelist"))
    listed = [rule.organisation_predikat for rule in response.context["cl"].result_list]
    ranks = [OrganisationPredikat.values.index(code) for code in listed]
    assert ranks == sorted(ranks) and listed[0] == OrganisationPredikat.ISTIMEWA


def test_the_agency_dashboard_shows_a_tile_per_predikat_leading_to_its_plans_and_the_guideline_below(
    agency, period, coordinator, head, client_for
):
    """A one-row table of five columns scrolled sideways on a phone; now a tile per predikat with its count and share,
    each leading to the plans it counts, and the agency's guideline check under them."""
    rated_plans(agency, period, SANGAT_BAIK=4, BAIK=5, KURANG=1)
    client_for(coordinator).post(
        reverse("reports:set_organisation_predikat", args=[period.pk, agency.pk]), {"predikat": "BAIK", "note": ""}
    )
    html = client_for(head).get(reverse("reports:agency_dashboard", args=[period.pk, agency.pk])).content.decode()
    section = html.split("Predikat so far")[1].split('id="guideline-heading"')[0]
    drill = reverse("reports:drill_down", args=[period.pk])
    assert f'href="{drill}?agency={agency.pk}&amp;stage=plans&amp;predikat={SB}">4</a>' in section
    assert '<div class="stat">0' in section  # nobody is Sangat Kurang: a count with no link
    assert section.count('class="stat-label"') == 5
    guideline = html.split('id="guideline-heading"')[1].split("</section>")[0]
    assert "within the guideline" in guideline and "✓" in guideline
