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
