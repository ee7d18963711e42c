"""The whole interface, page by page, as each demo persona sees it, on a phone (360x800) and a laptop (1366x768).

For each persona the crawl starts at home, follows every link of the navigation and one level of links from each
of those pages (same origin, GET only, downloads and Django's own admin left out), keeping one page of each URL
shape (/plans/1/ and /plans/2/ are the same template) and at most MAX_PAGES pages. Every page must then
show, at both sizes:

- no page-level horizontal overflow (wide tables scroll inside their own region or turn into cards), and no text
  running out of its own badge or button (a squeezed badge in a phone's card cell);
- on the phone (a touch screen), no button, select, input or menu button under 44 px tall;
- no console error (a CSP violation is one), no uncaught script error, no failed request and no 4xx/5xx answer;
- no card stacked flush against the block below it (a rule of the element type overriding the card's margin);
- no critical or serious axe-core violation (axe-core from the npm registry, vendored in tests/e2e/vendor/ for the
  tests only).

The crawl only reads, but reading marks topics and notifications read, so it runs on a server of its own.
"""

import re
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from .conftest import sign_in

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
PERSONAS = ["anonymous", "pegawai", "atasan", "kepala.dukcapil", "koordinator", "admin"]
VIEWPORTS = {"phone": {"width": 360, "height": 800}, "laptop": {"width": 1366, "height": 768}}
DEVICES = {"phone": {"is_mobile": True, "has_touch": True}, "laptop": {}}
MAX_PAGES = 40
PER_SHAPE = 1
# Not pages of this interface: Django's admin (its own stylesheet), the sign-out (a POST), files to download.
SKIPPED = re.compile(r"^/(admin|accounts/logout|static|media)/|\.(pdf|xlsx|csv|png|jpe?g|svg)$|/(export|pdf)/|/export")

OVERFLOW = "() => document.scrollingElement.scrollWidth - window.innerWidth"
# A badge or button narrower than its own text: the page fits, but the words spill out of the pill.
SPILLED = """() => Array.from(document.querySelectorAll('main .badge, main button, main .button'))
    .filter(e => e.getBoundingClientRect().width > 1 && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.outerHTML.slice(0, 80))"""
# Controls smaller than a fingertip (44 px tall) on a touch screen; links inside text are exempt, as in WCAG 2.5.5.
SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
        'button:not(.link), .button, select, summary, input:not([type=hidden]):not([type=checkbox]):not([type=radio])'))
    .filter(e => !e.matches('.camera-input'))  // hidden on purpose: its label, a 44 px button, is the target
    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 1 && r.height > 1 && r.height < 43.5; })
    .map(e => e.outerHTML.slice(0, 80))"""
# A card stacked on, or under, another block with less than 6 px between them: the two read as one. A <summary>
# opens onto its panel, so the two are not a pair.
TOUCHING = """() => Array.from(document.querySelectorAll('main .card')).flatMap(card => {
    const pairs = [];
    const next = card.nextElementSibling, before = card.previousElementSibling;
    if (next && next.matches('.card, .alert, section, form, .table-wrap, dl, p')) pairs.push([card, next]);
    if (before && !before.matches('summary, input, script, template, style')) pairs.push([before, card]);
    return pairs.filter(([upper, lower]) => {
        const a = upper.getBoundingClientRect(), b = lower.getBoundingClientRect();
        const stacked = a.height > 1 && b.height > 1 && b.top >= a.bottom - 1 && b.left < a.right && a.left < b.right;
        return stacked && b.top - a.bottom < 6;
    }).map(([upper, lower]) => `${upper.outerHTML.slice(0, 50)} | ${lower.outerHTML.slice(0, 50)}`);
})"""
RUN_AXE = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations
        .filter(v => v.impact === 'critical' || v.impact === 'serious')
        .map(v => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
}"""
LINKS = """scope => Array.from(document.querySelectorAll(scope + ' a[href]'))
    .filter(a => !a.hasAttribute('download') && !(a.type && !a.type.startsWith('text/html')))
    .map(a => a.href)"""


