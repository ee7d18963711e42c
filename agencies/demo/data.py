# ruff: noqa: E501 -- the account and people tables keep one row per line on purpose
"""The demo kabupaten as data: agencies, units, people, fixed accounts and IKU with their story.

Values are Indonesian because they are what a Pemda would type in; the interface strings stay translatable elsewhere.
Years in IKU series are relative: "previous" is last year, "current" is this year (quarters I–IV).
"""

from dataclasses import dataclass, field

from agencies.models import Direction, PositionType, UnitKind

DEMO_PASSWORD = "kinerja-demo"  # published in README: a demo only, never for a real server
EMAIL_DOMAIN = "example.go.id"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    description: str
    roles: frozenset  # the role flags agencies.roles.roles_for must report for this account
    person: str | None = None  # key into PEOPLE, None for an account without an Employee record


def _roles(*names):
    return frozenset(names)


DEMO_ACCOUNTS = (
    DemoAccount("admin", "system administrator", _roles("administrator")),
    DemoAccount("koordinator", "BKPSDM analyst coordinating all agencies", _roles("employee", "coordinator"), "bkpsdm.koordinator"),
    DemoAccount("kepala.dukcapil", "head of Disdukcapil", _roles("employee", "supervisor", "head"), "dukcapil.kepala"),
    DemoAccount("atasan", "head of Bidang Pelayanan Pendaftaran Penduduk, Disdukcapil", _roles("employee", "supervisor"), "dukcapil.kabid.dafduk"),
    DemoAccount("pegawai", "staff under atasan", _roles("employee"), "dukcapil.adb"),
    DemoAccount("pegawai2", "second staff member under atasan", _roles("employee"), "dukcapil.loket"),
    DemoAccount("kepala.dinkes", "head of Dinas Kesehatan", _roles("employee", "supervisor", "head"), "dinkes.kepala"),
    DemoAccount("atasan.dinkes", "head of Puskesmas Sleman, Dinas Kesehatan", _roles("employee", "supervisor"), "dinkes.kapus.sleman"),
    DemoAccount("pegawai.dinkes", "nurse at Puskesmas Sleman", _roles("employee"), "dinkes.perawat"),
)  # fmt: skip
COORDINATOR_USERNAME = "koordinator"
ADMIN_USERNAME = "admin"


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str
    short_name: str
    head_title: str
    units: tuple = ()  # (code, name, kind, parent code or None)


@dataclass(frozen=True)
class PersonSpec:
    key: str
    agency: str
    name: str
    gender: int
    birth: str  # YYYY-MM-DD
    appointed: str  # YYYY-MM (for PPPK: the year counts)
    position_title: str
    position_type: str
    unit: str | None = None
    supervisor: str | None = None  # key of another person; None for the head
    front_title: str = ""
    back_title: str = ""
    pppk: bool = False


@dataclass(frozen=True)
class IndicatorSpec:
    agency: str
    code: str
    name: str
    unit_of_measure: str
    direction: str
    targets: tuple  # (previous year, current year); each a value or a (low, high) range
    previous: tuple  # quarters I–IV of last year
    previous_annual: float
    current: tuple  # quarters I–IV of this year (only completed quarters are entered)
    definition: str = ""
    data_source: str = ""
    notes: dict = field(default_factory=dict)  # ("previous"|"current", quarter 1–4) -> evidence note
    entered_by: str = ""  # person key
    verified_by: str = ""  # person key


A, P, F, S, J = (
    PositionType.ADMINISTRATOR,
    PositionType.PENGAWAS,
    PositionType.FUNGSIONAL,
    PositionType.PELAKSANA,
    PositionType.JPT,
)

