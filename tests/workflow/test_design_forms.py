"""Evidence forms on phones and after errors (design system, issue 11): the picker offers the camera and takes only
what the server accepts; a reload after a refused upload lands on the plan, not on a bare 405."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def test_after_a_refused_upload_a_reload_of_its_address_goes_back_to_the_plan(running_plan, employee, client_for):
    client = client_for(employee)
    indicator = running_plan.results.get().indicators.get()
    url = reverse("workflow:realisation_add", args=[running_plan.pk, indicator.pk])
    upload = SimpleUploadedFile("laporan.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    refused = client.post(url, {"value": "5", "files": [upload]})
    assert refused.status_code == 200 and "does not match" in refused.content.decode()
    reload = client.get(url)
    assert reload.status_code == 302 and reload["Location"] == reverse("workflow:plan_detail", args=[running_plan.pk])
    assert client.get(reload["Location"]).status_code == 200


def test_the_evidence_picker_offers_the_camera_and_the_accepted_types(running_plan, employee, client_for):
    indicator = running_plan.results.get().indicators.get()
    url = reverse("workflow:realisation_add", args=[running_plan.pk, indicator.pk])
    upload = SimpleUploadedFile("laporan.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    page = client_for(employee).post(url, {"value": "5", "files": [upload]}).content.decode()
    picker = re.search(r'<span class="file-picker">.*?</span>', page, re.S).group()
    from common.uploads import allowed_extensions

    assert 'accept="' + ",".join(f".{extension}" for extension in allowed_extensions()) + '" multiple' in picker
    assert 'accept="image/*" capture="environment"' in picker
