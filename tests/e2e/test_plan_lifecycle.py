"""The plan (SKP) lifecycle clicked through as the demo people, on a server of its own (the plans move on).

Branch A: `pegawai` drafts this year's plan from nothing, cascading from `atasan`'s approved RHK; `atasan` returns it
with a comment; `pegawai` reads it, fixes the plan, resubmits; `atasan` approves; `pegawai` reports realisation with
an uploaded evidence file and assesses themself; `atasan` rates it Baik and the plan is done and frozen.

Branch B: `pegawai2`, whose approved plan is in realisation in the demo, finishes it; `atasan` rates it Butuh
Perbaikan, which leads to coaching: the coaching plan, the employee's acknowledgement, a session, the closing.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

SUPERVISOR_RHK = "Terselenggaranya layanan KTP-el dan KK yang cepat"  # atasan's approved RHK in the demo
PDF_EVIDENCE = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url


def go_home(page, live_url):
    page.goto(f"{live_url}/")


def open_my_plan(page, live_url, period):
    go_home(page, live_url)
    page.get_by_role("navigation", name="Utama").get_by_role("link", name="SKP saya").click()
    page.get_by_role("row").filter(has_text=period).get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(period)


def open_task_of(page, live_url, employee, task_title):
    """The supervisor's way in: the inbox row of that employee's task."""
    go_home(page, live_url)
    page.get_by_role("navigation", name="Utama").get_by_role("link", name=re.compile("^Kotak tugas")).click()
    page.get_by_role("row").filter(has_text=employee).get_by_role("link", name=task_title).click()
    expect(page.locator("#task-title")).to_have_text(task_title)


def do_my_task(page, task_title):
    """On the plan page, the owner's button for the open step."""
    page.locator("#task-panel").get_by_role("link", name=task_title).click()
    expect(page.locator("#task-title")).to_have_text(task_title)


def expect_message(page, text):
    expect(page.locator(".messages")).to_contain_text(text)


def stage_badge(page):
    return page.locator(".page-head .badge").first


