"""Search: who finds what, paging, and a query count that does not grow with the forum. The stored, indexed search
vector is PostgreSQL's (see test_search_postgres.py); the suite on SQLite searches with the substring fallback."""

import json

from django.core import serializers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums import selectors, services
from forums.models import Post
from tests.factories import PostFactory, TopicFactory


def _found(client, query: str, **params) -> list[str]:
    response = client.get(reverse("forums:search"), {"q": query, **params})
    assert response.status_code == 200
    return [post.body for post in response.context["page"].object_list]


def test_a_hidden_post_is_found_by_moderators_only(client_for, topic, outsider, colleague, coordinator):
    reply = services.post_reply(topic=topic, author=colleague.user, body="Loket keliling tiap Sabtu")
    services.set_post_hidden(post=reply, by=coordinator, hidden=True)
    assert _found(client_for(outsider), "loket keliling") == []
    assert _found(client_for(coordinator), "loket keliling") == ["Loket keliling tiap Sabtu"]


def test_results_come_in_pages_of_twenty(client_for, topic, outsider, colleague):
    PostFactory.create_batch(25, topic=topic, author=colleague.user, body="Antrean daring di loket")
    client = client_for(outsider)
    first = client.get(reverse("forums:search"), {"q": "antrean"}).context["page"]
    assert first.paginator.count == 25 and len(first.object_list) == 20
    assert len(_found(client, "antrean", page=2)) == 5
    # The pager (components/_pager.html) keeps the search on its links: page 2 is page 2 of the same results.
    page = client.get(reverse("forums:search"), {"q": "antrean daring"}).content.decode()
    assert 'href="?q=antrean+daring&amp;page=2" rel="next"' in page
    second = client.get(reverse("forums:search"), {"q": "antrean daring", "page": 2}).content.decode()
    assert 'href="?q=antrean+daring&amp;page=1" rel="prev"' in second and "Page 2 of 2" in second


def test_only_the_newest_matches_are_ranked_and_paged(client_for, topic, outsider, colleague, monkeypatch):
    monkeypatch.setattr(selectors.topics, "SEARCH_CANDIDATES", 3)
    posts = [PostFactory(topic=topic, author=colleague.user, body=f"Antrean {number}") for number in range(5)]
    found = client_for(outsider).get(reverse("forums:search"), {"q": "antrean"}).context["page"].object_list
    assert sorted(post.pk for post in found) == [post.pk for post in posts[2:]]


def test_the_matches_are_ranked_once_and_only_the_shown_posts_are_loaded(client_for, topic, outsider, colleague):
    PostFactory.create_batch(25, topic=topic, author=colleague.user, body="Antrean daring di loket")
    client = client_for(outsider)
    client.get(reverse("forums:search"), {"q": "antrean"})
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("forums:search"), {"q": "antrean", "page": 2}).context["page"]
    assert page.paginator.count == 25 and len(page.object_list) == 5
    # The count and the order come from one pass over the bounded matches, not one for counting and one for paging.
    assert len([query for query in captured if "LIMIT 1000" in query["sql"]]) == 1
    (load,) = [query["sql"] for query in captured if '"forums_post"."body"' in query["sql"]]
    assert "LIMIT" not in load and '"forums_post"."id" IN (' in load  # the page's posts, by their ids


def test_the_search_page_costs_the_same_queries_with_more_matches(client_for, outsider, colleague):
    client = client_for(outsider)
    url = reverse("forums:search") + "?q=antrean"
    PostFactory(author=colleague.user, body="Antrean pertama")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        PostFactory.create_batch(10, topic=TopicFactory(title="Antrean"), author=colleague.user, body="Antrean")
    client.get(url)  # new rows make the next request reload the signed-in identity once (agencies/identity.py)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few) <= 15


def test_dumps_leave_the_search_vector_out(topic):
    (dumped,) = json.loads(serializers.serialize("json", Post.objects.filter(topic=topic)))
    assert "search_vector" not in dumped["fields"] and dumped["fields"]["body"]
