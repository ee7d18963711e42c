"""Pages through the client: the journeys of the issue, forms that keep input on errors, htmx partials, search,
and query counts pinned on the hot pages."""

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse

from forums import services
from forums.models import Adoption, Meeting, MeetingNote, Post, Topic
from tests.factories import UserFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_an_employee_shares_a_practice_linked_to_an_iku(client_for, employee, category, iku):
    response = client_for(employee).post(
        reverse("forums:topic_create"),
        {
            "title": "How Dukcapil cut document completion time",
            "category": category.pk,
            "agency": employee.agency_id,
            "indicators": [iku.pk],
            "tags": "ktp-el, antrian",
            "body": "We print KTP-el in every **kecamatan**.",
        },
    )
    topic = Topic.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("forums:topic_detail", args=[topic.pk])
    page = client_for(employee).get(response["Location"]).content.decode()
    assert "<strong>kecamatan</strong>" in page and "IKU1" in page and "#ktp-el" in page


def test_the_new_topic_form_keeps_the_input_on_errors(client_for, employee, category):
    response = client_for(employee).post(
        reverse("forums:topic_create"), {"title": "Kept title", "category": category.pk, "body": ""}
    )
    assert response.status_code == 200
    assert 'value="Kept title"' in response.content.decode()
    assert response.context["form"].errors["body"]


def test_a_reply_through_htmx_returns_a_fresh_form_and_the_new_post(client_for, topic, outsider):
    response = client_for(outsider).post(
        reverse("forums:reply_create", args=[topic.pk]), {"body": "We *adopt* this."}, **HTMX
    )
    body = response.content.decode()
    post = Post.objects.latest("pk")
    assert response.status_code == 200
    assert 'id="reply-form"' in body and f'id="post-{post.pk}"' in body and "<em>adopt</em>" in body
    assert 'hx-swap-oob="beforeend:#posts"' in body


def test_an_empty_reply_is_refused_with_the_form_errors(client_for, topic, outsider):
    response = client_for(outsider).post(reverse("forums:reply_create", args=[topic.pk]), {"body": ""}, **HTMX)
    assert response.status_code == 200 and "error" in response.content.decode()
    assert Post.objects.filter(topic=topic).count() == 1


def test_a_locked_topic_shows_no_reply_form(client_for, topic, coordinator, outsider):
    services.set_topic_locked(topic=topic, by=coordinator, locked=True)
    page = client_for(outsider).get(reverse("forums:topic_detail", args=[topic.pk])).content.decode()
    assert "This topic is locked" in page and 'id="id_body"' not in page


def test_editing_a_post_keeps_history_visible(client_for, topic, employee):
    post = topic.posts.get()
    client = client_for(employee)
    response = client.post(reverse("forums:post_edit", args=[post.pk]), {"body": "Updated text"})
    assert response.status_code == 302
    history = client.get(reverse("forums:post_history", args=[post.pk])).content.decode()
    assert "Updated text" in history and "We moved KTP-el printing to the kecamatan." in history


def test_a_reaction_through_htmx_returns_the_post_with_its_count(client_for, topic, outsider):
    post = topic.posts.get()
    response = client_for(outsider).post(reverse("forums:post_react", args=[post.pk]), {"kind": "like"}, **HTMX)
    body = response.content.decode()
    assert f'id="post-{post.pk}"' in body and 'aria-pressed="true"' in body


def test_unread_markers_on_the_forum_index(client_for, topic, outsider, employee):
    client = client_for(outsider)
    assert "unread" in client.get(reverse("forums:index")).content.decode()
    client.get(reverse("forums:topic_detail", args=[topic.pk]))
    assert 'class="topic-row unread"' not in client.get(reverse("forums:index")).content.decode()
    services.post_reply(topic=topic, author=employee.user, body="One more thing")
    assert "new posts" in client.get(reverse("forums:index")).content.decode()


