"""A new post's live event carries the post as most readers see it (forums/live.py), so their pages do not each
fetch it; the few with controls of their own on it fetch theirs; pages then say up to which post they were read."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forums import live, services
from forums.models import ReadMarker
from tests.factories import EmployeeFactory

CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def without_csrf_token(html: str) -> str:
    return CSRF_VALUE.sub(r"\1…\2", html.strip())


@pytest.fixture
def sent(monkeypatch):
    """The live events sent, as (group, event type, data)."""
    events = []
    monkeypatch.setattr("forums.realtime.send_now", lambda group, event, **data: events.append((group, event, data)))
    return events


@pytest.fixture
def reply(topic, outsider, sent, django_capture_on_commit_callbacks):
    """A reply by someone else than the topic's author, with a file, and the `post.created` event it sent."""
    with django_capture_on_commit_callbacks(execute=True):
        post = services.post_reply(
            topic=topic,
            author=outsider.user,
            body="Kami **juga** mencoba ini",
            files=[SimpleUploadedFile("sop.pdf", b"%PDF-1.4")],
        )
    created = [data for _group, event, data in sent if event == "post.created"]
    assert len(created) == 1
    return post, created[0]


def fetched(client, post, language):
    client.cookies["django_language"] = language
    response = client.get(reverse("forums:post_fragment", args=[post.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return without_csrf_token(response.content.decode())


def test_the_event_carries_the_post_in_every_language_and_who_must_fetch_their_own(reply, topic, outsider):
    post, event = reply
    assert event["post"] == post.pk
    assert set(event["html"]) == {"id", "en"}
    assert "Kami <strong>juga</strong> mencoba ini" in event["html"]["en"]
    assert "sop.pdf" in event["html"]["en"]
    assert ">Edit<" not in event["html"]["en"] and "Mark as answer" not in event["html"]["en"]
    assert "Flag" in event["html"]["en"] and "Tandai" in event["html"]["id"]
    assert sorted(event["own_view"]) == sorted([outsider.user.pk, topic.author_id])
    # Nobody's CSRF token: the page puts its own in (static/js/live.js).
    assert set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', event["html"]["en"])) == {
        live.CSRF_PLACEHOLDER
    }


def test_a_reader_without_controls_of_their_own_gets_what_they_would_have_fetched(
    reply, client_for, colleague, supervisor, other_agency
):
    """The one rendering stands for each such reader's own, in each language: the same agency's people and another
    agency's (forums are Pemda-wide)."""
    post, event = reply
    elsewhere = EmployeeFactory(user__username="elsewhere", agency=other_agency)
    for reader in (colleague, supervisor, elsewhere):
        client = client_for(reader)
        for language in ("id", "en"):
            assert fetched(client, post, language) == without_csrf_token(event["html"][language]), (reader, language)


def test_the_author_the_topic_s_author_and_moderators_see_it_otherwise_so_they_fetch_their_own(
    reply, client_for, outsider, employee, coordinator
):
    """Why they are left out of the shared rendering: each has a control on the post that others do not."""
    post, event = reply
    shared = without_csrf_token(event["html"]["en"])
    for reader in (outsider, employee, coordinator):
        assert fetched(client_for(reader), post, "en") != shared, reader


def test_an_event_for_a_post_that_is_gone_carries_only_its_id(db):
    assert live.new_post_event(post_id=987654) == {"post": 987654}


# ------------------------------------------------------------------------------------------ reading up to a post


def read_up_to(client, topic, post_id):
    return client.post(reverse("forums:topic_read", args=[topic.pk]), {"post": post_id})


def marker(topic, person):
    return ReadMarker.objects.get(topic=topic, user=person.user).last_read_post_id


def test_a_page_says_up_to_which_pushed_post_its_reader_saw_and_the_marker_only_moves_forward(
    reply, topic, client_for, colleague
):
    post, _event = reply
    client = client_for(colleague)
    client.get(reverse("forums:topic_detail", args=[topic.pk]))  # the reader opened the topic before the reply
    ReadMarker.objects.filter(topic=topic, user=colleague.user).update(last_read_post_id=post.pk - 1)

    assert read_up_to(client, topic, post.pk).status_code == 204
    assert marker(topic, colleague) == post.pk
    assert read_up_to(client, topic, post.pk - 1).status_code == 204  # a late beacon from an older tab
    assert marker(topic, colleague) == post.pk
    assert read_up_to(client, topic, post.pk + 1000).status_code == 204  # never past the topic's last post
    assert marker(topic, colleague) == post.pk


def test_reading_up_to_refuses_bad_input_and_foreign_or_hidden_topics(
    reply, topic, client_for, colleague, coordinator, db
):
    post, _event = reply
    client = client_for(colleague)
    client.get(reverse("forums:topic_detail", args=[topic.pk]))
    before = marker(topic, colleague)
    for bad in ("", "abc", "0", "-3"):
        response = client.post(reverse("forums:topic_read", args=[topic.pk]), {"post": bad})
        assert response.status_code == 400, bad
    assert client.get(reverse("forums:topic_read", args=[topic.pk])).status_code == 405
    assert marker(topic, colleague) == before

    services.set_topic_hidden(topic=topic, by=coordinator, hidden=True)
    assert read_up_to(client, topic, post.pk).status_code == 404
    assert read_up_to(client_for(coordinator), topic, post.pk).status_code == 204
