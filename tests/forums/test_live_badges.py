"""A notification's event carries its user's header badge (forums/live.py): their open pages show the new count
without each fetching it."""

import pytest
from django.urls import reverse

from forums import services
from forums.models import NotificationKind
from forums.realtime import user_group


@pytest.fixture
def badge_events(monkeypatch):
    """The `notification.created` events sent, by group."""
    events = {}

    def record(group, event, **data):
        if event == "notification.created":
            events[group] = data

    monkeypatch.setattr("forums.realtime.send_now", record)
    return events


def tell(user_ids, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(user_ids=user_ids, kind=NotificationKind.MENTION, data={"actor": "A", "title": "T"}, url="/")


def fetched_badge(client, language):
    client.cookies["django_language"] = language
    response = client.get(reverse("forums:notification_badge"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode().strip()


def test_each_user_is_sent_their_own_badge_as_their_page_would_fetch_it(
    employee, colleague, client_for, badge_events, django_capture_on_commit_callbacks
):
    tell([employee.user.pk], django_capture_on_commit_callbacks)
    tell([employee.user.pk, colleague.user.pk], django_capture_on_commit_callbacks)

    mine, theirs = badge_events[user_group(employee.user.pk)], badge_events[user_group(colleague.user.pk)]
    assert mine["part"] == theirs["part"] == "notification-badge"
    assert ">2<" in mine["html"]["en"] and ">1<" in theirs["html"]["en"]
    for person, event in ((employee, mine), (colleague, theirs)):
        for language in ("id", "en"):
            assert fetched_badge(client_for(person), language) == event["html"][language], (person, language)


def test_many_users_are_counted_in_one_query(
    employee, colleague, supervisor, badge_events, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    people = [employee.user.pk, colleague.user.pk, supervisor.user.pk]
    with django_assert_max_num_queries(3):  # the insert, the grouped count (and a savepoint at most)
        tell(people, django_capture_on_commit_callbacks)
    assert set(badge_events) == {user_group(pk) for pk in people}
