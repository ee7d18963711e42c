"""The turn of the year on phones: the coordinator prepares next year's periods in one step and opens the annual one
for an agency; an employee of that agency then has this year's plan and next year's draft side by side, each task
named by its period. On a server of its own: the journey adds periods and plans."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_fits_the_phone

PHONE = {"width": 360, "height": 800}


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url


def test_the_coordinator_prepares_and_opens_next_year_and_the_employee_sees_both_plans(
    browser, login, live_url, server_today
):
    this_year, next_year = server_today.year, server_today.year + 1
    coordinator = login(browser.new_context(viewport=PHONE).new_page(), "koordinator")
    coordinator.goto(f"{live_url}/periods/")
    coordinator.get_by_role("link", name=f"Siapkan {next_year}").click()

    # Shown first: the year before's five periods, one year later, none of them there yet.
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(f"Periode {next_year}")
    expect(coordinator.locator("main")).to_contain_text(f"Mengikuti periode {this_year}")
    expect(coordinator.locator("tbody tr")).to_have_count(5)
    expect(coordinator.locator("tbody .badge", has_text="Akan dibuat")).to_have_count(5)
    assert_fits_the_phone(coordinator)
    coordinator.get_by_role("button", name=f"Buat periode {next_year}").click()

    expect(coordinator.locator(".messages")).to_contain_text(f"5 periode {next_year} dibuat.")
    row = coordinator.locator("tbody tr").filter(has_text=f"Tahunan {next_year}")
    expect(row).to_contain_text(f"31 Jan {next_year}")
    expect(row).to_contain_text("Perencanaan")
    # Only the annual period is offered for opening; its quarters carry IKU figures.
    quarter = coordinator.locator("tbody tr").filter(has_text=f"Triwulan I {next_year}")
    expect(quarter.get_by_role("link", name="Buka untuk perangkat daerah")).to_have_count(0)
    assert_fits_the_phone(coordinator)

    row.get_by_role("link", name="Buka untuk perangkat daerah").click()
    for box in coordinator.get_by_role("checkbox").all():
        box.uncheck()
    coordinator.get_by_label("Dinas Kependudukan dan Pencatatan Sipil", exact=True).check()
    coordinator.get_by_role("button", name="Buka periode").click()
    expect(coordinator).to_have_url(re.compile(r"/periods/\d+/openings/\d+/$"))
    expect(coordinator.locator("#opening-progress .badge")).to_have_text("Selesai", timeout=15_000)

    # A second visit to the preview adds nothing and says so.
    coordinator.goto(f"{live_url}/periods/year/?year={next_year}")
    expect(coordinator.locator("main")).to_contain_text(f"Semua periode {next_year} sudah ada.")
    expect(coordinator.get_by_role("button", name=f"Buat periode {next_year}")).to_have_count(0)

    employee = login(browser.new_context(viewport=PHONE).new_page(), "pegawai")
    my_plans = employee.locator("section.card").filter(has=employee.get_by_role("heading", name="SKP saya"))
    expect(my_plans.get_by_role("link", name=f"Tahunan {this_year}")).to_be_visible()
    expect(my_plans.get_by_role("link", name=f"Tahunan {next_year}")).to_be_visible()
    tasks = employee.locator("section.card").filter(has=employee.get_by_role("heading", name="Tugas saya"))
    expect(tasks).to_contain_text(f"Susun SKP — Tahunan {next_year}")
    assert_fits_the_phone(employee)
    my_plans.get_by_role("link", name=f"Tahunan {next_year}").click()
    expect(employee.get_by_role("heading", level=1)).to_contain_text(f"Tahunan {next_year}")
    expect(
        employee.get_by_role("button", name=re.compile(f"salinan SKP saya untuk Tahunan {this_year}"))
    ).to_be_visible()
    assert_fits_the_phone(employee)
