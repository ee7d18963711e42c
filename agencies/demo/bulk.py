"""`seed_demo --employees N [--agencies M]`: a large, realistic organisation for benchmarks.

N counts every employee, the named demo people included. The extra employees are spread over M agencies: the demo
agencies first, then the other OPD of a kabupaten (up to 50 listed, numbered ones beyond that). Each agency is a
tree head → administrators (sekretaris, kepala bidang/UPT) → pengawas (kepala subbagian/seksi) → staff, grown
one person at a time so that spans stay at about 6–8 (a large agency's head
ends up with more administrators: about one per 55 people).

Fast on purpose: one password hash for everybody, bulk inserts level by level, no per-row full_clean. Identities
come from agencies.demo.identity and are a pure function of (agency ordinal, position in its tree), and the
agencies' shares follow D'Hondt apportionment, which never shrinks a share when N grows. So a second run, or a run
with a larger N, only adds the people who are missing and never touches or removes anyone.
"""

import heapq
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from agencies.models import Agency, Employee, PositionType, Unit, UnitKind

from . import data
from .identity import SLOTS, Draws, bulk_identity, words
from .iku import ensure_indicator, realisation_rows

# Identity keys: the first 100 agencies keep position × 100 + ordinal (positions below 75,000), as they always had,
# so a database seeded before agencies 101-500 existed still matches; those further agencies (a province) take the
# keys above, position × 400 + (ordinal - 100), which bounds them to 960 people each.
KEYED_AGENCIES = 100
MAX_PER_AGENCY = 75_000
MAX_AGENCIES = 500
EXTRA_KEYS_FROM = MAX_PER_AGENCY * KEYED_AGENCIES
MAX_PER_EXTRA_AGENCY = (SLOTS - EXTRA_KEYS_FROM) // (MAX_AGENCIES - KEYED_AGENCIES)
DEFAULT_LARGE_AGENCIES = 50
LARGE_FROM = 1_000  # from this many employees on, the default spreads them over 50 agencies
BATCH = 2_000
STAFF_PER_PENGAWAS = 8
PENGAWAS_PER_ADMINISTRATOR = 6

KECAMATAN = words(
    "Berbah Cangkringan Depok Gamping Godean Kalasan Minggir Mlati Moyudan Ngaglik Ngemplak Pakem Prambanan Seyegan "
    "Sleman Tempel Turi"
)
# (code, name, short name, title of the head, weight); the demo agencies come first with their own weights.
OTHER_AGENCIES = (
    ("SETDA", "Sekretariat Daerah", "Setda", "Sekretaris Daerah", 3),
    ("SETWAN", "Sekretariat Dewan Perwakilan Rakyat Daerah", "Setwan", "Sekretaris DPRD", 2),
    ("INSPEKTORAT", "Inspektorat Daerah", "Inspektorat", "Inspektur Daerah", 2),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "Bappeda", "Kepala Bappeda", 2),
    ("BKAD", "Badan Keuangan dan Aset Daerah", "BKAD", "Kepala Badan Keuangan dan Aset Daerah", 2),
    ("BAPENDA", "Badan Pendapatan Daerah", "Bapenda", "Kepala Badan Pendapatan Daerah", 2),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "BPBD", "Kepala Pelaksana BPBD", 2),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "Kesbangpol", "Kepala Badan Kesbangpol", 1),
    ("DPUPKP", "Dinas Pekerjaan Umum, Perumahan dan Kawasan Permukiman", "DPUPKP", "Kepala DPUPKP", 3),
    ("DINSOS", "Dinas Sosial", "Dinsos", "Kepala Dinas Sosial", 2),
    ("DISNAKER", "Dinas Tenaga Kerja", "Disnaker", "Kepala Dinas Tenaga Kerja", 2),
    ("DISHUB", "Dinas Perhubungan", "Dishub", "Kepala Dinas Perhubungan", 2),
    ("DLH", "Dinas Lingkungan Hidup", "DLH", "Kepala Dinas Lingkungan Hidup", 3),
    ("DP3", "Dinas Pertanian, Pangan dan Perikanan", "DP3", "Kepala Dinas Pertanian, Pangan dan Perikanan", 3),
    ("DISKOPUKM", "Dinas Koperasi dan Usaha Kecil Menengah", "Diskop UKM", "Kepala Dinas Koperasi dan UKM", 2),
    ("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", "Disperindag", "Kepala Disperindag", 2),
    ("DISPAR", "Dinas Pariwisata", "Dispar", "Kepala Dinas Pariwisata", 2),
    ("DISBUD", "Dinas Kebudayaan", "Disbud", "Kepala Dinas Kebudayaan", 2),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo", "Kepala Dinas Kominfo", 2),
    ("DPK", "Dinas Perpustakaan dan Kearsipan", "DPK", "Kepala Dinas Perpustakaan dan Kearsipan", 1),
    ("DISPORA", "Dinas Pemuda dan Olahraga", "Dispora", "Kepala Dinas Pemuda dan Olahraga", 1),
    ("DPMK", "Dinas Pemberdayaan Masyarakat dan Kalurahan", "DPMK", "Kepala DPMK", 1),
    ("DP2KB", "Dinas Pengendalian Penduduk dan Keluarga Berencana", "DP2KB", "Kepala DP2KB", 2),
    ("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A", "Kepala DP3A", 1),
    ("DPTR", "Dinas Pertanahan dan Tata Ruang", "DPTR", "Kepala Dinas Pertanahan dan Tata Ruang", 1),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "Satpol PP", "Kepala Satuan Polisi Pamong Praja", 2),
    ("DAMKAR", "Dinas Pemadam Kebakaran dan Penyelamatan", "Damkar", "Kepala Dinas Pemadam Kebakaran", 2),
    ("RSUD", "Rumah Sakit Umum Daerah", "RSUD", "Direktur RSUD", 4),
) + tuple((f"KEC-{name.upper()}", f"Kecamatan {name}", f"Kec. {name}", f"Camat {name}", 1) for name in KECAMATAN)
DEMO_WEIGHTS = {"DINKES": 4, "DISDIK": 4}

