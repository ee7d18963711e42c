"""A supervisor approves a plan from a phone (390×844), on a server of its own: `pegawai` submits a copy of last
year's plan; `atasan` opens the review from the inbox and finds the decision in the action bar at the bottom of the
screen, after the plan it is about, with nothing wider than the screen."""

import re

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url


def test_a_supervisor_approves_a_plan_from_a_phone(signed_in, live_url, this_year):
    employee = signed_in("pegawai")
    employee.get_by_role("navigation", name="Utama").get_by_role("link", name="SKP saya").click()
    employee.get_by_role("row").filter(has_text=this_year).get_by_role("link").first.click()
    employee.get_by_role("button", name=re.compile("^Mulai dari salinan")).click()
    employee.locator("#submit-bar").get_by_role("button", name="Ajukan untuk direviu").click()
    expect(employee.locator(".messages")).to_contain_text("SKP diajukan untuk direviu")

    boss = signed_in("atasan")
    boss.set_viewport_size(PHONE)
    boss.goto(f"{live_url}/inbox/")
    boss.get_by_role("link", name="Reviu SKP").first.click()
    expect(boss.locator("#task-title")).to_have_text("Reviu SKP")

    assert boss.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    approve = boss.locator("#task-panel").get_by_role("button", name="Setujui")
    expect(approve).to_be_in_viewport()  # the sticky action bar, without scrolling past the plan
    panel = boss.locator("#task-panel").bounding_box()
    assert panel["y"] + panel["height"] <= PHONE["height"] + 1
    assert panel["height"] <= 0.4 * PHONE["height"]  # the plan stays readable above it
    after_the_plan = (
        "document.getElementById('results-table').compareDocumentPosition(document.getElementById('task-panel'))"
    )
    assert boss.evaluate(after_the_plan) & 4  # DOCUMENT_POSITION_FOLLOWING: the decision comes last
    box = approve.bounding_box()
    assert box["height"] >= 44  # a tap target

    approve.click()
    expect(boss.locator(".messages")).to_contain_text("SKP disetujui")
    expect(boss.locator(".page-head .badge").first).to_have_text("Realisasi")
