"""`manage.py seed_demo`: the demo kabupaten, its fixed accounts, and the scaled-up organisation for benchmarks."""

import datetime
import io
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from agencies.achievement import achievement_for
from agencies.demo import DEFAULT_SEEDERS, DEMO_ACCOUNTS, DEMO_PASSWORD
from agencies.demo.bulk import MAX_AGENCIES, MAX_PER_AGENCY, MAX_PER_EXTRA_AGENCY, identity_key
from agencies.demo.identity import SLOTS, bulk_identity
from agencies.models import (
    Agency,
    Coordinator,
    Employee,
    EmployeeType,
    Indicator,
    IndicatorRealisation,
    IndicatorTarget,
    Period,
    PositionType,
    Unit,
)
from agencies.nip import validate_nip
from agencies.roles import roles_for

DEMO_AGENCY_CODES = {"DUKCAPIL", "DINKES", "DPMPTSP", "DISDIK", "BKPSDM"}
CONFIGURED_SEEDERS = list(settings.KINERJA_DEMO_SEEDERS)


@pytest.fixture(autouse=True)
def _agencies_step_only(settings):
    # Later steps (e.g. workflow's demo plans) are tested by their apps; one test below runs them all together.
    settings.KINERJA_DEMO_SEEDERS = DEFAULT_SEEDERS


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", force=True, stdout=out, **options)
    return out.getvalue()


def user(username):
    return get_user_model().objects.get(username=username)


def role_flags(roles) -> set[str]:
    flags = {
        "employee": roles.is_employee,
        "supervisor": roles.is_supervisor,
        "head": roles.is_head,
        "coordinator": roles.is_coordinator,
        "administrator": roles.is_administrator,
    }
    return {name for name, present in flags.items() if present}


def table_counts() -> dict:
    models = (get_user_model(), Agency, Unit, Employee, Coordinator, Period, Indicator, IndicatorTarget)
    counts = {model.__name__: model.objects.count() for model in models}
    counts["IndicatorRealisation"] = IndicatorRealisation.objects.count()
    return counts


def supervisor_nips() -> dict:
    return dict(Employee.objects.values_list("nip", "supervisor__nip"))


@pytest.fixture
def seeded(db):
    seed()


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.username)
def test_every_fixed_account_has_the_roles_the_readme_promises(seeded, account):
    assert role_flags(roles_for(user(account.username))) == set(account.roles)


def test_the_demo_reporting_lines_match_the_documented_trios(seeded):
    pegawai, pegawai2 = Employee.objects.get(user__username="pegawai"), Employee.objects.get(user__username="pegawai2")
    assert pegawai.supervisor.user.username == pegawai2.supervisor.user.username == "atasan"
    assert pegawai.supervisor.supervisor.user.username == "kepala.dukcapil"
    assert pegawai.agency.code == "DUKCAPIL"
    assert Agency.objects.get(code="DUKCAPIL").head.user.username == "kepala.dukcapil"
    nurse = Employee.objects.get(user__username="pegawai.dinkes")
    assert nurse.supervisor.user.username == "atasan.dinkes"
    assert nurse.supervisor.supervisor.user.username == "kepala.dinkes"
    assert nurse.unit.name == "Puskesmas Sleman"
    coordinator = Employee.objects.get(user__username="koordinator")
    assert coordinator.agency.code == "BKPSDM"
    assert roles_for(coordinator.user).coordinated_agency_ids() is None  # every agency


