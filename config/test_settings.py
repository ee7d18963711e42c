"""Speed-only overrides for the test suite; behaviour comes from settings.py and the environment."""

import os

# settings.py fails closed (DEBUG off, secret key required); the suite runs with the development defaults, as
# `make run` does. Subprocesses that tests start (servers, commands) inherit the same.
os.environ.setdefault("DJANGO_DEBUG", "1")

from .settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run inline: a test sees a task's effect as soon as the transaction that enqueued it commits.
TASKS = {"default": {"BACKEND": TASK_BACKENDS["immediate"]}}  # noqa: F405
# Per-process cache (never a shared Redis between test runs); rate limits high enough that no functional test meets
# them — tests/test_hardening.py lowers them on purpose.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
KINERJA_RATE_LIMITS = {"forum_post": (10_000, 60), "upload": (10_000, 60)}
KINERJA_RATE_LIMITS |= {"survey_address": (10_000, 60), "survey_service": (10_000, 60)}  # --- surveys ---
# --- feedback ---: generous complaint limits and no minimum fill time; the tests of those set their own.
KINERJA_RATE_LIMITS |= {"complaint": (10_000, 3600), "complaint_category": (10_000, 3600)}
KINERJA_RATE_LIMITS |= {"complaint_held_files": (10_000, 3600)}
KINERJA_RATE_LIMITS |= {"api": (10_000, 60), "api_anonymous": (10_000, 60)}  # api
KINERJA_RATE_LIMITS |= {"verify": (10_000, 60)}  # the public verification page of issued PDFs
KINERJA_RATE_LIMITS |= {"password_reset": (10_000, 3600), "password_reset_email": (10_000, 3600)}
KINERJA_COMPLAINT_MIN_FILL_SECONDS = 0
# A "replica" that is the test database itself (Django's test mirror), for the replica routing's tests
# (tests/test_replicas.py), which turn KINERJA_REPLICA_READS on; every other test reads from "default" only.
DATABASES = {**DATABASES, "replica": {**DATABASES["default"], "TEST": {"MIRROR": "default"}}}  # noqa: F405
KINERJA_REPLICA_READS = False