TOPICS = (
    "Perencanaan dan Evaluasi",
    "Pelayanan",
    "Pengembangan",
    "Pengendalian",
    "Pembinaan",
    "Data dan Informasi",
    "Sarana dan Prasarana",
    "Kemitraan",
    "Pemberdayaan",
    "Penegakan",
)
SUBBAGIAN = ("Umum dan Kepegawaian", "Keuangan", "Perencanaan", "Program dan Pelaporan", "Aset", "Hukum dan Humas")
SEKSI = ("Program", "Pelaksanaan", "Pemantauan", "Standardisasi", "Kerja Sama", "Teknis")
STAFF_TITLES = {
    PositionType.PELAKSANA: (
        "Pengadministrasi Perkantoran",
        "Pengolah Data dan Informasi",
        "Penata Layanan Operasional",
        "Operator Layanan Operasional",
        "Pengelola Umum Operasional",
    ),
    PositionType.FUNGSIONAL: (
        "Analis Kebijakan Ahli Pertama",
        "Analis Kebijakan Ahli Muda",
        "Pranata Komputer Ahli Pertama",
        "Arsiparis Terampil",
        "Perencana Ahli Muda",
        "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
        "Pranata Keuangan APBN Terampil",
    ),
}


@dataclass(frozen=True)
class AgencySlot:
    ordinal: int
    code: str
    name: str
    short_name: str
    head_title: str
    weight: int
    is_demo: bool


@dataclass
class Node:
    """One planned person: j is the position in the agency's tree (0 = head), parent the supervisor's j."""

    j: int
    role: str
    parent: int | None
    admin_index: int | None = None  # which administrator's branch
    branch_index: int | None = None  # the pengawas' index inside that branch


def agency_slots(count: int) -> list[AgencySlot]:
    slots = [
        AgencySlot(i, spec.code, spec.name, spec.short_name, spec.head_title, DEMO_WEIGHTS.get(spec.code, 2), True)
        for i, spec in enumerate(data.AGENCIES)
    ]
    for code, name, short, head_title, weight in OTHER_AGENCIES:
        slots.append(AgencySlot(len(slots), code, name, short, head_title, weight, False))
    while len(slots) < count:
        n = len(slots) + 1
        slots.append(
            AgencySlot(len(slots), f"OPD-{n:03d}", f"Perangkat Daerah {n}", f"OPD {n}", f"Kepala OPD {n}", 1, False)
        )
    return slots[:count]


def apportion(total: int, weights: list[int]) -> list[int]:
    """D'Hondt: hand out `total` seats one by one to the highest weight ÷ (seats + 1); house-monotone."""
    seats = [0] * len(weights)
    heap = [(-weight, index) for index, weight in enumerate(weights)]
    heapq.heapify(heap)
    for _ in range(total):
        _, index = heapq.heappop(heap)
        seats[index] += 1
        heapq.heappush(heap, (-weights[index] / (seats[index] + 1), index))
    return seats


