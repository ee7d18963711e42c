"""The schema's documentation pages load only this site's files (the vendored sidecar assets), no inline script."""

import re

import pytest
from django.test import Client


@pytest.mark.parametrize("path", ["/api/schema/docs/", "/api/schema/redoc/"])
def test_the_docs_pages_use_only_vendored_scripts(db, path):
    page = Client().get(path).content.decode()
    scripts = re.findall(r"<script([^>]*)>", page)
    assert scripts and all('src="/' in attributes for attributes in scripts), scripts
    assert "cdn" not in page.lower() and "https://" not in " ".join(scripts)


def test_the_swagger_start_up_script_is_served_as_a_file(db):
    response = Client().get("/api/schema/docs/", {"script": ""})
    assert response.status_code == 200 and "javascript" in response["Content-Type"]
    assert "/api/schema/" in response.content.decode()
