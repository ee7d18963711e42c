"""A quarter's evaluation (evaluasi periodik) clicked through as the demo people, on a server of its own.

`pegawai2` finds the running quarter's report in the inbox, records the quarter's realisation with a PDF and reports
it; someone of another agency cannot open it; `atasan` rates the quarter below expectations on both (Sangat Kurang),
so coaching starts within the year: atasan records the coaching plan and `pegawai2` acknowledges it. The plan page
lists the quarters with their periodic predikat.
"""

import re

import pytest
from playwright.sync_api import expect

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EMPLOYEE = "Dewi Anggraini"


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url


def periodic_row(page, *, own=False):
    page.get_by_role("navigation", name="Utama").get_by_role("link", name=re.compile("^Kotak tugas")).click()
    expect(page.get_by_role("heading", name="Evaluasi periodik")).to_be_visible()
    # One's own tasks are named as such, not by one's own name.
    return page.get_by_role("row").filter(has_text="Anda (SKP Anda sendiri)" if own else EMPLOYEE)


def test_a_poor_quarter_is_reported_rated_and_coached_within_the_year(signed_in, live_url, server_today):
    employee, supervisor, stranger = signed_in("pegawai2"), signed_in("atasan"), signed_in("pegawai.dinkes")
    quarter = ("I", "II", "III", "IV")[(server_today.month - 1) // 3]
    label = f"Triwulan {quarter} {server_today.year}"

    # The employee reports the running quarter: its realisation with evidence, then a summary.
    periodic_row(employee, own=True).get_by_role("link", name="Laporkan periode").click()
    expect(employee.get_by_role("heading", level=1)).to_contain_text(f"Evaluasi periodik: {label}")
    review_url = employee.url
    form = employee.locator("details.realisation-form").first
    form.locator("summary").click()
    # On a laptop: one file picker (the camera's is for touch screens), and the value's help reads as a sentence,
    # not a sliver of a grid column.
    expect(form.locator("input[type=file]:visible")).to_have_count(1)
    assert form.locator(".field .help").first.bounding_box()["width"] > 400
    form.get_by_label("Nilai yang dicapai").fill("250")
    form.get_by_label("Berkas bukti dukung").set_input_files(
        files=[{"name": "laporan-triwulan.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    form.get_by_role("button", name="Simpan realisasi").click()
    expect(employee.locator(".messages")).to_contain_text("Realisasi dicatat")
    expect(employee.locator("main")).to_contain_text("laporan-triwulan.pdf")
    employee.get_by_label("Ringkasan periode").fill("Antrean menumpuk karena blangko terlambat.")
    employee.get_by_role("button", name="Simpan dan lanjutkan").click()
    expect(employee.locator(".messages")).to_contain_text("Periode ini telah dilaporkan kepada atasan Anda")

    # Nobody outside the plan's people opens it.
    assert stranger.context.request.get(review_url).status == 404

    # The supervisor rates the quarter from the inbox: below on both, Sangat Kurang, coaching follows.
    periodic_row(supervisor).get_by_role("link", name="Nilai periode").click()
    expect(supervisor.locator("main")).to_contain_text("laporan-triwulan.pdf")
    supervisor.get_by_label("Umpan balik untuk pegawai").fill("Atur jadwal jemput bola saat blangko terlambat.")
    supervisor.get_by_label("Hasil kerja dalam periode").select_option("BELOW")
    supervisor.get_by_label("Perilaku kerja dalam periode").select_option("BELOW")
    supervisor.get_by_role("button", name="Simpan dan lanjutkan").click()
    expect(supervisor.locator(".messages")).to_contain_text("Sangat Kurang")
    expect(supervisor.locator("#task-title")).to_have_text("Rencanakan pembinaan periode")
    supervisor.get_by_label("Jenis").select_option("bimbingan")
    supervisor.get_by_label("Masalah").fill("Antrean loket menumpuk.")
    supervisor.get_by_label("Tindakan yang disepakati").fill("Pendampingan mingguan.")
    supervisor.get_by_label("Tenggat").fill(f"{server_today.year + 1}-02-28")
    supervisor.get_by_role("button", name="Simpan dan lanjutkan").click()
    expect(supervisor.locator(".messages")).to_contain_text("Rencana pembinaan dicatat")

    # The employee acknowledges the coaching plan; the plan page lists the quarter with its predikat.
    periodic_row(employee, own=True).get_by_role("link", name="Terima pembinaan periode").click()
    employee.get_by_label("Catatan Anda (opsional)").fill("Saya setuju.")
    employee.get_by_role("button", name="Terima").click()
    expect(employee.locator(".messages")).to_contain_text("Anda menerima rencana pembinaan")
    employee.get_by_role("link", name="Kembali ke SKP").click()
    section = employee.locator("#periodic-reviews")
    expect(section.get_by_role("row").filter(has_text=label)).to_contain_text("Sangat Kurang")
