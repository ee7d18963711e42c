"""Keyboard-only passes through the main forms: Tab to move, Enter or Space to act (arrow keys only inside a
<select>), focus always visible, and a form sent back with errors shows each error next to its field, tied to it
for screen readers (aria-invalid, aria-describedby) and with the keyboard put on the first invalid field.

On the shared server: `pegawai`'s draft gets an RHK and an indicator, the forum topic a reply; no other journey
counts those."""

from playwright.sync_api import expect

REQUIRED = "Bidang ini tidak boleh kosong."

# After each Tab: does the focused element show the house style's focus ring (:focus-visible in kinerja.css), as the
# browser draws it for keyboard focus, and is it the element we are heading for?
STEP = """target => {
    const element = document.activeElement, style = getComputedStyle(element);
    const ring = element.matches(':focus-visible')
        && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return [ring, element === target, element.outerHTML];
}"""


def tab_to(page, target, *, limit=60):
    """Press Tab until `target` has the focus, checking on the way that every focused element shows it."""
    wanted = target.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        ring, reached, html = page.evaluate(STEP, wanted)
        assert ring, f"no visible focus on {html[:120]}"
        if reached:
            return
    raise AssertionError(f"{target} never got the keyboard focus")


def expect_error_next_to(page, field, message):
    """The error is in the field's own block, announced with it, and the keyboard is on that field."""
    expect(field).to_have_attribute("aria-invalid", "true")
    field_id = field.get_attribute("id")
    error = page.locator(f"#{field_id}_error")
    expect(error).to_have_text(message)
    assert f"{field_id}_error" in field.get_attribute("aria-describedby").split()
    expect(page.locator(".field-error").filter(has=field)).to_contain_text(message)
    expect(page.get_by_role("alert")).to_contain_text("Mohon perbaiki kesalahan di bawah.")
    expect(field).to_be_focused()


def test_an_employee_adds_an_rhk_and_an_indicator_with_the_keyboard_only(signed_in, live_url, this_year):
    page = signed_in("pegawai")
    page.goto(f"{live_url}/")
    tab_to(page, page.locator("main").get_by_role("link", name=this_year))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(this_year)

    # The plan page drafts in place: the new-RHK form is on it, and errors come back in place (htmx).
    add = page.locator("#add-rhk")
    text = page.locator(
        "#" + add.get_by_label("Hasil kerja (RHK)").get_attribute("id")
    )  # by id: see expect_error_next_to
    tab_to(page, text)
    page.keyboard.type("   ")  # only blanks: the browser lets it through, the server refuses it
    supports = add.get_by_label("Mendukung RHK atasan")
    tab_to(page, supports)
    page.keyboard.press("ArrowDown")  # the supervisor's approved RHK, the first choice after "none"
    expect(supports).not_to_have_value("")
    tab_to(page, add.get_by_role("button", name="Simpan RHK"))
    page.keyboard.press("Enter")
    expect_error_next_to(page, text, REQUIRED)
    expect(supports).not_to_have_value("")  # what was chosen survives the error

    page.keyboard.press("Control+A")
    page.keyboard.type("Tersusunnya laporan pemutakhiran data bulanan")
    tab_to(page, add.get_by_role("button", name="Simpan RHK"))
    page.keyboard.press("Space")
    results = page.locator("#results-table")
    expect(results).to_contain_text("Tersusunnya laporan pemutakhiran data bulanan")

    card = results.locator("li.rhk").filter(has_text="Tersusunnya laporan pemutakhiran data bulanan")
    expect(card.get_by_label("Indikator:", exact=True)).to_be_focused()  # where the next thing is typed
    page.keyboard.type("Laporan pemutakhiran yang terbit")
    tab_to(page, card.get_by_label("Target:", exact=True))
    page.keyboard.type("12")
    tab_to(page, card.get_by_role("button", name="Tambah indikator"))
    page.keyboard.press("Enter")
    unit = page.locator("#" + card.get_by_label("Satuan").get_attribute("id"))
    expect_error_next_to(page, unit, "Target angka memerlukan satuan.")
    described = card.get_by_label("atau target deskriptif")  # its help text is tied to it too
    help_id = described.get_attribute("aria-describedby")
    expect(page.locator(f"#{help_id}")).to_have_text("Sebagai pengganti angka.")

    page.keyboard.type("laporan")
    tab_to(page, card.get_by_role("button", name="Tambah indikator"))
    page.keyboard.press("Enter")
    expect(card.locator(".indicator-list")).to_contain_text("Laporan pemutakhiran yang terbit")
    expect(card.locator(".indicator-list")).to_contain_text("12 laporan")
    expect(card.get_by_label("Indikator:", exact=True)).to_be_focused()  # ready for the next indicator


def test_a_forum_reply_with_the_keyboard_only(signed_in, live_url):
    page = signed_in("pegawai")
    page.goto(f"{live_url}/forums/")
    tab_to(page, page.locator("main a[href^='/forums/t/']").first)
    page.keyboard.press("Enter")
    page.wait_for_url("**/forums/t/**")
    body = page.get_by_label("Balasan Anda")
    expect(body).to_be_visible()
    send = page.get_by_role("button", name="Kirim balasan")

    tab_to(page, send)  # an empty reply: sent back with the error, in place (htmx)
    page.keyboard.press("Enter")
    expect_error_next_to(page, body, REQUIRED)

    page.keyboard.type("Balasan yang diketik tanpa tetikus.")
    tab_to(page, send)
    page.keyboard.press("Space")
    expect(page.locator("#post-list")).to_contain_text("Balasan yang diketik tanpa tetikus.")
    expect(body).to_have_value("")
    expect(page.locator("#reply-form [aria-invalid='true']")).to_have_count(0)
