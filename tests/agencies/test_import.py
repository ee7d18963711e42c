"""Importing agencies, units and employees: happy paths, re-import, and every kind of bad file (nothing written)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from agencies.models import Agency, Employee, Unit
from tests.factories import AgencyFactory, EmployeeFactory, UnitFactory, make_nip

pytestmark = pytest.mark.django_db
User = get_user_model()

HEAD, CHIEF, STAFF = make_nip(1), make_nip(2, gender=2), make_nip(3)
EMPLOYEES_CSV = f"""nip,nama,gelar_depan,gelar_belakang,jabatan,jenis_jabatan,kode_opd,kode_unit,nip_atasan,email
{STAFF},Andi Wijaya,,S.Kom.,Analis Kependudukan,pelaksana,DUKCAPIL,PIAK,{CHIEF},andi@example.go.id
{CHIEF},Siti Rahayu,,S.E.,Kepala Bidang,administrator,DUKCAPIL,PIAK,{HEAD},
{HEAD},Budi Santoso,Drs.,M.Si.,Kepala Dinas,JPT,DUKCAPIL,,,
"""


def run(kind, name, content, tmp_path, *args):
    """Run the command; return (stdout, stderr, error message or None)."""
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_people", kind, str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), str(error)
    return out.getvalue(), err.getvalue(), None


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def nothing_written():
    return not Employee.objects.exists() and not User.objects.exists()


@pytest.fixture
def dukcapil(db):
    agency = AgencyFactory(code="DUKCAPIL", name="Dinas Kependudukan dan Pencatatan Sipil", short_name="Dukcapil")
    UnitFactory(agency=agency, code="PIAK", name="Bidang Pelayanan")
    return agency


# Happy paths


def test_agencies_units_and_employees_import_from_csv_in_order(tmp_path):
    out, _err, error = run(
        "agencies",
        "opd.csv",
        "kode_opd,nama,nama_singkat,zona_waktu\nDUKCAPIL,Dinas Dukcapil,Dukcapil,WITA\n",
        tmp_path,
    )
    assert error is None and "1 created" in out
    units = (
        "kode_opd;kode_unit;nama;jenis;kode_induk\n"
        "DUKCAPIL;PIAK-1;Seksi Identitas;seksi;PIAK\nDUKCAPIL;PIAK;Bidang PIAK;bidang;\n"
    )
    assert run("units", "unit.csv", units, tmp_path)[2] is None
    out, _err, error = run("employees", "pegawai.csv", EMPLOYEES_CSV, tmp_path)
    assert error is None and "3 created" in out
    assert Agency.objects.get().time_zone == "Asia/Makassar"
    assert Unit.objects.get(code="PIAK-1").parent.code == "PIAK"
    staff = Employee.objects.select_related("supervisor__supervisor", "user").get(nip=STAFF)
    assert staff.supervisor.nip == CHIEF and staff.supervisor.supervisor.nip == HEAD
    assert (staff.user.username, staff.user.email, staff.full_name) == (
        STAFF,
        "andi@example.go.id",
        "Andi Wijaya, S.Kom.",
    )
    assert Employee.objects.get(nip=HEAD).position_type == "jpt"


def test_agency_head_is_set_by_reimporting_agencies_after_employees(dukcapil, tmp_path):
    run("employees", "pegawai.csv", EMPLOYEES_CSV, tmp_path)
    out, _err, error = run("agencies", "opd.csv", f"code,name,head_nip\nDUKCAPIL,Dinas Dukcapil,{HEAD}\n", tmp_path)
    assert error is None and "1 updated" in out
    dukcapil.refresh_from_db()
    assert dukcapil.head.nip == HEAD and dukcapil.name == "Dinas Dukcapil"


def test_employees_import_from_xlsx_with_english_headers(dukcapil, tmp_path):
    content = xlsx(
        [
            ["NIP", "Name", "Position title", "Position type", "Agency code", "Unit code", "Supervisor NIP", "Active"],
            [STAFF, "Andi Wijaya", "Analis", "Staff", "DUKCAPIL", "PIAK", CHIEF, "ya"],
            [CHIEF, "Siti Rahayu", "Kepala Bidang", "administrator", "DUKCAPIL", "PIAK", None, "tidak"],
        ]
    )
    out, _err, error = run("employees", "pegawai.xlsx", content, tmp_path)
    assert error is None, _err
    assert Employee.objects.get(nip=STAFF).supervisor.nip == CHIEF
    assert Employee.objects.get(nip=CHIEF).is_active is False


def test_reimport_updates_by_nip_instead_of_duplicating(dukcapil, tmp_path):
    run("employees", "pegawai.csv", EMPLOYEES_CSV, tmp_path)
    changed = EMPLOYEES_CSV.replace("Andi Wijaya", "Andi Wijaya Putra").replace(f",{CHIEF},andi", f",{HEAD},andi")
    out, _err, error = run("employees", "pegawai.csv", changed, tmp_path)
    assert error is None and "0 created, 1 updated, 2 unchanged" in out
    assert Employee.objects.count() == 3 and User.objects.count() == 3
    staff = Employee.objects.get(nip=STAFF)
    assert (staff.name, staff.supervisor.nip) == ("Andi Wijaya Putra", HEAD)


def test_reimporting_the_same_file_changes_nothing(dukcapil, tmp_path):
    run("employees", "pegawai.csv", EMPLOYEES_CSV, tmp_path)
    before = list(Employee.objects.order_by("nip").values())
    out, _err, error = run("employees", "pegawai.csv", EMPLOYEES_CSV, tmp_path)
    assert error is None and "3 rows: 0 created, 0 updated, 3 unchanged." in out
    assert list(Employee.objects.order_by("nip").values()) == before


def test_reimport_can_reverse_a_reporting_line_without_a_false_loop(dukcapil, tmp_path):
    run("employees", "pegawai.csv", EMPLOYEES_CSV, tmp_path)
    swapped = EMPLOYEES_CSV.replace(f"PIAK,{HEAD},", "PIAK,,").replace("DUKCAPIL,,,", f"DUKCAPIL,,{CHIEF},")
    assert run("employees", "pegawai.csv", swapped, tmp_path)[2] is None
    assert Employee.objects.get(nip=HEAD).supervisor.nip == CHIEF
    assert Employee.objects.get(nip=CHIEF).supervisor is None


def test_bom_semicolons_blank_lines_and_extra_columns_are_accepted(dukcapil, tmp_path):
    text = "\ufeffNIP;Nama;Jabatan;Kode OPD;Catatan\n\n" + f"{STAFF};Andi;Analis;DUKCAPIL;pindahan\n;;;;\n"
    out, _err, error = run("employees", "pegawai.csv", text.encode("utf-8"), tmp_path)
    assert error is None and "1 rows: 1 created" in out


def test_a_dry_run_counts_but_writes_nothing(dukcapil, tmp_path):
    out, _err, error = run("employees", "pegawai.csv", EMPLOYEES_CSV, tmp_path, "--dry-run")
    assert error is None and "3 created" in out and "Dry run" in out
    assert nothing_written()


# Bad files: a clear message per row and column, exit code non-zero, nothing written


def assert_refused(kind, name, content, tmp_path, *expected):
    _out, err, error = run(kind, name, content, tmp_path)
    assert error is not None and "nothing was imported" in error
    for text in expected:
        assert text in err, err
    assert nothing_written()
    return err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("pegawai.csv", b"", "The file is empty"),
        ("pegawai.csv", b"\n\n  \n", "The file is empty"),
        ("pegawai.xls", b"whatever", "files of this type are not accepted. Allowed: csv, xlsx"),
        ("pegawai.txt", EMPLOYEES_CSV.encode(), "files of this type are not accepted. Allowed: csv, xlsx"),
        ("pegawai.xlsx", b"PK\x03\x04 not really a zip", "its content does not match its name"),
        ("pegawai.xlsx", EMPLOYEES_CSV.encode(), "its content does not match its name"),
        ("pegawai.xlsx", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "its content does not match its name"),
        ("pegawai.csv", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "its content does not match its name"),
        ("pegawai.csv", b"nip,nama,jabatan,kode_opd\n", "no data rows"),
    ],
)
def test_unusable_files_are_refused_as_a_whole(dukcapil, tmp_path, name, content, message):
    assert_refused("employees", name, content, tmp_path, message)


def test_a_truncated_workbook_or_a_workbook_named_csv_is_explained(dukcapil, tmp_path):
    content = xlsx([["nip", "nama", "jabatan", "kode_opd"], [STAFF, "Andi", "Analis", "DUKCAPIL"]])
    assert_refused("employees", "pegawai.xlsx", content[: len(content) // 2], tmp_path, "does not match its name")
    assert_refused("employees", "pegawai.csv", content, tmp_path, "name it .xlsx")


def test_binary_garbage_named_csv_is_refused_as_not_text(dukcapil, tmp_path):
    assert_refused("employees", "pegawai.csv", bytes(range(256)) * 4, tmp_path, "does not match its name")


def test_a_csv_saved_in_the_windows_code_page_is_read(dukcapil, tmp_path):
    text = f"nip;nama;jabatan;kode_opd\n{STAFF};André Wijaya;Analis;DUKCAPIL\n"
    _out, _err, error = run("employees", "pegawai.csv", text.encode("cp1252"), tmp_path)
    assert error is None
    assert Employee.objects.get().name == "André Wijaya"


def test_missing_required_columns_are_each_named(dukcapil, tmp_path):
    err = assert_refused("employees", "pegawai.csv", f"nip,nama\n{STAFF},Andi\n", tmp_path, "row 1\tposition_title")
    assert "agency_code" in err and "kode_opd" in err


def test_a_column_given_twice_is_refused(dukcapil, tmp_path):
    assert_refused("employees", "p.csv", f"nip,nama,name,jabatan,kode_opd\n{STAFF},A,B,C,DUKCAPIL\n", tmp_path, "twice")


def test_every_bad_row_is_reported_with_its_row_and_column(dukcapil, tmp_path):
    text = (
        "nip,nama,jabatan,jenis_jabatan,kode_opd,kode_unit,email,jenis_pegawai\n"
        f"{STAFF},Andi,Analis,pelaksana,DUKCAPIL,PIAK,andi@example.go.id,PNS\n"
        "198513122010031001,Bad Birth,Analis,pelaksana,DUKCAPIL,,,\n"
        f"{make_nip(4)},,Analis,kepala,NOPE,,not-an-email,honorer\n"
        f"{make_nip(5)},Wrong Unit,,pelaksana,DUKCAPIL,XYZ,,\n"
    )
    err = assert_refused(
        "employees",
        "pegawai.csv",
        text,
        tmp_path,
        "row 3\tnip\tNIP digits 1–8 must be a valid birth date",
        "row 4\tnama\tThis value is required.",
        "row 4\tjenis_jabatan\t“kepala” is not one of",
        "row 4\tkode_opd\tNo agency with code NOPE",
        "row 4\temail\t“not-an-email” is not an email address.",
        "row 4\tjenis_pegawai\t“honorer” is not one of",
        "row 5\tjabatan\tThis value is required.",
        "row 5\tkode_unit\tNo unit XYZ",
    )
    assert "row 2" not in err


def test_a_duplicate_nip_in_the_file_is_refused(dukcapil, tmp_path):
    text = f"nip,nama,jabatan,kode_opd\n{STAFF},Andi,Analis,DUKCAPIL\n{STAFF},Andi lagi,Analis,DUKCAPIL\n"
    assert_refused("employees", "pegawai.csv", text, tmp_path, "row 3\tnip\tNIP 1985", "also appears on row 2")


def test_nip_stored_as_a_float_in_xlsx_is_explained(dukcapil, tmp_path):
    content = xlsx([["nip", "nama", "jabatan", "kode_opd"], [float(STAFF), "Andi", "Analis", "DUKCAPIL"]])
    assert_refused("employees", "pegawai.xlsx", content, tmp_path, "row 2\tnip", "scientific notation")


def test_nip_in_scientific_notation_in_csv_is_explained(dukcapil, tmp_path):
    text = "nip;nama;jabatan;kode_opd\n1,98504E+17;Andi;Analis;DUKCAPIL\n"
    assert_refused("employees", "pegawai.csv", text, tmp_path, "row 2\tnip", "scientific notation")


def test_nip_that_lost_leading_digits_is_explained(dukcapil, tmp_path):
    text = f"nip,nama,jabatan,kode_opd\n{STAFF[1:]},Andi,Analis,DUKCAPIL\n"
    assert_refused("employees", "pegawai.csv", text, tmp_path, "row 2\tnip", "has 17 digits instead of 18")
    content = xlsx([["nip", "nama", "jabatan", "kode_opd"], [int(STAFF[4:]), "Andi", "Analis", "DUKCAPIL"]])
    assert_refused("employees", "pegawai.xlsx", content, tmp_path, "has 13 digits instead of 18")


def test_a_supervisor_loop_across_the_file_is_refused(dukcapil, tmp_path):
    text = (
        "nip,nama,jabatan,kode_opd,nip_atasan\n"
        f"{STAFF},Andi,Analis,DUKCAPIL,{CHIEF}\n{CHIEF},Siti,Kabid,DUKCAPIL,{HEAD}\n{HEAD},Budi,Kadis,DUKCAPIL,{STAFF}\n"
    )
    assert_refused("employees", "pegawai.csv", text, tmp_path, "row 2\tnip_atasan\tThis supervisor makes a loop")


def test_a_supervisor_loop_through_stored_employees_is_refused(dukcapil, tmp_path):
    boss = EmployeeFactory(nip=HEAD, agency=dukcapil)
    EmployeeFactory(nip=CHIEF, agency=dukcapil, supervisor=boss)
    text = f"nip,nama,jabatan,kode_opd,nip_atasan\n{HEAD},Budi,Kadis,DUKCAPIL,{CHIEF}\n"
    _out, err, error = run("employees", "pegawai.csv", text, tmp_path)
    assert error and "makes a loop" in err
    assert Employee.objects.get(nip=HEAD).supervisor is None


def test_self_supervision_and_unknown_supervisors_are_refused(dukcapil, tmp_path):
    text = (
        "nip,nama,jabatan,kode_opd,nip_atasan\n"
        f"{STAFF},Andi,Analis,DUKCAPIL,{STAFF}\n{CHIEF},Siti,Kabid,DUKCAPIL,{HEAD}\n"
    )
    assert_refused(
        "employees",
        "pegawai.csv",
        text,
        tmp_path,
        "row 2\tnip_atasan\tAn employee cannot supervise themselves.",
        f"row 3\tnip_atasan\tNo employee with NIP {HEAD}",
    )


def test_a_username_taken_by_someone_else_is_refused(dukcapil, tmp_path):
    User.objects.create_user(username="andi")
    text = f"nip,nama,jabatan,kode_opd,username\n{STAFF},Andi,Analis,DUKCAPIL,andi\n"
    _out, err, error = run("employees", "pegawai.csv", text, tmp_path)
    assert error and "row 2\tusername\tThe username andi belongs to someone else." in err
    assert not Employee.objects.exists()


def test_units_with_a_loop_or_unknown_parent_are_refused(dukcapil, tmp_path):
    text = (
        "kode_opd,kode_unit,nama,kode_induk\n"
        "DUKCAPIL,A,Bidang A,B\nDUKCAPIL,B,Bidang B,A\nDUKCAPIL,C,Bidang C,ZZZ\nNOPE,D,D,\n"
    )
    _out, err, error = run("units", "unit.csv", text, tmp_path)
    assert error is not None
    assert "row 2\tkode_induk\tThis parent makes a loop: A → B → A." in err
    assert "row 4\tkode_induk\tNo unit ZZZ" in err and "row 5\tkode_opd\tNo agency with code NOPE" in err
    assert list(Unit.objects.values_list("code", flat=True)) == ["PIAK"]


def test_agencies_with_bad_rows_are_refused(tmp_path):
    text = f"kode_opd,nama,zona_waktu,nip_kepala\nA,Dinas A,WIB,\nA,Dinas A lagi,WIB,\nB,,CET,\nC,Dinas C,,{STAFF}\n"
    _out, err, error = run("agencies", "opd.csv", text, tmp_path)
    assert error is not None
    assert "row 3\tkode_opd\tCode A also appears on row 2." in err
    assert "row 4\tnama\tThis value is required." in err and "row 4\tzona_waktu" in err
    assert "row 5\tnip_kepala\tThe head must be an existing employee of this agency" in err
    assert not Agency.objects.exists()


def test_an_unreadable_path_gives_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_people", "agencies", str(tmp_path / "missing.csv"))


def test_the_command_exits_non_zero_on_errors(dukcapil, tmp_path):
    import subprocess
    import sys

    path = tmp_path / "bad.csv"
    path.write_text("nip,nama\n1,2\n")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_people", "employees", str(path), "--skip-checks"],
        capture_output=True,
        text=True,
        env={
            "DJANGO_SETTINGS_MODULE": "config.test_settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "PATH": "/usr/bin:/bin",
        },
    )
    assert result.returncode == 1
    # Commands speak the default language (Indonesian); the row-level report names the missing columns.
    assert "Kolom wajib tidak ada" in result.stderr
    assert "row 1\tposition_title" in result.stderr


def test_a_nip_with_an_impossible_appointment_year_is_a_row_error_not_a_crash(dukcapil, tmp_path):
    csv = f"nip,nama,jabatan,kode_opd\n198504120000031001,Andi,Analis,DUKCAPIL\n{STAFF},Siti,Analis,DUKCAPIL\n"
    err = assert_refused("employees", "pegawai.csv", csv, tmp_path, "appointment month")
    assert "row 2\tnip" in err


def test_the_rank_comes_from_a_pangkat_column_and_a_reimport_updates_it(dukcapil, tmp_path):
    with_rank = EMPLOYEES_CSV.replace("jenis_jabatan,", "jenis_jabatan,pangkat,", 1)
    lines = with_rank.splitlines()
    ranks = ["Penata Muda, III/a", "Penata Tingkat I, III/d", "Pembina Utama Muda, IV/c"]
    for number, rank in enumerate(ranks, start=1):
        cells = lines[number].split(",")
        cells.insert(6, f'"{rank}"')
        lines[number] = ",".join(cells)
    _out, _err, error = run("employees", "pegawai.csv", "\n".join(lines) + "\n", tmp_path)
    assert error is None
    assert Employee.objects.get(nip=CHIEF).rank == "Penata Tingkat I, III/d"

    lines[2] = lines[2].replace("Penata Tingkat I, III/d", "Pembina, IV/a")
    out, _err, error = run("employees", "pegawai.csv", "\n".join(lines) + "\n", tmp_path)
    assert error is None and "0 created, 1 updated, 2 unchanged" in out
    assert Employee.objects.get(nip=CHIEF).rank == "Pembina, IV/a"
