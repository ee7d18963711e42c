"""A citizen answers the satisfaction survey (IKM) on a phone, from the address on the service's poster."""

import os
import re

import pytest

from tests.e2e.conftest import serve_copy_of

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def survey_url(demo_database, tmp_path_factory):
    # A person needs several seconds for nine questions; the browser clicks faster, so the server of this module
    # asks for one second only (the guard itself is tested in tests/surveys).
    previous = os.environ.get("KINERJA_SURVEY_MIN_SECONDS")
    os.environ["KINERJA_SURVEY_MIN_SECONDS"] = "1"
    try:
        with serve_copy_of(demo_database, tmp_path_factory.mktemp("e2e-survey")) as url:
            yield url
    finally:
        if previous is None:
            os.environ.pop("KINERJA_SURVEY_MIN_SECONDS", None)
        else:
            os.environ["KINERJA_SURVEY_MIN_SECONDS"] = previous


def test_a_survey_answered_on_a_phone_from_the_posters_qr_link(new_context, survey_url):
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    poster = page.request.get(f"{survey_url}/survei/ktp-el/poster.pdf")
    assert poster.ok and poster.headers["content-type"] == "application/pdf"
    link = re.search(rb"http://127\.0\.0\.1:\d+/survei/ktp-el/", poster.body()).group().decode()

    page.goto(link)
    assert page.locator("h1").inner_text() == "Bagaimana pelayanan kami?"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    choice = page.locator("label[for=id_u3_3]")
    assert choice.bounding_box()["height"] >= 44
    for number in range(1, 10):
        page.locator(f"label[for=id_u{number}_{3 if number != 3 else 2}]").tap()
    page.locator("summary").tap()
    page.select_option("select[name=sex]", "f")
    page.fill("textarea[name=comment]", "Pelayanan KTP sekarang cepat.")
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Kirim jawaban saya").tap()
    page.wait_for_url("**/survei/ktp-el/terima-kasih/")
    assert "Terima kasih atas jawaban Anda" in page.locator("h1").inner_text()

    page.goto(link)
    assert "Anda sudah mengisi survei ini" in page.content()
    context.close()
