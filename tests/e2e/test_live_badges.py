"""A notification's header badge comes with its event (forums/live.py): a subscriber's open pages show the new count
without fetching it. Its own server: the replies it writes would lengthen the demo topic that other journeys walk
through with the keyboard."""

import pytest
from playwright.sync_api import expect


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url


def test_a_reply_updates_a_subscriber_s_badge_without_a_fetch(browser, live_url, login):
    """The notification's event carries the subscriber's badge: every open page of theirs shows the new count as it
    came (before, each fetched it)."""
    writer = login(browser.new_context().new_page(), "pegawai")
    subscriber = login(browser.new_context().new_page(), "pegawai.dinkes")
    writer.goto(f"{live_url}/forums/")
    href = writer.locator("a[href^='/forums/t/']").first.get_attribute("href")
    subscriber.goto(live_url + href)
    subscriber.fill("textarea[name=body]", "Kami ikut mengikuti topik ini")  # replying subscribes
    subscriber.locator("textarea[name=body]").locator("xpath=ancestor::form").locator("button[type=submit]").click()
    expect(subscriber.get_by_text("Kami ikut mengikuti topik ini")).to_be_visible()
    subscriber.goto(f"{live_url}/")
    badge = subscriber.locator("#notification-badge")
    shown = badge.inner_text().split()  # "3 unread", or nothing
    before = int(shown[0]) if shown else 0
    badge_fetches = []
    subscriber.on("request", lambda request: "/notifications/badge/" in request.url and badge_fetches.append(1))
    subscriber.wait_for_timeout(500)  # the page's websocket connects

    writer.goto(live_url + href)
    writer.fill("textarea[name=body]", "Terima kasih, kami bagikan SOP-nya minggu ini")
    writer.locator("textarea[name=body]").locator("xpath=ancestor::form").locator("button[type=submit]").click()

    expect(badge).to_contain_text(str(before + 1), timeout=10_000)
    subscriber.wait_for_timeout(500)
    assert badge_fetches == []
