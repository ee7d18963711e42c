"""The apps' import graph: no app imports the project package `config/`, and a lower app never imports a higher one.

The order is common ← agencies ← workflow ← forums ← reports; audit sits beside them (any app may record an audit
event, audit imports only common); an app not listed here is new and sits above all of them. The test reads every
module of every app (migrations and demo data included, imports inside functions too) with `ast`, so a forgotten
import fails here rather than in a circular-import error at startup.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LAYERS = ("common", "agencies", "workflow", "forums", "reports")
BESIDE = {"audit": {"common"}}  # app -> the Kinerja apps it may import


def project_apps() -> list[str]:
    """Kinerja's own apps: the installed apps whose package lives in this repository."""
    return sorted(
        config.name for config in apps.get_app_configs() if Path(config.path).resolve().parent == ROOT.resolve()
    )


def allowed_imports(app: str, every_app: list[str]) -> set[str]:
    if app in BESIDE:
        return BESIDE[app] | {app}
    if app in LAYERS:
        return set(LAYERS[: LAYERS.index(app) + 1]) | set(BESIDE)
    return set(every_app)  # a new app sits on top


def imported_roots(path: Path) -> set[tuple[str, int]]:
    """(top-level package, line) of every absolute import in the module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {(alias.name.split(".")[0], node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module.split(".")[0], node.lineno))
    return found


def violations(app: str, every_app: list[str]) -> list[str]:
    allowed = allowed_imports(app, every_app)
    problems = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for root, line in sorted(imported_roots(path)):
            where = f"{path.relative_to(ROOT)}:{line}"
            if root == "config":
                problems.append(f"{where} imports config/ (move what apps share into common/)")
            elif root in every_app and root not in allowed:
                problems.append(f"{where}: {app} imports {root}, which sits above it")
    return problems


def test_the_layers_name_only_installed_apps():
    every_app = project_apps()
    assert set(LAYERS) | set(BESIDE) <= set(every_app)
    assert "config" not in every_app


@pytest.mark.parametrize("app", project_apps())
def test_an_app_imports_neither_config_nor_an_app_above_it(app):
    problems = violations(app, project_apps())
    assert not problems, "\n".join(problems)


def test_the_scan_finds_a_forbidden_import(tmp_path, monkeypatch):
    """The checker itself: a module of `agencies` importing config and forums is reported twice."""
    every_app = project_apps()
    package = tmp_path / "agencies"
    package.mkdir()
    (package / "bad.py").write_text("from config.security import csp_header_value\n\ndef f():\n    import forums\n")
    monkeypatch.setattr("tests.platform.test_layers.ROOT", tmp_path)
    problems = violations("agencies", every_app)
    assert len(problems) == 2
    assert "imports config/" in problems[0] and "agencies imports forums" in problems[1]
