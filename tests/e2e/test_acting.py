"""Acting officials (Plt/Plh) clicked through as the demo people, on a server of its own (the plans move on).

`pegawai` submits this year's plan to `atasan`; `koordinator` appoints `kepala.dukcapil` as Plh for atasan's
position from today: the review moves to the Plh's inbox, recorded in the plan's history; the coordinator ends the
appointment early (atasan is back): the review returns to atasan, who approves it.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

SUPERVISOR_RHK = "Terselenggaranya layanan KTP-el dan KK yang cepat"
EMPLOYEE, HOLDER, ACTING = "Andi Prasetyo", "Rina Kusumawati", "Bambang Wisnu Nugroho"


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url


def inbox_row(page):
    page.get_by_role("navigation", name="Utama").get_by_role("link", name=re.compile("^Kotak tugas")).click()
    return page.get_by_role("row").filter(has_text=EMPLOYEE)


def choose(select, name):
    select.select_option(select.locator("option", has_text=name).first.get_attribute("value"))


def test_a_plh_receives_the_review_and_returns_it_when_the_appointment_ends(
    signed_in, live_url, this_year, server_today
):
    employee, coordinator, acting, holder = (
        signed_in("pegawai"),
        signed_in("koordinator"),
        signed_in("kepala.dukcapil"),
        signed_in("atasan"),
    )

    # The employee drafts and submits: the review is the holder's.
    employee.get_by_role("navigation", name="Utama").get_by_role("link", name="SKP saya").click()
    employee.get_by_role("row").filter(has_text=this_year).get_by_role("link").first.click()
    add = employee.locator("#add-rhk")
    add.get_by_label("Hasil kerja (RHK)").fill("Termutakhirkannya basis data kependudukan setiap bulan")
    add.get_by_label("Mendukung RHK atasan").select_option(label=SUPERVISOR_RHK)
    add.get_by_role("button", name="Simpan RHK").click()
    indicator = employee.locator("#results-table form.add-indicator").first
    indicator.get_by_label("Indikator:", exact=True).fill("Rekaman data kependudukan yang dimutakhirkan")
    indicator.get_by_label("Target:", exact=True).fill("10000")
    indicator.get_by_label("Satuan").fill("rekaman")
    indicator.get_by_role("button", name="Tambah indikator").click()
    employee.locator("#submit-bar").get_by_role("button", name="Ajukan untuk direviu").click()
    expect(employee.locator(".messages")).to_contain_text("SKP diajukan untuk direviu")
    expect(inbox_row(holder).get_by_role("link", name="Reviu SKP")).to_be_visible()

    # The coordinator appoints the Plh from today.
    coordinator.goto(f"{live_url}/acting/")
    form = coordinator.locator("form", has=coordinator.get_by_role("button", name="Tunjuk"))
    choose(form.get_by_label("Pemangku jabatan"), HOLDER)
    choose(form.get_by_label("Pejabat pelaksana"), ACTING)
    form.get_by_label("Jenis").select_option("plh")
    form.get_by_label("Dari").fill(server_today.isoformat())
    form.get_by_label("Sampai").fill((server_today + datetime.timedelta(days=7)).isoformat())
    form.get_by_label("Alasan").fill("Cuti tahunan")
    form.get_by_role("button", name="Tunjuk").click()
    expect(coordinator.locator(".messages")).to_contain_text("Pejabat pelaksana ditunjuk")
    expect(coordinator.get_by_role("row").filter(has_text=ACTING)).to_contain_text("Berlaku")

    # The review is now the Plh's, and the plan's history says so.
    acting.reload()
    inbox_row(acting).get_by_role("link", name="Reviu SKP").click()
    expect(acting.locator("#task-title")).to_have_text("Reviu SKP")
    expect(acting.locator("main")).to_contain_text("Plh untuk")
    expect(inbox_row(holder)).to_have_count(0)

    # The holder is back early: the coordinator ends the appointment and the review returns.
    coordinator.get_by_role("row").filter(has_text=ACTING).get_by_role("button", name="Akhiri sekarang").click()
    expect(coordinator.locator(".messages")).to_contain_text("Penunjukan berakhir")
    expect(inbox_row(acting)).to_have_count(0)
    inbox_row(holder).get_by_role("link", name="Reviu SKP").click()
    expect(holder.locator("main")).to_contain_text("kembali kepada")
    holder.get_by_role("button", name="Setujui").click()
    expect(holder.locator(".messages")).to_contain_text("SKP disetujui")
