"""On PostgreSQL a page's repeated queries are prepared once per connection (config/settings.py): their parameters
travel apart from the SQL, and PostgreSQL keeps the plan instead of planning the same joins on every request.
KINERJA_DB_PREPARE_THRESHOLD=0 turns it off for a transaction-pooling PgBouncer."""

import json
import os
import sys

import pytest
from django.db import connection

from tests.platform.test_deploy import clean_environment, run

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
PRINT_OPTIONS = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps({alias: {k: v for k, v in db['OPTIONS'].items() if k in ('server_side_binding', "
    "'prepare_threshold')} for alias, db in settings.DATABASES.items()}))"
)


def database_options(**variables) -> dict:
    environment = clean_environment(
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://kinerja@db.example/kinerja",
        DATABASE_REPLICA_URL="postgres://kinerja@replica.example/kinerja",
        **variables,
    )
    done = run([sys.executable, "-c", PRINT_OPTIONS], environment)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_postgresql_connections_prepare_repeated_queries_by_default():
    options = database_options()
    expected = {"server_side_binding": True, "prepare_threshold": 5}
    assert options == {"default": expected, "replica": expected}


def test_the_threshold_is_a_setting_and_zero_turns_preparing_off():
    assert database_options(KINERJA_DB_PREPARE_THRESHOLD="2")["default"]["prepare_threshold"] == 2
    assert database_options(KINERJA_DB_PREPARE_THRESHOLD="0") == {"default": {}, "replica": {}}


def test_sqlite_has_no_such_options():
    environment = clean_environment(DJANGO_DEBUG="1", DATABASE_URL="sqlite:////tmp/kinerja-options.sqlite3")
    done = run([sys.executable, "-c", PRINT_OPTIONS], environment)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"default": {}}


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL")
@pytest.mark.django_db
def test_a_page_requested_again_reuses_its_prepared_queries(client, django_user_model):
    user = django_user_model.objects.create_user("pegawai-prepared", password="x")
    client.force_login(user)
    for _ in range(6):  # one more than the threshold
        assert client.get("/inbox/").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements")
        prepared = dict(cursor.fetchall())
    # The inbox counts the user's open tasks on every request: that query is prepared and has run since.
    task_counts = [runs for statement, runs in prepared.items() if 'COUNT("viewflow_task"."id")' in statement]
    assert task_counts and max(task_counts) >= 1
