"""Working days skip weekends, national holidays and joint leave, and the Pemda's own exceptions."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from agencies import workdays
from agencies.models import CalendarDayKind
from tests.factories import AgencyFactory, CalendarDayFactory, PublicServiceFactory, UnitFactory

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def test_weekends_are_not_working_days():
    assert workdays.is_working_day(datetime.date(2026, 12, 4))  # a Friday
    assert not workdays.is_working_day(datetime.date(2026, 12, 5))  # Saturday
    assert not workdays.is_working_day(datetime.date(2026, 12, 6))  # Sunday


def test_national_holidays_and_joint_leave_are_not_working_days():
    assert not workdays.is_working_day(datetime.date(2026, 8, 17))  # Independence Day, a Monday
    assert not workdays.is_working_day(datetime.date(2026, 12, 24))  # Christmas joint leave (cuti bersama)
    assert not workdays.is_working_day(datetime.date(2026, 12, 25))


def test_counting_working_days_over_christmas_and_the_new_year():
    # Wed 23 Dec 2026 + 3 working days: 24 and 25 are off, 26-27 the weekend, so 28, 29, 30.
    assert workdays.add_working_days(datetime.date(2026, 12, 23), 3) == datetime.date(2026, 12, 30)
    # Across the year end: 31 Dec, then 1 Jan (holiday), the weekend, Monday 4 Jan.
    assert workdays.add_working_days(datetime.date(2026, 12, 30), 2) == datetime.date(2027, 1, 4)
    assert workdays.working_days_between(datetime.date(2026, 12, 23), datetime.date(2026, 12, 30)) == 3
    assert workdays.working_days_between(datetime.date(2026, 12, 30), datetime.date(2026, 12, 23)) == 0


def test_zero_working_days_is_the_next_working_day_inclusive():
    assert workdays.add_working_days(datetime.date(2026, 12, 4), 0) == datetime.date(2026, 12, 4)
    assert workdays.add_working_days(datetime.date(2026, 12, 5), 0) == datetime.date(2026, 12, 7)
    with pytest.raises(ValueError):
        workdays.add_working_days(datetime.date(2026, 12, 5), -1)


def test_the_pemdas_own_days_off_and_moved_holidays_count():
    CalendarDayFactory(date=datetime.date(2026, 12, 7), name="Hari jadi kabupaten")
    CalendarDayFactory(date=datetime.date(2026, 12, 24), kind=CalendarDayKind.WORKING_DAY, name="Cuti bersama batal")
    assert not workdays.is_working_day(datetime.date(2026, 12, 7))
    assert workdays.is_working_day(datetime.date(2026, 12, 24))
    # Fri 4 Dec + 1: Monday 7 is the Pemda's day off, so Tuesday 8.
    assert workdays.add_working_days(datetime.date(2026, 12, 4), 1) == datetime.date(2026, 12, 8)


def test_a_calendar_reads_the_exceptions_once_for_many_rows(django_assert_num_queries):
    CalendarDayFactory(date=datetime.date(2026, 12, 7))
    with django_assert_num_queries(1):
        calendar = workdays.WorkingCalendar(years=[2026, 2027])
        due = [calendar.add_working_days(datetime.date(2026, 12, day), 5) for day in range(1, 29)]
    assert all(calendar.is_working_day(day) for day in due)


def test_a_deadline_ends_with_the_local_working_day():
    received = datetime.datetime(2026, 12, 23, 16, 0, tzinfo=datetime.UTC)  # 23:00 in Jakarta, a Wednesday
    due = workdays.deadline_after(received, 3)
    local = due.astimezone(JAKARTA)
    assert local.date() == datetime.date(2026, 12, 30)
    assert (local.hour, local.minute) == (23, 59)


def test_a_public_service_unit_must_belong_to_its_agency():
    service = PublicServiceFactory(unit=UnitFactory(agency=AgencyFactory()))
    with pytest.raises(ValidationError) as raised:
        service.full_clean()
    assert "unit" in raised.value.message_dict
