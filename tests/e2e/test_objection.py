"""An objection (keberatan) clicked through as the demo people, on a server of its own (the plan moves on).

`pegawai.dinkes`, whose plan was rated Butuh Perbaikan and is waiting for coaching, objects within the deadline with
reasons and a PDF; someone of another agency cannot open the objection; `kepala.dinkes`, the rater's own supervisor,
finds it in the inbox and accepts it with new ratings: the predikat becomes Baik, coaching is cancelled and the plan
is done; the rater (`atasan.dinkes`) reads the decision.
"""

import re

import pytest
from playwright.sync_api import expect

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
NURSE = "Lina Marlina"


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url


def test_an_upheld_objection_regrades_the_plan_and_cancels_coaching(signed_in, live_url, this_year):
    nurse, head, rater, stranger = (
        signed_in("pegawai.dinkes"),
        signed_in("kepala.dinkes"),
        signed_in("atasan.dinkes"),
        signed_in("pegawai"),
    )

    # The employee objects from the plan page, with reasons and evidence.
    nurse.get_by_role("navigation", name="Utama").get_by_role("link", name="SKP saya").click()
    nurse.get_by_role("row").filter(has_text=this_year).get_by_role("link").first.click()
    expect(nurse.locator(".page-head .badge").first).to_have_text("Pembinaan")
    nurse.get_by_role("link", name="Ajukan keberatan atas predikat").click()
    expect(nurse.get_by_role("heading", level=1)).to_have_text("Ajukan keberatan atas predikat")
    nurse.get_by_label("Alasan").fill("Seluruh asuhan keperawatan terdokumentasi; lihat rekap terlampir.")
    nurse.get_by_label("Bukti dukung (opsional)").set_input_files(
        files=[{"name": "rekap-asuhan.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    nurse.get_by_role("button", name="Kirim keberatan").click()
    expect(nurse.locator(".messages")).to_contain_text("Keberatan Anda telah dikirim")
    objection_url = nurse.url
    expect(nurse.locator("main")).to_contain_text("Butuh Perbaikan")
    evidence = nurse.get_by_role("link", name="rekap-asuhan.pdf")
    assert nurse.context.request.get(live_url + evidence.get_attribute("href")).body() == PDF

    # Nobody outside the objection's people opens it.
    assert stranger.context.request.get(objection_url).status == 404

    # The rater's supervisor decides from the inbox: accepted, with new ratings.
    head.get_by_role("navigation", name="Utama").get_by_role("link", name=re.compile("^Kotak tugas")).click()
    expect(head.get_by_role("heading", name="Keberatan yang harus diputuskan")).to_be_visible()
    head.get_by_role("row").filter(has_text=NURSE).get_by_role("link").first.click()
    expect(head.get_by_role("heading", level=1)).to_have_text("Putuskan keberatan")
    # An acceptance without new ratings is refused with the reason, the form kept.
    head.get_by_label("Diterima", exact=True).check()
    head.get_by_label("Alasan keputusan").fill("Rekap asuhan membuktikan target tercapai.")
    head.get_by_role("button", name="Catat keputusan").click()
    expect(head.locator("main")).to_contain_text("Keberatan yang diterima menetapkan rating baru")
    head.get_by_label("Diterima", exact=True).check()
    head.get_by_label("Alasan keputusan").fill("Rekap asuhan membuktikan target tercapai.")
    head.get_by_label("Rating hasil kerja baru").select_option("AS_EXPECTED")
    head.get_by_label("Rating perilaku kerja baru").select_option("AS_EXPECTED")
    head.get_by_role("button", name="Catat keputusan").click()
    expect(head.locator(".messages")).to_contain_text("Keputusan dicatat: Diterima")
    expect(head.locator("main")).to_contain_text("Baik")

    # The plan follows: predikat Baik, coaching cancelled, done; the history says so.
    nurse.goto(objection_url)
    expect(nurse.locator("main")).to_contain_text("Diterima")
    nurse.get_by_role("link", name="Kembali ke SKP").click()
    expect(nurse.locator(".page-head .badge").first).to_have_text("Selesai")
    expect(nurse.locator(".page-head")).to_contain_text("Baik")
    expect(nurse.locator("main")).to_contain_text("Pembinaan dibatalkan")

    # The rater reads the decision too.
    rater.goto(objection_url)
    expect(rater.locator("main")).to_contain_text("Rekap asuhan membuktikan target tercapai.")
