"""Every Kinerja management command explains itself: `manage.py help CMD` works in both languages."""

import pytest
from django.core.management import ManagementUtility, get_commands
from django.utils import translation

PROJECT_APPS = ("agencies", "workflow", "forums", "reports", "feedback")
COMMANDS = sorted(name for name, app in get_commands().items() if app in PROJECT_APPS)


def test_the_project_has_its_own_commands():
    assert {"seed_demo", "import_people", "open_period"} <= set(COMMANDS)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("command", COMMANDS)
def test_help_prints_usage(command, language, capsys):
    with translation.override(language):
        ManagementUtility(["manage.py", "help", command]).execute()
    assert f"usage: manage.py {command}" in capsys.readouterr().out
