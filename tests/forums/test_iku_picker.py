"""The IKU picker of a new practice lists the chosen agency's IKU only, as ticks (no "hold Ctrl"), and refuses
another agency's IKU."""

from django.urls import reverse

from forums.models import Topic
from tests.factories import CoordinatorFactory, IndicatorFactory, UserFactory


def test_the_picker_lists_only_the_chosen_agencys_iku_and_follows_the_agency(client_for, agency, other_agency, db):
    IndicatorFactory(agency=agency, code="IKU-DUK", name="Waktu layanan KTP-el")
    IndicatorFactory(agency=other_agency, code="IKU-KES", name="Cakupan imunisasi")
    user = UserFactory(username="koordinator")
    CoordinatorFactory(user=user, all_agencies=True)  # may share for any agency: chooses one on the form
    client = client_for(user)
    url = reverse("forums:topic_create")

    page = client.get(url, {"agency": agency.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert 'type="checkbox" name="indicators"' in page and "IKU-DUK" in page and "IKU-KES" not in page
    assert "Hold Ctrl" not in page and 'data-filter-list="#id_indicators"' in page
    assert 'hx-select="#iku-picker"' in page
    other = client.get(url, {"agency": other_agency.pk}).content.decode()
    assert "IKU-KES" in other and "IKU-DUK" not in other


def test_an_employee_sees_their_own_agencys_iku_and_another_agencys_iku_is_refused(
    client_for, employee, category, agency, other_agency
):
    IndicatorFactory(agency=agency, code="IKU-DUK")
    theirs = IndicatorFactory(agency=other_agency, code="IKU-KES")
    client = client_for(employee)
    page = client.get(reverse("forums:topic_create")).content.decode()
    assert "IKU-DUK" in page and "IKU-KES" not in page
    response = client.post(
        reverse("forums:topic_create"),
        {"title": "Jemput bola", "category": category.pk, "agency": agency.pk, "indicators": [theirs.pk], "body": "x"},
    )
    assert response.status_code == 200 and not Topic.objects.exists()
    assert response.context["form"].errors["indicators"]


def test_a_practice_shared_twice_by_a_double_click_is_one_topic(client_for, employee, category, agency):
    """A second sending of the same rendered form (common/sent_forms.py) lands on the first topic."""
    import re

    client = client_for(employee)
    page = client.get(reverse("forums:topic_create")).content.decode()
    key = re.search(r'name="sent_form_key" value="([^"]+)"', page).group(1)
    data = {
        "title": "Jemput bola",
        "category": category.pk,
        "agency": agency.pk,
        "body": "Cara kami.",
        "sent_form_key": key,
    }
    first = client.post(reverse("forums:topic_create"), data)
    again = client.post(reverse("forums:topic_create"), data)
    assert first.status_code == again.status_code == 302 and again["Location"] == first["Location"]
    assert Topic.objects.count() == 1
