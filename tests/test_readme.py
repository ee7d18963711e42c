"""The README is true at every commit: every make target, manage.py command, repository path and dotted name of a
project module that it names exists."""

import importlib
import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

BASE_DIR = Path(__file__).resolve().parents[1]
README = (BASE_DIR / "README.md").read_text()
INLINE_CODE = re.findall(r"`([^`\n]+)`", README)
# Written by the tools at run time, never committed.
GENERATED = ("bench/results/", "db.sqlite3", "media/", "staticfiles/", "test-results/", ".venv")
PROJECT_PACKAGES = ("agencies", "audit", "common", "config", "forums", "reports", "workflow")


def tracked_top_level() -> set[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=BASE_DIR, capture_output=True, text=True, check=True).stdout
    return {line.split("/")[0] for line in listed.splitlines()}


def make_targets() -> set[str]:
    makefile = (BASE_DIR / "Makefile").read_text()
    return {target for line in re.findall(r"^([\w .-]+):(?!=)", makefile, re.MULTILINE) for target in line.split()}


def named_make_targets() -> set[str]:
    return set(re.findall(r"\bmake ([a-z][\w-]*)", README))


def named_commands() -> set[str]:
    return set(re.findall(r"manage\.py ([a-z][a-z_]*)", README))


def named_paths() -> set[str]:
    top = tracked_top_level()
    paths = set()
    for code in INLINE_CODE:
        for token in code.split():
            token = token.strip("(),;:")
            if "/" not in token or token.startswith(("/", "http", "$", "~")) or re.search(r"[*{}<>…=]", token):
                continue
            if token.split("/")[0] in top and not token.startswith(GENERATED):
                paths.add(token)
    return paths


def named_modules() -> set[str]:
    return {
        code
        for code in INLINE_CODE
        if re.fullmatch(r"[a-z_]+(\.[A-Za-z_]+)+", code) and code.split(".")[0] in PROJECT_PACKAGES
    }


def test_the_readme_names_things_at_all():
    assert {"run", "test", "lint", "prod-local"} <= named_make_targets()
    assert {"import_people", "seed_demo", "db_worker"} <= named_commands()
    assert "deploy/nginx.conf" in named_paths() and "agencies.tasks.send_email" in named_modules()


@pytest.mark.parametrize("target", sorted(named_make_targets()))
def test_every_make_target_the_readme_names_exists(target):
    assert target in make_targets(), f"README names `make {target}`, which the Makefile does not define"


@pytest.mark.parametrize("command", sorted(named_commands()))
def test_every_management_command_the_readme_names_exists(command):
    assert command in get_commands(), f"README names `manage.py {command}`, which is no command"


@pytest.mark.parametrize("path", sorted(named_paths()))
def test_every_repository_path_the_readme_names_exists(path):
    assert (BASE_DIR / path).exists(), f"README names `{path}`, which is not in the repository"


@pytest.mark.parametrize("dotted", sorted(named_modules()))
def test_every_project_module_or_function_the_readme_names_exists(dotted):
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            assert hasattr(found, attribute), f"README names `{dotted}`, which does not exist"
            found = getattr(found, attribute)
        return
    pytest.fail(f"README names `{dotted}`, which is no module")