def plan_tree(size: int) -> list[Node]:
    """Positions 0..size-1 of one agency's tree. Each prefix is itself a balanced tree, so growing never reshapes."""
    nodes = [Node(0, PositionType.JPT, None)]
    administrators, pengawas = [], []  # heaps of (children so far, j)
    branch_sizes = {}
    staff = 0
    for j in range(1, size):
        if len(administrators) < 2 or len(pengawas) >= PENGAWAS_PER_ADMINISTRATOR * len(administrators):
            nodes.append(Node(j, PositionType.ADMINISTRATOR, 0, admin_index=len(administrators)))
            heapq.heappush(administrators, (0, j))
        elif staff >= STAFF_PER_PENGAWAS * len(pengawas):
            count, parent = heapq.heappop(administrators)
            heapq.heappush(administrators, (count + 1, parent))
            admin_index = nodes[parent].admin_index
            branch_sizes[admin_index] = branch_sizes.get(admin_index, 0) + 1
            nodes.append(Node(j, PositionType.PENGAWAS, parent, admin_index, branch_sizes[admin_index] - 1))
            heapq.heappush(pengawas, (0, j))
        else:
            count, parent = heapq.heappop(pengawas)
            heapq.heappush(pengawas, (count + 1, parent))
            role = PositionType.FUNGSIONAL if Draws(j).random() < 0.35 else PositionType.PELAKSANA
            nodes.append(Node(j, role, parent, nodes[parent].admin_index, nodes[parent].branch_index))
            staff += 1
    return nodes


def _numbered(names, index: int) -> str:
    name = names[index % len(names)]
    return name if index < len(names) else f"{name} {index // len(names) + 1}"


def administrator_unit(slot: AgencySlot, admin_index: int) -> tuple[str, str, str]:
    """(code, name, kind) of the unit an administrator leads. Demo agencies already have their bidang, so their
    bulk administrators lead technical units (Puskesmas in Dinas Kesehatan)."""
    if slot.code == "DINKES":
        others = [name for name in KECAMATAN if name not in ("Sleman", "Depok")]
        name = _numbered(others, admin_index)
        return f"PKM-{name.upper().replace(' ', '-')}", f"Puskesmas {name}", UnitKind.PUSKESMAS
    if slot.is_demo:
        return f"UPT-{admin_index + 1:02d}", f"UPT {_numbered(TOPICS, admin_index)}", UnitKind.UPT
    if admin_index == 0:
        return "SEKRETARIAT", "Sekretariat", UnitKind.SEKRETARIAT
    return f"BID-{admin_index:02d}", f"Bidang {_numbered(TOPICS, admin_index - 1)}", UnitKind.BIDANG


def branch_unit(parent_code: str, parent_kind: str, branch_index: int) -> tuple[str, str, str]:
    code = f"{parent_code}-{branch_index + 1:02d}"
    if parent_kind == UnitKind.SEKRETARIAT:
        return code, f"Subbagian {_numbered(SUBBAGIAN, branch_index)}", UnitKind.SUBBAGIAN
    if parent_kind == UnitKind.PUSKESMAS:
        return code, f"Unit Pelayanan {branch_index + 1}", UnitKind.OTHER
    return code, f"Seksi {_numbered(SEKSI, branch_index)}", UnitKind.SEKSI


@dataclass
class Planned:
    nip: str
    identity: object
    agency_code: str
    unit_code: str | None
    position_title: str
    position_type: str
    parent_nip: str | None
    depth: int


def identity_key(ordinal: int, position: int) -> int:
    """The key of the person at `position` of agency `ordinal`'s tree: unique over every (ordinal, position) the
    limits allow (see KEYED_AGENCIES)."""
    if ordinal < KEYED_AGENCIES:
        return position * KEYED_AGENCIES + ordinal
    return EXTRA_KEYS_FROM + position * (MAX_AGENCIES - KEYED_AGENCIES) + ordinal - KEYED_AGENCIES


