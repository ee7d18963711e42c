"""Capacity development in a real browser, on a server of its own: `atasan.dinkes` closing the coaching of
`pegawai.dinkes` raises a development need from it; `koordinator` creates a training for that need, invites its
people, records attendance by importing a workbook, and opens the effect view."""

import datetime
import io
import re

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from tests.e2e.test_plan_lifecycle import expect_message, open_task_of

NURSE = "Lina Marlina"


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url


def test_a_need_raised_at_coaching_becomes_a_training_with_imported_attendance_and_an_effect_view(
    signed_in, live_url, server_today, tmp_path
):
    boss, nurse, coordinator = signed_in("atasan.dinkes"), signed_in("pegawai.dinkes"), signed_in("koordinator")

    # Coaching is planned and acknowledged (the demo leaves the nurse's plan waiting for it).
    open_task_of(boss, live_url, NURSE, "Rencanakan pembinaan")
    boss.get_by_label("Jenis").select_option("bimbingan")
    boss.get_by_label("Masalah").fill("Dokumentasi asuhan belum lengkap.")
    boss.get_by_label("Tindakan yang disepakati").fill("Pelatihan dokumentasi dan pendampingan.")
    boss.get_by_label("Tenggat").fill((server_today + datetime.timedelta(days=30)).isoformat())
    boss.get_by_role("button", name="Simpan dan lanjutkan").click()
    expect_message(boss, "Rencana pembinaan dicatat")
    nurse.goto(f"{live_url}/plans/")
    nurse.get_by_role("row").filter(has_text=f"Tahunan {server_today.year}").get_by_role("link").first.click()
    nurse.locator("#task-panel").get_by_role("link", name="Terima pembinaan").click()
    nurse.get_by_role("button", name="Terima", exact=True).click()

    # Closing the coaching, the supervisor raises a need from it.
    open_task_of(boss, live_url, NURSE, "Tutup pembinaan")
    panel = boss.get_by_role("region", name="Pengembangan kompetensi")
    expect(panel).to_contain_text("Pelatihan yang diselesaikan sejak pembinaan dimulai")
    panel.get_by_role("link", name="Usulkan kebutuhan pengembangan").click()
    boss.get_by_label("Kompetensi").fill("Dokumentasi asuhan keperawatan")
    boss.get_by_label("Kesenjangan yang dihadapi").fill("Catatan asuhan belum lengkap.")
    boss.get_by_label("Sumber usulan").select_option("coaching")
    boss.get_by_role("button", name="Simpan kebutuhan").click()
    expect_message(boss, "Kebutuhan pengembangan dicatat")
    expect(boss.locator("#task-title")).to_have_text("Tutup pembinaan")
    expect(boss.locator("main")).to_contain_text("Dokumentasi asuhan keperawatan")

    # The coordinator creates a training for the need and invites its people.
    coordinator.get_by_role("navigation", name="Utama").get_by_role("link", name="Pengembangan", exact=True).click()
    coordinator.get_by_role("navigation", name="Pengembangan kompetensi").get_by_role(
        "link", name="Pelatihan", exact=True
    ).click()
    coordinator.get_by_role("link", name="Pelatihan baru").click()
    first_day = server_today - datetime.timedelta(days=10)
    coordinator.get_by_label("Jenis").select_option("pelatihan")
    coordinator.get_by_label("Nama:", exact=True).fill("Pelatihan Dokumentasi Asuhan")
    coordinator.get_by_label("Penyelenggara:", exact=True).fill("BKPSDM dan Dinkes")
    coordinator.get_by_label("Perangkat daerah penyelenggara").select_option(label="Dinkes")
    coordinator.get_by_label("Mulai").fill(first_day.isoformat())
    coordinator.get_by_label("Berakhir").fill((first_day + datetime.timedelta(days=1)).isoformat())
    coordinator.get_by_label("Tempat").fill("Aula Dinkes")
    coordinator.get_by_label("Jam pelajaran (JP)").fill("12")
    coordinator.get_by_label("Kapasitas").fill("20")
    coordinator.get_by_role("checkbox", name=re.compile("Dokumentasi asuhan keperawatan")).check()
    coordinator.get_by_role("button", name="Simpan pelatihan").click()
    expect_message(coordinator, "Pelatihan dibuat")
    coordinator.get_by_label("Undang semua pegawai dari kebutuhan yang dilayani pelatihan ini").check()
    coordinator.get_by_role("button", name="Undang").click()
    expect_message(coordinator, "1 diundang")
    participants = coordinator.get_by_role("region", name="Peserta")
    nip = participants.get_by_role("row").filter(has_text=NURSE).locator("small").inner_text().strip()

    # Attendance by import: a wrong row first (nothing saved), then the right workbook.
    training_url = coordinator.url
    coordinator.get_by_role("link", name="Impor kehadiran").click()

    def workbook(rows):
        book = Workbook()
        for row in rows:
            book.active.append(row)
        path = tmp_path / f"hadir-{len(rows)}.xlsx"
        buffer = io.BytesIO()
        book.save(buffer)
        path.write_bytes(buffer.getvalue())
        return path

    days = [first_day.isoformat(), (first_day + datetime.timedelta(days=1)).isoformat()]
    coordinator.get_by_label("Berkas kehadiran (.xlsx atau .csv)").set_input_files(
        workbook([["NIP", "Tanggal", "Hadir"], [nip, days[0], "ya"], [nip, "2000-01-01", "ya"]])
    )
    coordinator.get_by_role("button", name="Impor").click()
    expect(coordinator.get_by_role("alert")).to_contain_text("tidak ada yang disimpan")
    coordinator.get_by_label("Berkas kehadiran (.xlsx atau .csv)").set_input_files(
        workbook([["NIP", "Tanggal", "Hadir"], [nip, days[0], "ya"], [nip, days[1], "ya"], ["", "", ""]])
    )
    coordinator.get_by_role("button", name="Impor").click()
    expect_message(coordinator, "Kehadiran disimpan: 2 baris")
    assert coordinator.url == training_url
    expect(participants.get_by_role("row").filter(has_text=NURSE)).to_contain_text("2 / 2")

    # The effect view, honest about what the figures allow.
    coordinator.get_by_role("link", name="Dampak pada IKU").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Dampak pada IKU")
    expect(coordinator.locator("main")).to_contain_text("Perangkat daerah yang tidak ikut")
    coordinator.get_by_label("Bulan sebelum dan sesudah").select_option("12")
    coordinator.get_by_role("button", name="Tampilkan").click()
    expect(coordinator.locator("main")).to_contain_text("12 bulan sebelum dan sesudah pelatihan")
