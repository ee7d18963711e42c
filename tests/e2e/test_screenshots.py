"""The README's pictures of the main pages, taken from the running demo so that they stay current.

`make screenshots` runs this with KINERJA_SCREENSHOTS_DIR=docs/screenshots and the PNGs are committed; in a plain
`make test-e2e` they go to a temporary directory. Each picture is the visible screen (not the whole page), reduced
to a 256-colour palette so that it stays small (under MAX_BYTES).
"""

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from .conftest import sign_in

MAX_BYTES = 150_000
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    wanted = os.environ.get("KINERJA_SCREENSHOTS_DIR")
    directory = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def save(page, path: Path):
    """A screenshot of what is on the screen, as a small palette PNG."""
    image = Image.open(io.BytesIO(page.screenshot(animations="disabled", caret="hide")))
    image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    assert path.stat().st_size < MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"


def first_link(page, selector: str) -> str:
    return page.locator(selector).first.get_attribute("href")


# (file name, persona, viewport, how to reach the page from home)
SHOTS = [
    ("home-employee", "pegawai", LAPTOP, None),
    ("plan-employee-phone", "pegawai", PHONE, "main .card a[href*='/plans/']"),
    ("inbox-supervisor-phone", "atasan", PHONE, "/inbox/"),
    ("team-supervisor", "atasan", LAPTOP, "/team/"),
    ("dashboard-coordinator", "koordinator", LAPTOP, "/dashboard/"),
    ("iku-coordinator", "koordinator", LAPTOP, "/iku/"),
    ("forums-employee", "pegawai", LAPTOP, "/forums/"),
    ("meetings-coordinator-phone", "koordinator", PHONE, "/meetings/"),
    ("login-phone", None, PHONE, "/accounts/login/"),
]


@pytest.mark.parametrize(("name", "persona", "viewport", "target"), SHOTS, ids=[shot[0] for shot in SHOTS])
def test_screenshot_of_a_main_page(browser, live_url, out_dir, name, persona, viewport, target):
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    if persona:
        sign_in(page, live_url, persona)
    if target and target.startswith("/"):
        page.goto(f"{live_url}{target}")
    elif target:
        page.goto(f"{live_url}{first_link(page, target)}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    save(page, out_dir / f"{name}.png")
    context.close()