def plan_agency(slot: AgencySlot, created: int, head_nip: str | None) -> tuple[list[Planned], dict]:
    """The agency's planned people (demo agencies keep their named head as position 0) and its units by code."""
    size = created + (1 if slot.is_demo else 0)
    nodes = plan_tree(size)
    units, admin_units, people, nips = {}, {}, [], {}
    for node in nodes:
        if node.j == 0 and slot.is_demo:
            nips[0] = head_nip
            continue
        identity = bulk_identity(identity_key(slot.ordinal, node.j), position_type=node.role)
        nips[node.j] = identity.nip
        unit_code, depth = None, 0
        if node.role == PositionType.JPT:
            title = slot.head_title
        elif node.role == PositionType.ADMINISTRATOR:
            code, name, kind = administrator_unit(slot, node.admin_index)
            units[code] = (name, kind, None)
            admin_units[node.admin_index] = code
            unit_code, depth = code, 1
            title = "Sekretaris" if kind == UnitKind.SEKRETARIAT else f"Kepala {name}"
        else:
            parent_code = admin_units[node.admin_index]
            code, name, kind = branch_unit(parent_code, units[parent_code][1], node.branch_index)
            unit_code = code
            if node.role == PositionType.PENGAWAS:
                units[code] = (name, kind, parent_code)
                title, depth = f"Kepala {name}", 2
            else:
                titles = STAFF_TITLES[node.role]
                title, depth = titles[node.j % len(titles)], 3
        people.append(
            Planned(identity.nip, identity, slot.code, unit_code, title, node.role, nips.get(node.parent), depth)
        )
    return people, units


def _ensure_agencies(context, slots) -> dict:
    existing = {agency.code: agency for agency in Agency.objects.filter(code__in=[slot.code for slot in slots])}
    missing = [
        Agency(code=slot.code, name=slot.name, short_name=slot.short_name)
        for slot in slots
        if slot.code not in existing
    ]
    for agency in Agency.objects.bulk_create(missing):
        existing[agency.code] = agency
    context.created["agencies"] += len(missing)
    return existing


def _ensure_units(context, agencies: dict, planned_units: dict) -> dict:
    """Create the missing units, parents before children; returns {(agency code, unit code): unit id}."""
    code_by_id = {agency.pk: code for code, agency in agencies.items()}
    ids = {
        (code_by_id[agency_id], code): pk
        for agency_id, code, pk in Unit.objects.filter(agency__in=agencies.values()).values_list(
            "agency_id", "code", "pk"
        )
    }
    for with_parent in (False, True):
        missing = [
            Unit(
                agency=agencies[agency_code],
                code=code,
                name=name,
                kind=kind,
                parent_id=ids[(agency_code, parent)] if parent else None,
            )
            for (agency_code, code), (name, kind, parent) in planned_units.items()
            if (agency_code, code) not in ids and bool(parent) == with_parent
        ]
        for unit in Unit.objects.bulk_create(missing, batch_size=BATCH):
            ids[(code_by_id[unit.agency_id], unit.code)] = unit.pk
        context.created["units"] += len(missing)
    return ids


def _ensure_users(context, usernames: list[str], names: dict) -> dict:
    """{username: user id}, creating the missing users with the shared demo password hash."""
    User = get_user_model()
    ids = {}
    for start in range(0, len(usernames), BATCH):
        chunk = usernames[start : start + BATCH]
        ids.update(User.objects.filter(username__in=chunk).values_list("username", "pk"))
    missing = [
        User(username=username, email=f"{username}@{data.EMAIL_DOMAIN}", first_name=names[username][:150])
        for username in usernames
        if username not in ids
    ]
    for user in missing:
        user.password = context.password_hash
    for user in User.objects.bulk_create(missing, batch_size=BATCH):
        ids[user.username] = user.pk
    context.created["users"] += len(missing)
    return ids