def test_the_demo_kabupaten_has_the_agencies_of_the_domain_notes_with_two_puskesmas(seeded):
    assert set(Agency.objects.values_list("code", flat=True)) == DEMO_AGENCY_CODES
    assert set(Agency.objects.values_list("time_zone", flat=True)) == {"Asia/Jakarta"}
    assert not Agency.objects.filter(head__isnull=True).exists()
    puskesmas = Unit.objects.filter(agency__code="DINKES", kind="puskesmas")
    assert set(puskesmas.values_list("name", flat=True)) == {"Puskesmas Sleman", "Puskesmas Depok"}
    assert Unit.objects.filter(agency__code="DUKCAPIL", parent__name="Sekretariat").count() == 2


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.username)
def test_every_fixed_account_logs_in_with_the_demo_password(seeded, client, account):
    response = client.post(reverse("login"), {"username": account.username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user(account.username).pk)


def test_a_wrong_password_does_not_log_in(seeded, client):
    response = client.post(reverse("login"), {"username": "pegawai", "password": "wrong-password"})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_the_readme_documents_every_fixed_account_and_the_password():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    for account in DEMO_ACCOUNTS:
        assert f"`{account.username}`" in readme
    assert DEMO_PASSWORD in readme


def test_every_seeded_nip_is_valid_and_a_few_people_are_pppk(seeded):
    employees = list(Employee.objects.values_list("nip", "employee_type"))
    for nip, employee_type in employees:
        validate_nip(nip, employee_type=employee_type)
    assert Counter(employee_type for _, employee_type in employees)[EmployeeType.PPPK] >= 2


def test_names_carry_academic_titles(seeded):
    assert Employee.objects.filter(front_title="dr.", agency__code="DINKES").exists()
    assert Employee.objects.filter(front_title__in=["Drs.", "Dra.", "Ir."]).exists()
    assert Employee.objects.get(user__username="kepala.dukcapil").full_name == "Drs. Bambang Wisnu Nugroho, M.Si."


def test_a_second_run_creates_nothing_and_says_so(seeded):
    before = table_counts()
    output = seed()
    assert table_counts() == before
    assert "nothing was missing" in output


def test_running_every_configured_step_twice_creates_nothing_the_second_time(db, settings):
    settings.KINERJA_DEMO_SEEDERS = CONFIGURED_SEEDERS
    seed()
    before = table_counts()
    seed()
    assert table_counts() == before


def test_the_periods_are_last_year_closed_this_year_running_and_this_years_quarters(db, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 8, 15))
    seed()
    previous = Period.objects.get(kind="annual", year=2025)
    current = Period.objects.get(kind="annual", year=2026)
    assert (previous.status, current.status) == ("closed", "running")
    assert (current.plan_due, current.evaluation_due) == (datetime.date(2026, 1, 31), datetime.date(2027, 1, 10))
    quarters = Period.objects.filter(kind="quarterly", year=2026).order_by("starts_on")
    assert [q.status for q in quarters] == ["closed", "closed", "running", "planning"]
    assert quarters[2].starts_on == datetime.date(2026, 7, 1) and quarters[2].ends_on == datetime.date(2026, 9, 30)


def test_only_completed_quarters_have_realisations(db, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 8, 15))
    seed()
    current_quarters = IndicatorRealisation.objects.filter(period__kind="quarterly", period__year=2026)
    assert set(current_quarters.values_list("period__name", flat=True)) == {"Triwulan I 2026", "Triwulan II 2026"}
    assert not IndicatorRealisation.objects.filter(period__kind="annual", period__year=2026).exists()


def test_each_agency_has_iku_with_targets_for_both_years_and_verified_realisations(seeded):
    year = timezone.localdate().year
    for agency in Agency.objects.all():
        indicators = Indicator.objects.filter(agency=agency)
        assert indicators.count() >= 2, agency.code
        for indicator in indicators:
            assert set(indicator.targets.values_list("year", flat=True)) == {year - 1, year}
            realisations = indicator.realisations.select_related("period")
            assert realisations.filter(period__year=year - 1).count() == 5  # four quarters and the year
            assert realisations.filter(entered_by__isnull=False, verified_by__isnull=False).exists()
            for realisation in realisations:
                assert realisation.evidence_note
                assert realisation.period.ends_on < timezone.localtime(realisation.entered_at).date()
                if realisation.verified_at:
                    assert realisation.entered_at < realisation.verified_at


