"""Made-up but plausible identities for demo people: valid NIPs, Indonesian names and academic titles.

Everything here is deterministic: the same key always gives the same person, so seeding stays idempotent.
"""

import datetime
import hashlib
from dataclasses import dataclass

from agencies.models import EmployeeType, PositionType

# NIP slots the bulk generator can reach: day of birth in its year × appointment month × gender × serial 100–999.
# Serials 001–099 are kept for the hand-written demo people so the two never collide.
_DAYS, _MONTHS, _GENDERS, _SERIALS = 365, 12, 2, 900
SLOTS = _DAYS * _MONTHS * _GENDERS * _SERIALS
# Generated careers end by this year (not today's), so identities never change and stay valid in any later year.
REFERENCE_YEAR = 2024
_MULTIPLIER = 1_000_003  # coprime with SLOTS, so key -> slot is a permutation (spreads birthdays and genders)
_OFFSET = 4_242_421

# Birth-year ranges by position type: heads are senior, staff range from new graduates to near retirement.
BIRTH_YEARS = {
    PositionType.JPT: (1968, 1976),
    PositionType.ADMINISTRATOR: (1970, 1983),
    PositionType.PENGAWAS: (1974, 1988),
    PositionType.FUNGSIONAL: (1976, 1999),
    PositionType.PELAKSANA: (1976, 2000),
}


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


MALE_FIRST = words(
    "Agus Ahmad Andi Arif Bambang Bayu Budi Dedi Dimas Eko Fajar Galih Gilang Hadi Hendra Heru Imam Irfan Joko Lukman "
    "Muhammad Nanang Rizky Rudi Slamet Sugeng Teguh Taufik Wahyu Yoga Yusuf Zainal Aditya Bagus Danang Anton Ilham "
    "Rahmat Dwi"
)
FEMALE_FIRST = words(
    "Ani Ayu Dewi Dian Endang Fitri Indah Intan Kartika Lina Maya Mega Nur Novita Nurul Putri Ratna Rina Retno Sari "
    "Siti Sri Tri Wulan Yuliana Yuni Anisa Astuti Citra Diah Eka Fitria Laras Nadia Puspa Rahma Tika Wening Dwi"
)
MALE_FAMILY = words(
    "Santoso Wibowo Setiawan Prasetyo Nugroho Susanto Hidayat Kurniawan Saputra Wijaya Purnomo Handoko Suryadi "
    "Hartono Firmansyah Ramadhan Maulana Permana Pratama Utomo Sulistyo Gunawan Hakim Widodo Riyanto Haryanto Subagyo"
)
FEMALE_FAMILY = words(
    "Rahayu Lestari Wulandari Kusumawati Puspitasari Anggraini Maharani Safitri Hapsari Nurhayati Kartikasari "
    "Handayani Susilowati Permatasari Rahmawati Fitriani Pertiwi Utami Setyaningsih Wahyuningsih"
)
BACHELOR = ("S.E.", "S.H.", "S.Kom.", "S.Sos.", "S.IP.", "S.T.", "S.Psi.", "S.Ak.", "S.AP.", "S.Si.")
MASTER = ("M.Si.", "M.M.", "M.T.", "M.AP.", "M.H.", "M.Ec.Dev.", "M.Kom.")
DIPLOMA = ("A.Md.", "A.Md.Kom.", "A.Md.Ak.")


class Draws:
    """Deterministic pseudo-random draws from a key: a hash consumed digit by digit. Seeding a random.Random per
    person and drawing from it was the largest cost of planning 100,000 people; this is about four times cheaper."""

    def __init__(self, key: int):
        self._bits = int.from_bytes(hashlib.blake2b(key.to_bytes(8, "big"), digest_size=32).digest(), "big")

    def below(self, n: int) -> int:
        self._bits, value = divmod(self._bits, n)
        return value

    def randint(self, low: int, high: int) -> int:
        return low + self.below(high - low + 1)

    def choice(self, items):
        return items[self.below(len(items))]

    def random(self) -> float:
        return self.below(1_000) / 1_000


