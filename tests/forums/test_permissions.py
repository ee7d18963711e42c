"""Who may open or post to every forums URL: anonymous users go to the login page, people without access get
404 where existence must not leak and 403 otherwise."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from forums import services
from forums.models import ActionItem, Notification
from tests.factories import AgencyFactory, CoordinatorFactory, EmployeeFactory, UserFactory


@pytest.fixture
def roleless(db):
    """A login with no employee record, no coordinator role and no staff flag."""
    return UserFactory(username="roleless")


@pytest.fixture
def stranger(db):
    """An employee of a third agency, not invited to the meeting."""
    return EmployeeFactory(user__username="stranger", agency=AgencyFactory(code="DPMPTSP", short_name="DPMPTSP"))


@pytest.fixture
def stranger_coordinator(db):
    """A coordinator whose scope is a third agency only."""
    user = UserFactory(username="coordinator_elsewhere")
    CoordinatorFactory(user=user, all_agencies=False).agencies.set([AgencyFactory(code="DISDIK")])
    return user


@pytest.fixture
def world(topic, meeting, outsider, coordinator, agency, other_agency, employee):
    reply = services.post_reply(
        topic=topic, author=outsider.user, body="With a file", files=[SimpleUploadedFile("sop.pdf", b"%PDF-1.4")]
    )
    action = services.add_action_item(
        meeting=meeting, by=coordinator, owner_agency=agency, text="Write the SOP", due_on=datetime.date(2026, 9, 1)
    )
    return {"topic": topic, "post": topic.posts.first(), "reply": reply, "attachment": reply.attachments.get(),
            "meeting": meeting, "action": action}  # fmt: skip


def _client(request, persona):
    if persona == "anonymous":
        return Client()
    person = request.getfixturevalue(persona)
    client = Client()
    client.force_login(getattr(person, "user", person))
    return client


def _url(world, name, arg):
    return reverse(f"forums:{name}", args=[world[arg].pk] if arg else [])


GET_MATRIX = [
    # (url name, object, persona, expected status)
    ("index", None, "anonymous", 302),
    ("index", None, "roleless", 403),
    ("index", None, "outsider", 200),
    ("index", None, "coordinator", 200),
    ("search", None, "roleless", 403),
    ("search", None, "employee", 200),
    ("topic_create", None, "roleless", 403),
    ("topic_create", None, "admin_user", 403),
    ("topic_create", None, "employee", 200),
    ("topic_create", None, "coordinator", 200),
    ("topic_detail", "topic", "anonymous", 302),
    ("topic_detail", "topic", "roleless", 404),
    ("topic_detail", "topic", "outsider", 200),
    ("post_fragment", "post", "roleless", 404),
    ("post_fragment", "post", "outsider", 200),
    ("post_edit", "post", "employee", 200),
    ("post_edit", "post", "colleague", 403),
    ("post_edit", "post", "roleless", 404),
    ("post_history", "post", "outsider", 200),
    ("post_history", "post", "roleless", 404),
    ("flag_queue", None, "employee", 403),
    ("flag_queue", None, "coordinator", 200),
    ("attachment_download", "attachment", "anonymous", 302),
    ("attachment_download", "attachment", "roleless", 404),
    ("attachment_download", "attachment", "colleague", 200),
    ("meeting_list", None, "anonymous", 302),
    ("meeting_list", None, "roleless", 200),
    ("meeting_create", None, "employee", 403),
    ("meeting_create", None, "coordinator", 200),
    ("meeting_detail", "meeting", "anonymous", 302),
    ("meeting_detail", "meeting", "employee", 200),
    ("meeting_detail", "meeting", "outsider", 200),
    ("meeting_detail", "meeting", "stranger", 404),
    ("meeting_detail", "meeting", "roleless", 404),
    ("meeting_detail", "meeting", "scoped_coordinator", 200),
    ("meeting_detail", "meeting", "stranger_coordinator", 404),
    ("meeting_detail", "meeting", "admin_user", 200),
    ("notification_list", None, "anonymous", 302),
    ("notification_list", None, "roleless", 200),
    ("notification_badge", None, "roleless", 200),
]


@pytest.mark.parametrize(("name", "arg", "persona", "expected"), GET_MATRIX)
def test_get_permission_matrix(request, world, name, arg, persona, expected):
    response = _client(request, persona).get(_url(world, name, arg))
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("login"))


POST_MATRIX = [
    ("reply_create", "topic", "roleless", {"body": "hi"}, 404),
    ("reply_create", "topic", "outsider", {"body": "hi"}, 302),
    ("topic_subscribe", "topic", "roleless", {"on": "1"}, 404),
    ("topic_subscribe", "topic", "outsider", {"on": "1"}, 302),
    ("topic_adopt", "topic", "employee", {}, 403),
    ("topic_adopt", "topic", "roleless", {}, 404),
    ("post_react", "post", "roleless", {"kind": "like"}, 404),
    ("post_react", "post", "outsider", {"kind": "like"}, 302),
    ("post_flag", "post", "employee", {"reason": "mine"}, 403),
    ("post_flag", "post", "outsider", {"reason": "check"}, 302),
    ("post_hide", "reply", "employee", {"hidden": "1"}, 403),
    ("post_hide", "reply", "coordinator", {"hidden": "1"}, 302),
    ("post_accept", "reply", "outsider", {"accept": "1"}, 403),
    ("post_accept", "reply", "employee", {"accept": "1"}, 302),
    ("flag_resolve", "post", "employee", {}, 403),
    ("meeting_current", "meeting", "employee", {}, 403),
    ("meeting_current", "meeting", "stranger", {}, 404),
    ("meeting_current", "meeting", "scoped_coordinator", {}, 403),
    ("meeting_current", "meeting", "coordinator", {}, 302),
    ("meeting_note", "meeting", "outsider", {"note-text": "x"}, 403),
    ("meeting_note", "meeting", "coordinator", {"note-text": "x"}, 302),
    ("meeting_action", "meeting", "employee", {}, 403),
    ("meeting_rebuild", "meeting", "outsider", {}, 403),
    ("meeting_rebuild", "meeting", "stranger", {}, 404),
    ("meeting_close", "meeting", "employee", {}, 403),
    ("meeting_close", "meeting", "coordinator", {}, 302),
    ("action_status", "action", "employee", {"status": "in_progress"}, 302),
    ("action_status", "action", "outsider", {"status": "in_progress"}, 403),
    ("action_status", "action", "stranger", {"status": "in_progress"}, 404),
    ("action_status", "action", "anonymous", {"status": "in_progress"}, 302),
]


@pytest.mark.parametrize(("name", "arg", "persona", "data", "expected"), POST_MATRIX)
def test_post_permission_matrix(request, world, name, arg, persona, data, expected):
    response = _client(request, persona).post(_url(world, name, arg), data)
    assert response.status_code == expected


def test_topic_moderation_is_for_coordinators_only(request, world):
    url = reverse("forums:topic_moderate", args=[world["topic"].pk, "lock"])
    assert _client(request, "employee").post(url).status_code == 403
    assert _client(request, "roleless").post(url).status_code == 404
    assert _client(request, "coordinator").post(url).status_code == 302
    assert (
        _client(request, "coordinator")
        .post(reverse("forums:topic_moderate", args=[world["topic"].pk, "x"]))
        .status_code
        == 404
    )


def test_a_hidden_topic_is_a_404_for_employees_and_visible_to_coordinators(request, world, coordinator):
    services.set_topic_hidden(topic=world["topic"], by=coordinator, hidden=True)
    url = reverse("forums:topic_detail", args=[world["topic"].pk])
    assert _client(request, "employee").get(url).status_code == 404
    assert _client(request, "coordinator").get(url).status_code == 200


def test_a_hidden_posts_attachment_is_a_404_for_readers(request, world, coordinator):
    services.set_post_hidden(post=world["reply"], by=coordinator, hidden=True)
    url = reverse("forums:attachment_download", args=[world["attachment"].pk])
    assert _client(request, "colleague").get(url).status_code == 404
    assert _client(request, "coordinator").get(url).status_code == 200


def test_someone_elses_notification_is_a_404(request, world, employee):
    notification = Notification.objects.filter(user=employee.user).first()
    assert notification is not None
    url = reverse("forums:notification_open", args=[notification.pk])
    assert _client(request, "outsider").post(url).status_code == 404
    assert _client(request, "employee").post(url).status_code == 302


def test_an_action_item_is_updated_only_by_its_owner_agency_or_the_meeting_managers(request, world):
    action = world["action"]
    _client(request, "employee").post(reverse("forums:action_status", args=[action.pk]), {"status": "done"})
    assert ActionItem.objects.get(pk=action.pk).status == "done"
