"""A burst of live events does not become a burst of fetches: a meeting page told forty times in a row that presence
changed (as when a room full of participants joins at once) fetches its live panel a handful of times, not forty, and
still ends up showing the current state. The burst is injected into the page's own socket, which stays connected
to the real server."""

import json

from playwright.sync_api import expect

MEETING = "Forum Evaluasi IKU berikutnya"  # scheduled in the demo
BURST = 40


def test_a_burst_of_presence_events_is_coalesced_into_a_few_fetches(signed_in, live_url):
    page = signed_in("koordinator")
    sockets = []

    def through_to_the_server(socket):
        socket.connect_to_server()  # everything the server says still reaches the page
        sockets.append(socket)

    page.route_web_socket("**/ws/meetings/**", through_to_the_server)
    panel_fetches = []
    page.on("request", lambda request: "partial=live-panel" in request.url and panel_fetches.append(request.url))

    page.goto(f"{live_url}/")
    page.get_by_role("navigation", name="Utama").get_by_role("link", name="Rapat").click()
    page.get_by_role("link", name=MEETING).click()
    expect(page.locator("#presence")).to_be_visible()
    for _ in range(50):  # the page's socket is open (and so joined the meeting's group)
        if sockets:
            break
        page.wait_for_timeout(100)
    assert sockets, "the meeting page opened its live socket"
    expect(page.locator("#presence li:not(.empty)")).not_to_have_count(0, timeout=10_000)  # it counts as present
    panel_fetches.clear()

    for _ in range(BURST):
        sockets[0].send(json.dumps({"event": "meeting.changed", "what": "presence"}))
    page.wait_for_timeout(3000)  # every fetch the burst causes has returned

    # One fetch in flight and one more after it per round trip: a handful at most, however long the burst takes to
    # arrive on a loaded machine; without the coalescing, one fetch per event.
    assert 1 <= len(panel_fetches) <= BURST // 4, panel_fetches
    expect(page.locator("#presence li:not(.empty)")).not_to_have_count(0)  # the panel came back whole


def test_an_arrival_shows_in_everyone_s_presence_list_without_a_fetch(browser, live_url, login):
    """The arrival's event carries the list (forums/live.py): the pages already open show it as it came."""
    chair = login(browser.new_context().new_page(), "koordinator")
    fetches = []
    chair.on("request", lambda request: "partial=" in request.url and fetches.append(request.url))
    chair.goto(f"{live_url}/meetings/")
    chair.get_by_role("link", name=MEETING).click()
    present = chair.locator("#presence li:not(.empty)")
    expect(present).not_to_have_count(0, timeout=10_000)  # the chair's own arrival
    before = present.count()
    fetches.clear()

    participant = login(browser.new_context().new_page(), "pegawai")
    participant.goto(chair.url)

    expect(present).to_have_count(before + 1, timeout=10_000)
    participant.close()  # leaving takes the participant off the list, again without a fetch
    expect(present).to_have_count(before, timeout=10_000)
    assert fetches == []
