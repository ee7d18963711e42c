"""Journeys in a real browser: keyboard-only sign-in, the language switch, who sees which plan, the coordinator's
pages, an agency head's own plan, and a forum reply appearing live in a second browser context."""

import re

from playwright.sync_api import expect


def test_signing_in_with_the_keyboard_only_and_switching_to_english(page, live_url):
    page.goto(f"{live_url}/accounts/login/")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == "username":
            break
    page.keyboard.type("pegawai")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type("kinerja-demo")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_url}/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.locator(".account-menu > summary").click()
    page.select_option("#language-select", "en")
    page.wait_for_load_state("load")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en")  # remembered in the cookie


def test_an_employee_sees_their_plan_and_a_colleague_cannot_open_it(browser, live_url, login):
    owner = login(browser.new_context().new_page(), "pegawai")
    owner.goto(f"{live_url}/plans/")
    hrefs = owner.eval_on_selector_all("a[href^='/plans/']", "links => links.map(link => link.getAttribute('href'))")
    href = next(href for href in hrefs if re.fullmatch(r"/plans/\d+/", href))
    owner.goto(live_url + href)
    expect(owner.locator("main")).to_be_visible()
    colleague = login(browser.new_context().new_page(), "pegawai.dinkes")
    response = colleague.goto(live_url + href)
    assert response.status == 404


def test_the_supervisor_sees_the_team_and_the_coordinator_the_periods_and_dashboard(browser, live_url, login):
    boss = login(browser.new_context().new_page(), "atasan")
    assert boss.goto(f"{live_url}/team/").status == 200
    coordinator = login(browser.new_context().new_page(), "koordinator")
    assert coordinator.goto(f"{live_url}/periods/").status == 200
    assert coordinator.goto(f"{live_url}/dashboard/").status == 200


def test_a_forum_reply_appears_live_in_a_second_browser(browser, live_url, login):
    """The reply comes with its event (the reader, who has no controls of their own on it, asks the server for
    nothing), works like any post (a reaction on it goes through with the page's CSRF token), and the page tells
    the server that its reader saw it when the reader leaves."""
    writer = login(browser.new_context().new_page(), "pegawai")
    reader_context = browser.new_context()
    reader = login(reader_context.new_page(), "pegawai.dinkes")
    writer.goto(f"{live_url}/forums/")
    href = writer.locator("a[href^='/forums/t/']").first.get_attribute("href")
    reader.goto(live_url + href)
    post_fetches, read_beacons = [], []
    reader.on("request", lambda request: "/forums/p/" in request.url and post_fetches.append(request.url))
    reader_context.on("request", lambda request: request.url.endswith("/read/") and read_beacons.append(request))
    reader.wait_for_timeout(500)  # the page's websocket connects
    writer.goto(live_url + href)
    writer.fill("textarea[name=body]", "Balasan langsung dari uji peramban")
    writer.locator("textarea[name=body]").locator("xpath=ancestor::form").locator("button[type=submit]").click()
    reply = reader.locator("article.post").filter(has_text="Balasan langsung dari uji peramban")
    expect(reply).to_be_visible(timeout=10_000)
    assert post_fetches == []

    helpful = reply.locator("button.reaction").first
    helpful.click()
    expect(helpful).to_have_attribute("aria-pressed", "true")
    expect(helpful.locator(".count")).to_have_text("1")

    post_id = reply.get_attribute("id").removeprefix("post-")
    reader.goto(f"{live_url}/forums/")  # leaving the topic sends what was read
    reader.wait_for_timeout(500)
    assert [beacon.method for beacon in read_beacons] == ["POST"]
    assert re.search(rf'name="post"\r\n\r\n{post_id}\r\n', read_beacons[0].post_data)
    reader.reload()  # the list as it stands after the beacon: the topic has nothing new for this reader
    expect(reader.locator(f"li.topic-row:has(a[href='{href}'])")).not_to_have_class(re.compile(r"\bunread\b"))


def test_a_reaction_updates_the_counts_in_a_second_browser_without_fetching_the_post(browser, live_url, login):
    """The reaction's event carries the counts: the reader's page shows them as they are, and asks the server for
    nothing (before, every open page fetched the post again for each reaction)."""
    reactor = login(browser.new_context().new_page(), "pegawai")
    reader = login(browser.new_context().new_page(), "pegawai.dinkes")
    reactor.goto(f"{live_url}/forums/")
    href = reactor.locator("a[href^='/forums/t/']").first.get_attribute("href")
    reader.goto(live_url + href)
    post_fetches = []
    reader.on("request", lambda request: "/forums/p/" in request.url and post_fetches.append(request.url))
    reader.wait_for_timeout(500)  # the page's websocket connects
    reactor.goto(live_url + href)
    first = reactor.locator("article.post").first
    post_id = first.get_attribute("id")
    helpful = first.locator("button.reaction").first
    before = int(helpful.locator(".count").inner_text())
    pressed = helpful.get_attribute("aria-pressed") == "true"
    expected = str(before - 1 if pressed else before + 1)

    helpful.click()

    expect(helpful.locator(".count")).to_have_text(expected)  # the reactor's own answer
    count = reader.locator(f"#{post_id} button.reaction").first.locator(".count")
    expect(count).to_have_text(expected, timeout=10_000)
    reader.wait_for_timeout(500)
    assert post_fetches == []


def test_an_agency_head_without_a_recorded_supervisor_opens_their_plan(signed_in, this_year):
    head = signed_in("kepala.dukcapil")  # reviewed by BKPSDM's head, assigned by the coordinator in the demo
    head.get_by_role("navigation", name="Utama").get_by_role("link", name="SKP saya").click()
    head.get_by_role("row").filter(has_text=this_year).get_by_role("link").first.click()
    expect(head.get_by_role("heading", level=1)).to_contain_text("Bambang Wisnu Nugroho")
    expect(head.locator("dd").filter(has_text="Retno Wulandari")).to_have_count(1)
