"""A meeting's presence list travels with the event of an arrival or a departure (forums/live.py): open meeting
pages show it without each fetching their live panel."""

import pytest
from django.urls import reverse

from forums import services


@pytest.fixture
def presence_events(monkeypatch):
    """The presence events sent, in order."""
    events = []

    def record(group, event, **data):
        if data.get("what") == "presence":
            events.append(data)

    monkeypatch.setattr("forums.realtime.send_now", record)
    return events


def fetched_presence(client, meeting, language):
    client.cookies["django_language"] = language
    url = reverse("forums:meeting_detail", args=[meeting.pk]) + "?partial=presence"
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode().strip()


def test_an_arrival_carries_the_list_as_each_participant_would_fetch_it(
    meeting, employee, outsider, coordinator, client_for, presence_events, django_capture_on_commit_callbacks
):
    for person in (employee, outsider):
        with django_capture_on_commit_callbacks(execute=True):
            services.join_meeting(meeting=meeting, user=person.user)
    first, event = presence_events
    assert event["part"] == "presence" and set(event["html"]) == {"id", "en"}
    assert "Andi Wijaya" in event["html"]["en"] and "Rudi Hartono" in event["html"]["en"]
    assert "Rudi Hartono" not in first["html"]["en"]
    assert event["at"] > first["at"]  # a page shows the newer list whatever order the two arrive in
    for person in (employee, outsider, coordinator):  # invited agencies' people and the coordinator alike
        for language in ("id", "en"):
            assert fetched_presence(client_for(person), meeting, language) == event["html"][language], (
                person,
                language,
            )


def test_a_departure_carries_the_list_without_who_left(
    meeting, employee, outsider, presence_events, django_capture_on_commit_callbacks
):
    for person in (employee, outsider):
        with django_capture_on_commit_callbacks(execute=True):
            services.join_meeting(meeting=meeting, user=person.user)
    with django_capture_on_commit_callbacks(execute=True):
        services.leave_meeting(meeting_id=meeting.pk, user=outsider.user)
    left = presence_events[-1]
    assert "Andi Wijaya" in left["html"]["en"] and "Rudi Hartono" not in left["html"]["en"]
