"""Indonesian is the default language and its catalog is complete; English is one click away.

The project catalog is `locale/`; an app may keep its own (`<app>/locale/`, found by makemessages for the strings
of that app's code and its own templates), which keeps parallel work on different apps from editing one file.
"""

import datetime
import gettext
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

BASE = Path(settings.BASE_DIR)
LOCALE = BASE / "locale"
DOMAINS = ["django"]
# Every Indonesian catalog of the project: the project's own and each app's.
CATALOG_DIRS = [LOCALE] + sorted(
    path for path in BASE.glob("*/locale") if path.is_dir() and path.parent.name not in {".venv", "staticfiles"}
)
CATALOGS = [(directory, domain) for directory in CATALOG_DIRS for domain in DOMAINS]
CATALOG_IDS = [f"{directory.relative_to(BASE)}:{domain}" for directory, domain in CATALOGS]


def catalog(language: str, domain: str, directory: Path = LOCALE) -> polib.POFile:
    return polib.pofile(str(directory / language / "LC_MESSAGES" / f"{domain}.po"))


@pytest.mark.parametrize(("directory", "domain"), CATALOGS, ids=CATALOG_IDS)
def test_every_indonesian_message_is_translated(directory, domain):
    po = catalog("id", domain, directory)
    missing = [entry.msgid for entry in po if not entry.obsolete and (not entry.translated() or entry.fuzzy)]
    assert not missing, f"{len(missing)} untranslated Indonesian messages, e.g. {missing[:10]}"


@pytest.mark.parametrize(("directory", "domain"), CATALOGS[1:], ids=CATALOG_IDS[1:])
def test_an_app_catalog_never_says_a_message_otherwise_than_the_project_catalog(directory, domain):
    """Django reads the project catalog first: an app's different wording of the same message never shows, so the
    app's catalog would only mislead (an action's owner shown as a document's "pemilik"). A message whose meaning
    differs in the app takes a context instead (pgettext, `{% translate ... context ... %}`)."""
    project = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in catalog("id", domain)
        if entry.msgstr and not entry.obsolete
    }
    differing = [
        (entry.msgid, project[(entry.msgctxt, entry.msgid)], entry.msgstr)
        for entry in catalog("id", domain, directory)
        if not entry.obsolete
        and entry.msgstr
        and project.get((entry.msgctxt, entry.msgid), entry.msgstr) != entry.msgstr
    ]
    assert not differing, f"(message, project's, app's): {differing}"


@pytest.mark.parametrize(("directory", "domain"), CATALOGS, ids=CATALOG_IDS)
def test_compiled_catalog_matches_its_source(directory, domain):
    po = catalog("id", domain, directory)
    with open(directory / "id" / "LC_MESSAGES" / f"{domain}.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    def compiled_text(entry):
        if entry.msgctxt:
            return compiled.pgettext(entry.msgctxt, entry.msgid)
        return compiled.gettext(entry.msgid)

    stale = [
        entry.msgid
        for entry in po
        if entry.translated() and not entry.msgid_plural and compiled_text(entry) != entry.msgstr
    ]
    assert not stale, f"{len(stale)} messages differ between .po and .mo — run `make messages`: {stale[:5]}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext (xgettext) to extract messages")
def test_catalog_contains_every_message_in_the_code(tmp_path):
    """A string marked for translation but absent from the catalog would show in English to Indonesian users."""
    work = tmp_path / "src"
    shutil.copytree(
        settings.BASE_DIR,
        work,
        ignore=shutil.ignore_patterns(".venv", ".git", "media", "staticfiles", "*.sqlite3", "bench", "node_modules"),
    )
    subprocess.run(
        [
            str(Path(settings.BASE_DIR) / ".venv" / "bin" / "python"),
            "manage.py",
            "makemessages",
            "-l",
            "id",
            "--ignore=.venv",
            "--ignore=bench",
            "--ignore=tests",
            "-v",
            "0",
        ],
        cwd=work,
        check=True,
        capture_output=True,
    )

    def msgids(directories):
        return {
            entry.msgid
            for directory in directories
            for entry in polib.pofile(str(directory / "id" / "LC_MESSAGES" / "django.po"))
            if not entry.obsolete
        }

    extracted = msgids(work / directory.relative_to(BASE) for directory in CATALOG_DIRS)
    committed = msgids(CATALOG_DIRS)
    absent = sorted(extracted - committed)
    assert not absent, f"{len(absent)} messages missing from locale/id — run `make messages`: {absent[:10]}"


def test_pages_are_indonesian_by_default(client, employee, settings):
    settings.LANGUAGE_CODE = "id"
    client.force_login(employee.user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert '<html lang="id">' in response.content.decode()
    assert "Keluar" in response.content.decode()  # "Log out"


def test_language_switch_changes_the_interface_to_english(client, employee, settings):
    settings.LANGUAGE_CODE = "id"
    client.force_login(employee.user)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Log out" in page


def test_login_page_is_served_to_anonymous_visitors_in_indonesian(client, settings):
    settings.LANGUAGE_CODE = "id"
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Masuk" in response.content.decode()


def test_an_english_browser_still_gets_indonesian_until_the_person_switches(client, employee, settings):
    settings.LANGUAGE_CODE = "id"
    client.force_login(employee.user)
    response = client.get(reverse("home"), headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="id">' in response.content.decode()


def test_the_site_keeps_djangos_wording_of_form_errors_beside_the_apis_catalog():
    """rest_framework's Indonesian catalog words some of Django's messages differently, and app catalogs come before
    Django's: common/wording.py keeps Django's wording in the project's catalog."""
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("id"):
        assert gettext("This field is required.") == "Bidang ini tidak boleh kosong."
        assert gettext("Enter a valid email address.") == "Masukkan alamat email yang valid."


def test_dates_put_the_day_first_in_english_as_in_indonesian(client, coordinator):
    """English readers here read 31 Jan 2026 as Indonesians do, not the United States' 01/31/2026; lists write a day
    in the same short form in both languages, with the month named."""
    from tests.factories import PeriodFactory

    PeriodFactory(year=2026, plan_due=datetime.date(2026, 1, 31), evaluation_due=datetime.date(2027, 1, 10))
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("agencies:period_list")).content.decode()
    assert "31 Jan 2026" in page and "10 Jan 2027" in page and "01/31/2026" not in page and "31/01/2026" not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    page = client.get(reverse("agencies:period_list")).content.decode()
    assert "31 Jan 2026" in page and "31-01-2026" not in page
    with translation.override("en"):
        assert date_format(datetime.date(2026, 1, 31)) == "31 January 2026"
        assert date_format(datetime.date(2026, 1, 31), "SHORT_DATE_FORMAT") == "31 Jan 2026"
    with translation.override("id"):
        assert date_format(datetime.date(2026, 8, 17), "SHORT_DATE_FORMAT") == "17 Agu 2026"
        assert date_format(datetime.datetime(2026, 10, 5, 9, 30), "SHORT_DATETIME_FORMAT") == "5 Okt 2026 09:30"