AGENCIES = (
    AgencySpec(
        "DUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        (
            ("SEKRETARIAT", "Sekretariat", UnitKind.SEKRETARIAT, None),
            ("SUBBAG-UMPEG", "Subbagian Umum dan Kepegawaian", UnitKind.SUBBAGIAN, "SEKRETARIAT"),
            ("SUBBAG-KEU", "Subbagian Keuangan dan Perencanaan", UnitKind.SUBBAGIAN, "SEKRETARIAT"),
            ("DAFDUK", "Bidang Pelayanan Pendaftaran Penduduk", UnitKind.BIDANG, None),
            ("CAPIL", "Bidang Pelayanan Pencatatan Sipil", UnitKind.BIDANG, None),
            ("PIAK", "Bidang Pengelolaan Informasi Administrasi Kependudukan", UnitKind.BIDANG, None),
        ),
    ),
    AgencySpec(
        "DINKES",
        "Dinas Kesehatan",
        "Dinkes",
        "Kepala Dinas Kesehatan",
        (
            ("SEKRETARIAT", "Sekretariat", UnitKind.SEKRETARIAT, None),
            ("SUBBAG-UMPEG", "Subbagian Umum dan Kepegawaian", UnitKind.SUBBAGIAN, "SEKRETARIAT"),
            ("KESMAS", "Bidang Kesehatan Masyarakat", UnitKind.BIDANG, None),
            ("P2P", "Bidang Pencegahan dan Pengendalian Penyakit", UnitKind.BIDANG, None),
            ("YANKES", "Bidang Pelayanan dan Sumber Daya Kesehatan", UnitKind.BIDANG, None),
            ("PKM-SLEMAN", "Puskesmas Sleman", UnitKind.PUSKESMAS, None),
            ("PKM-DEPOK", "Puskesmas Depok", UnitKind.PUSKESMAS, None),
        ),
    ),
    AgencySpec(
        "DPMPTSP",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        (
            ("SEKRETARIAT", "Sekretariat", UnitKind.SEKRETARIAT, None),
            ("PERIZINAN", "Bidang Pelayanan Perizinan", UnitKind.BIDANG, None),
            ("PENANAMAN-MODAL", "Bidang Penanaman Modal", UnitKind.BIDANG, None),
        ),
    ),
    AgencySpec(
        "DISDIK",
        "Dinas Pendidikan",
        "Disdik",
        "Kepala Dinas Pendidikan",
        (
            ("SEKRETARIAT", "Sekretariat", UnitKind.SEKRETARIAT, None),
            ("SD", "Bidang Pembinaan Sekolah Dasar", UnitKind.BIDANG, None),
            ("SMP", "Bidang Pembinaan Sekolah Menengah Pertama", UnitKind.BIDANG, None),
        ),
    ),
    AgencySpec(
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM",
        "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        (
            ("SEKRETARIAT", "Sekretariat", UnitKind.SEKRETARIAT, None),
            ("PKAP", "Bidang Penilaian Kinerja Aparatur dan Penghargaan", UnitKind.BIDANG, None),
            ("MUTASI", "Bidang Mutasi dan Promosi", UnitKind.BIDANG, None),
        ),
    ),
)

