"""Drafting a whole plan on its page, as `pegawai` on a server of its own: four RHK with two indicators each, in at
most 12 clicks and without a full page load per item (htmx swaps the results section in place), then submitted from
the same page. Typing and choosing from a list are not clicks; every click goes through `click()` and is counted."""

import pytest
from playwright.sync_api import expect

SUPERVISOR_RHK = "Terselenggaranya layanan KTP-el dan KK yang cepat"  # atasan's approved RHK in the demo
PLAN = [
    (
        "Termutakhirkannya data kependudukan setiap bulan",
        ("Rekaman dimutakhirkan", "12000", "rekaman"),
        ("Laporan pemutakhiran", "12", "laporan"),
    ),
    ("Terbitnya KTP-el tepat waktu", ("KTP-el terbit", "5000", "keping"), ("Hari layanan", "1", "hari")),
    ("Terbitnya kartu keluarga tepat waktu", ("KK terbit", "3000", "dokumen"), ("Pengaduan KK", "10", "aduan")),
    (
        "Terlayaninya layanan jemput bola",
        ("Kecamatan dikunjungi", "14", "kecamatan"),
        ("Warga terlayani", "800", "orang"),
    ),
]


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url


def test_a_four_rhk_plan_with_two_indicators_each_is_drafted_on_one_page_in_at_most_12_clicks(
    signed_in, live_url, this_year
):
    page = signed_in("pegawai")
    page.get_by_role("navigation", name="Utama").get_by_role("link", name="SKP saya").click()
    page.get_by_role("row").filter(has_text=this_year).get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(this_year)

    # An empty plan: the submit button is there, disabled, and says why.
    submit = page.locator("#submit-bar").get_by_role("button", name="Ajukan untuk direviu")
    expect(submit).to_be_disabled()
    expect(page.locator("#submit-why")).to_contain_text("masih terbuka")
    expect(page.locator("#draft-checklist")).to_contain_text("SKP kosong")

    clicks = 0

    def click(locator):
        nonlocal clicks
        clicks += 1
        locator.click()

    full_loads = []
    page.on("request", lambda request: full_loads.append(request.url) if request.resource_type == "document" else None)
    page.evaluate("window.kinerjaDraftingMarker = 'same page'")  # a full page load would wipe it
    results = page.locator("#results-table")

    for number, (text, first, second) in enumerate(PLAN, start=1):
        add = page.locator("#add-rhk")
        add.get_by_label("Hasil kerja (RHK)").fill(text)
        add.get_by_label("Mendukung RHK atasan").select_option(label=SUPERVISOR_RHK)
        first_indicator = add.locator("fieldset.first-indicator")
        first_indicator.get_by_label("Indikator:", exact=True).fill(first[0])
        first_indicator.get_by_label("Target:", exact=True).fill(first[1])
        first_indicator.get_by_label("Satuan").fill(first[2])
        click(add.get_by_role("button", name="Simpan RHK"))
        card = results.locator("li.rhk").nth(number - 1)
        expect(card.locator("h3")).to_contain_text(text)

        new_indicator = card.locator("form.add-indicator")
        new_indicator.get_by_label("Indikator:", exact=True).fill(second[0])
        new_indicator.get_by_label("Target:", exact=True).fill(second[1])
        new_indicator.get_by_label("Satuan").fill(second[2])
        click(new_indicator.get_by_role("button", name="Tambah indikator"))
        expect(card.locator("li.indicator")).to_have_count(2)

    assert full_loads == [], full_loads
    assert page.evaluate("window.kinerjaDraftingMarker") == "same page"
    expect(results.locator("li.rhk")).to_have_count(4)
    expect(results.locator("li.indicator")).to_have_count(8)
    expect(page.locator("#draft-checklist")).to_contain_text("Siap diajukan: 4 hasil kerja")
    expect(submit).to_be_enabled()

    click(submit)
    expect(page.locator(".messages")).to_contain_text("SKP diajukan untuk direviu")
    expect(page.locator(".page-head .badge").first).to_have_text("Dalam reviu")
    expect(page.locator(".stepper-holder")).to_contain_text("Sekarang di")
    assert clicks <= 12, clicks
    assert clicks == 9  # four RHK with their first indicator, four second indicators, one submission