@pytest.fixture(scope="module")
def live_url(fresh_live_url):
    return fresh_live_url


def shape(path: str) -> str:
    """/workflow/plans/12/ and /workflow/plans/31/ are one template: digits stand for any id."""
    return re.sub(r"\d+", "N", path)


def local_path(url: str, base_url: str) -> str | None:
    url = urldefrag(url).url
    if not url.startswith(base_url):
        return None
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if SKIPPED.search(parts.path) else path


def discover(page, base_url: str) -> list[str]:
    """Home, the navigation's pages and one level of links from each, bounded as the module docstring says."""
    page.goto(f"{base_url}/")
    start = urlsplit(page.url).path
    found: list[str] = []
    per_shape: dict[str, int] = {}

    def add(path):
        if path is None or path in found or len(found) >= MAX_PAGES:
            return False
        if per_shape.get(shape(path), 0) >= PER_SHAPE:
            return False
        per_shape[shape(path)] = per_shape.get(shape(path), 0) + 1
        found.append(path)
        return True

    add(start)
    nav = [local_path(url, base_url) for url in page.evaluate(LINKS, "header")]
    nav += [local_path(url, base_url) for url in page.evaluate(LINKS, "main")]
    level_one = [path for path in nav if add(path)]
    for path in [start, *level_one]:
        page.goto(f"{base_url}{path}")
        for url in page.evaluate(LINKS, "main"):
            add(local_path(url, base_url))
    return found


@pytest.fixture(scope="module")
def pages_of(browser, live_url):
    """The crawled pages of a persona, found once (at laptop size) and shared by both viewports."""
    cache: dict[str, tuple[list[str], dict | None]] = {}

    def crawl(persona):
        if persona not in cache:
            context = browser.new_context(viewport=VIEWPORTS["laptop"])
            page = context.new_page()
            if persona != "anonymous":
                sign_in(page, live_url, persona)
            state = context.storage_state() if persona != "anonymous" else None
            cache[persona] = (discover(page, live_url), state)
            context.close()
        return cache[persona]

    return crawl


def problems_on(page, url: str, *, touch: bool) -> list[str]:
    """Visit one page and list what is wrong with it."""
    seen: list[str] = []
    page.on("console", lambda message: message.type == "error" and seen.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: seen.append(f"script error: {error}"))
    page.on("requestfailed", lambda request: seen.append(f"failed request: {request.url} {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and seen.append(f"{response.status}: {response.url}"))
    page.goto(url)
    page.wait_for_load_state("load")
    overflow = page.evaluate(OVERFLOW)
    if overflow > 0:
        seen.append(f"horizontal overflow of {overflow} px")
    seen.extend(f"text spills out of its box: {html}" for html in page.evaluate(SPILLED))
    seen.extend(f"card flush against another block: {html}" for html in page.evaluate(TOUCHING))
    if touch:
        seen.extend(f"tap target under 44 px: {html}" for html in page.evaluate(SMALL_TARGETS))
    page.evaluate(AXE)
    seen.extend(f"axe {violation}" for violation in page.evaluate(RUN_AXE))
    return seen


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_fits_works_and_is_accessible(browser, live_url, pages_of, persona, viewport):
    paths, state = pages_of(persona)
    assert len(paths) >= (2 if persona == "anonymous" else 8), paths
    context = browser.new_context(viewport=VIEWPORTS[viewport], storage_state=state, **DEVICES[viewport])
    context.set_default_timeout(15_000)
    report = {}
    for path in paths:
        page = context.new_page()
        found = problems_on(page, f"{live_url}{path}", touch=viewport == "phone")
        if found:
            report[path] = found
        page.close()
    context.close()
    assert not report, "\n".join(f"{path}\n  " + "\n  ".join(found) for path, found in report.items())
