"""Complaints through the API: verified ones only, in an Open311-like shape; their words only for a token that may
read the agency's complaints in full."""

from feedback.models import Status
from tests.feedback.factories import ComplaintCategoryFactory, submit


def test_public_complaints_show_no_words_and_no_unverified_report(agency, other_agency, make_service, api):
    category = ComplaintCategoryFactory(name="Penerbitan KTP-el", agency=agency)
    shown, _secret = submit(category, description="Antrean KTP-el sangat panjang di kantor", name="Rahasia Pelapor")
    hidden, _secret = submit(category, description="Belum diverifikasi")
    type(shown).objects.filter(pk=shown.pk).update(status=Status.WITH_AGENCY)

    public = api(None).get("/api/v1/complaints/")
    rows = public.json()["results"]
    assert [row["service_request_id"] for row in rows] == [shown.code]
    assert rows[0]["status"] == "open" and rows[0]["agency_responsible"] == "DUKCAPIL"
    assert rows[0]["description"] is None
    content = public.content.decode()
    assert "Antrean" not in content and "Rahasia Pelapor" not in content and hidden.code not in content

    elsewhere = api(make_service(scopes=["complaints:read"], agencies=[other_agency])).get("/api/v1/complaints/")
    assert elsewhere.json()["results"][0]["description"] is None
    own = api(make_service(scopes=["complaints:read"], agencies=[agency])).get("/api/v1/complaints/")
    assert own.json()["results"][0]["description"].startswith("Antrean")
    assert "Rahasia Pelapor" not in own.content.decode()  # the reporter's identity never leaves through the API
