"""NIP (Nomor Induk Pegawai): the 18-digit number of a civil servant.

Layout: YYYYMMDD birth date, YYYYMM appointment (TMT CPNS), G gender (1 male, 2 female), NNN serial.
PPPK employees carry an NI PPPK of 18 digits with another layout, so only the length rule applies to them.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

NIP_PATTERN = re.compile(r"^\d{18}$")
MINIMUM_APPOINTMENT_AGE = 18
EARLIEST_BIRTH_YEAR = 1940


def normalise_nip(raw: str) -> str:
    """Strip the spaces and dots people type or paste from printed documents."""
    return re.sub(r"[\s.]", "", str(raw or ""))


def validate_nip(nip: str, *, employee_type: str = "PNS", today: datetime.date | None = None) -> None:
    """Raise ValidationError with a message naming the broken part of the NIP."""
    today = today or datetime.date.today()
    if not NIP_PATTERN.match(nip or ""):
        raise ValidationError(_("NIP must be exactly 18 digits."), code="nip_length")
    if employee_type != "PNS":
        return
    try:
        birth = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(_("NIP digits 1–8 must be a valid birth date (YYYYMMDD)."), code="nip_birth") from None
    if birth.year < EARLIEST_BIRTH_YEAR or birth > today:
        raise ValidationError(
            _("NIP birth date %(date)s is not plausible.") % {"date": birth.isoformat()}, code="nip_birth"
        )
    appointment_year, appointment_month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= appointment_month <= 12:
        raise ValidationError(_("NIP digits 9–14 must be an appointment month (YYYYMM)."), code="nip_appointment")
    appointment = datetime.date(appointment_year, appointment_month, 1)
    earliest = datetime.date(birth.year + MINIMUM_APPOINTMENT_AGE, birth.month, 1)
    if appointment < earliest:
        raise ValidationError(
            _("NIP appointment %(appointment)s is before the employee turned %(age)d.")
            % {"appointment": f"{appointment_year}-{appointment_month:02d}", "age": MINIMUM_APPOINTMENT_AGE},
            code="nip_appointment",
        )
    if appointment > today:
        raise ValidationError(_("NIP appointment date lies in the future."), code="nip_appointment")
    if nip[14] not in "12":
        raise ValidationError(_("NIP digit 15 (gender) must be 1 or 2."), code="nip_gender")