def test_a_plan_from_first_draft_through_return_and_approval_to_a_good_predikat(signed_in, live_url, this_year):
    employee, boss = signed_in("pegawai"), signed_in("atasan")

    # Draft: an RHK cascading from the supervisor's approved RHK, with an indicator.
    open_my_plan(employee, live_url, this_year)
    expect(stage_badge(employee)).to_have_text("Draf")
    add = employee.locator("#add-rhk")
    add.get_by_label("Hasil kerja (RHK)").fill("Termutakhirkannya basis data kependudukan setiap bulan")
    supports = add.get_by_label("Mendukung RHK atasan")
    expect(supports.locator("option", has_text=SUPERVISOR_RHK)).to_have_count(1)
    supports.select_option(label=SUPERVISOR_RHK)
    add.get_by_role("button", name="Simpan RHK").click()
    results = employee.locator("#results-table")
    expect(results).to_contain_text("Termutakhirkannya basis data kependudukan setiap bulan")
    expect(results).to_contain_text(SUPERVISOR_RHK)
    new_indicator = results.locator("form.add-indicator").first
    new_indicator.get_by_label("Aspek").select_option("quantity")
    new_indicator.get_by_label("Indikator:", exact=True).fill("Rekaman data kependudukan yang dimutakhirkan")
    new_indicator.get_by_label("Target:", exact=True).fill("10000")
    new_indicator.get_by_label("Satuan").fill("rekaman")
    new_indicator.get_by_role("button", name="Tambah indikator").click()
    expect(results.locator(".indicator-list")).to_contain_text("Rekaman data kependudukan yang dimutakhirkan")
    employee.locator("#submit-bar").get_by_role("button", name="Ajukan untuk direviu").click()
    expect_message(employee, "SKP diajukan untuk direviu")
    expect(stage_badge(employee)).to_have_text("Dalam reviu")

    # Review: a return needs a comment; with one, the plan goes back to the employee.
    open_task_of(boss, live_url, "Andi Prasetyo", "Reviu SKP")
    boss.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    expect(boss.locator(".field-error")).to_contain_text("komentar wajib")
    boss.get_by_label("Komentar").fill("Target terlalu rendah: naikkan menjadi 12000 rekaman.")
    boss.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    expect_message(boss, "dikembalikan")

    # The employee sees the comment, raises the target and submits again.
    open_my_plan(employee, live_url, this_year)
    expect(stage_badge(employee)).to_have_text("Draf")
    expect(employee.locator("#last-return")).to_contain_text("Target terlalu rendah: naikkan menjadi 12000 rekaman.")
    results.locator("li.indicator").filter(has_text="Rekaman data").get_by_role("link", name="Ubah").click()
    editing = results.locator("form.inline-edit")
    editing.get_by_label("Target:", exact=True).fill("12000")
    editing.get_by_role("button", name="Simpan").click()
    expect(results.locator(".indicator-list")).to_contain_text("12.000 rekaman")
    employee.locator("#submit-bar").get_by_role("button", name="Ajukan untuk direviu").click()
    expect_message(employee, "SKP diajukan untuk direviu")

    open_task_of(boss, live_url, "Andi Prasetyo", "Reviu SKP")
    boss.get_by_role("button", name="Setujui").click()
    expect_message(boss, "SKP disetujui")
    expect(stage_badge(boss)).to_have_text("Realisasi")

    # Realisation with an uploaded evidence file, then the realisation step and the self-assessment.
    open_my_plan(employee, live_url, this_year)
    report = employee.locator("details.realisation-form[open] form")  # open while nothing is reported
    report.get_by_label("Nilai yang dicapai").fill("12150")
    report.get_by_label("Yang dicapai:", exact=True).fill("Pemutakhiran rutin tiap akhir bulan")
    report.get_by_label("Berkas bukti dukung").set_input_files(
        files=[{"name": "laporan-pemutakhiran.pdf", "mimeType": "application/pdf", "buffer": PDF_EVIDENCE}]
    )
    report.get_by_role("button", name="Simpan realisasi").click()
    expect_message(employee, "Realisasi dicatat")
    evidence = results.get_by_role("link", name="laporan-pemutakhiran.pdf")
    expect(evidence).to_be_visible()
    download = employee.context.request.get(live_url + evidence.get_attribute("href"))
    assert download.ok and download.body() == PDF_EVIDENCE
    assert "attachment" in download.headers["content-disposition"]
    do_my_task(employee, "Laporkan realisasi")
    employee.get_by_role("button", name="Realisasi sudah lengkap").click()
    expect_message(employee, "penilaian diri")
    do_my_task(employee, "Penilaian diri")
    employee.get_by_role("combobox").last.select_option("AS_EXPECTED")
    employee.get_by_label("Ringkasan").fill("Target pemutakhiran tercapai setiap bulan.")
    employee.get_by_role("button", name="Simpan dan lanjutkan").click()
    expect_message(employee, "Penilaian diri dikirim")

    # Rating "as expected" twice gives Baik: the plan ends, frozen.
    open_task_of(boss, live_url, "Andi Prasetyo", "Nilai SKP")
    expect(boss.locator("#results-table")).to_contain_text("101,25 %")  # 12.150 of 12.000 rekaman
    boss.get_by_label("Termutakhirkannya basis data kependudukan setiap bulan").select_option("AS_EXPECTED")
    boss.get_by_label("Hasil kerja keseluruhan").select_option("AS_EXPECTED")
    boss.get_by_label("Perilaku kerja:", exact=True).select_option("AS_EXPECTED")
    boss.get_by_role("button", name="Periksa penilaian").click()
    boss.get_by_role("button", name="Konfirmasi dan simpan penilaian").click()
    expect_message(boss, "Baik")

    open_my_plan(employee, live_url, this_year)
    expect(stage_badge(employee)).to_have_text("Selesai")
    expect(employee.locator(".page-head")).to_contain_text("Baik")
    expect(employee.locator("#task-panel")).to_contain_text("dibekukan")
    main = employee.locator("main")
    for gone in ("Tambah hasil kerja (RHK)", "Tambah indikator", "Ubah"):
        expect(main.get_by_role("link", name=gone, exact=True)).to_have_count(0)
    expect(main.get_by_role("button", name="Hapus")).to_have_count(0)
    expect(main.locator("summary", has_text="Laporkan realisasi")).to_have_count(0)
    expect(main.get_by_role("button", name="Kirim umpan balik")).to_have_count(0)
    expect(employee.locator("#task-panel").get_by_role("link")).to_have_count(0)

    # The plan's documents.
    for name in ("SKP (PDF)", "Dokumen evaluasi (PDF)"):
        href = employee.get_by_role("link", name=name).get_attribute("href")
        document = employee.context.request.get(live_url + href)
        assert document.ok, name
        assert document.headers["content-type"] == "application/pdf"
        assert document.body().startswith(b"%PDF-")


