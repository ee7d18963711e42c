"""WSGI entry point: pages and forms in production (gunicorn/granian)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# A web process: no statement may hold it (PostgreSQL statement, lock and idle-transaction timeouts, settings.py).
os.environ.setdefault("KINERJA_DB_TIMEOUTS", "1")

application = get_wsgi_application()
