"""Background work: emails queued by a request reach people through the task queue and its worker."""

import os
import signal
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from agencies.notifications import send_email_on_commit
from agencies.tasks import send_email

BASE_DIR = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@require_POST
def notify_supervisor(request):
    """What a plan submission does: its service tells the supervisor by email once its transaction commits."""
    employee = request.user.employee
    with transaction.atomic():
        send_email_on_commit(
            to=[employee.supervisor.user.email],
            subject=f"Plan of {employee.name} submitted",
            body="Please review it.",
        )
    return HttpResponse(status=204)


urlpatterns = [path("notify/", notify_supervisor)]


@contextmanager
def _signal_handlers_kept():
    # db_worker installs its own SIGINT/SIGTERM handlers; give pytest its own back afterwards.
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def run_worker():
    with _signal_handlers_kept():
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--queue-name", "*", verbosity=0)


@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True)
def test_an_email_queued_in_a_request_is_delivered_by_the_worker_not_the_request(settings, employee, client_for):
    settings.TASKS = DATABASE_TASKS

    response = client_for(employee).post("/notify/")

    assert response.status_code == 204
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY

    run_worker()

    [message] = mail.outbox
    assert message.to == [employee.supervisor.user.email]
    assert message.subject == "Plan of Andi Wijaya submitted"
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert queued.return_value == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_backend_keeps_a_task_until_the_worker_runs_it(settings, django_assert_num_queries):
    settings.TASKS = DATABASE_TASKS

    with django_assert_num_queries(1):  # enqueuing is one INSERT, whatever the task does later
        result = send_email.enqueue(to=["siti@example.go.id"], subject="Reminder", body="Deadline on Friday.")

    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.task_path == "agencies.tasks.send_email"
    assert stored.args_kwargs == {
        "args": [],
        "kwargs": {"to": ["siti@example.go.id"], "subject": "Reminder", "body": "Deadline on Friday."},
    }
    assert stored.status == TaskResultStatus.READY

    run_worker()

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    assert [message.body for message in mail.outbox] == ["Deadline on Friday."]


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_is_down_fails_the_task_and_the_worker_records_why(settings):
    with socket.socket() as probe:  # a loopback port nobody listens on: connections are refused
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 2
    first = send_email.enqueue(to=["a@example.go.id"], subject="One", body="…")
    second = send_email.enqueue(to=["b@example.go.id"], subject="Two", body="…")

    run_worker()

    for result in (first, second):
        result.refresh()
        assert result.status == TaskResultStatus.FAILED
        assert result.errors[0].exception_class_path == "builtins.ConnectionRefusedError"


@pytest.mark.django_db
def test_each_recipient_gets_a_separate_message_after_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_email_on_commit(
            to=["siti@example.go.id", " andi@example.go.id ", "", "siti@example.go.id"],
            subject="Evaluation\nforum on Monday",
            body="Agenda attached.",
            html_body="<p>Agenda attached.</p>",
        )
        assert mail.outbox == []

    assert [message.to for message in mail.outbox] == [["andi@example.go.id"], ["siti@example.go.id"]]
    assert {message.subject for message in mail.outbox} == {"Evaluation forum on Monday"}
    assert mail.outbox[0].alternatives[0].content == "<p>Agenda attached.</p>"


@pytest.mark.django_db
def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send_email_on_commit(to=["siti@example.go.id"], subject="Plan approved", body="…")
        raise RuntimeError("the approval failed")

    assert mail.outbox == []


@pytest.mark.django_db
def test_no_task_is_queued_when_nobody_has_an_address(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_email_on_commit(to=["", "  "], subject="Reminder", body="…")

    assert callbacks == []
    assert mail.outbox == []


def test_with_default_settings_a_separate_worker_process_sends_what_another_process_queued(tmp_path):
    """The real thing, as `make run` and the servers do it: no test settings, two processes, one database."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'tasks.sqlite3'}",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    environment.pop("KINERJA_TASKS_BACKEND", None)

    def manage(*arguments):
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )

    for app in ("auth", "django_tasks_database"):  # the queue's table, and what every migration's signals need
        manage("migrate", app, "--no-input", "--skip-checks", "-v", "0")
    queued = manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from agencies.notifications import send_email_on_commit; "
        "from django_tasks_db.models import DBTaskResult; "
        "send_email_on_commit(to=['kepala@example.go.id'], subject='Period 2027 opened', body='Plans are due.'); "
        "print(DBTaskResult.objects.get().status)",
    )
    assert queued.stdout.strip() == "READY"

    worker = manage("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--queue-name", "*")

    assert "To: kepala@example.go.id" in worker.stdout
    assert "Subject: Period 2027 opened" in worker.stdout
    finished = manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django_tasks_db.models import DBTaskResult; print(DBTaskResult.objects.get().status)",
    )
    assert finished.stdout.strip() == "SUCCESSFUL"