def test_a_poor_predikat_leads_to_coaching_that_the_supervisor_closes(signed_in, live_url, this_year, server_today):
    employee, boss = signed_in("pegawai2"), signed_in("atasan")

    open_my_plan(employee, live_url, this_year)
    expect(stage_badge(employee)).to_have_text("Realisasi")
    do_my_task(employee, "Laporkan realisasi")
    employee.get_by_role("button", name="Realisasi sudah lengkap").click()
    expect_message(employee, "penilaian diri")
    do_my_task(employee, "Penilaian diri")
    employee.get_by_role("combobox").last.select_option("AS_EXPECTED")
    employee.get_by_label("Ringkasan").fill("Permohonan di loket terlayani meski blangko terlambat.")
    employee.get_by_role("button", name="Simpan dan lanjutkan").click()
    expect_message(employee, "Penilaian diri dikirim")

    open_task_of(boss, live_url, "Dewi Anggraini", "Nilai SKP")
    boss.get_by_label("Terlayaninya permohonan KTP-el di loket tepat waktu").select_option("BELOW")
    preview = boss.locator("#predikat-preview")
    expect(preview).to_contain_text("Pilih rating hasil kerja dan perilaku keseluruhan")
    boss.get_by_label("Hasil kerja keseluruhan").select_option("BELOW")
    boss.get_by_label("Perilaku kerja:", exact=True).select_option("ABOVE")
    expect(preview).to_contain_text("Butuh Perbaikan")  # previewed in place (htmx) while choosing
    expect(preview).to_contain_text("Diikuti pembinaan")
    boss.get_by_label("Perilaku kerja:", exact=True).select_option("AS_EXPECTED")
    boss.get_by_role("button", name="Periksa penilaian").click()
    confirm = boss.locator("#rating-confirm")
    expect(confirm).to_contain_text("Butuh Perbaikan")
    expect(confirm).to_contain_text("Diikuti pembinaan")
    expect(stage_badge(boss)).to_have_text("Rating")  # nothing saved before the confirmation
    boss.get_by_role("button", name="Konfirmasi dan simpan penilaian").click()
    expect_message(boss, "Butuh Perbaikan")
    expect(stage_badge(boss)).to_have_text("Pembinaan")

    # The supervisor records the coaching plan.
    do_my_task(boss, "Rencanakan pembinaan")
    boss.get_by_label("Jenis").select_option("bimbingan")
    boss.get_by_label("Masalah").fill("Target layanan loket tidak tercapai.")
    boss.get_by_label("Tindakan yang disepakati").fill("Pendampingan mingguan oleh kepala bidang.")
    boss.get_by_label("Tenggat").fill((server_today + datetime.timedelta(days=30)).isoformat())
    boss.get_by_role("button", name="Simpan dan lanjutkan").click()
    expect_message(boss, "Rencana pembinaan dicatat")

    # The employee acknowledges it.
    open_my_plan(employee, live_url, this_year)
    expect(employee.locator("main")).to_contain_text("Pendampingan mingguan oleh kepala bidang.")
    do_my_task(employee, "Terima pembinaan")
    employee.get_by_label("Catatan Anda (opsional)").fill("Saya siap mengikuti pendampingan.")
    employee.get_by_role("button", name="Terima", exact=True).click()
    expect_message(employee, "menerima rencana pembinaan")

    # The supervisor records a session, then closes the coaching: the plan is done.
    open_task_of(boss, live_url, "Dewi Anggraini", "Tutup pembinaan")
    boss.get_by_label("Dilaksanakan pada").fill(server_today.isoformat())
    boss.get_by_label("Catatan", exact=True).fill("Sesi pertama: alur antrean loket ditata ulang.")
    boss.get_by_role("button", name="Simpan sesi").click()
    expect_message(boss, "Sesi pembinaan dicatat")
    expect(boss.locator("main")).to_contain_text("Sesi pertama: alur antrean loket ditata ulang.")
    do_my_task(boss, "Tutup pembinaan")
    boss.get_by_label("Hasil:", exact=True).fill("Layanan loket kembali sesuai target.")
    boss.get_by_role("button", name="Simpan dan lanjutkan").click()
    expect_message(boss, "Pembinaan ditutup")

    open_my_plan(employee, live_url, this_year)
    expect(stage_badge(employee)).to_have_text("Selesai")
    expect(employee.locator(".page-head")).to_contain_text("Butuh Perbaikan")
    expect(employee.locator("#task-panel")).to_contain_text("dibekukan")
    expect(employee.locator("main")).to_contain_text("Layanan loket kembali sesuai target.")
    expect(employee.locator("#task-panel").get_by_role("link")).to_have_count(0)
    href = employee.get_by_role("link", name="SKP (PDF)").get_attribute("href")
    document = employee.context.request.get(live_url + href)
    assert document.ok and document.body().startswith(b"%PDF-")
