"""NIP rules: 18 digits; birth date, appointment month and gender plausible for PNS; only the length for PPPK."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from agencies.nip import normalise_nip, validate_nip

TODAY = datetime.date(2026, 11, 23)
VALID = "198504122010031001"


def error_code(nip, **kwargs):
    with pytest.raises(ValidationError) as caught:
        validate_nip(nip, today=TODAY, **kwargs)
    return caught.value.error_list[0].code


def test_a_well_formed_nip_is_accepted():
    validate_nip(VALID, today=TODAY)
    validate_nip("199012312015122002", today=TODAY)


def test_spaces_and_dots_from_printed_documents_are_removed():
    assert normalise_nip("19850412 201003 1 001") == VALID
    assert normalise_nip("19850412.201003.1.001") == VALID
    assert normalise_nip(None) == ""


@pytest.mark.parametrize("nip", ["", "12345", VALID + "1", VALID[:-1], "19850412201003100A", "1985-0412201003100"])
def test_anything_but_eighteen_digits_is_refused(nip):
    assert error_code(nip) == "nip_length"


@pytest.mark.parametrize(
    "nip",
    [
        "198513122010031001",  # month 13
        "198502302010031001",  # 30 February
        "193001012010031001",  # born before 1940
        "202701012010031001",  # born in the future
    ],
)
def test_an_impossible_or_implausible_birth_date_is_refused(nip):
    assert error_code(nip) == "nip_birth"


@pytest.mark.parametrize(
    "nip",
    [
        "198504122010001001",  # month 00
        "198504122010131001",  # month 13
        "198504122000031001",  # appointed at 14
        "198504122030031001",  # appointed in the future
    ],
)
def test_an_impossible_or_implausible_appointment_is_refused(nip):
    assert error_code(nip) == "nip_appointment"


@pytest.mark.parametrize("gender", ["0", "3", "9"])
def test_gender_digit_must_be_one_or_two(gender):
    assert error_code(VALID[:14] + gender + VALID[15:]) == "nip_gender"


def test_the_error_message_names_the_broken_part():
    with pytest.raises(ValidationError, match="gender"):
        validate_nip("198504122010033001", today=TODAY)


def test_pppk_numbers_only_need_eighteen_digits():
    validate_nip("202101012345678999", employee_type="PPPK", today=TODAY)
    assert error_code("20210101234567899", employee_type="PPPK") == "nip_length"


# ------------------------------------------------------------------ impossible dates, local date, ASCII digits


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("000001012010031001", "nip_birth"),  # birth year 0000
        ("198500002010031001", "nip_birth"),  # month 00
        ("198504002010031001", "nip_birth"),  # day 00
        ("198502312010031001", "nip_birth"),  # 31 February
        ("200004122010031001", "nip_appointment"),  # appointed at 10
        ("198504120000031001", "nip_appointment"),  # appointment year 0000 (was a ValueError)
        ("198504120000001001", "nip_appointment"),  # appointment 0000-00
        ("198504129999121001", "nip_appointment"),  # year 9999: in the future
    ],
)
def test_every_impossible_date_inside_a_nip_is_a_validation_message(nip, code):
    assert error_code(nip) == code


@pytest.mark.parametrize(
    "nip",
    [
        "١٩٨٥٠٤١٢٢٠١٠٠٣١٠٠١",  # Arabic-Indic digits
        "１９８５０４１２２０１０0３1001",  # full-width digits mixed in
        VALID[:17] + "٣",
        "۱۹۸۵۰۴۱۲۲۰۱۰۰۳۱۰۰۱",  # Persian digits
    ],
)
def test_digits_other_than_ascii_are_refused_by_name(nip):
    assert error_code(nip) == "nip_digits"
    with pytest.raises(ValidationError, match="0–9 only"):
        validate_nip(nip, today=TODAY, employee_type="PPPK")


def test_a_trailing_newline_is_not_a_digit():
    assert error_code(VALID + "\n") == "nip_length"


def test_today_is_the_date_in_the_pemdas_time_zone_not_the_servers(monkeypatch, settings):
    """At 20:00 UTC on 31 December 2031 it is already January 2032 in Jakarta: an appointment in January 2032
    is this month there, not in the future."""
    settings.TIME_ZONE = "Asia/Jakarta"
    moment = datetime.datetime(2031, 12, 31, 20, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
    validate_nip("198504122032011001")
    settings.TIME_ZONE = "UTC"
    with pytest.raises(ValidationError, match="future"):
        validate_nip("198504122032011001")
