"""Production settings and deploy files: the deploy check, static caching, upload limits, server configuration."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

BASE_DIR = Path(__file__).resolve().parents[2]
DEPLOY = BASE_DIR / "deploy"
# What make prod-local cannot have on plain-HTTP loopback: an HTTPS redirect and secure-only cookies.
LOOPBACK_ONLY_WARNINGS = {"security.W008", "security.W012", "security.W016"}


def run(command, environment, **options):
    return subprocess.run(
        command, cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=120, **options
    )


def clean_environment(**values):
    """The caller's environment without any Kinerja/Django setting, plus `values`."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "KINERJA_", "GUNICORN_")) and name not in {"DATABASE_URL", "REDIS_URL"}
    }
    return {**kept, "DJANGO_SETTINGS_MODULE": "config.settings", **values}


def server_environment(tmp_path):
    """The environment of a real server: deploy/systemd/kinerja.env.example with a real secret and a local database."""
    documented = {}
    for line in (DEPLOY / "systemd" / "kinerja.env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, value = line.split("=", 1)
            documented[name] = value.strip('"')
    return clean_environment(
        **documented
        | {
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
            "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        }
    )


def deploy_check_warnings(environment) -> set[str]:
    result = run([sys.executable, "manage.py", "check", "--deploy"], environment)
    assert result.returncode == 0, result.stderr
    return set(re.findall(r"\(([\w.]+\.[EW]\d+)\)", result.stdout + result.stderr))


def test_a_server_configured_as_documented_passes_the_deploy_check_without_warnings(tmp_path):
    assert deploy_check_warnings(server_environment(tmp_path)) == set()


def test_prod_local_is_warned_only_about_the_https_it_cannot_have_on_loopback(tmp_path):
    printed = run(["bash", "deploy/prod-local.sh", "env"], clean_environment(PROD_DIR=str(tmp_path)), check=True)
    prod_local = dict(line.split("=", 1) for line in printed.stdout.splitlines())
    assert prod_local["DJANGO_DEBUG"] == "0"
    assert len(prod_local["DJANGO_SECRET_KEY"]) >= 50

    assert deploy_check_warnings(clean_environment(**prod_local)) == LOOPBACK_ONLY_WARNINGS


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    environment = server_environment(tmp_path)
    del environment["DJANGO_SECRET_KEY"]

    result = run([sys.executable, "manage.py", "check"], environment)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_an_unknown_task_backend_is_refused_at_startup(tmp_path):
    environment = server_environment(tmp_path) | {"KINERJA_TASKS_BACKEND": "celery"}

    result = run([sys.executable, "manage.py", "check"], environment)

    assert result.returncode != 0
    assert "KINERJA_TASKS_BACKEND must be one of: database, immediate" in result.stderr


def test_gunicorn_loads_its_configuration_and_the_application(tmp_path):
    environment = server_environment(tmp_path) | {"GUNICORN_BIND": f"unix:{tmp_path / 'wsgi.sock'}"}

    result = run(
        [str(Path(sys.executable).parent / "gunicorn"), "--check-config", "-c", "deploy/gunicorn.conf.py"], environment
    )

    assert result.returncode == 0, result.stderr


def test_nginx_accepts_every_request_django_accepts():
    site = (DEPLOY / "nginx.conf").read_text()
    [megabytes] = re.findall(r"client_max_body_size (\d+)m;", site)
    largest_django_request = max(
        django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        django_settings.KINERJA_UPLOAD_MAX_BYTES,
        django_settings.KINERJA_UPLOAD_MAX_REQUEST_BYTES,
    )

    assert largest_django_request < int(megabytes) * 1024 * 1024 <= largest_django_request + 2 * 1024 * 1024


def test_nginx_sends_websockets_to_the_asgi_servers_and_everything_else_to_wsgi():
    site = (DEPLOY / "nginx.conf").read_text()
    websocket = site[site.index("location /ws/") : site.index("location / {")]

    assert "proxy_pass http://kinerja_asgi;" in websocket
    assert "proxy_set_header Upgrade $http_upgrade;" in websocket
    assert "proxy_read_timeout 1h;" in websocket
    assert "proxy_pass http://kinerja_wsgi;" in site[site.index("location / {") :]
    assert site.count("proxy_set_header X-Forwarded-Proto $scheme;") == 2


@pytest.fixture
def collected_static(settings, tmp_path):
    """Kinerja's own static files collected as in production: hashed names, gzip copies, served by WhiteNoise."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "config.storage.StaticFilesStorage"}}
    call_command("collectstatic", "--no-input", verbosity=0)
    return settings.STATIC_ROOT


def test_hashed_static_files_are_cached_for_a_year_and_served_compressed(collected_static):
    hashed_url = static("css/kinerja.css")
    assert re.fullmatch(r"/static/css/kinerja\.[0-9a-f]{12}\.css", hashed_url)

    response = Client().get(hashed_url, headers={"accept-encoding": "gzip"})

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response.headers["Content-Encoding"] == "gzip"


def test_unhashed_static_names_are_cached_only_briefly(collected_static):
    response = Client().get("/static/css/kinerja.css")

    assert response.status_code == 200
    assert "immutable" not in response.headers["Cache-Control"]
    assert response.headers["Cache-Control"] == "max-age=60, public"


@pytest.fixture
def css_with_a_missing_image(settings, tmp_path):
    """Collect only a stylesheet that names an image nobody ships, the defect viewflow's own CSS has."""
    source = tmp_path / "source"
    (source / "css").mkdir(parents=True)
    (source / "css" / "fonts.css").write_text('body { background: url("../img/missing.png"); }')
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "config.storage.StaticFilesStorage"}}
    return source


def test_collectstatic_fails_on_a_missing_file_referenced_by_our_own_css(settings, css_with_a_missing_image):
    settings.STATICFILES_DIRS = [css_with_a_missing_image]

    with pytest.raises(ValueError, match="img/missing.png"):
        call_command("collectstatic", "--no-input", verbosity=0)


def test_collectstatic_leaves_viewflows_reference_to_its_missing_fonts_unhashed(settings, css_with_a_missing_image):
    settings.STATICFILES_DIRS = [("viewflow", css_with_a_missing_image)]

    call_command("collectstatic", "--no-input", verbosity=0)

    [hashed] = (settings.STATIC_ROOT / "viewflow" / "css").glob("fonts.*.css")
    assert 'url("../img/missing.png")' in hashed.read_text()
