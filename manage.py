#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# Commands that only read or write source files (migrations, catalogs): they never serve a page or touch data, so
# a developer may run them without the production variables. Everything else stays fail-closed (config/settings.py).
SOURCE_COMMANDS = frozenset({"makemigrations", "makemessages", "compilemessages"})


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if sys.argv[1:2] and sys.argv[1] in SOURCE_COMMANDS and not os.environ.get("DJANGO_SECRET_KEY"):
        os.environ.setdefault("DJANGO_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