def test_a_hidden_post_shows_a_placeholder_to_readers_and_the_text_to_moderators(
    client_for, topic, outsider, coordinator
):
    reply = services.post_reply(topic=topic, author=outsider.user, body="Buy my product")
    services.set_post_hidden(post=reply, by=coordinator, hidden=True)
    url = reverse("forums:topic_detail", args=[topic.pk])
    assert "Buy my product" not in client_for(outsider).get(url).content.decode()
    moderator_view = client_for(coordinator).get(url).content.decode()
    assert "Buy my product" in moderator_view and "hidden by a moderator" in moderator_view


def test_another_agency_adopts_the_practice_and_sees_its_iku_trend(
    client_for, topic, outsider, other_agency, dinkes_iku
):
    client = client_for(outsider)
    page = client.get(reverse("forums:topic_detail", args=[topic.pk])).content.decode()
    assert "We adopt this practice" in page
    response = client.post(
        reverse("forums:topic_adopt", args=[topic.pk]),
        {"agency": other_agency.pk, "responsible": outsider.pk, "follow_up_on": "2026-10-01", "note": "Pilot"},
    )
    assert response.status_code == 302
    adoption = Adoption.objects.get()
    assert adoption.agency == other_agency
    page = client.get(reverse("forums:topic_detail", args=[topic.pk])).content.decode()
    assert other_agency.name in page and "IKU-D1" in page
    assert 'id="adopt"' not in page  # Dinkes has adopted it: no second form


def test_an_adoption_form_with_errors_keeps_the_input(client_for, topic, outsider, other_agency):
    response = client_for(outsider).post(
        reverse("forums:topic_adopt", args=[topic.pk]), {"agency": other_agency.pk, "note": "Kept note"}
    )
    assert response.status_code == 400 and "Kept note" in response.content.decode()
    assert not Adoption.objects.exists()


def test_an_attachment_downloads_as_an_attachment(client_for, topic, outsider, colleague):
    from django.core.files.uploadedfile import SimpleUploadedFile

    post = services.post_reply(
        topic=topic, author=outsider.user, body="SOP", files=[SimpleUploadedFile("sop.pdf", b"%PDF-1.4 demo")]
    )
    response = client_for(colleague).get(reverse("forums:attachment_download", args=[post.attachments.get().pk]))
    assert response["Content-Disposition"].startswith('attachment; filename="sop.pdf"')
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"


def test_search_finds_posts_and_topic_titles(client_for, topic, outsider):
    services.post_reply(topic=topic, author=outsider.user, body="Antrian online at the puskesmas")
    client = client_for(outsider)
    by_body = client.get(reverse("forums:search"), {"q": "antrian puskesmas"})
    assert [post.body for post in by_body.context["page"].object_list] == ["Antrian online at the puskesmas"]
    by_title = client.get(reverse("forums:search"), {"q": "Dukcapil"})
    assert len(by_title.context["page"].object_list) == 2
    assert not client.get(reverse("forums:search"), {"q": "nothinglikethis"}).context["page"].object_list


def test_search_hides_hidden_topics_and_posts_from_readers(client_for, topic, outsider, coordinator):
    services.set_topic_hidden(topic=topic, by=coordinator, hidden=True)
    assert not client_for(outsider).get(reverse("forums:search"), {"q": "kecamatan"}).context["page"].object_list
    assert client_for(coordinator).get(reverse("forums:search"), {"q": "kecamatan"}).context["page"].object_list


@pytest.mark.postgres
def test_search_ranks_with_postgresql_full_text(client_for, topic, outsider):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    services.post_reply(topic=topic, author=outsider.user, body="Layanan kecamatan kecamatan kecamatan")
    results = client_for(outsider).get(reverse("forums:search"), {"q": "kecamatan"}).context["page"].object_list
    assert results[0].body == "Layanan kecamatan kecamatan kecamatan"
    assert all(post.rank > 0 for post in results)
    stemmed = client_for(outsider).get(reverse("forums:search"), {"q": "melayani"}).context["page"].object_list
    assert [post.body for post in stemmed] == ["Layanan kecamatan kecamatan kecamatan"]


