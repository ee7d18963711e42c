"""The correction path of a data-calendar figure in a real browser (the demo's Disdukcapil team): a verifier returns
the PIC's figure with a reason; the PIC reads the reason, corrects and resubmits; another member verifies it; the
team's chair later reopens the published figure for correction, the PIC corrects it again, it is verified again and
the correction is kept on the entry."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_fits_the_phone

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url


def submit(pic, value: str, note: str) -> None:
    pic.fill("input[name=value]", value)
    pic.fill("textarea[name=evidence_note]", note)
    pic.get_by_role("button", name="Ajukan untuk verifikasi").click()
    expect(pic.locator("main")).to_contain_text("Menunggu verifikasi")


def test_a_returned_figure_is_corrected_verified_and_a_published_one_reopened_and_corrected(browser, live_url, login):
    pic = login(browser.new_context(viewport=PHONE).new_page(), "pegawai")
    pic.goto(f"{live_url}/evaluasi/data/")
    pic.get_by_role("link", name=re.compile("IKU-01")).first.click()
    entry_url = pic.url
    submit(pic, "2.6", "Rekap SIAK Oktober–Desember")

    verifier = login(browser.new_context(viewport=PHONE).new_page(), "pegawai2")
    verifier.goto(entry_url)
    reason = "Rekap belum memuat loket kecamatan Desember."
    verifier.get_by_label("Alasan pengembalian").fill(reason)
    verifier.get_by_role("button", name="Kembalikan ke PIC").click()
    expect(verifier.locator("main")).to_contain_text("Dikembalikan untuk diperbaiki")
    expect(verifier.get_by_role("button", name="Verifikasi dan terbitkan")).to_have_count(0)

    pic.goto(f"{live_url}/evaluasi/data/")  # the returned figure waits for its PIC again
    pic.get_by_role("link", name=re.compile("IKU-01")).first.click()
    assert pic.url == entry_url
    expect(pic.locator(".alert-error")).to_contain_text(reason)
    assert_fits_the_phone(pic)
    submit(pic, "2.4", "Rekap SIAK Oktober–Desember dengan loket kecamatan")
    expect(pic.get_by_role("button", name="Verifikasi dan terbitkan")).to_have_count(0)  # four eyes

    verifier.goto(entry_url)
    expect(verifier.locator("main")).to_contain_text("2,4")
    verifier.get_by_role("button", name="Verifikasi dan terbitkan").click()
    expect(verifier.locator("main")).to_contain_text("Terverifikasi dan diterbitkan")

    chair = login(browser.new_context(viewport=PHONE).new_page(), "atasan")
    chair.goto(entry_url)
    correction = "Satu register kecamatan tercatat dua kali."
    chair.get_by_label("Apa yang salah pada angka yang sudah terbit").fill(correction)
    chair.get_by_role("button", name="Buka kembali untuk koreksi").click()
    expect(chair.locator("main")).to_contain_text("Dikembalikan untuk diperbaiki")
    assert_fits_the_phone(chair)

    pic.goto(entry_url)
    expect(pic.locator(".alert-error")).to_contain_text(correction)
    submit(pic, "2.3", "Rekap SIAK tanpa register ganda")

    verifier.goto(entry_url)
    verifier.get_by_role("button", name="Verifikasi dan terbitkan").click()
    expect(verifier.locator("main")).to_contain_text("Terverifikasi dan diterbitkan")
    corrections = verifier.locator("#corrections")
    expect(corrections).to_contain_text("Diubah setelah verifikasi")
    expect(corrections).to_contain_text(correction)
    expect(corrections).to_contain_text("2,4")
    assert_fits_the_phone(verifier)
