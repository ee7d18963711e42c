"""Services: employees (login, NIP, supervisor rules), periods (overlap, deadlines), IKU targets and realisations."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from agencies import services
from agencies.models import Employee, IndicatorRealisation, IndicatorTarget, Period
from tests.factories import AgencyFactory, EmployeeFactory, IndicatorFactory, PeriodFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def make_employee(agency, **kwargs):
    data = {"nip": "19850412 201003 1 001", "name": "Andi Wijaya", "agency": agency, "position_title": "Analis"}
    return services.create_employee(**(data | kwargs))


# Employees


def test_creating_an_employee_creates_a_login_named_by_the_normalised_nip(agency):
    person = make_employee(agency, email="andi@example.go.id", front_title="Dr.", back_title="S.Kom., M.T.")
    assert person.nip == "198504122010031001"
    assert person.user.username == "198504122010031001"
    assert person.user.email == "andi@example.go.id"
    assert not person.user.has_usable_password()
    assert person.full_name == "Dr. Andi Wijaya, S.Kom., M.T."


def test_an_employee_may_get_a_chosen_username_and_password(agency):
    person = make_employee(agency, username="andi", password="a-long-pass-phrase")
    assert person.user.username == "andi"
    assert person.user.check_password("a-long-pass-phrase")


def test_an_invalid_nip_is_refused_and_no_login_is_left_behind(agency):
    with pytest.raises(ValidationError) as caught:
        make_employee(agency, nip="198513122010031001")
    assert "nip" in caught.value.message_dict
    assert not User.objects.exists()
    assert not Employee.objects.exists()


def test_a_taken_username_is_reported_on_the_username(agency):
    UserFactory(username="andi")
    with pytest.raises(ValidationError) as caught:
        make_employee(agency, username="andi")
    assert "username" in caught.value.message_dict
    assert not Employee.objects.exists()


def test_a_pppk_number_is_stored_without_the_pns_date_rules(agency):
    person = make_employee(agency, nip="202101012345678999", employee_type="PPPK")
    assert person.employee_type == "PPPK"


def test_the_unit_must_belong_to_the_employees_agency(agency, other_agency):
    with pytest.raises(ValidationError) as caught:
        make_employee(agency, unit=UnitFactory(agency=other_agency))
    assert "unit" in caught.value.message_dict


def test_an_employee_cannot_supervise_themselves(employee):
    with pytest.raises(ValidationError) as caught:
        services.set_supervisor(employee=employee, supervisor=employee)
    assert "themselves" in str(caught.value)
    employee.refresh_from_db()
    assert employee.supervisor.user.username == "supervisor"


def test_a_supervisor_loop_is_refused_at_any_depth(head, supervisor, employee):
    with pytest.raises(ValidationError) as caught:
        services.set_supervisor(employee=head, supervisor=employee)
    assert "loop" in str(caught.value)
    head.refresh_from_db()
    assert head.supervisor is None


def test_changing_the_supervisor_within_the_tree_is_allowed(head, supervisor, employee, colleague):
    services.set_supervisor(employee=employee, supervisor=head)
    employee.refresh_from_db()
    assert employee.supervisor == head
    services.set_supervisor(employee=employee, supervisor=None)
    employee.refresh_from_db()
    assert employee.supervisor is None


def test_updating_an_employee_also_updates_the_login(employee):
    services.update_employee(employee=employee, email="new@example.go.id", name="Andi W", is_active=False)
    employee.user.refresh_from_db()
    assert employee.user.email == "new@example.go.id"
    assert employee.user.first_name == "Andi"
    assert employee.user.is_active is False


def test_a_head_must_belong_to_the_agency(agency, other_agency, outsider):
    with pytest.raises(ValidationError):
        services.set_agency_head(agency=agency, head=outsider)
    agency.refresh_from_db()
    assert agency.head is None


def test_a_unit_cannot_be_moved_under_its_own_child(agency):
    parent = services.create_unit(agency=agency, code="A", name="Bidang A")
    child = services.create_unit(agency=agency, code="A1", name="Seksi A1", kind="seksi", parent=parent)
    with pytest.raises(ValidationError):
        services.update_unit(unit=parent, parent=child)
    with pytest.raises(ValidationError):
        services.create_unit(agency=AgencyFactory(), code="X", name="Elsewhere", parent=parent)


# Periods


def period_data(**kwargs):
    data = {
        "name": "Tahunan 2027",
        "year": 2027,
        "kind": "annual",
        "starts_on": datetime.date(2027, 1, 1),
        "ends_on": datetime.date(2027, 12, 31),
        "plan_due": datetime.date(2027, 1, 31),
        "evaluation_due": datetime.date(2028, 1, 10),
    }
    return data | kwargs


def test_a_period_is_created_in_planning():
    period = services.create_period(**period_data())
    assert period.status == "planning"


def test_an_overlapping_period_of_the_same_kind_is_refused(period):
    with pytest.raises(ValidationError) as caught:
        services.create_period(
            **period_data(
                name="Overlap",
                year=2026,
                starts_on=datetime.date(2026, 6, 1),
                ends_on=datetime.date(2027, 5, 31),
                plan_due=datetime.date(2026, 6, 30),
            )
        )
    assert "overlaps" in str(caught.value.message_dict["starts_on"])
    assert Period.objects.count() == 1


def test_an_overlapping_period_of_another_kind_is_allowed(period):
    quarter = services.create_period(
        **period_data(
            name="Triwulan I 2026",
            year=2026,
            kind="quarterly",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 3, 31),
            plan_due=datetime.date(2026, 1, 15),
            evaluation_due=datetime.date(2026, 4, 10),
        )
    )
    assert quarter.pk


def test_editing_a_period_does_not_clash_with_itself(period):
    services.update_period(period=period, ends_on=datetime.date(2026, 12, 30), status="evaluating")
    period.refresh_from_db()
    assert (period.ends_on, period.status) == (datetime.date(2026, 12, 30), "evaluating")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_on": datetime.date(2026, 12, 31)}, "ends_on"),
        ({"year": 2028}, "year"),
        ({"plan_due": datetime.date(2026, 12, 1)}, "plan_due"),
        ({"plan_due": datetime.date(2028, 2, 1)}, "plan_due"),
        ({"evaluation_due": datetime.date(2027, 12, 1)}, "evaluation_due"),
    ],
)
def test_inconsistent_dates_are_refused_on_the_field_at_fault(changes, field):
    with pytest.raises(ValidationError) as caught:
        services.create_period(**period_data(**changes))
    assert field in caught.value.message_dict
    assert not Period.objects.exists()


def test_deadline_is_the_end_of_the_day_in_the_agencys_time_zone():
    wib, wit = AgencyFactory(time_zone="Asia/Jakarta"), AgencyFactory(time_zone="Asia/Jayapura")
    day = datetime.date(2027, 1, 31)
    assert services.deadline_at(day, wib) == datetime.datetime(
        2027, 1, 31, 23, 59, 59, 999999, ZoneInfo("Asia/Jakarta")
    )
    assert services.deadline_at(day, wib) - services.deadline_at(day, wit) == datetime.timedelta(hours=2)
    assert services.deadline_at(day, wit).utcoffset() == datetime.timedelta(hours=9)


# IKU


def test_setting_a_target_twice_replaces_it():
    indicator = IndicatorFactory()
    services.set_indicator_target(indicator=indicator, year=2026, value=Decimal("10"))
    target = services.set_indicator_target(
        indicator=indicator, year=2026, value=Decimal("80"), upper_value=Decimal("90")
    )
    assert IndicatorTarget.objects.get() == target
    assert (target.value, target.upper_value) == (Decimal("80"), Decimal("90"))


@pytest.mark.parametrize(
    ("value", "upper"), [(Decimal("0"), None), (Decimal("-1"), None), (Decimal("90"), Decimal("80"))]
)
def test_a_meaningless_target_is_refused(value, upper):
    with pytest.raises(ValidationError):
        services.set_indicator_target(indicator=IndicatorFactory(), year=2026, value=value, upper_value=upper)
    assert not IndicatorTarget.objects.exists()


def test_recording_a_realisation_keeps_who_entered_it(head, period):
    indicator = IndicatorFactory(agency=head.agency)
    realisation = services.record_realisation(
        indicator=indicator, period=period, value=Decimal("9"), evidence_note="Laporan SIAK", by=head.user
    )
    assert (realisation.entered_by, realisation.verified_by) == (head.user, None)
    assert realisation.entered_at is not None


def test_a_negative_realisation_is_refused(head, period):
    with pytest.raises(ValidationError):
        services.record_realisation(indicator=IndicatorFactory(), period=period, value=Decimal("-1"), by=head.user)
    assert not IndicatorRealisation.objects.exists()


def test_verification_needs_a_second_person_and_a_second_click_is_harmless(head, coordinator, period):
    realisation = services.record_realisation(indicator=IndicatorFactory(), period=period, value=5, by=head.user)
    with pytest.raises(ValidationError, match="cannot verify"):
        services.verify_realisation(realisation=realisation, by=head.user)
    verified = services.verify_realisation(realisation=realisation, by=coordinator)
    first_time = verified.verified_at
    again = services.verify_realisation(realisation=realisation, by=coordinator)
    assert (again.verified_by, again.verified_at) == (coordinator, first_time)


def test_recording_again_replaces_the_figure_and_clears_the_verification(head, coordinator, period):
    indicator = IndicatorFactory()
    realisation = services.record_realisation(indicator=indicator, period=period, value=5, by=head.user)
    services.verify_realisation(realisation=realisation, by=coordinator)
    again = services.record_realisation(indicator=indicator, period=period, value=6, by=coordinator)
    assert IndicatorRealisation.objects.count() == 1
    assert (again.value, again.entered_by, again.verified_by, again.verified_at) == (6, coordinator, None, None)


def test_factory_employees_have_valid_nips_whatever_the_sequence():
    for person in EmployeeFactory.create_batch(60):
        person.full_clean()
    assert PeriodFactory().full_clean() is None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_creating_the_first_period_of_a_kind_at_once_cannot_both_create_overlapping_ones(monkeypatch):
    """No period of the kind exists yet, so there is no row to lock: the advisory lock must serialise them."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite transactions begin IMMEDIATE and already take turns")
    parallel = 4
    barrier = threading.Barrier(parallel)
    validate = Period.full_clean

    def slow_full_clean(self, *args, **kwargs):
        validate(self, *args, **kwargs)
        time.sleep(0.3)  # widen the window between the overlap check and the insert

    monkeypatch.setattr(Period, "full_clean", slow_full_clean)

    def create(number):
        try:
            barrier.wait(timeout=10)
            services.create_period(**period_data(name=f"Triwulan I 2027 ({number})", kind="quarterly"))
            return "created"
        except ValidationError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(parallel) as pool:
        outcomes = list(pool.map(create, range(parallel)))

    assert sorted(outcomes) == ["created"] + ["refused"] * (parallel - 1)
    assert Period.objects.filter(kind="quarterly").count() == 1
