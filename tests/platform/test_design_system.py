"""The design system's server side (issue 11): icons, the page frame (navigation, menu, language switch), the form
renderer's choice lists."""

import re
from pathlib import Path

import pytest
from django import forms
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_an_icon_beside_text_is_hidden_from_screen_readers_and_a_lone_icon_is_named():
    decorative = render('{% load icons %}{% icon "bell" %}')
    assert decorative.startswith('<svg class="icon icon-bell" aria-hidden="true" focusable="false"')
    assert "<path" in decorative and "license" not in decorative
    named = render('{% load icons %}{% icon "bell" label=name %}', name='Notifikasi "baru"')
    assert 'role="img" aria-label="Notifikasi &quot;baru&quot;"' in named and "aria-hidden" not in named


def test_an_unknown_icon_is_a_template_error_not_a_blank():
    with pytest.raises(TemplateSyntaxError, match="no icon 'nope'"):
        render('{% load icons %}{% icon "nope" %}')


def test_every_vendored_icon_has_its_licence_beside_it():
    vendored = ROOT / "static" / "vendor" / "lucide"
    assert "ISC License" in (vendored / "LICENSE").read_text()
    assert len(list(vendored.glob("*.svg"))) >= 40


def test_the_page_frame_has_a_menu_that_works_without_js_and_marks_the_current_section(employee, client_for):
    page = client_for(employee).get(reverse("workflow:plan_list")).content.decode()
    assert re.search(r'<details class="nav-menu" data-nav-menu>\s*<summary>', page)
    nav = re.search(r'<nav class="main-nav".*?</nav>', page, re.S).group()
    assert re.search(r'href="/plans/" aria-current="page"', nav)
    assert not re.search(r'href="/" aria-current', nav)
    assert 'aria-label="Notifications"' in page  # the bell stands alone: it is named
    assert '<select id="language-select" name="language" data-autosubmit>' in page
    assert "style=" not in page


def test_anonymous_visitors_get_the_language_switch_without_a_menu(client):
    page = client.get(reverse("login")).content.decode()
    assert "nav-menu" not in page and 'id="language-select"' in page


class Choices(forms.Form):
    lone = forms.ChoiceField(choices=[("", "---------"), ("a", "Only one")])
    several = forms.ChoiceField(choices=[("", "---------"), ("a", "A"), ("b", "B")])
    optional = forms.ChoiceField(choices=[("", "---------"), ("a", "Only one")], required=False)


def test_the_renderer_names_the_blank_choice_and_chooses_a_lone_required_option(db):
    form = Choices()
    assert str(form["lone"]) == (
        '<select name="lone" required id="id_lone">\n  <option value="a" selected>Only one</option>\n\n</select>'
    )
    assert '<option value="" selected>Choose…</option>' in str(form["several"])
    assert re.findall(r"<option[^>]*>[^<]*", str(form["optional"])) == [
        '<option value="" selected>Choose…',
        '<option value="a">Only one',
    ]
    assert "---------" not in str(form)
    assert Choices({"lone": "a", "several": "b"}).is_valid()


def test_on_a_phone_each_card_table_row_is_titled_by_its_first_cell():
    """A `table-cards` row becomes a card on a phone; its first cell is the card's title (left, bold, no label).
    A label on it turned the title into one more 'IKU: …' line, right-aligned like a value."""
    row_start = re.compile(r"<tr[^>]*>\s*((?:{%[^%]*%}\s*)*)<td([^>]*)>")
    offenders = []
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        if "table-cards" not in source:
            continue
        for match in row_start.finditer(source):
            tags, attributes = match.groups()
            if "include" in tags or "colspan" in attributes:
                continue  # the first cells come from an include, or a whole-row message
            if "data-label" in attributes:
                offenders.append(f"{path.relative_to(ROOT)}:{source[: match.start()].count(chr(10)) + 1}")
    assert offenders == []


CARD_TABLE = re.compile(r"<table[^>]*table-cards[^>]*>(.*?)</table>", re.S)


def card_tables():
    """(template path, the markup of one card table) for every card table in the templates; the rows of the
    dashboards' lists come from an include of their own (`rows_template`, `_drill_*.html`), read whole."""
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        for rows in [source] if path.name.startswith("_drill_") else CARD_TABLE.findall(source):
            yield path.relative_to(ROOT), rows


def test_on_a_phone_every_value_in_a_card_table_says_which_column_it_is():
    """A `table-cards` row's header is hidden on a phone, so each cell after the first names its column
    (`data-label`); only a row's actions (`td.row-actions`), a whole-row message (`colspan`) and the name beside a
    row's selection checkbox need none."""
    row = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S)
    cell = re.compile(r"<td([^>]*)>(.*?)</td>", re.S)
    offenders = []
    for path, rows in card_tables():
        for match in row.finditer(rows):
            cells = cell.findall(match.group(1))
            titles = 2 if cells and 'type="checkbox"' in cells[0][1] else 1
            for attributes, _text in cells[titles:]:
                if not any(word in attributes for word in ("data-label", "row-actions", "colspan")):
                    offenders.append(f"{path}: {match.group(0)[:80]}")
    assert offenders == []


def test_on_a_phone_a_card_tables_value_of_two_lines_stays_one_value():
    """A card's row lays its label and value out side by side (flex): a value of two lines (a figure, then its
    period under it) must be one element, or its lines were spread across the card as separate columns."""
    labelled = re.compile(r"<td[^>]*data-label[^>]*>(.*?)</td>", re.S)
    offenders = []
    for path, rows in card_tables():
        for value in labelled.findall(rows):
            bare = re.sub(r"{%[^%]*%}", "", value).strip()  # what a template tag prints first is not markup
            if "<br" in value and not bare.startswith(("<span", "<div")):
                offenders.append(f"{path}: {value[:80]}")
    assert offenders == []
