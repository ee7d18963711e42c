"""Agency evaluation in a real browser (the demo's Disdukcapil team): the PIC enters a figure that fails a
plausibility check and explains it, another member verifies it; the team's chair opens a monitoring review, records
an obstacle and an action and escalates it; the coordinator finds it on the next Pemda meeting's agenda."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_fits_the_phone

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url


def test_a_checked_figure_is_explained_verified_and_an_obstacle_reaches_the_pemda_forum(
    browser, live_url, login, server_today
):
    pic = login(browser.new_context(viewport=PHONE).new_page(), "pegawai")
    pic.goto(f"{live_url}/evaluasi/data/")
    pic.get_by_role("link", name=re.compile("IKU-01")).first.click()
    entry_url = pic.url
    pic.fill("input[name=value]", "12")
    pic.fill("textarea[name=evidence_note]", "Rekap SIAK Oktober–Desember")
    pic.get_by_role("button", name="Ajukan untuk verifikasi").click()
    expect(pic.locator(".field-error")).to_contain_text("Berubah lebih dari 3 kali")
    assert_fits_the_phone(pic)
    pic.fill("textarea[name=explanation]", "Server SIAK mati dua minggu; berkas tertunda diselesaikan bulan ini.")
    pic.get_by_role("button", name="Ajukan untuk verifikasi").click()
    expect(pic.locator("main")).to_contain_text("Menunggu verifikasi")
    expect(pic.locator("main")).to_contain_text("Prinsip empat mata")
    expect(pic.get_by_role("button", name="Verifikasi dan terbitkan")).to_have_count(0)

    verifier = login(browser.new_context(viewport=PHONE).new_page(), "pegawai2")
    verifier.goto(entry_url)
    expect(verifier.locator(".alert-warning")).to_contain_text("Berubah lebih dari 3 kali")
    expect(verifier.locator(".alert-warning")).to_contain_text("Server SIAK mati")
    verifier.get_by_role("button", name="Verifikasi dan terbitkan").click()
    expect(verifier.locator("main")).to_contain_text("Terverifikasi dan diterbitkan")
    assert_fits_the_phone(verifier)

    chair = login(browser.new_context(viewport=PHONE).new_page(), "atasan")
    chair.goto(entry_url)
    chair.get_by_role("link", name="Kalender data").click()
    chair.get_by_role("link", name="Tim evaluasi").first.click()
    agency_path = re.search(r"/evaluasi/opd/\d+/", chair.url).group(0)
    chair.goto(f"{live_url}{agency_path}tinjauan/")
    chair.fill("input[name=held_on]", server_today.isoformat())
    chair.fill("input[name=covers_from]", f"{server_today.year}-10-01")
    chair.fill("input[name=covers_to]", f"{server_today.year}-12-31")
    chair.get_by_role("button", name="Buka rapat").click()
    expect(chair.locator("h1")).to_contain_text("Rapat monitoring")
    chair.fill("input[name=title]", "Lonjakan waktu penyelesaian dokumen")
    chair.get_by_role("button", name="Tambahkan ke agenda").click()
    item = chair.locator("section.card", has_text="Lonjakan waktu penyelesaian dokumen")
    expect(item).to_be_visible()
    item.locator("summary", has_text="Catat kendala").click()
    item.get_by_label("Kategori").select_option("system")
    item.get_by_label("Kendala").fill("Server SIAK sering mati")
    item.get_by_label("Akar masalah").fill("Server lama tanpa cadangan daya")
    item.get_by_role("button", name="Catat kendala ini").click()
    obstacle = chair.locator("article.obstacle", has_text="Server SIAK sering mati")
    expect(obstacle).to_be_visible()
    obstacle.locator("summary", has_text="Tambah tindakan").click()
    owner = obstacle.get_by_label("Penanggung jawab")
    expect(owner).to_have_value("")  # chosen by the team, never a name preselected by the page
    owner.select_option(label=owner.locator("option").nth(1).inner_text())
    obstacle.locator("textarea[name=text]").fill("Ajukan UPS untuk ruang server")
    obstacle.locator("input[name=due_on]").fill(f"{server_today.year + 1}-01-31")
    obstacle.get_by_role("button", name="Tambahkan tindakan").click()
    obstacle = chair.locator("article.obstacle", has_text="Server SIAK sering mati")
    expect(obstacle).to_contain_text("Ajukan UPS untuk ruang server")
    obstacle.get_by_role("button", name="Bawa ke forum evaluasi Pemda").click()
    expect(chair.locator("main")).to_contain_text("Masuk agenda Forum Evaluasi IKU berikutnya")
    assert_fits_the_phone(chair)

    coordinator = login(browser.new_context(viewport=PHONE).new_page(), "koordinator")
    coordinator.goto(f"{live_url}/meetings/")
    coordinator.get_by_role("link", name="Forum Evaluasi IKU berikutnya").first.click()
    expect(coordinator.locator("main")).to_contain_text("Dibawa oleh tim evaluasi perangkat daerah")
    expect(coordinator.locator("main")).to_contain_text("Server SIAK sering mati")
    expect(coordinator.locator("main")).to_contain_text("Ajukan UPS untuk ruang server")


def test_the_calendar_with_a_status_and_its_source_side_by_side_fits_the_phone(browser, live_url, login):
    """IKU-IKM's entries carry two badges ("Verified and published", "Computed from its source"); on a phone they
    wrap under each other instead of running out of their card and widening the page."""
    member = login(browser.new_context(viewport=PHONE).new_page(), "pegawai")
    member.goto(f"{live_url}/evaluasi/data/")
    member.get_by_role("link", name=re.compile("IKU-IKM")).first.click()
    member.get_by_role("navigation", name="Navigasi jejak").get_by_role("link").click()  # the data calendar
    cell = member.locator("td[data-label=Status]").filter(has_text="Dihitung dari sumbernya").first
    expect(cell).to_be_visible()
    assert_fits_the_phone(member)
    badges = cell.locator(".badge")
    first, second = badges.nth(0).bounding_box(), badges.nth(1).bounding_box()
    assert second["y"] > first["y"], "the second badge wraps under the first"