@dataclass(frozen=True)
class Identity:
    nip: str
    employee_type: str
    gender: int
    front_title: str
    name: str
    back_title: str


def nip_from_parts(*, birth: datetime.date, appointed: tuple[int, int], gender: int, serial: int, pppk=False) -> str:
    """Compose an 18-digit NIP. For an NI PPPK the demo writes 21 in place of the appointment month, a layout seen on
    issued NI PPPK; Kinerja validates only the length of an NI PPPK, so nothing depends on it."""
    month = 21 if pppk else appointed[1]
    return f"{birth:%Y%m%d}{appointed[0]:04d}{month:02d}{gender}{serial:03d}"


def appointment_year(rng: Draws, birth_year: int) -> int:
    """Appointed after graduating (age 21–30), never before 19 and never after the reference year."""
    earliest = birth_year + 19
    latest = max(earliest, min(birth_year + 30, REFERENCE_YEAR))
    return rng.randint(min(birth_year + 21, latest), latest)


def bulk_identity(key: int, *, position_type: str) -> Identity:
    """The identity of generated person `key` (0 ≤ key < SLOTS): unique NIP, name matching the NIP's gender.
    A pure function of its arguments, so a later run, even in another year, plans the very same people."""
    if not 0 <= key < SLOTS:
        raise ValueError(f"identity key {key} outside 0..{SLOTS - 1}")
    rng = Draws(key)
    slot = (key * _MULTIPLIER + _OFFSET) % SLOTS
    slot, serial = divmod(slot, _SERIALS)
    slot, gender_index = divmod(slot, _GENDERS)
    day, month_index = divmod(slot, _MONTHS)
    gender, month = gender_index + 1, month_index + 1
    # One in twelve staff is a PPPK employee; tying it to the month slot keeps their NI PPPK unique too.
    pppk = position_type in (PositionType.PELAKSANA, PositionType.FUNGSIONAL) and month == 12
    low, high = BIRTH_YEARS[position_type]
    if pppk:
        low, high = max(low, 1980), min(high, REFERENCE_YEAR - 23)
    birth = datetime.date(rng.randint(low, high), 1, 1) + datetime.timedelta(days=day)
    if pppk:
        appointed = (rng.randint(max(2021, birth.year + 19), max(2021, REFERENCE_YEAR)), 1)
    else:
        appointed = (appointment_year(rng, birth.year), month)
    nip = nip_from_parts(birth=birth, appointed=appointed, gender=gender, serial=100 + serial, pppk=pppk)
    front, name, back = _name(rng, gender=gender, position_type=position_type)
    employee_type = EmployeeType.PPPK if pppk else EmployeeType.PNS
    return Identity(nip, employee_type, gender, front, name, back)


def _name(rng: Draws, *, gender: int, position_type: str) -> tuple[str, str, str]:
    firsts, families = (MALE_FIRST, MALE_FAMILY) if gender == 1 else (FEMALE_FIRST, FEMALE_FAMILY)
    first, family = rng.choice(firsts), rng.choice(families)
    middle = rng.choice(firsts)
    name = f"{first} {family}" if rng.random() < 0.75 or middle == first else f"{first} {middle} {family}"
    if position_type in (PositionType.JPT, PositionType.ADMINISTRATOR):
        roll = rng.random()
        if roll < 0.2:
            return ("Drs." if gender == 1 else "Dra."), name, rng.choice(MASTER)
        if roll < 0.3:
            return "Ir.", name, rng.choice(MASTER)
        return "", name, f"{rng.choice(BACHELOR)}, {rng.choice(MASTER)}"
    if position_type == PositionType.PENGAWAS:
        return "", name, rng.choice(BACHELOR) + (f", {rng.choice(MASTER)}" if rng.random() < 0.3 else "")
    if position_type == PositionType.FUNGSIONAL:
        return "", name, rng.choice(BACHELOR)
    roll = rng.random()
    if roll < 0.3:
        return "", name, ""
    return "", name, rng.choice(DIPLOMA) if roll < 0.6 else rng.choice(BACHELOR)