def test_the_iku_cover_lower_is_better_and_a_range_target(seeded):
    completion = Indicator.objects.get(agency__code="DUKCAPIL", code="IKU-01")
    assert completion.direction == "lower" and completion.unit_of_measure == "hari"
    assert Indicator.objects.get(agency__code="DINKES", code="IKU-01").direction == "lower"
    assert "IKM" in Indicator.objects.get(agency__code="DINKES", code="IKU-02").name
    range_target = IndicatorTarget.objects.get(indicator__agency__code="BKPSDM", indicator__code="IKU-02", year=2026)
    assert (range_target.value, range_target.upper_value) == (80, 90)


def test_the_numbers_tell_a_story_dukcapil_gets_faster_and_last_year_shows_every_colour(seeded):
    year = timezone.localdate().year
    completion = Indicator.objects.get(agency__code="DUKCAPIL", code="IKU-01")
    quarterly = completion.realisations.filter(period__kind="quarterly").order_by("period__starts_on")
    values = [float(realisation.value) for realisation in quarterly]
    assert values[0] > 7 and values == sorted(values, reverse=True)
    statuses = Counter()
    for realisation in IndicatorRealisation.objects.filter(period__year=year - 1).select_related("indicator"):
        target = realisation.indicator.targets.get(year=year - 1)
        statuses[achievement_for(realisation.indicator, realisation=realisation.value, target=target).status] += 1
    assert statuses["green"] and statuses["amber"] and statuses["red"]


def test_reporting_lines_have_no_cycles_and_stay_inside_the_agency(db):
    seed(employees=300)
    parents = dict(Employee.objects.values_list("pk", "supervisor_id"))
    agency_of = dict(Employee.objects.values_list("pk", "agency_id"))
    for pk in parents:
        seen, current = set(), pk
        while parents[current] is not None:
            assert current not in seen, f"cycle through employee {pk}"
            seen.add(current)
            assert agency_of[parents[current]] == agency_of[pk]
            current = parents[current]
        assert Agency.objects.filter(head_id=current).exists(), "every chain ends at an agency head"


def test_employees_300_gives_300_employees_in_a_head_administrator_pengawas_staff_tree(db):
    output = seed(employees=300)
    assert Employee.objects.count() == 300
    assert set(Agency.objects.values_list("code", flat=True)) == DEMO_AGENCY_CODES
    heads = set(Agency.objects.values_list("head_id", flat=True))
    assert not Employee.objects.filter(supervisor__isnull=True).exclude(pk__in=heads).exists()
    assert not Employee.objects.filter(pk__in=heads, supervisor__isnull=False).exists()
    spans = Counter(Employee.objects.exclude(supervisor=None).values_list("supervisor_id", flat=True))
    assert max(spans.values()) <= 10
    expected_boss = {
        PositionType.ADMINISTRATOR: {PositionType.JPT},
        PositionType.PENGAWAS: {PositionType.JPT, PositionType.ADMINISTRATOR},
        PositionType.PELAKSANA: {PositionType.ADMINISTRATOR, PositionType.PENGAWAS},
        PositionType.FUNGSIONAL: {PositionType.ADMINISTRATOR, PositionType.PENGAWAS},
    }
    pairs = Employee.objects.exclude(supervisor=None).values_list("position_type", "supervisor__position_type")
    for position_type, boss_type in pairs:
        assert boss_type in expected_boss[position_type]
    bulk = Employee.objects.exclude(user__username__in=[account.username for account in DEMO_ACCOUNTS])
    assert bulk.filter(employee_type=EmployeeType.PPPK).exists()
    assert not Employee.objects.filter(unit__isnull=True).exclude(pk__in=heads).exists()
    assert "employees: 300 created" in output


