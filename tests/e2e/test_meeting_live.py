"""An evaluation meeting run live: the coordinator starts the demo's next meeting by presenting an agenda item, moves
to the next one and adds a note; a participant following the meeting page in another browser sees each change
without reloading. On the shared server: no other journey looks at this meeting."""

from playwright.sync_api import expect

MEETING = "Forum Evaluasi IKU berikutnya"  # scheduled in the demo, agencies invited: all five
NOTE = "Rencana pembinaan sekolah di bawah SPM disusun bulan depan."


def open_meeting(page, live_url):
    page.goto(f"{live_url}/")
    page.get_by_role("navigation", name="Utama").get_by_role("link", name="Rapat").click()
    page.get_by_role("link", name=MEETING).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(MEETING)


def present(coordinator, agency):
    """The coordinator's button on that agency's agenda line (labelled "Hadir" in Indonesian, see the report)."""
    coordinator.locator(".agenda li").filter(has_text=agency).get_by_role("button").click()
    expect(coordinator.locator(".agenda li[aria-current='step']")).to_contain_text(agency)


def test_a_participant_follows_the_current_item_and_the_notes_live(signed_in, live_url):
    coordinator, participant = signed_in("koordinator"), signed_in("kepala.dinkes")
    open_meeting(coordinator, live_url)
    open_meeting(participant, live_url)
    now_presenting = participant.locator(".current-item")
    expect(now_presenting).to_contain_text("Rapat belum dimulai.")
    # Following the page counts as presence: once the participant's socket is in, the coordinator sees them.
    expect(coordinator.locator("#presence")).to_contain_text("Cahya Purnama", timeout=10_000)
    participant.evaluate("window.stillTheSamePage = true")

    present(coordinator, "Dinas Kesehatan")  # this starts the meeting
    expect(now_presenting).to_contain_text("Dinas Kesehatan", timeout=10_000)
    expect(now_presenting).to_contain_text("Sedang berlangsung")
    expect(participant.locator(".agenda li[aria-current='step']")).to_contain_text("Dinas Kesehatan")
    expect(now_presenting).to_contain_text("Rata-rata waktu tunggu pasien rawat jalan")  # Dinkes' IKU

    present(coordinator, "Dinas Pendidikan")
    expect(now_presenting).to_contain_text("Dinas Pendidikan", timeout=10_000)
    expect(now_presenting).not_to_contain_text("Dinas Kesehatan")
    expect(participant.locator(".agenda li[aria-current='step']")).to_contain_text("Dinas Pendidikan")

    coordinator.get_by_label("Catatan:", exact=True).fill(NOTE)
    coordinator.get_by_label("Ini sebuah keputusan").check()
    coordinator.get_by_role("button", name="Tambah catatan").click()
    expect(coordinator.locator("#notes")).to_contain_text(NOTE)
    note = participant.locator("#notes li").filter(has_text=NOTE)
    expect(note).to_be_visible(timeout=10_000)
    expect(note).to_contain_text("Keputusan")
    expect(note.locator(".when")).to_contain_text("Disdik")  # tied to the item being presented

    assert participant.evaluate("window.stillTheSamePage === true")  # all of it arrived without a reload
    # The participant only follows: no controls to run the meeting.
    expect(participant.get_by_role("button", name="Tambah catatan")).to_have_count(0)
    expect(participant.locator(".agenda").get_by_role("button")).to_have_count(0)
