"""Verifiable documents: the SKP and evaluation PDFs carry a code and a QR code to the public `/verify/<code>/` page,
which confirms owner, period, predikat and content hash only, and checks an uploaded copy byte for byte."""

import hashlib
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from tests.workflow.test_bad_input import rated_plan
from tests.workflow.test_documents import body, pdf_text
from workflow.models import IssuedDocument
from workflow.objections import services as objection_services


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def good_plan(filled_plan, employee, supervisor):
    return rated_plan(filled_plan, employee, supervisor, results="AS_EXPECTED", behaviour="AS_EXPECTED")


def evaluation(client, plan) -> bytes:
    response = client.get(reverse("workflow:plan_evaluation_pdf", args=[plan.pk]))
    assert response.status_code == 200
    return body(response)


def verify_url(code: str) -> str:
    return reverse("workflow:verify", args=[code])


def check(code: str, content: bytes, name="copy.pdf"):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return Client().post(verify_url(code), {"document": upload})


def test_the_evaluation_pdf_carries_its_code_and_qr_and_the_record_holds_its_hash(good_plan, employee, client_for):
    content = evaluation(client_for(employee), good_plan)
    record = IssuedDocument.objects.get(plan=good_plan, kind="evaluation")
    assert record.content_hash == hashlib.sha256(content).hexdigest()
    assert record.predikat == "BAIK" and record.owner_name == employee.full_name
    text = pdf_text(content)
    assert record.code in text and f"/verify/{record.code}/" in text
    assert PdfReader(io.BytesIO(content)).pages[-1].images, "the QR code is an image on the last page"


def test_the_same_content_downloaded_again_is_the_same_file_under_the_same_code(
    good_plan, employee, supervisor, client_for
):
    first = evaluation(client_for(employee), good_plan)
    second = evaluation(client_for(supervisor), good_plan)
    assert first == second
    assert IssuedDocument.objects.filter(plan=good_plan, kind="evaluation").count() == 1


def test_the_skp_pdf_is_verifiable_too(filled_plan, employee, client_for):
    response = client_for(employee).get(reverse("workflow:plan_skp_pdf", args=[filled_plan.pk]))
    content = body(response)
    record = IssuedDocument.objects.get(plan=filled_plan, kind="skp")
    assert record.predikat == "" and record.code in pdf_text(content)
    assert b"Genuine" in check(record.code, content).content


def test_the_public_page_confirms_owner_period_predikat_and_hash_and_nothing_else(good_plan, employee, client_for):
    evaluation(client_for(employee), good_plan)
    record = IssuedDocument.objects.get(plan=good_plan)
    response = Client().get(verify_url(record.code))  # nobody signed in
    page = response.content.decode()
    assert response.status_code == 200
    for shown in (employee.full_name, str(good_plan.period), "Good", record.content_hash):
        assert shown in page
    for hidden in (employee.nip, "Terbitnya KTP-el", good_plan.supervisor.full_name):
        assert hidden not in page
    assert "hx-" not in page.split("<main", 1)[-1]  # a plain form: works without JavaScript
    assert Client().get(verify_url(record.code.lower())).status_code == 200  # as typed from paper


def test_a_genuine_copy_verifies_and_a_changed_or_other_one_does_not(good_plan, employee, colleague, client_for):
    content = evaluation(client_for(employee), good_plan)
    record = IssuedDocument.objects.get(plan=good_plan)
    assert b"Genuine" in check(record.code, content).content
    changed = content.replace(b"/Title (", b"/Title (X", 1) if b"/Title (" in content else content + b"\n%x"
    assert changed != content
    answer = check(record.code, changed)
    assert answer.status_code == 200 and b"Does not verify" in answer.content and b"Genuine" not in answer.content
    forged = content[:-200] + b"0" * 200  # same length, different bytes
    assert b"Does not verify" in check(record.code, forged).content


def test_a_file_that_is_not_a_pdf_is_refused_by_the_upload_check(good_plan, employee, client_for):
    evaluation(client_for(employee), good_plan)
    record = IssuedDocument.objects.get(plan=good_plan)
    answer = check(record.code, b"MZ\x90\x00 not a pdf at all")
    assert answer.status_code == 200 and b"Genuine" not in answer.content and b"Does not verify" not in answer.content
    assert b"field-error" in answer.content or b"errorlist" in answer.content


def test_an_unknown_code_is_404(db):
    assert Client().get(verify_url("ZZZZZZZZZZ")).status_code == 404


def test_the_page_is_rate_limited_per_address(good_plan, employee, client_for, settings):
    settings.KINERJA_RATE_LIMITS = {**settings.KINERJA_RATE_LIMITS, "verify": (2, 60)}
    evaluation(client_for(employee), good_plan)
    code = IssuedDocument.objects.get(plan=good_plan).code
    client = Client()
    assert client.get(verify_url(code)).status_code == 200
    assert client.get(verify_url("ZZZZZZZZZZ")).status_code == 404
    limited = client.get(verify_url(code))
    assert limited.status_code == 429 and limited["Retry-After"] == "60"


def test_a_regraded_plan_gets_a_new_code_and_the_old_one_says_a_newer_version_exists(
    filled_plan, employee, supervisor, head, client_for
):
    plan = rated_plan(filled_plan, employee, supervisor, results="BELOW", behaviour="AS_EXPECTED")
    old = evaluation(client_for(employee), plan)
    old_record = IssuedDocument.objects.get(plan=plan)
    objection = objection_services.file_objection(plan=plan, by=employee.user, reasons="Target tercapai")
    objection_services.decide_objection(
        objection=objection,
        by=head.user,
        decision="accepted",
        reasons="Terbukti",
        results_rating="AS_EXPECTED",
        behaviour_rating="AS_EXPECTED",
    )
    plan.refresh_from_db()
    new = evaluation(client_for(employee), plan)
    new_record = IssuedDocument.objects.exclude(pk=old_record.pk).get(plan=plan)
    assert new_record.code != old_record.code and new_record.predikat == "BAIK"
    assert b"Does not verify" in check(new_record.code, old).content
    assert b"Genuine" in check(old_record.code, old).content
    assert b"newer version" in Client().get(verify_url(old_record.code)).content
    assert b"newer version" not in Client().get(verify_url(new_record.code)).content
    assert new != old
