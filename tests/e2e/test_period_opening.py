"""The coordinator opens this year's period for two agencies in the UI, follows the opening (a background task, run
inline here) and the dashboard, then drills down from a number to the plans behind it. On a server of its own:
the opening gives every employee of those agencies a draft plan."""

import re

import pytest
from playwright.sync_api import expect

OPENED = {"Dinas Pendidikan": "Disdik", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia": "BKPSDM"}


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url


def overview_cell(page, agency, column):
    """The cell of the dashboard's overview table in `agency`'s row under the header `column`."""
    table = page.locator("#overview-table table")
    headers = [text.strip() for text in table.locator("thead th").all_inner_texts()]
    row = table.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=agency, exact=True))
    return row.locator("th, td").nth(headers.index(column))


def open_dashboard(page, live_url, this_year):
    page.goto(f"{live_url}/")
    page.get_by_role("navigation", name="Utama").get_by_role("link", name="Dasbor").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(this_year)


def test_the_coordinator_opens_a_period_for_agencies_and_drills_down_from_the_dashboard(signed_in, live_url, this_year):
    coordinator = signed_in("koordinator")

    # Before: nobody in Disdik has a plan for this year.
    open_dashboard(coordinator, live_url, this_year)
    employees = int(overview_cell(coordinator, "Disdik", "Pegawai aktif").inner_text())
    assert employees > 0
    expect(overview_cell(coordinator, "Disdik", "SKP")).to_have_text("0")
    expect(overview_cell(coordinator, "Disdik", "Belum dimulai")).to_have_text(str(employees))

    # Periods → open for agencies: the checklist offers the agencies not fully opened; choose two.
    coordinator.get_by_role("navigation", name="Utama").get_by_role("link", name="Periode").click()
    period_row = coordinator.get_by_role("row").filter(has_text=this_year)
    period_row.get_by_role("link", name="Buka untuk perangkat daerah").click()
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text(this_year)
    checklist = coordinator.get_by_role("checkbox")
    for index in range(checklist.count()):
        checklist.nth(index).uncheck()
    for name in OPENED:
        coordinator.get_by_label(name, exact=True).check()
    late = coordinator.get_by_label("Pertahankan batas waktu: SKP yang baru langsung terlambat")
    if late.count():  # board: opening after the plan deadline asks first
        late.check()
    coordinator.get_by_role("button", name="Buka periode").click()

    # The opening page: done, with its numbers.
    expect(coordinator).to_have_url(re.compile(r"/periods/\d+/openings/\d+/$"))
    progress = coordinator.locator("#opening-progress")
    expect(progress.locator(".badge")).to_have_text("Selesai", timeout=15_000)
    total = int(re.search(r"dari (\d+) pegawai", progress.inner_text()).group(1))
    assert total > employees  # both agencies' active employees
    expect(progress).to_contain_text(f"{total} dari {total} pegawai memiliki SKP")
    expect(progress).to_contain_text(f"{total} SKP dibuat oleh pembukaan ini.")
    expect(progress.locator("progress")).to_have_attribute("value", str(total))
    for short in OPENED.values():
        expect(progress).to_contain_text(short)

    # The dashboard shows the new drafts; the number opens the list behind it.
    open_dashboard(coordinator, live_url, this_year)
    expect(overview_cell(coordinator, "Disdik", "SKP")).to_have_text(str(employees))
    expect(overview_cell(coordinator, "Disdik", "Belum dimulai")).to_have_text("0")
    drafts = overview_cell(coordinator, "Disdik", "Draf")
    expect(drafts).to_have_text(str(employees))
    drafts.get_by_role("link").click()
    expect(coordinator).to_have_url(re.compile(r"/list\?agency=\d+&stage=draft$"))
    expect(coordinator.locator(".lead")).to_have_text(f"{employees} data")
    rows = coordinator.locator("#record-list tbody tr")
    expect(rows).to_have_count(employees)
    for index in range(employees):
        expect(rows.nth(index)).to_contain_text("Disdik")
        expect(rows.nth(index).locator(".badge")).to_have_text("Draf")
    # …and each row opens that employee's plan.
    name = rows.first.get_by_role("link").inner_text()
    rows.first.get_by_role("link").click()
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text(name)
    expect(coordinator.locator(".page-head .badge").first).to_have_text("Draf")

    # Agencies left out are untouched: Disdukcapil's people without a plan are still listed as not started.
    open_dashboard(coordinator, live_url, this_year)
    not_started = overview_cell(coordinator, "Disdukcapil", "Belum dimulai")
    count = int(not_started.inner_text())
    assert count > 0
    not_started.get_by_role("link").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Pegawai aktif tanpa SKP")
    expect(coordinator.locator("#record-list tbody tr")).to_have_count(count)
