"""Generic form behaviour (design system, issue 11) seen on the forum's forms: no "---------" placeholder, a lone
required option chosen already, several IKU picked with checkboxes (no "hold Ctrl"), attachments that offer the
phone's camera, and a reload of the reply URL after an error that lands back on the topic instead of a bare 405."""

import re

from django.urls import reverse

from tests.factories import IndicatorFactory


def test_the_new_topic_form_has_no_dash_placeholder_and_preselects_the_own_agency(
    category, other_category, employee, client_for
):
    page = client_for(employee).get(reverse("forums:topic_create")).content.decode()
    assert "---------" not in page
    category_select = re.search(r'<select name="category".*?</select>', page, re.S).group()
    assert '<option value="" selected>Choose…</option>' in category_select
    agency_select = re.search(r'<select name="agency".*?</select>', page, re.S).group()
    assert re.findall(r"<option[^>]*>", agency_select) == [f'<option value="{employee.agency.pk}" selected>']
    meeting_select = re.search(r'<select name="meeting".*?</select>', page, re.S).group()
    assert ">Choose…</option>" in meeting_select  # optional: the blank choice stays, named


def test_iku_are_picked_with_checkboxes_and_a_filter_not_a_ctrl_multi_select(agency, period, employee, client_for):
    IndicatorFactory(agency=agency, code="IKU-1", name="Indeks kepuasan layanan")
    page = client_for(employee).get(reverse("forums:topic_create")).content.decode()
    assert "Ctrl" not in page and "multiple" not in re.search(r'<div id="id_indicators".*?</div>', page, re.S).group()
    assert re.search(r'<input type="checkbox" name="indicators" value="\d+"', page)
    assert 'data-choice-filter="id_indicators"' in page
    assert re.search(r"<fieldset[^>]*>\s*<legend>IKU it improves</legend>", page)


def test_attachments_accept_what_the_server_takes_and_offer_the_camera(topic, employee, client_for):
    page = client_for(employee).get(reverse("forums:topic_detail", args=[topic.pk])).content.decode()
    from common.uploads import allowed_extensions

    assert 'accept="' + ",".join(f".{extension}" for extension in allowed_extensions()) + '"' in page
    camera = re.search(r'<input type="file" class="camera-input" id="id_files_camera"[^>]*>', page).group()
    assert 'name="files" accept="image/*" capture="environment" aria-label="Take a photo"' in camera
    assert '<label class="button secondary camera-button" for="id_files_camera">' in page


def test_reloading_the_reply_url_after_an_error_goes_back_to_the_topic(topic, employee, client_for):
    client = client_for(employee)
    url = reverse("forums:reply_create", args=[topic.pk])
    assert client.post(url, {"body": ""}).status_code == 400  # shown again with its error, at this URL
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == reverse("forums:topic_detail", args=[topic.pk])
    assert client.put(url).status_code == 405