def test_bulk_employees_log_in_with_their_nip_and_the_demo_password(db, client):
    seed(employees=60)
    person = Employee.objects.filter(position_type=PositionType.PENGAWAS).exclude(user__username__contains=".").first()
    assert person.user.username == person.nip
    response = client.post(reverse("login"), {"username": person.nip, "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_a_larger_n_adds_only_the_missing_people_and_moves_nobody(db):
    seed(employees=300)
    before = supervisor_nips()
    seed(employees=450)
    after = supervisor_nips()
    assert len(after) == 450
    assert {nip: after[nip] for nip in before} == before
    assert "nothing was missing" in seed(employees=450)
    assert Employee.objects.count() == 450


def test_agencies_option_spreads_the_employees_over_the_other_opd_of_the_kabupaten(db):
    seed(employees=1200, agencies=12)
    assert Agency.objects.count() == 12
    assert Employee.objects.count() == 1200
    setda = Agency.objects.get(code="SETDA")
    assert setda.head.position_title == "Sekretaris Daerah"
    assert setda.units.filter(name="Sekretariat").exists()
    assert set(setda.indicators.values_list("code", flat=True)) == {"IKU-01", "IKU-02"}
    assert not Agency.objects.filter(head__isnull=True).exists()


def test_a_province_spreads_its_people_over_more_than_a_hundred_agencies(db):
    seed(employees=900, agencies=120)
    assert Agency.objects.count() == 120
    assert Employee.objects.count() == 900
    beyond_the_hundredth = Agency.objects.order_by("pk")[100:]
    assert all(agency.employees.count() >= 5 for agency in beyond_the_hundredth)
    assert not Agency.objects.filter(head__isnull=True).exists()


def test_identity_keys_of_the_first_hundred_agencies_never_change_and_no_two_people_share_one():
    # A database seeded when there were at most 100 agencies must get the very same people again.
    assert identity_key(7, 1234) == 1234 * 100 + 7
    keys = [identity_key(ordinal, position) for ordinal in (0, 99) for position in range(0, MAX_PER_AGENCY, 7)]
    keys += [
        identity_key(ordinal, position)
        for ordinal in range(100, MAX_AGENCIES)
        for position in range(0, MAX_PER_EXTRA_AGENCY, 37)
    ]
    keys += [identity_key(ordinal, MAX_PER_EXTRA_AGENCY - 1) for ordinal in range(100, MAX_AGENCIES)]
    assert len(set(keys)) == len(keys)
    assert max(keys) < SLOTS


def test_bulk_seeding_inserts_in_batches_rather_than_row_by_row(db):
    seed()
    with CaptureQueriesContext(connection) as small:
        seed(employees=200, agencies=5)
    with CaptureQueriesContext(connection) as large:
        seed(employees=2000, agencies=5)
    assert Employee.objects.count() == 2000
    # 1,800 more employees, users and their units cost a few dozen more INSERTs (the backend's batch size), not 3,600+.
    assert len(large.captured_queries) - len(small.captured_queries) < 1800 / 20


@given(key=st.integers(min_value=0, max_value=SLOTS - 1), position_type=st.sampled_from(PositionType.values))
def test_generated_identities_have_valid_nips(key, position_type):
    identity = bulk_identity(key, position_type=position_type)
    validate_nip(identity.nip, employee_type=identity.employee_type)
    assert identity.nip[14] == str(identity.gender)


def test_generated_nips_are_unique_across_a_large_sample():
    types = PositionType.values
    keys = range(0, SLOTS, 127)
    nips = [bulk_identity(key, position_type=types[key % len(types)]).nip for key in keys]
    assert len(set(nips)) == len(nips)


def test_seeding_refuses_to_publish_demo_passwords_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not Employee.objects.exists()


def test_agencies_without_employees_is_rejected(db):
    with pytest.raises(CommandError):
        seed(agencies=10)


seen_by_extra_step = []


def extra_step(context):
    """A later seeding step, as another app would add through KINERJA_DEMO_SEEDERS."""
    seen_by_extra_step.append(sorted(context.shared["people"])[:1] + [Employee.objects.count()])


def test_extra_seeding_steps_from_settings_run_after_the_agencies_step(db, settings):
    settings.KINERJA_DEMO_SEEDERS = ["agencies.demo.seed", "tests.agencies.test_seed_demo.extra_step"]
    seen_by_extra_step.clear()
    seed()
    assert seen_by_extra_step == [["bkpsdm.kabid.mutasi", Employee.objects.count()]]
