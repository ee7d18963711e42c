"""Plan evidence goes through the shared upload check (common/uploads.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.test_uploads import EXECUTABLE, REFUSED


def exe_named(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, EXECUTABLE, content_type="application/pdf")


def test_plan_evidence_refuses_an_executable_named_pdf(running_plan, employee, client_for):
    indicator = running_plan.results.get().indicators.get()
    url = reverse("workflow:realisation_add", args=[running_plan.pk, indicator.pk])
    response = client_for(employee).post(url, {"value": "5", "description": "Kept", "files": [exe_named("x.pdf")]})
    page = response.content.decode()
    assert response.status_code == 200 and REFUSED in page and "Kept" in page
    assert not indicator.realisations.exists()