# Since the 2021 simplification of the bureaucracy most section heads became functional posts, so staff in a bidang
# often report straight to the kepala bidang, as pegawai and pegawai2 do.
PEOPLE = (
    # Disdukcapil
    PersonSpec("dukcapil.kepala", "DUKCAPIL", "Bambang Wisnu Nugroho", 1, "1971-03-14", "1997-03", "Kepala Dinas Kependudukan dan Pencatatan Sipil", J, front_title="Drs.", back_title="M.Si."),
    PersonSpec("dukcapil.sekretaris", "DUKCAPIL", "Sri Handayani", 2, "1975-08-02", "2000-12", "Sekretaris", A, "SEKRETARIAT", "dukcapil.kepala", back_title="S.E., M.M."),
    PersonSpec("dukcapil.kasubbag.umpeg", "DUKCAPIL", "Agus Susanto", 1, "1982-11-20", "2008-04", "Kepala Subbagian Umum dan Kepegawaian", P, "SUBBAG-UMPEG", "dukcapil.sekretaris", back_title="S.IP."),
    PersonSpec("dukcapil.umpeg.staf", "DUKCAPIL", "Nur Aini", 2, "1993-05-09", "2022-01", "Pengelola Umum Operasional", S, "SUBBAG-UMPEG", "dukcapil.kasubbag.umpeg", back_title="A.Md.", pppk=True),
    PersonSpec("dukcapil.kabid.dafduk", "DUKCAPIL", "Rina Kusumawati", 2, "1978-06-17", "2003-03", "Kepala Bidang Pelayanan Pendaftaran Penduduk", A, "DAFDUK", "dukcapil.kepala", back_title="S.Sos., M.Si."),
    PersonSpec("dukcapil.adb", "DUKCAPIL", "Andi Prasetyo", 1, "1992-01-25", "2017-06", "Administrator Database Kependudukan Ahli Pertama", F, "DAFDUK", "dukcapil.kabid.dafduk", back_title="S.Kom."),
    PersonSpec("dukcapil.loket", "DUKCAPIL", "Dewi Anggraini", 2, "1995-09-30", "2019-02", "Penata Layanan Operasional", S, "DAFDUK", "dukcapil.kabid.dafduk", back_title="A.Md."),
    PersonSpec("dukcapil.kabid.capil", "DUKCAPIL", "Hendro Wibowo", 1, "1976-12-03", "2002-01", "Kepala Bidang Pelayanan Pencatatan Sipil", A, "CAPIL", "dukcapil.kepala", back_title="S.H., M.H."),
    PersonSpec("dukcapil.capil.staf", "DUKCAPIL", "Yuliana Sari", 2, "1989-04-11", "2014-03", "Pengolah Data dan Informasi", S, "CAPIL", "dukcapil.kabid.capil", back_title="S.H."),
    PersonSpec("dukcapil.kabid.piak", "DUKCAPIL", "Teguh Santoso", 1, "1980-07-08", "2005-05", "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan", A, "PIAK", "dukcapil.kepala", back_title="S.T., M.T."),
    PersonSpec("dukcapil.prakom", "DUKCAPIL", "Fajar Ramadhan", 1, "1994-02-14", "2019-03", "Pranata Komputer Ahli Pertama", F, "PIAK", "dukcapil.kabid.piak", back_title="S.Kom."),
    # Dinas Kesehatan
    PersonSpec("dinkes.kepala", "DINKES", "Cahya Purnama", 1, "1970-10-05", "1998-02", "Kepala Dinas Kesehatan", J, front_title="dr.", back_title="M.Kes."),
    PersonSpec("dinkes.sekretaris", "DINKES", "Ratna Dewi Lestari", 2, "1974-01-19", "2001-04", "Sekretaris", A, "SEKRETARIAT", "dinkes.kepala", front_title="drg.", back_title="M.Kes."),
    PersonSpec("dinkes.umpeg.staf", "DINKES", "Wahyu Setiawan", 1, "1990-08-22", "2015-05", "Analis Sumber Daya Manusia Aparatur Ahli Pertama", F, "SUBBAG-UMPEG", "dinkes.sekretaris", back_title="S.Psi."),
    PersonSpec("dinkes.kabid.kesmas", "DINKES", "Heru Santosa", 1, "1977-05-28", "2003-01", "Kepala Bidang Kesehatan Masyarakat", A, "KESMAS", "dinkes.kepala", back_title="S.K.M., M.Kes."),
    PersonSpec("dinkes.epidemiolog", "DINKES", "Laras Kartikasari", 2, "1991-11-02", "2016-04", "Epidemiolog Kesehatan Ahli Pertama", F, "KESMAS", "dinkes.kabid.kesmas", back_title="S.K.M."),
    PersonSpec("dinkes.kapus.sleman", "DINKES", "Novita Sari Wulandari", 2, "1981-02-13", "2008-07", "Kepala Puskesmas Sleman", P, "PKM-SLEMAN", "dinkes.kepala", front_title="dr.", back_title="M.P.H."),
    PersonSpec("dinkes.perawat", "DINKES", "Lina Marlina", 2, "1993-07-04", "2018-03", "Perawat Ahli Pertama", F, "PKM-SLEMAN", "dinkes.kapus.sleman", front_title="Ns.", back_title="S.Kep."),
    PersonSpec("dinkes.dokter", "DINKES", "Maya Puspitasari", 2, "1990-03-21", "2017-09", "Dokter Ahli Pertama", F, "PKM-SLEMAN", "dinkes.kapus.sleman", front_title="dr."),
    PersonSpec("dinkes.kapus.depok", "DINKES", "Arif Hidayat", 1, "1983-09-09", "2010-02", "Kepala Puskesmas Depok", P, "PKM-DEPOK", "dinkes.kepala", front_title="dr."),
    PersonSpec("dinkes.bidan", "DINKES", "Sri Wahyuni", 2, "1994-12-12", "2023-01", "Bidan Ahli Pertama", F, "PKM-DEPOK", "dinkes.kapus.depok", back_title="S.Tr.Keb.", pppk=True),
    # DPMPTSP
    PersonSpec("dpmptsp.kepala", "DPMPTSP", "Joko Santoso", 1, "1969-04-16", "1996-03", "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", J, front_title="Ir.", back_title="M.T."),
    PersonSpec("dpmptsp.kabid.izin", "DPMPTSP", "Ani Susilowati", 2, "1979-10-27", "2005-03", "Kepala Bidang Pelayanan Perizinan", A, "PERIZINAN", "dpmptsp.kepala", back_title="S.H., M.H."),
    PersonSpec("dpmptsp.izin.staf", "DPMPTSP", "Rizky Maulana", 1, "1996-06-06", "2020-03", "Penata Layanan Operasional", S, "PERIZINAN", "dpmptsp.kabid.izin", back_title="S.E."),
    PersonSpec("dpmptsp.prakom", "DPMPTSP", "Putri Ayu Lestari", 2, "1995-01-08", "2020-03", "Pranata Komputer Ahli Pertama", F, "PERIZINAN", "dpmptsp.kabid.izin", back_title="S.Kom."),
    PersonSpec("dpmptsp.kabid.pm", "DPMPTSP", "Dedi Kurniawan", 1, "1978-03-03", "2004-06", "Kepala Bidang Penanaman Modal", A, "PENANAMAN-MODAL", "dpmptsp.kepala", back_title="S.E., M.Ec.Dev."),
    PersonSpec("dpmptsp.analis", "DPMPTSP", "Wulan Safitri", 2, "1992-08-18", "2017-06", "Analis Kebijakan Ahli Pertama", F, "PENANAMAN-MODAL", "dpmptsp.kabid.pm", back_title="S.E."),
    # Dinas Pendidikan
    PersonSpec("disdik.kepala", "DISDIK", "Ahmad Fauzi", 1, "1968-08-08", "1994-03", "Kepala Dinas Pendidikan", J, front_title="Drs.", back_title="M.Pd."),
    PersonSpec("disdik.kabid.sd", "DISDIK", "Endang Sulistyowati", 2, "1975-02-20", "2000-01", "Kepala Bidang Pembinaan Sekolah Dasar", A, "SD", "disdik.kepala", back_title="S.Pd., M.Pd."),
    PersonSpec("disdik.sd.staf", "DISDIK", "Bayu Aji Pamungkas", 1, "1993-10-10", "2018-03", "Pengolah Data dan Informasi", S, "SD", "disdik.kabid.sd", back_title="S.Pd."),
    PersonSpec("disdik.kabid.smp", "DISDIK", "Sugeng Riyadi", 1, "1976-06-01", "2001-03", "Kepala Bidang Pembinaan Sekolah Menengah Pertama", A, "SMP", "disdik.kepala", back_title="S.Pd., M.Si."),
    PersonSpec("disdik.smp.staf", "DISDIK", "Indah Permatasari", 2, "1991-12-24", "2016-05", "Analis Kebijakan Ahli Pertama", F, "SMP", "disdik.kabid.smp", back_title="S.Pd."),
    # BKPSDM, the coordinator agency
    PersonSpec("bkpsdm.kepala", "BKPSDM", "Retno Wulandari", 2, "1970-09-15", "1995-03", "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", J, front_title="Dra.", back_title="M.Si."),
    PersonSpec("bkpsdm.kabid.pkap", "BKPSDM", "Yusuf Effendi", 1, "1979-01-30", "2004-03", "Kepala Bidang Penilaian Kinerja Aparatur dan Penghargaan", A, "PKAP", "bkpsdm.kepala", back_title="S.Psi., M.Psi."),
    PersonSpec("bkpsdm.koordinator", "BKPSDM", "Mega Kartika Sari", 2, "1987-05-05", "2011-03", "Analis Sumber Daya Manusia Aparatur Ahli Muda", F, "PKAP", "bkpsdm.kabid.pkap", back_title="S.Psi."),
    PersonSpec("bkpsdm.prakom", "BKPSDM", "Hari Purnomo", 1, "1990-02-02", "2015-03", "Pranata Komputer Ahli Muda", F, "PKAP", "bkpsdm.kabid.pkap", back_title="S.Kom."),
    PersonSpec("bkpsdm.kabid.mutasi", "BKPSDM", "Lukman Hakim", 1, "1980-04-04", "2006-01", "Kepala Bidang Mutasi dan Promosi", A, "MUTASI", "bkpsdm.kepala", back_title="S.H., M.AP."),
)  # fmt: skip

