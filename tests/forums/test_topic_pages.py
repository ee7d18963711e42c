"""A long topic in pages: where a reader lands (first unread post, a linked post), links to posts from elsewhere in
the app, live updates per page, and a query count that does not grow with posts, reactions, attachments or edits."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums import services
from forums.models import Notification, NotificationKind, Post, ReadMarker
from forums.selectors import POSTS_PER_PAGE
from tests.factories import EmployeeFactory, PostFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def long_topic(topic, colleague):
    """The practice with 2 full pages and 5 posts on a third (the first post is the topic's own)."""
    PostFactory.create_batch(2 * POSTS_PER_PAGE + 4, topic=topic, author=colleague.user)
    topic.refresh_from_db()
    return topic


def _posts(topic) -> list[int]:
    return list(topic.posts.order_by("pk").values_list("pk", flat=True))


def _shown(response) -> list[int]:
    return [post.pk for post in response.context["page"].object_list]


def _url(topic, **params) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("forums:topic_detail", args=[topic.pk]) + (f"?{query}" if query else "")


def test_a_long_topic_is_shown_in_pages_with_links_at_top_and_bottom(client_for, long_topic, outsider):
    client, posts = client_for(outsider), _posts(long_topic)
    first = client.get(_url(long_topic, page=1))
    assert _shown(first) == posts[:POSTS_PER_PAGE]
    body = first.content.decode()
    assert body.count('<nav class="pagination"') == 2
    assert 'href="?page=3"' in body and 'rel="next"' in body
    assert _shown(client.get(_url(long_topic, page=3))) == posts[2 * POSTS_PER_PAGE :]
    assert _shown(client.get(_url(long_topic, page=99))) == posts[2 * POSTS_PER_PAGE :]


def test_a_short_topic_has_no_page_links(client_for, topic, outsider):
    assert '<nav class="pagination"' not in client_for(outsider).get(_url(topic)).content.decode()


def test_the_reader_comes_back_to_the_first_unread_post(client_for, long_topic, outsider, colleague):
    client, posts = client_for(outsider), _posts(long_topic)
    first_visit = client.get(_url(long_topic))
    assert _shown(first_visit) == posts[:POSTS_PER_PAGE]  # never opened: from the start
    marker = ReadMarker.objects.get(topic=long_topic, user=outsider.user)
    assert marker.last_read_post_id == posts[POSTS_PER_PAGE - 1]  # only what was shown counts as read

    second_visit = client.get(_url(long_topic))
    assert second_visit.context["page"].number == 2
    assert f'id="post-{posts[POSTS_PER_PAGE]}" class="post card unread' in second_visit.content.decode()

    client.get(_url(long_topic, page=3))
    services.post_reply(topic=long_topic, author=colleague.user, body="Satu lagi")
    back = client.get(_url(long_topic))
    assert back.context["page"].number == 3 and _shown(back)[-1] == Post.objects.latest("pk").pk


def test_a_reader_who_has_read_everything_lands_on_the_last_page(client_for, long_topic, outsider):
    client = client_for(outsider)
    client.get(_url(long_topic, page=3))
    assert client.get(_url(long_topic)).context["page"].number == 3
    assert ReadMarker.objects.get(topic=long_topic, user=outsider.user).last_read_post_id == _posts(long_topic)[-1]


def test_reading_an_earlier_page_never_moves_the_marker_back(client_for, long_topic, outsider):
    client = client_for(outsider)
    client.get(_url(long_topic, page=3))
    client.get(_url(long_topic, page=1))
    assert ReadMarker.objects.get(topic=long_topic, user=outsider.user).last_read_post_id == _posts(long_topic)[-1]


def test_a_link_to_a_post_opens_the_page_that_holds_it(client_for, long_topic, outsider):
    post = Post.objects.get(pk=_posts(long_topic)[POSTS_PER_PAGE + 5])
    url = post.get_absolute_url()
    assert url.endswith(f"?post={post.pk}#post-{post.pk}")
    response = client_for(outsider).get(url)
    assert response.context["page"].number == 2 and post.pk in _shown(response)
    assert f'id="post-{post.pk}"' in response.content.decode()


def test_a_link_to_a_post_wins_over_a_page_number(client_for, long_topic, outsider):
    last = _posts(long_topic)[-1]
    response = client_for(outsider).get(_url(long_topic, page=1, post=last))
    assert response.context["page"].number == 3


def test_a_reply_notification_opens_the_page_of_the_reply(client_for, long_topic, outsider, employee):
    reply = services.post_reply(topic=long_topic, author=outsider.user, body="Kami ikut mencoba")
    notification = Notification.objects.get(user=employee.user, kind=NotificationKind.REPLY)
    client = client_for(employee)
    response = client.post(reverse("forums:notification_open", args=[notification.pk]))
    assert response["Location"] == reply.get_absolute_url()
    assert reply.pk in _shown(client.get(response["Location"]))


def test_a_notification_stored_with_a_topic_link_still_opens_the_page_of_its_post(
    client_for, long_topic, outsider, employee
):
    post = Post.objects.get(pk=_posts(long_topic)[1])
    data = {"actor": "Rudi", "title": long_topic.title, "topic_id": long_topic.pk, "post_id": post.pk}
    old_url = reverse("forums:topic_detail", args=[long_topic.pk]) + f"#post-{post.pk}"
    services.notify(user_ids=[employee.user.pk], kind=NotificationKind.MENTION, data=data, url=old_url)
    notification = Notification.objects.get(user=employee.user)
    response = client_for(employee).post(reverse("forums:notification_open", args=[notification.pk]))
    assert response["Location"] == post.get_absolute_url()


def test_search_results_and_flags_link_to_the_page_of_the_post(
    client_for, long_topic, outsider, colleague, coordinator
):
    late = services.post_reply(topic=long_topic, author=outsider.user, body="Loket malam hari")
    services.flag_post(post=late, user=colleague.user, reason="Spam?")
    found = client_for(outsider).get(reverse("forums:search"), {"q": "loket malam"}).content.decode()
    assert f'href="{late.get_absolute_url()}"' in found
    flags = client_for(coordinator).get(reverse("forums:flag_queue")).content.decode()
    assert f'href="{late.get_absolute_url()}"' in flags


def test_after_a_reply_edit_or_flag_the_writer_is_sent_to_the_page_of_the_post(
    client_for, long_topic, outsider, colleague
):
    client = client_for(outsider)
    response = client.post(reverse("forums:reply_create", args=[long_topic.pk]), {"body": "Tanpa htmx"})
    reply = Post.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == reply.get_absolute_url()
    response = client.post(reverse("forums:post_edit", args=[reply.pk]), {"body": "Diubah"})
    assert response["Location"] == reply.get_absolute_url()
    earlier = Post.objects.get(pk=_posts(long_topic)[3])
    response = client.post(reverse("forums:post_flag", args=[earlier.pk]), {"reason": "Salah kategori"})
    assert response["Location"] == earlier.get_absolute_url()


def test_a_live_reply_sent_from_an_earlier_page_takes_the_writer_to_the_new_post(client_for, long_topic, outsider):
    response = client_for(outsider).post(
        reverse("forums:reply_create", args=[long_topic.pk]), {"body": "Dari halaman 1", "on_last_page": "0"}, **HTMX
    )
    assert response["HX-Redirect"] == Post.objects.latest("pk").get_absolute_url()


def test_a_live_reply_sent_from_the_last_page_is_appended_there(client_for, long_topic, outsider):
    page = client_for(outsider).get(_url(long_topic, page=3)).content.decode()
    assert 'name="on_last_page" value="1"' in page
    response = client_for(outsider).post(
        reverse("forums:reply_create", args=[long_topic.pk]), {"body": "Di akhir", "on_last_page": "1"}, **HTMX
    )
    assert 'hx-swap-oob="beforeend:#posts"' in response.content.decode()


def _post_list(html: str) -> str:
    return re.search(r'<section id="post-list"[^>]*>', html).group(0)


def test_only_the_last_page_appends_new_posts_live(client_for, long_topic, outsider):
    client = client_for(outsider)
    first = _post_list(client.get(_url(long_topic, page=1)).content.decode())
    last = _post_list(client.get(_url(long_topic, page=3)).content.decode())
    assert "data-live-append" not in first and 'data-live-item-prefix="post-"' in first
    assert 'data-live-append="#posts" data-live-append-on="post.created"' in last
    assert "partial=post-list&amp;page=1" in first and "partial=post-list&amp;page=3" in last


def test_a_live_refresh_of_the_post_list_keeps_its_page(client_for, long_topic, outsider):
    response = client_for(outsider).get(_url(long_topic, partial="post-list", page=2), **HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="post-list"') and "<html" not in body
    shown = [int(pk) for pk in re.findall(r'<article id="post-(\d+)"', body)]
    assert shown == _posts(long_topic)[POSTS_PER_PAGE : 2 * POSTS_PER_PAGE]


def test_the_adoption_form_is_rendered_only_when_asked_for(client_for, topic, outsider):
    client = client_for(outsider)
    page = client.get(_url(topic)).content.decode()
    assert 'href="?adopt=1#adopt"' in page and 'id="adopt"' not in page
    assert 'id="adopt"' in client.get(_url(topic, adopt=1)).content.decode()


def test_the_adopt_button_goes_once_every_agency_the_reader_may_record_for_has_adopted(
    client_for, topic, outsider, other_agency
):
    client = client_for(outsider)
    assert 'href="?adopt=1#adopt"' in client.get(_url(topic)).content.decode()
    response = client.post(
        reverse("forums:topic_adopt", args=[topic.pk]),
        {"agency": other_agency.pk, "responsible": outsider.pk, "follow_up_on": "2026-10-01"},
    )
    assert response.status_code == 302
    page = client.get(_url(topic, adopt=1)).content.decode()
    assert 'href="?adopt=1#adopt"' not in page and 'id="adopt"' not in page


def _grow(topic, *, posts: int, readers: list, author) -> None:
    """More posts, each with reactions from every reader, an attachment and an edit (a revision)."""
    for number in range(posts):
        post = services.post_reply(
            topic=topic,
            author=author,
            body=f"Tambahan {number}",
            files=[SimpleUploadedFile(f"sop-{number}.pdf", b"%PDF-1.4")],
        )
        services.edit_post(post=post, editor=author, body=f"Tambahan {number}, diperbaiki")
        for reader in readers:
            services.toggle_reaction(post=post, user=reader, kind="like")
            services.toggle_reaction(post=post, user=reader, kind="idea")


@pytest.mark.parametrize("persona", ["outsider", "coordinator", "employee"])
def test_the_topic_page_costs_at_most_fifteen_queries_whatever_the_topic_holds(
    request, client_for, topic, colleague, outsider, coordinator, persona
):
    reader = request.getfixturevalue(persona)
    client = client_for(reader)
    readers = [EmployeeFactory().user for _ in range(3)] + [outsider.user, coordinator]

    def visit(**params) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(topic, **params)).status_code == 200
        return len(captured)

    def queries(**params) -> int:
        visit(**params)  # count a visit after the first, as every later one
        return visit(**params)

    _grow(topic, posts=2, readers=readers, author=colleague.user)
    assert visit() <= 15  # a first visit creates the read marker
    few = {"default": queries(), "page": queries(page=1), "post": queries(post=topic.posts.first().pk)}
    _grow(topic, posts=POSTS_PER_PAGE + 5, readers=readers, author=colleague.user)
    many = {"default": queries(), "page": queries(page=1), "post": queries(post=topic.posts.first().pk)}
    assert many == few
    assert max(many.values()) <= 15
