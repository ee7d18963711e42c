"""NIP (Nomor Induk Pegawai): the 18-digit number of a civil servant.

Layout: YYYYMMDD birth date, YYYYMM appointment (TMT CPNS), G gender (1 male, 2 female), NNN serial.
PPPK employees carry an NI PPPK of 18 digits with another layout, so only the length rule applies to them.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from common.dates import long_date

# ASCII digits by rule: Python's \d and int() also take Arabic-Indic, full-width and other Unicode digits.
ASCII_DIGITS = frozenset("0123456789")
MINIMUM_APPOINTMENT_AGE = 18
EARLIEST_BIRTH_YEAR = 1940


def normalise_nip(raw: str) -> str:
    """Strip the spaces and dots people type or paste from printed documents."""
    return re.sub(r"[\s.]", "", str(raw or ""))


def validate_nip(nip: str, *, employee_type: str = "PNS", today: datetime.date | None = None) -> None:
    """Raise ValidationError with a message naming the broken part of the NIP; never any other exception.

    `today` defaults to the date in settings.TIME_ZONE (the Pemda's), not the server's clock.
    """
    nip = nip or ""
    if any(char.isdigit() and char not in ASCII_DIGITS for char in nip):
        raise ValidationError(
            _("NIP must be written with the digits 0–9 only (not Arabic-Indic, full-width or other digits)."),
            code="nip_digits",
        )
    if len(nip) != 18 or not set(nip) <= ASCII_DIGITS:
        raise ValidationError(_("NIP must be exactly 18 digits."), code="nip_length")
    if employee_type != "PNS":
        return
    today = today or timezone.localdate()
    birth = _date_or_none(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    if birth is None:
        raise ValidationError(_("NIP digits 1–8 must be a valid birth date (YYYYMMDD)."), code="nip_birth")
    if birth.year < EARLIEST_BIRTH_YEAR or birth > today:
        raise ValidationError(
            _("NIP birth date %(date)s is not plausible.") % {"date": long_date(birth)}, code="nip_birth"
        )
    appointment = _date_or_none(int(nip[8:12]), int(nip[12:14]), 1)
    if appointment is None:
        raise ValidationError(_("NIP digits 9–14 must be an appointment month (YYYYMM)."), code="nip_appointment")
    earliest = datetime.date(birth.year + MINIMUM_APPOINTMENT_AGE, birth.month, 1)
    if appointment < earliest:
        raise ValidationError(
            _("NIP appointment %(appointment)s is before the employee turned %(age)d.")
            % {"appointment": f"{appointment.year:04d}-{appointment.month:02d}", "age": MINIMUM_APPOINTMENT_AGE},
            code="nip_appointment",
        )
    if appointment > today:
        raise ValidationError(_("NIP appointment date lies in the future."), code="nip_appointment")
    if nip[14] not in "12":
        raise ValidationError(_("NIP digit 15 (gender) must be 1 or 2."), code="nip_gender")


def _date_or_none(year: int, month: int, day: int) -> datetime.date | None:
    """The date, or None for an impossible one (year 0000, month 13, 31 February...)."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
