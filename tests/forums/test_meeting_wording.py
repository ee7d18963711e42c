"""Words on the meeting page that English shares and Indonesian does not."""

import re

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_meeting_page_says_present_the_agency_and_who_is_present_in_two_different_words(
    settings, client_for, coordinator, meeting
):
    """English uses "Present" for the button that puts an agency on the screen and for the attendance heading;
    Indonesian needs two words (Paparkan, Hadir), so the button's message carries a context."""
    settings.LANGUAGE_CODE = "id"
    page = client_for(coordinator).get(reverse("forums:meeting_detail", args=[meeting.pk])).content.decode()
    assert re.search(r'<button type="submit" class="small">\s*Paparkan\s*</button>', page)
    assert re.search(r"<h2>\s*Hadir\s*<span", page)
    assert not re.search(r'<button type="submit" class="small">\s*Hadir\s*</button>', page)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "shown", "not_shown"), [("id", "66,67 %", "66.67"), ("en", "66.67 %", "66,67")])
def test_the_agenda_figures_are_in_the_readers_number_format(
    settings, client_for, coordinator, meeting, iku, dinkes_iku, language, shown, not_shown
):
    """The agenda's figures are kept as text (a JSON snapshot); the page still writes them as the reader's locale."""
    from forums import services

    services.build_agenda(meeting=meeting, by=coordinator)
    settings.LANGUAGE_CODE = language
    page = client_for(coordinator).get(reverse("forums:meeting_detail", args=[meeting.pk])).content.decode()
    assert shown in page and not_shown not in page
    assert "▲ +30<" in page and "110 %" in page  # trailing zeros dropped: "110.00" is 110