H, L = Direction.HIGHER, Direction.LOWER

INDICATORS = (
    IndicatorSpec(
        "DUKCAPIL",
        "IKU-01",
        "Rata-rata waktu penyelesaian dokumen kependudukan (KTP-el, KK, akta kelahiran)",
        "hari",
        L,
        targets=(5, 3),
        previous=(7.2, 6.4, 5.6, 4.9),
        previous_annual=6.0,
        current=(4.1, 3.4, 2.9, 2.7),
        definition="Jumlah hari kerja sejak berkas lengkap diterima sampai dokumen terbit, dirata-rata per dokumen.",
        data_source="SIAK dan buku register loket",
        notes={
            ("previous", 1): "Antrean manual; berkas menumpuk di loket Kecamatan.",
            ("previous", 3): "Antrean daring dan jemput bola ke kalurahan mulai Juli.",
            ("current", 1): "Pelatihan manajemen waktu bagi petugas loket pada Februari.",
            ("current", 2): "Tanda tangan elektronik untuk KK dan akta; tanpa menunggu pejabat.",
        },
        entered_by="dukcapil.adb",
        verified_by="dukcapil.kabid.dafduk",
    ),
    IndicatorSpec(
        "DUKCAPIL",
        "IKU-02",
        "Persentase bayi baru lahir yang memiliki akta kelahiran",
        "%",
        H,
        targets=(90, 95),
        previous=(84.0, 85.5, 87.2, 88.6),
        previous_annual=88.6,
        current=(90.4, 92.8, 94.1, 95.3),
        definition="Bayi lahir dalam tahun berjalan yang sudah memiliki akta ÷ seluruh kelahiran tercatat × 100.",
        data_source="SIAK; laporan kelahiran Puskesmas dan rumah sakit",
        notes={("current", 2): "Layanan akta langsung di ruang bersalin Puskesmas (kerja sama dengan Dinkes)."},
        entered_by="dukcapil.capil.staf",
        verified_by="dukcapil.kabid.capil",
    ),
    IndicatorSpec(
        "DINKES",
        "IKU-01",
        "Rata-rata waktu tunggu pasien rawat jalan di Puskesmas",
        "menit",
        L,
        targets=(60, 45),
        previous=(78, 72, 66, 61),
        previous_annual=69,
        current=(55, 49, 42, 38),
        definition="Menit sejak pendaftaran sampai diperiksa di poli, rata-rata sampel harian semua Puskesmas.",
        data_source="SIMPUS (sistem informasi manajemen Puskesmas)",
        notes={
            ("previous", 4): "Pendaftaran daring dicoba di Puskesmas Sleman.",
            ("current", 1): "Pendaftaran daring diperluas ke Puskesmas Depok; mengacu praktik baik Disdukcapil.",
        },
        entered_by="dinkes.perawat",
        verified_by="dinkes.kapus.sleman",
    ),
    IndicatorSpec(
        "DINKES",
        "IKU-02",
        "Indeks Kepuasan Masyarakat (IKM) layanan Puskesmas",
        "indeks (25–100)",
        H,
        targets=(80, 85),
        previous=(77.9, 79.2, 80.4, 81.3),
        previous_annual=79.7,
        current=(82.6, 84.1, 85.7, 86.9),
        definition="Survei 9 unsur layanan skala 1–4 (PermenPANRB 14/2017); IKM = rata-rata nilai unsur × 25.",
        data_source="Survei kepuasan masyarakat triwulanan",
        entered_by="dinkes.epidemiolog",
        verified_by="dinkes.kabid.kesmas",
    ),
    IndicatorSpec(
        "DINKES",
        "IKU-03",
        "Bed occupancy rate (BOR) Puskesmas rawat inap",
        "%",
        H,
        targets=((60, 85), (60, 85)),
        previous=(52.0, 57.5, 63.0, 71.0),
        previous_annual=60.9,
        current=(74.0, 79.5, 88.0, 83.0),
        definition="Hari perawatan ÷ (tempat tidur × hari dalam periode) × 100; ideal di dalam rentang 60–85 %.",
        data_source="SIMPUS, modul rawat inap",
        notes={("current", 3): "Lonjakan kasus demam berdarah; BOR di atas rentang ideal."},
        entered_by="dinkes.dokter",
        verified_by="dinkes.kapus.sleman",
    ),
    IndicatorSpec(
        "DPMPTSP",
        "IKU-01",
        "Rata-rata waktu penyelesaian perizinan berusaha",
        "hari",
        L,
        targets=(5, 4),
        previous=(6.5, 6.0, 5.6, 5.2),
        previous_annual=5.8,
        current=(4.6, 4.4, 4.5, 4.3),
        definition="Hari kerja sejak permohonan lengkap di OSS sampai izin terbit, rata-rata per izin.",
        data_source="OSS RBA dan SiCantik",
        notes={("current", 3): "Verifikasi teknis di dinas teknis masih menunggu jadwal peninjauan lapangan."},
        entered_by="dpmptsp.izin.staf",
        verified_by="dpmptsp.kabid.izin",
    ),
    IndicatorSpec(
        "DPMPTSP",
        "IKU-02",
        "Jumlah permohonan perizinan yang dilayani",
        "permohonan",
        H,
        targets=(4800, 5200),
        previous=(1150, 2410, 3620, 4930),
        previous_annual=4930,
        current=(1320, 2680, 3990, 5310),
        definition="Jumlah kumulatif sejak awal tahun permohonan perizinan dan nonperizinan yang selesai diproses.",
        data_source="SiCantik",
        entered_by="dpmptsp.prakom",
        verified_by="dpmptsp.kabid.izin",
    ),
    IndicatorSpec(
        "DISDIK",
        "IKU-01",
        "Persentase satuan pendidikan yang memenuhi Standar Pelayanan Minimal (SPM)",
        "%",
        H,
        targets=(80, 90),
        previous=(70.5, 71.8, 72.4, 73.0),
        previous_annual=73.0,
        current=(64.0, 62.5, 61.0, 60.5),
        definition="Sekolah (SD dan SMP negeri) yang memenuhi seluruh indikator SPM ÷ seluruh sekolah × 100.",
        data_source="Rapor Pendidikan dan Dapodik",
        notes={
            ("current", 1): "Instrumen Rapor Pendidikan baru; 38 sekolah belum memenuhi standar sarana.",
            ("current", 3): "Rehabilitasi ruang kelas tertunda; tim evaluasi menyusun rencana pembinaan.",
        },
        entered_by="disdik.sd.staf",
        verified_by="disdik.kabid.sd",
    ),
    IndicatorSpec(
        "DISDIK",
        "IKU-02",
        "Angka partisipasi murni (APM) SD/MI",
        "%",
        H,
        targets=(97, 98),
        previous=(96.2, 96.4, 96.8, 97.1),
        previous_annual=97.1,
        current=(97.3, 97.5, 97.6, 97.8),
        definition="Murid SD/MI usia 7–12 tahun ÷ penduduk usia 7–12 tahun × 100.",
        data_source="Dapodik, EMIS Kemenag dan data penduduk Disdukcapil",
        entered_by="disdik.smp.staf",
        verified_by="disdik.kabid.smp",
    ),
    IndicatorSpec(
        "BKPSDM",
        "IKU-01",
        "Persentase pegawai yang SKP-nya disetujui tepat waktu",
        "%",
        H,
        targets=(90, 95),
        previous=(78.0, 86.5, 90.2, 92.4),
        previous_annual=92.4,
        current=(89.1, 94.0, 96.2, 97.0),
        definition="Pegawai dengan SKP disetujui atasan sebelum batas waktu ÷ seluruh pegawai × 100.",
        data_source="Kinerja (aplikasi ini) dan e-Kinerja BKN",
        entered_by="bkpsdm.prakom",
        verified_by="bkpsdm.kabid.pkap",
    ),
    IndicatorSpec(
        "BKPSDM",
        "IKU-02",
        "Persentase pegawai dengan predikat kinerja minimal Baik",
        "%",
        H,
        targets=((80, 90), (80, 90)),
        previous=(94.0, 93.1, 92.5, 91.8),
        previous_annual=91.8,
        current=(89.6, 88.2, 86.9, 86.0),
        definition="Pegawai berpredikat Baik atau Sangat Baik ÷ pegawai dinilai × 100; rentang sesuai kurva distribusi.",
        data_source="Kinerja (aplikasi ini)",
        notes={("current", 1): "Kurva distribusi diterapkan; penilaian lebih berbeda antarpegawai."},
        entered_by="bkpsdm.koordinator",
        verified_by="bkpsdm.kabid.pkap",
    ),
)
