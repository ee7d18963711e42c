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
