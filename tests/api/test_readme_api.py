"""The README's API section is true: every /api/ path it names is a route, and its curl calls work as written."""

import re
import shlex
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
PATHS = sorted({path.replace("<id>", "1") for path in re.findall(r"(/api/[\w/<>.-]*)", README)} - {"/api/", "/api/v1/"})


@pytest.mark.parametrize("path", PATHS)
def test_every_api_path_the_readme_names_is_a_route(path):
    try:
        resolve(path)
    except Resolver404:
        pytest.fail(f"README names {path}, which is no API route")


def test_the_readme_curl_calls_answer_a_service_account_from_the_command(agency, period, capsys, api):
    call_command("api_token", "service", "SIMPEG sync", *(f"--scope={s}" for s in ("people:read", "people:write",
                 "plans:read", "export:read")), "--agency", "DUKCAPIL")  # fmt: skip
    caller = api(capsys.readouterr().out.strip())
    joined = README.replace("\\\n", " ")  # a shell line continued with a backslash
    calls = [shlex.split(line) for line in joined.splitlines() if line.startswith("curl ")]
    assert len(calls) >= 4
    for words in calls:
        url = next(word for word in words if word.startswith("http"))
        path = url.split("127.0.0.1:8000", 1)[1].replace("period=1", f"period={period.pk}")
        body = words[words.index("-d") + 1] if "-d" in words else None
        response = caller.client.post(path, body, content_type="application/json", headers=caller.headers) if body \
            else caller.get(path)  # fmt: skip
        assert response.status_code == 200, (path, response.content[:300])
