"""Forum attachments (new topic, reply, edit, and the service itself) go through the shared upload check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forums import services as forum_services
from forums.models import Attachment, Post, Topic
from tests.test_uploads import EXECUTABLE, REFUSED


def exe_named(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, EXECUTABLE, content_type="application/pdf")


def test_a_new_forum_topic_refuses_an_executable_named_pdf(client_for, employee, category):
    response = client_for(employee).post(
        reverse("forums:topic_create"),
        {"title": "Kept title", "category": category.pk, "agency": employee.agency_id, "body": "Body",
         "files": [exe_named("x.pdf")]},
    )  # fmt: skip
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert not Topic.objects.exists() and not Attachment.objects.exists()


def test_a_forum_reply_refuses_an_executable_named_pdf(client_for, topic, outsider):
    response = client_for(outsider).post(
        reverse("forums:reply_create", args=[topic.pk]), {"body": "See file", "files": [exe_named("x.pdf")]}
    )
    assert REFUSED in response.content.decode()
    assert not Post.objects.filter(body="See file").exists() and not Attachment.objects.exists()


def test_editing_a_forum_post_refuses_an_executable_named_pdf(client_for, topic, employee):
    post = topic.posts.get()
    response = client_for(employee).post(
        reverse("forums:post_edit", args=[post.pk]), {"body": "Edited", "files": [exe_named("x.pdf")]}
    )
    assert response.status_code == 200 and REFUSED in response.content.decode()
    post.refresh_from_db()
    assert post.body != "Edited" and not Attachment.objects.exists()


def test_the_forum_service_refuses_it_too_for_scripts_and_consumers(topic, outsider):
    with pytest.raises(Exception, match=REFUSED):
        forum_services.post_reply(topic=topic, author=outsider.user, body="x", files=[exe_named("x.pdf")])
    assert not Attachment.objects.exists()


def test_the_reply_form_states_the_limits_and_gives_the_camera_the_same_checks(client_for, topic, employee, settings):
    settings.KINERJA_UPLOAD_MAX_BYTES, settings.KINERJA_UPLOAD_MAX_REQUEST_BYTES = 5 * 2**20, 25 * 2**20
    page = client_for(employee).get(reverse("forums:topic_detail", args=[topic.pk])).content.decode()
    assert "Up to 5.0\xa0MB each, 25.0\xa0MB together" in page
    camera = page[page.index('class="camera-input"') :].split(">", 1)[0]
    assert 'data-max-bytes="5242880"' in camera and 'data-max-total-bytes="26214400"' in camera
