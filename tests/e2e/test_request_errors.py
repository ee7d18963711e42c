"""An in-page (htmx) request that fails says so, instead of leaving the page as it was without a word: a lost
connection on a slow intranet, or an error page from the server (its own heading and first sentence)."""

from playwright.sync_api import expect


def test_a_failed_in_page_request_is_announced_and_the_page_stays_usable(signed_in, live_url):
    page = signed_in("koordinator")
    page.goto(f"{live_url}/iku/")
    alert = page.locator("[data-request-error]")
    expect(alert).to_be_hidden()
    agencies = page.locator("#agency-filter option[value]:not([value=''])")
    first, second = agencies.nth(0).get_attribute("value"), agencies.nth(1).get_attribute("value")

    # The connection drops: nothing came back.
    page.route("**/iku/?agency=*", lambda route: route.abort("connectionreset"))
    page.select_option("#agency-filter", first)
    expect(alert).to_be_visible()
    expect(alert).to_have_attribute("role", "alert")
    expect(alert).to_contain_text("Kinerja tidak dapat dihubungi")

    # The server answers an error page: its heading and first sentence are said, with the status.
    page.unroute("**/iku/?agency=*")
    page.route(
        "**/iku/?agency=*",
        lambda route: route.fulfill(
            status=503,
            content_type="text/html",
            body="<main><h1>Kinerja sedang tidak tersedia</h1><p>Biasanya kembali dalam beberapa detik.</p></main>",
        ),
    )
    page.select_option("#agency-filter", second)
    expect(alert).to_contain_text("Kinerja sedang tidak tersedia: Biasanya kembali dalam beberapa detik. (503)")

    # It can be closed, and the next request that works clears it.
    page.get_by_role("button", name="Tutup").click()
    expect(alert).to_be_hidden()
    page.unroute("**/iku/?agency=*")
    page.select_option("#agency-filter", first)
    expect(page).to_have_url(f"{live_url}/iku/?agency={first}")
    expect(alert).to_be_hidden()
