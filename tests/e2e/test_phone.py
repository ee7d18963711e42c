"""Phone first (issue 11): a compact header whose menu opens with or without JS, a plain bar on a laptop, and a forum
reply posted from a phone without any CSP violation (no inline style, htmx's indicator styles switched off)."""

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

PHONE = {"width": 360, "height": 800}


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url  # a reply is posted: on a server of its own


def test_on_a_phone_the_header_is_one_compact_row_and_the_menu_opens_without_js(browser, live_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = sign_in(context.new_page(), live_url, "koordinator")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 64
    nav = page.get_by_role("navigation", name="Utama")
    expect(nav).to_be_hidden()
    page.locator(".nav-menu > summary").click()
    expect(nav).to_be_visible()
    page.locator(".account-menu > summary").click()  # language and log out behind the name, without JS too
    expect(page.get_by_label("Bahasa")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()
    nav.get_by_role("link", name="Periode").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periode")
    assert page.evaluate("document.scrollingElement.scrollWidth - innerWidth") <= 0
    context.close()


def test_with_js_the_phone_menu_closes_on_escape_and_the_laptop_shows_a_plain_bar(browser, live_url):
    context = browser.new_context(viewport=PHONE)
    page = sign_in(context.new_page(), live_url, "atasan")
    summary = page.locator(".nav-menu > summary")
    summary.click()
    expect(page.locator(".nav-menu")).to_have_attribute("open", "")
    page.keyboard.press("Escape")
    expect(page.get_by_role("navigation", name="Utama")).to_be_hidden()
    expect(summary).to_be_focused()
    page.set_viewport_size({"width": 1366, "height": 768})
    expect(page.get_by_role("navigation", name="Utama").get_by_role("link", name="Tim")).to_be_visible()
    expect(summary).to_be_hidden()
    context.close()


def test_a_forum_reply_from_a_phone_causes_no_console_error(browser, live_url):
    context = browser.new_context(viewport=PHONE)
    page = sign_in(context.new_page(), live_url, "pegawai")
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{live_url}/forums/")
    page.locator(".topic-title a, .topic-row a").first.click()
    page.get_by_label("Balasan Anda").fill("Kami coba juga di loket kecamatan.")
    page.get_by_role("button", name="Kirim balasan").click()
    expect(page.locator(".post-body").last).to_contain_text("Kami coba juga di loket kecamatan.")
    page.wait_for_timeout(500)
    assert errors == []
    assert page.evaluate("document.querySelectorAll('[style]').length") == 0
    context.close()


def test_on_a_laptop_the_navigation_is_a_plain_bar_even_without_js(browser, live_url):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, java_script_enabled=False)
    page = sign_in(context.new_page(), live_url, "koordinator")
    expect(page.get_by_role("navigation", name="Utama").get_by_role("link", name="Dasbor")).to_be_visible()
    expect(page.locator(".nav-menu > summary")).to_be_hidden()
    assert page.locator(".site-header").bounding_box()["height"] <= 64
    context.close()


def test_the_way_to_ones_account_is_visible_on_a_phone_and_a_laptop(browser, live_url):
    """Settings (with the password change), language and log out sit behind the person's name: on a phone the menu
    panel's last row, readable on its white panel (it was once white text); on a laptop a button at the bar's end
    whose panel drops over the page and closes on Escape."""
    context = browser.new_context(viewport=PHONE)
    page = sign_in(context.new_page(), live_url, "pegawai")
    page.locator(".nav-menu > summary").click()
    account = page.locator(".account-menu > summary")
    expect(account).to_contain_text("Andi Prasetyo")
    colour = page.evaluate("getComputedStyle(document.querySelector('.account-menu > summary')).color")
    panel = page.evaluate("getComputedStyle(document.querySelector('.nav-panel')).backgroundColor")
    assert colour != panel and colour not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    account.click()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()
    page.get_by_role("link", name="Pengaturan akun dan notifikasi").click()
    expect(page.get_by_role("link", name="Ubah kata sandi")).to_be_visible()

    page.set_viewport_size({"width": 1366, "height": 768})
    expect(page.get_by_role("button", name="Keluar")).to_be_hidden()
    page.locator(".account-menu > summary").click()
    expect(page.locator(".account-panel")).to_contain_text("Andi Prasetyo")
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Keluar")).to_be_hidden()
    expect(page.locator(".account-menu > summary")).to_be_focused()
    page.locator(".account-menu > summary").click()
    page.locator("main h1").click()  # a click beside the menu closes it
    expect(page.get_by_role("button", name="Keluar")).to_be_hidden()
    page.locator(".account-menu > summary").click()
    page.get_by_role("link", name="Pengaturan akun dan notifikasi").click()
    expect(page.get_by_role("link", name="Ubah kata sandi")).to_be_visible()
    context.close()


def test_a_coordinators_twelve_sections_fit_one_row_on_a_common_laptop(browser, live_url):
    """Language and log out moved behind the account button so that 1280 px holds every section on one row."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = sign_in(context.new_page(), live_url, "koordinator")
    links = page.get_by_role("navigation", name="Utama").get_by_role("link")
    tops = {round(box["y"]) for box in (links.nth(i).bounding_box() for i in range(links.count()))}
    assert links.count() >= 11 and len(tops) == 1
    assert page.locator(".site-header").bounding_box()["height"] <= 64
    context.close()


def test_on_a_narrower_laptop_a_coordinators_sections_take_one_row_of_their_own_under_the_logo(browser, live_url):
    """Between 960 and 1279 px the eleven sections do not fit beside the logo: rather than a last section alone on a
    second line, they take a row of their own (logo and bell above), with the account button at its end."""
    context = browser.new_context(viewport={"width": 1024, "height": 720})
    page = sign_in(context.new_page(), live_url, "koordinator")
    links = page.get_by_role("navigation", name="Utama").get_by_role("link")
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    assert links.count() >= 11 and len({round(box["y"]) for box in boxes}) == 1
    brand = page.locator(".site-header .brand").bounding_box()
    assert boxes[0]["y"] >= brand["y"] + brand["height"]  # under the logo, not beside it
    account = page.locator(".account-menu > summary").bounding_box()
    assert abs((account["y"] + account["height"] / 2) - (boxes[0]["y"] + boxes[0]["height"] / 2)) < 4
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}], ids=["phone", "laptop"])
def test_each_notice_says_when_and_what_kind_on_a_line_under_its_message(browser, live_url, viewport):
    """A short message left its date trailing on the same line, on a phone split over two ("… Tahunan 2026 7 / Des
    2026"), on a laptop every one of them."""
    context = browser.new_context(viewport=viewport)
    page = sign_in(context.new_page(), live_url, "atasan")
    page.goto(f"{live_url}/notifications/")
    notices = page.locator(".notification-list li")
    assert notices.count() >= 5
    for index in range(notices.count()):
        message = notices.nth(index).locator("button").bounding_box()
        when = notices.nth(index).locator("time").bounding_box()
        assert when["x"] <= message["x"] + 1 and when["y"] >= message["y"] + message["height"] - 1
    context.close()