def seed_employees(context, periods) -> None:
    """Top the organisation up to context.employees employees over context.agencies agencies."""
    total = context.employees
    count = context.agencies or (DEFAULT_LARGE_AGENCIES if total >= LARGE_FROM else len(data.AGENCIES))
    if not 1 <= count <= MAX_AGENCIES:
        raise ValueError(f"--agencies must be between 1 and {MAX_AGENCIES}")
    slots = agency_slots(count)
    shares = apportion(max(0, total - len(data.PEOPLE)), [slot.weight for slot in slots])
    if max(shares) >= MAX_PER_AGENCY:
        raise ValueError(f"at most {MAX_PER_AGENCY} employees per agency: use more agencies")
    if max(shares[KEYED_AGENCIES:], default=0) >= MAX_PER_EXTRA_AGENCY:
        raise ValueError(f"at most {MAX_PER_EXTRA_AGENCY} employees per agency beyond the first {KEYED_AGENCIES}")
    agencies = _ensure_agencies(context, slots)
    head_nips = dict(
        Agency.objects.filter(code__in=[slot.code for slot in slots if slot.is_demo]).values_list("code", "head__nip")
    )
    planned, planned_units = [], {}
    for slot, share in zip(slots, shares, strict=True):
        people, units = plan_agency(slot, share, head_nips.get(slot.code))
        planned.extend(people)
        planned_units.update({(slot.code, code): unit for code, unit in units.items()})

    nip_ids = dict(Employee.objects.values_list("nip", "pk"))
    missing = [person for person in planned if person.nip not in nip_ids]
    unit_ids = _ensure_units(context, agencies, planned_units)
    user_ids = _ensure_users(context, [p.nip for p in missing], {p.nip: p.identity.name for p in missing})
    for depth in range(4):
        level = [
            Employee(
                user_id=user_ids[person.nip],
                nip=person.nip,
                employee_type=person.identity.employee_type,
                front_title=person.identity.front_title,
                name=person.identity.name,
                back_title=person.identity.back_title,
                position_title=person.position_title,
                position_type=person.position_type,
                agency=agencies[person.agency_code],
                unit_id=unit_ids.get((person.agency_code, person.unit_code)),
                supervisor_id=nip_ids.get(person.parent_nip),
            )
            for person in missing
            if person.depth == depth
        ]
        for employee in Employee.objects.bulk_create(level, batch_size=BATCH):
            nip_ids[employee.nip] = employee.pk
        context.created["employees"] += len(level)

    heads = {person.agency_code: nip_ids[person.nip] for person in planned if person.depth == 0}
    for code, head_id in heads.items():
        agency = agencies[code]
        if agency.head_id is None:
            agency.head_id = head_id
            agency.save(update_fields=["head"])
    _seed_other_indicators(context, [agencies[slot.code] for slot in slots if not slot.is_demo], periods)


def _seed_other_indicators(context, agencies, periods) -> None:
    """Two IKU per generated agency: the IKM of its service, and complaint handling (PATEN time for a kecamatan)."""
    year = context.today.year
    head_users = dict(Employee.objects.filter(headed_agency__in=agencies).values_list("agency_id", "user_id"))
    User = get_user_model()
    users = User.objects.in_bulk(head_users.values())
    for agency in agencies:
        rng = random.Random(agency.code)
        head = users.get(head_users.get(agency.pk))
        drift = rng.uniform(-0.06, 0.08)  # some agencies improve, some slip: the dashboards need all colours
        ikm = [round(rng.uniform(74, 86) * (1 + drift * q / 8), 2) for q in range(8)]
        if agency.code.startswith("KEC-"):
            second = {
                "name": "Rata-rata waktu layanan administrasi terpadu kecamatan (PATEN)",
                "unit_of_measure": "jam",
                "direction": "lower",
                "data_source": "Register layanan PATEN",
            }
            values = [round(rng.uniform(18, 30) * (1 - drift * q / 4), 1) for q in range(8)]
            targets = {year - 1: 24, year: 20}
        else:
            second = {
                "name": "Persentase pengaduan masyarakat yang diselesaikan tepat waktu",
                "unit_of_measure": "%",
                "direction": "higher",
                "data_source": "SP4N-LAPOR! dan kanal pengaduan daerah",
            }
            values = [round(min(100, rng.uniform(70, 92) * (1 + drift * q / 8)), 1) for q in range(8)]
            targets = {year - 1: 85, year: 90}
        iku = (
            (
                "IKU-01",
                {
                    "name": f"Indeks Kepuasan Masyarakat (IKM) {agency.short_name}",
                    "unit_of_measure": "indeks (25–100)",
                    "direction": "higher",
                    "data_source": "Survei kepuasan masyarakat",
                },
                {year - 1: 80, year: 82},
                ikm,
            ),
            ("IKU-02", second, targets, values),
        )
        for code, fields, iku_targets, series in iku:
            ensure_indicator(
                context,
                agency=agency,
                code=code,
                fields=fields,
                targets=iku_targets,
                realisations=realisation_rows(
                    periods,
                    today=context.today,
                    previous=series[:4],
                    previous_annual=series[3],
                    current=series[4:],
                    notes={},
                    default_note="Rekap " + fields["data_source"] + ", {period}.",
                ),
                entered_by=head,
                verified_by=head,
            )
