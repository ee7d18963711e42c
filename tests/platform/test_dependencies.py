"""Dependencies: every transitive package locked with hashes (pip-tools), the top-level choices readable in the
.in files, and production installing nothing that only development needs."""

import re
import sys
from pathlib import Path

import pytest

from tests.platform.test_deploy import clean_environment, run

BASE_DIR = Path(__file__).resolve().parents[2]
DEVELOPMENT_ONLY = {"daphne", "pytest", "pytest-django", "ruff", "factory-boy", "faker", "hypothesis", "playwright",
                    "pip-tools", "polib", "pypdf"}  # fmt: skip


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().split("[")[0]


def top_level(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, _, version = line.partition("==")
            pins[canonical(name)] = version
    return pins


def locked(path: Path) -> dict[str, tuple[str, int]]:
    """{package: (version, number of hashes)} of a pip-compile lock."""
    text = path.read_text()
    entries = re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+) \\\n((?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", text, re.M)
    return {canonical(name): (version, hashes.count("--hash=")) for name, version, hashes in entries}


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"])
def test_every_requirement_in_a_lock_is_pinned_with_hashes(lock):
    text = (BASE_DIR / lock).read_text()
    requirement_lines = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    entries = locked(BASE_DIR / lock)
    assert len(entries) == len(requirement_lines) > 10
    assert all(count >= 1 for _version, count in entries.values())
    assert "pip-compile" in text and "--generate-hashes" in text


def test_the_locks_hold_the_top_level_choices_and_agree_with_each_other():
    runtime, development = locked(BASE_DIR / "requirements.txt"), locked(BASE_DIR / "requirements-dev.txt")
    for name, version in top_level(BASE_DIR / "requirements.in").items():
        assert runtime[name][0] == version, name
    for name, version in top_level(BASE_DIR / "requirements-dev.in").items():
        assert development[name][0] == version, name
    for name, (version, _hashes) in runtime.items():
        assert development[name][0] == version, f"{name}: the dev lock must install what production runs"


def test_production_installs_nothing_only_development_needs():
    assert not DEVELOPMENT_ONLY & set(locked(BASE_DIR / "requirements.txt"))
    assert not DEVELOPMENT_ONLY & set(top_level(BASE_DIR / "requirements.in"))


def test_daphne_is_an_app_only_in_development():
    code = "import django; django.setup(); from django.conf import settings; print('daphne' in settings.INSTALLED_APPS)"
    production = clean_environment(DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="kinerja.example.go.id")
    assert run([sys.executable, "-c", code], production).stdout.strip() == "False"
    assert run([sys.executable, "-c", code], clean_environment(DJANGO_DEBUG="1")).stdout.strip() == "True"


def test_installing_and_locking_use_the_locks():
    makefile = (BASE_DIR / "Makefile").read_text()
    assert "pip install --quiet --require-hashes -r requirements-dev.txt" in makefile
    assert re.search(r"^lock:", makefile, re.M) and "--generate-hashes" in makefile
    assert "pip install --require-hashes -r requirements.txt" in (BASE_DIR / "deploy" / "Dockerfile").read_text()


def test_lint_checks_the_formatting_and_git_ignores_sqlites_side_files():
    makefile = (BASE_DIR / "Makefile").read_text()
    lint = makefile.split("\nlint:")[1].split("\n\n")[0]
    assert "ruff check ." in lint and "ruff format --check ." in lint
    for name in ("db.sqlite3-wal", "db.sqlite3-shm", "bench/results/bench.sqlite3-wal"):
        ignored = run(["git", "check-ignore", "--no-index", "-q", name], dict(clean_environment()))
        assert ignored.returncode == 0, f"{name} is not ignored"
