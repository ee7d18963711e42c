"""The forum admin pages load for an administrator (categories are managed there)."""

import pytest
from django.urls import reverse

from forums import models

MODELS = [
    models.Category,
    models.Tag,
    models.MeetingSeries,
    models.Topic,
    models.Flag,
    models.Meeting,
    models.ActionItem,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_and_add_pages_load(client_for, admin_user, topic, meeting, model):
    client = client_for(admin_user)
    opts = model._meta
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "x"}).status_code == 200
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 200


def test_a_topic_change_page_loads(client_for, admin_user, topic):
    assert client_for(admin_user).get(reverse("admin:forums_topic_change", args=[topic.pk])).status_code == 200


@pytest.mark.filterwarnings("error::DeprecationWarning")
def test_the_meeting_form_reads_a_link_without_scheme_as_https(client_for, admin_user, meeting):
    page = client_for(admin_user).get(reverse("admin:forums_meeting_change", args=[meeting.pk]))
    field = page.context["adminform"].form.fields["link"]
    assert field.assume_scheme == "https"
    assert field.clean("meet.example.go.id/rapat") == "https://meet.example.go.id/rapat"


def test_forum_moderation_state_is_read_only_in_the_admin(client_for, admin_user, topic):
    page = client_for(admin_user).get(reverse("admin:forums_topic_change", args=[topic.pk]))
    form = page.context["adminform"]
    assert {"is_locked", "is_hidden", "accepted_post", "category"} <= set(form.readonly_fields)
    assert not type(topic).objects.get(pk=topic.pk).is_locked
