"""Debug fails closed: without DJANGO_DEBUG the settings are production ones (DEBUG off, a secret key and hosts
required); the development entry points (make run, make test, the browser tests) turn it on explicitly."""

import re
import sys
from pathlib import Path

from tests.platform.test_deploy import clean_environment, run

BASE_DIR = Path(__file__).resolve().parents[2]
PRINT_DEBUG = "import django; django.setup(); from django.conf import settings; print('DEBUG', settings.DEBUG)"


def test_without_the_variable_a_server_refuses_to_start_rather_than_serve_debug_pages():
    done = run([sys.executable, "-c", PRINT_DEBUG], clean_environment())
    assert done.returncode != 0
    assert "DJANGO_DEBUG is off" in done.stderr and "DJANGO_SECRET_KEY" in done.stderr


def test_with_a_secret_and_hosts_but_no_debug_variable_debug_is_off():
    environment = clean_environment(DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="kinerja.example.go.id")
    done = run([sys.executable, "-c", PRINT_DEBUG], environment)
    assert done.returncode == 0, done.stderr
    assert "DEBUG False" in done.stdout


def test_the_development_entry_points_turn_debug_on_explicitly():
    makefile = (BASE_DIR / "Makefile").read_text()
    [targets] = re.findall(r"^(.*): export DJANGO_DEBUG \?= 1$", makefile, flags=re.MULTILINE)
    assert {"run", "demo", "migrate"} <= set(targets.split())
    assert 'os.environ.setdefault("DJANGO_DEBUG", "1")' in (BASE_DIR / "config" / "test_settings.py").read_text()
    assert '"DJANGO_DEBUG": "1"' in (BASE_DIR / "tests" / "e2e" / "conftest.py").read_text()


def test_source_file_commands_run_without_the_production_variables():
    # `makemigrations --check` only compares models with migration files: a developer (or a checklist) runs it bare.
    done = run([sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"], clean_environment())
    assert done.returncode == 0, done.stderr
    assert "No changes detected" in done.stdout


def test_other_commands_stay_fail_closed_without_the_variables():
    done = run([sys.executable, "manage.py", "check"], clean_environment())
    assert done.returncode != 0
    assert "DJANGO_DEBUG is off" in done.stderr