def test_the_topic_page_costs_the_same_queries_with_many_posts(
    client_for, topic, outsider, colleague, django_assert_max_num_queries
):
    client = client_for(outsider)
    url = reverse("forums:topic_detail", args=[topic.pk])
    services.post_reply(topic=topic, author=colleague.user, body="one")
    client.get(url)
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(conn) as few:
        client.get(url)
    for number in range(15):
        author = UserFactory() if number % 2 else colleague.user
        post = Post.objects.create(topic=topic, author=author, body=f"post {number}", html=f"<p>post {number}</p>")
        services.toggle_reaction(post=post, user=outsider.user, kind="like")
    client.get(url)  # new rows make the next request reload the signed-in identity once (agencies/identity.py)
    with CaptureQueriesContext(conn) as many:
        client.get(url)
    assert len(many) == len(few)
    with django_assert_max_num_queries(30):
        client.get(url)


def test_the_coordinator_schedules_runs_and_minutes_a_meeting(
    client_for, coordinator, period, agency, other_agency, iku
):
    client = client_for(coordinator)
    response = client.post(
        reverse("forums:meeting_create"),
        {
            "title": "Forum Evaluasi IKU Triwulan II",
            "period": period.pk,
            "starts_at": "2026-07-15T09:00",
            "place": "Aula Setda",
            "agencies": [agency.pk, other_agency.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and meeting.items.count() == 2
    page = client.get(reverse("forums:meeting_detail", args=[meeting.pk])).content.decode()
    assert "IKU1" in page and "110 %" in page and "status-green" in page
    item = meeting.items.get(agency=agency)
    current = client.post(reverse("forums:meeting_current", args=[meeting.pk]), {"item": item.pk}, **HTMX)
    assert current.status_code == 200 and 'id="live-panel"' in current.content.decode()
    client.post(
        reverse("forums:meeting_note", args=[meeting.pk]),
        {"note-text": "SOP to be shared", "note-is_decision": "on"},
        **HTMX,
    )
    assert MeetingNote.objects.get().item == item
    response = client.post(
        reverse("forums:meeting_action", args=[meeting.pk]),
        {"action-text": "Share the SOP with Dinkes", "action-owner_agency": agency.pk, "action-due_on": "2026-08-31"},
    )
    assert response.status_code == 302
    assert meeting.actions.get().item == item


def test_the_meeting_form_keeps_input_and_asks_for_a_place_or_link(client_for, coordinator, period, agency):
    response = client_for(coordinator).post(
        reverse("forums:meeting_create"),
        {"title": "Kept", "period": period.pk, "starts_at": "2026-07-15T09:00", "agencies": [agency.pk]},
    )
    assert response.status_code == 200 and 'value="Kept"' in response.content.decode()
    assert response.context["form"].errors["place"]


def test_an_invalid_action_item_re_renders_the_meeting_with_errors(client_for, meeting, coordinator):
    response = client_for(coordinator).post(
        reverse("forums:meeting_action", args=[meeting.pk]), {"action-text": "Kept recommendation"}
    )
    assert response.status_code == 400 and "Kept recommendation" in response.content.decode()


def test_the_meeting_page_costs_a_fixed_number_of_queries(
    client_for, meeting, coordinator, employee, iku, dinkes_iku, django_assert_max_num_queries
):
    services.set_current_item(meeting=meeting, item=meeting.items.first(), by=coordinator)
    for number in range(5):
        services.add_note(meeting=meeting, by=coordinator, text=f"note {number}")
        services.add_action_item(
            meeting=meeting, by=coordinator, owner_agency=employee.agency, text=f"a{number}",
            due_on=datetime.date(2026, 9, 1),
        )  # fmt: skip
    client = client_for(coordinator)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("forums:meeting_detail", args=[meeting.pk])).status_code == 200
    with django_assert_max_num_queries(15):
        client.get(reverse("forums:meeting_detail", args=[meeting.pk]), {"partial": "live-panel"}, **HTMX)


def test_open_action_items_are_listed_for_the_owner_agency_with_overdue_flag(
    client_for, meeting, coordinator, employee
):
    services.add_action_item(
        meeting=meeting,
        by=coordinator,
        owner_agency=employee.agency,
        text="Late item",
        due_on=datetime.date(2020, 1, 1),
    )
    page = client_for(employee).get(reverse("forums:meeting_list")).content.decode()
    assert "Late item" in page and "overdue" in page
    assert '<option value="done">' in page  # the owner agency moves the status from its list


def test_notifications_page_lists_and_opens_a_notification(client_for, topic, outsider, employee):
    services.post_reply(topic=topic, author=outsider.user, body="hello @employee")
    client = client_for(employee)
    page = client.get(reverse("forums:notification_list"))
    notification = page.context["page"].object_list[0]
    assert "mentioned you" in page.content.decode()
    badge = client.get(reverse("forums:notification_badge")).content.decode()
    assert ">1<" in badge
    response = client.post(reverse("forums:notification_open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == notification.url
    assert client.get(reverse("forums:notification_badge")).content.decode().count("empty-badge") == 1


def test_the_tag_cloud_counts_visible_topics_only_most_used_first(client_for, employee, category, agency):
    from forums.models import Tag

    for number, tags in enumerate([["antrian", "ktp-el"], ["antrian"], ["rahasia"]]):
        topic = services.create_topic(
            author=employee.user, category=category, agency=agency, title=f"Praktik {number}", body="Isi", tags=tags
        )
    Topic.objects.filter(pk=topic.pk).update(is_hidden=True)  # the last one, the only "rahasia"
    page = client_for(employee).get(reverse("forums:index")).content.decode()
    cloud = re.search(r'<p class="tag-cloud">(.*?)</p>', page, re.S).group(1)
    assert re.findall(r"#([\w-]+)</a>", cloud) == ["antrian", "ktp-el"]
    assert Tag.objects.filter(name="rahasia").exists()


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_a_refused_replys_attachment_is_kept_for_the_next_attempt(client_for, topic, outsider, htmx):
    """An empty reply with a PDF is refused; the PDF is listed as kept and goes with the reply that follows."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client, url = client_for(outsider), reverse("forums:reply_create", args=[topic.pk])
    headers = HTMX if htmx else {}
    pdf = SimpleUploadedFile("sop.pdf", b"%PDF-1.4 sop", content_type="application/pdf")
    response = client.post(url, {"body": "", "files": [pdf]}, **headers)
    page = response.content.decode()
    assert "Leave out sop.pdf" in page and page.count('name="held_files"') == 1
    token = re.search(r'name="held_files" value="([^"]+)"', page).group(1)
    client.post(url, {"body": "Our SOP, attached.", "held_files": token}, **headers)
    post = Post.objects.get(body="Our SOP, attached.")
    attachment = post.attachments.get()
    assert attachment.original_name == "sop.pdf" and attachment.file.read() == b"%PDF-1.4 sop"


def test_a_refused_topics_attachment_is_kept(client_for, employee, category):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client, url = client_for(employee), reverse("forums:topic_create")
    fields = {"title": "", "category": category.pk, "agency": employee.agency_id, "body": "Langkah kami."}
    pdf = SimpleUploadedFile("langkah.pdf", b"%PDF-1.4 langkah", content_type="application/pdf")
    response = client.post(url, fields | {"files": [pdf]})
    assert response.status_code == 200 and "Leave out langkah.pdf" in response.content.decode()
    token = re.search(r'name="held_files" value="([^"]+)"', response.content.decode()).group(1)
    response = client.post(url, fields | {"title": "Antrean daring", "held_files": token})
    assert response.status_code == 302
    assert Topic.objects.get().posts.get().attachments.get().original_name == "langkah.pdf"
