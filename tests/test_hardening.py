"""Hardening: CSP and no inline script, CSRF on every form, login lockout, rate limits, safe uploads, the audit log.

Covered elsewhere (not repeated here): `manage.py check --deploy` with production settings
(tests/platform/test_deploy.py), the Markdown XSS corpus (tests/forums/test_markdown.py), evidence file checks
(tests/workflow/test_bad_input.py).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from agencies import services as agency_services
from audit.models import AuditEvent, AuditKind
from tests.factories import (
    CategoryFactory,
    CoordinatorFactory,
    EmployeeFactory,
    PlanFactory,
    ResultIndicatorFactory,
    ResultPlanFactory,
    UserFactory,
)
from workflow import services as plan_services

TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates"]
TEMPLATES = sorted(path for directory in TEMPLATE_DIRS for path in directory.rglob("*.html"))
JS_FILES = sorted((Path(settings.BASE_DIR) / "static" / "js").glob("*.js"))


@pytest.fixture
def filled_plan(employee, supervisor, period):
    """The employee's draft with one RHK cascading from the supervisor's approved plan and one indicator."""
    boss_plan = PlanFactory(employee=supervisor, period=period, stage="realisation", supervisor=supervisor.supervisor)
    boss_rhk = ResultPlanFactory(plan=boss_plan)
    ResultIndicatorFactory(result=boss_rhk)
    plan = plan_services.start_plan(employee=employee, period=period)
    result = plan_services.add_result(plan=plan, by=employee.user, text="Terbitnya KTP-el", supports=boss_rhk)
    plan_services.add_indicator(result=result, by=employee.user, description="KTP-el", target_value=5, target_unit="d")
    return plan


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


# ------------------------------------------------------------------------------------------------ CSP, scripts


def test_every_page_carries_a_strict_content_security_policy(client_for, employee):
    response = client_for(employee).get(reverse("home"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_login_page_and_error_pages_carry_it_too(client):
    assert "script-src 'self'" in client.get(reverse("login"))["Content-Security-Policy"]
    assert "script-src 'self'" in client.get("/no-such-page/")["Content-Security-Policy"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_no_template_has_inline_script_handlers_or_styles(template):
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text, re.I), "inline <script>: move it to static/js/"
    assert not re.search(r"\son[a-z]+\s*=", text, re.I), "inline event handler: use static/js/ and data- attributes"
    assert not re.search(r"\shx-on[:-]", text), "hx-on is inline script (blocked by the CSP): use static/js/"
    assert not re.search(r"\sstyle\s*=", text, re.I), "inline style attribute (blocked by the CSP): use a class"
    assert "javascript:" not in text.lower()


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_templates_are_autoescaped_and_mark_safe_only_sanitised_html(template):
    text = template.read_text(encoding="utf-8")
    assert "{% autoescape off" not in text
    for match in re.finditer(r"\{\{\s*([^}|]+)\|safe", text):
        # Post HTML is rendered from Markdown and cleaned by nh3 (forums/markdown.py), never raw user input.
        assert match.group(1).strip().endswith(".html"), f"|safe on {match.group(1)!r}: only sanitised post HTML"


def test_no_static_script_evaluates_strings():
    for path in JS_FILES:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\beval\(|new Function\(|setTimeout\(\s*['\"]", text), path.name


# ------------------------------------------------------------------------------------------------ CSRF


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_every_post_form_carries_the_csrf_token(template):
    text = template.read_text(encoding="utf-8")
    for form in re.finditer(r"<form\b[^>]*>(.*?)</form>", text, re.S | re.I):
        if re.search(r"method=[\"']?post", form.group(0)[:300], re.I):
            assert "{% csrf_token %}" in form.group(1), f"a POST form without {{% csrf_token %}} in {template.name}"


def test_htmx_requests_send_the_csrf_token_from_the_page():
    base = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text(encoding="utf-8")
    assert 'hx-headers=\'{"X-CSRFToken": "{{ csrf_token }}"}\'' in base


def test_posts_without_the_csrf_token_are_refused(employee, filled_plan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee.user)
    for url, data in [
        (reverse("workflow:result_add", args=[filled_plan.pk]), {"kind": "main", "text": "x"}),
        (reverse("forums:notification_read_all"), {}),
        (reverse("logout"), {}),
    ]:
        assert client.post(url, data).status_code == 403, url
    client.get(reverse("workflow:plan_detail", args=[filled_plan.pk]))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("forums:notification_read_all"), {}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302


# ------------------------------------------------------------------------------------------------ login lockout


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_repeated_failed_logins_lock_the_account_with_a_page_that_says_so(employee, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(2):
        assert login(client, "employee", "wrong").status_code == 400  # its error, on the form
    locked = login(client, "employee", "wrong")
    assert locked.status_code == 429
    assert b"too many failed sign-in attempts" in locked.content
    # Even the right password is refused while locked.
    assert login(client, "employee", "kinerja-test-pass").status_code == 429
    assert AuditEvent.objects.filter(kind=AuditKind.LOGIN_FAILED, username="employee").count() >= 3


def test_other_accounts_are_not_locked_by_someone_elses_failures(employee, colleague, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    for _ in range(3):
        login(client, "employee", "wrong")
    response = login(client, "colleague", "kinerja-test-pass")
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_a_successful_login_is_audited_with_the_address(employee):
    response = Client(REMOTE_ADDR="10.1.2.3").post(
        reverse("login"), {"username": "employee", "password": "kinerja-test-pass"}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(kind=AuditKind.LOGIN)
    assert event.actor == employee.user and event.ip_address == "10.1.2.3"


# ------------------------------------------------------------------------------------------------ rate limits


@pytest.fixture
def topic(employee, agency):
    from forums import services

    return services.create_topic(
        author=employee.user, category=CategoryFactory(slug="adminduk"), title="Jemput bola", body="Isi", agency=agency
    )


def test_forum_posting_is_rate_limited_with_a_friendly_page(client_for, employee, topic, settings):
    settings.KINERJA_RATE_LIMITS = {**settings.KINERJA_RATE_LIMITS, "forum_post": (2, 60)}
    client = client_for(employee)
    url = reverse("forums:reply_create", args=[topic.pk])
    for number in range(2):
        assert client.post(url, {"body": f"Balasan {number}"}).status_code in (200, 302)
    limited = client.post(url, {"body": "Balasan 3"})
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    assert b"Too many requests" in limited.content
    assert topic.posts.count() == 3  # the first post and two replies; the third never arrived
    assert client.get(reverse("forums:topic_detail", args=[topic.pk])).status_code == 200  # reading stays open


def test_the_limit_counts_per_person(client_for, employee, colleague, topic, settings):
    settings.KINERJA_RATE_LIMITS = {**settings.KINERJA_RATE_LIMITS, "forum_post": (1, 60)}
    url = reverse("forums:reply_create", args=[topic.pk])
    assert client_for(employee).post(url, {"body": "a"}).status_code in (200, 302)
    assert client_for(colleague).post(url, {"body": "b"}).status_code in (200, 302)
    assert client_for(employee).post(url, {"body": "c"}).status_code == 429


def test_evidence_uploads_are_rate_limited(client_for, employee, supervisor, filled_plan, settings):
    plan_services.submit_plan(plan=filled_plan, by=employee.user)
    plan_services.approve_plan(plan=filled_plan, by=supervisor.user)
    settings.KINERJA_RATE_LIMITS = {**settings.KINERJA_RATE_LIMITS, "upload": (1, 60)}
    indicator = filled_plan.results.get().indicators.get()
    url = reverse("workflow:realisation_add", args=[filled_plan.pk, indicator.pk])
    client = client_for(employee)

    def upload(value):
        evidence = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n", content_type="application/pdf")
        return client.post(url, {"value": value, "description": "Terbit", "files": evidence})

    assert upload("10").status_code in (200, 302)
    assert upload("11").status_code == 429
    assert indicator.realisations.count() == 1


# ------------------------------------------------------------------------------------------------ uploads


def test_evidence_is_served_as_an_attachment_never_inline(client_for, employee, supervisor, filled_plan):
    plan_services.submit_plan(plan=filled_plan, by=employee.user)
    plan_services.approve_plan(plan=filled_plan, by=supervisor.user)
    indicator = filled_plan.results.get().indicators.get()
    page = SimpleUploadedFile("catatan.txt", b"<script>alert(1)</script>", content_type="text/plain")
    plan_services.record_realisation(indicator=indicator, by=employee.user, value=1, files=[page])
    evidence = indicator.realisations.get().evidence.get()
    response = client_for(employee).get(reverse("workflow:evidence_download", args=[filled_plan.pk, evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "html" not in response["Content-Type"]


@pytest.mark.parametrize(
    "name, content",
    [
        ("page.html", b"<script>alert(1)</script>"),
        ("shell.php", b"<?php system($_GET['c']); ?>"),
        ("run.exe", b"MZ\x90\x00"),
        ("bukti.pdf.exe", b"MZ\x90\x00"),
        ("image.svg", b"<svg onload=alert(1)>"),
    ],
)
def test_evidence_with_an_executable_or_markup_type_is_refused(employee, supervisor, filled_plan, name, content):
    from django.core.exceptions import ValidationError

    plan_services.submit_plan(plan=filled_plan, by=employee.user)
    plan_services.approve_plan(plan=filled_plan, by=supervisor.user)
    indicator = filled_plan.results.get().indicators.get()
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    with pytest.raises(ValidationError):
        plan_services.record_realisation(indicator=indicator, by=employee.user, value=1, files=[upload])
    assert not indicator.realisations.exists()


def test_oversized_evidence_is_refused(employee, supervisor, filled_plan, settings):
    from django.core.exceptions import ValidationError

    settings.KINERJA_UPLOAD_MAX_BYTES = 1024
    plan_services.submit_plan(plan=filled_plan, by=employee.user)
    plan_services.approve_plan(plan=filled_plan, by=supervisor.user)
    indicator = filled_plan.results.get().indicators.get()
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 2048, content_type="application/pdf")
    with pytest.raises(ValidationError):
        plan_services.record_realisation(indicator=indicator, by=employee.user, value=1, files=[upload])


def test_uploaded_files_are_not_reachable_under_a_public_url(client, settings):
    assert settings.MEDIA_URL in (None, "")
    assert Client().get("/media/evidence/x.pdf").status_code in (302, 404)


# ------------------------------------------------------------------------------------------------ audit log


def test_a_reassignment_is_audited(filled_plan, employee, supervisor, coordinator, agency):
    plan_services.submit_plan(plan=filled_plan, by=employee.user)
    stand_in = EmployeeFactory(agency=agency, user__username="stand_in")
    plan_services.reassign_task(plan=filled_plan, by=coordinator, to=stand_in, reason="Cuti")
    event = AuditEvent.objects.get(kind=AuditKind.REASSIGNED)
    assert event.actor == coordinator and event.detail == {"to": stand_in.nip, "reason": "Cuti"}
    assert str(filled_plan) == event.target


def test_exports_are_audited(client_for, supervisor, head, employee, period, agency):
    client_for(supervisor).get(reverse("workflow:team_export") + f"?period={period.pk}")
    client_for(head).get(reverse("workflow:agency_plans_export", args=[agency.pk]) + f"?period={period.pk}")
    coordinator = UserFactory(username="auditor")
    CoordinatorFactory(user=coordinator, all_agencies=True)
    client_for(coordinator).get(reverse("reports:export", args=[period.pk, "overview", "csv"]))
    events = AuditEvent.objects.filter(kind=AuditKind.EXPORTED).order_by("pk")
    assert [(event.actor.username, event.target) for event in events] == [
        ("supervisor", "team"),
        ("head", str(agency)),
        ("auditor", "overview"),
    ]


def test_a_supervisor_change_is_audited(employee, colleague, supervisor):
    agency_services.set_supervisor(employee=employee, supervisor=colleague)
    event = AuditEvent.objects.get(kind=AuditKind.ROLE_CHANGED)
    assert event.detail == {"change": "supervisor", "old": str(supervisor.pk), "new": str(colleague.pk)}
    agency_services.set_supervisor(employee=employee, supervisor=colleague)  # no change, no event
    assert AuditEvent.objects.filter(kind=AuditKind.ROLE_CHANGED).count() == 1


def test_coordinator_and_staff_changes_in_the_admin_are_audited(client_for, admin_user, agency, employee):
    client = client_for(admin_user)
    response = client.post(
        reverse("admin:agencies_coordinator_add"), {"user": employee.user.pk, "agencies": [agency.pk]}
    )
    assert response.status_code == 302
    user = employee.user
    response = client.post(
        reverse("admin:auth_user_change", args=[user.pk]),
        {
            "username": user.username,
            "email": user.email,
            "is_active": "on",
            "is_staff": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    details = [event.detail for event in AuditEvent.objects.filter(kind=AuditKind.ROLE_CHANGED).order_by("pk")]
    assert details == [{"change": "coordinator", "scope": "['DUKCAPIL']"}, {"change": "flags", "is_staff": "True"}]


def test_the_audit_log_is_read_only_for_staff_and_closed_to_others(client_for, admin_user, employee):
    Client().post(reverse("login"), {"username": "nobody", "password": "x"})
    client = client_for(admin_user)
    listing = client.get(reverse("admin:audit_auditevent_changelist"))
    assert listing.status_code == 200 and b"nobody" in listing.content
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    event = AuditEvent.objects.get(kind=AuditKind.LOGIN_FAILED)
    count = AuditEvent.objects.count()
    assert client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.count() == count
    assert client_for(employee).get(reverse("admin:audit_auditevent_changelist")).status_code == 302


def test_no_python_built_html_carries_inline_style_or_script():
    for app in ("agencies", "workflow", "forums", "reports", "audit", "config"):
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"<[a-z]+[^>]*\sstyle=", text), f"inline style attribute built in {path}"
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"inline <script> built in {path}"
