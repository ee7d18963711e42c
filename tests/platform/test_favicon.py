"""Browsers ask every site for an icon: the pages name one among the static files, so no request ends in a 404."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse


@pytest.mark.django_db
def test_pages_link_an_icon_that_exists_among_the_static_files(client):
    page = client.get(reverse("login")).content.decode()
    href = re.search(r'<link rel="icon" href="/static/([^"]+)"', page).group(1)
    found = finders.find(href)
    assert found is not None
    assert Path(found).read_text().lstrip().startswith("<svg")
