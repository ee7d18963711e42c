"""Django for the benchmark process: a dedicated database and production-like settings (DEBUG off)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_DATABASE_URL = f"sqlite:///{RESULTS / 'bench.sqlite3'}"
STATIC_ROOT = "/tmp/kinerja-bench-static"


def setup_django() -> str:
    """Configure the environment and call django.setup(); returns the database URL in use."""
    sys.path.insert(0, str(ROOT))
    RESULTS.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    # As in production: DEBUG off (no SQL kept in memory, compiled templates cached), no TLS on loopback.
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
    os.environ.setdefault("DJANGO_STATIC_ROOT", STATIC_ROOT)
    os.environ.setdefault("KINERJA_TASKS_BACKEND", "immediate")
    create_postgres_database_if_missing(url)
    # The manifest storage needs collected files to render {% static %} with DEBUG off.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, check=True, env=os.environ
    )
    import django

    django.setup()
    return url


def create_postgres_database_if_missing(url: str) -> None:
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    params = {"host": config["HOST"], "port": config["PORT"] or 5432, "user": config["USER"], "dbname": "postgres"}
    if config["PASSWORD"]:
        params["password"] = config["PASSWORD"]
    with psycopg.connect(**params, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{config["NAME"]}"')
