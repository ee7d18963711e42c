"""PostgreSQL search reads a stored search vector that the database keeps current (triggers from migration 0002)
and that a GIN index serves; nothing is parsed per row when searching."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums import services
from forums.models import Post, Topic

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgresql_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: other databases search with a substring match")


def _found(client, query: str) -> list[str]:
    return [post.body for post in client.get(reverse("forums:search"), {"q": query}).context["page"].object_list]


def test_the_search_reads_the_stored_vector_and_ranks_only_a_bounded_set(client_for, topic, outsider):
    services.post_reply(topic=topic, author=outsider.user, body="Antrean daring")
    with CaptureQueriesContext(connection) as captured:
        assert _found(client_for(outsider), "antrean") == ["Antrean daring"]
    searches = [query["sql"] for query in captured if "forums_post" in query["sql"] and "@@" in query["sql"]]
    assert searches, "no full-text query was run"
    assert all('"search_vector" @@' in sql and "to_tsvector" not in sql for sql in searches)
    assert all("LIMIT 1000" in sql for sql in searches)  # counted and ranked among the newest matches only


def test_the_search_vector_has_a_gin_index_that_the_planner_uses(topic):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM forums_post WHERE search_vector @@ websearch_to_tsquery('simple', 'kecamatan')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "forums_post_search_gin" in plan


def test_a_new_post_gets_its_vector_with_the_topic_title_weighted_first(topic):
    post = topic.posts.get()
    vector = Post.objects.values_list("search_vector", flat=True).get(pk=post.pk)
    assert re.search(r"'dukcapil':\d+A", vector)  # the topic's title weighs A
    assert re.search(r"'printing':\d+B", vector)  # the text B


def test_an_edited_post_is_found_by_its_new_text_only(client_for, topic, outsider):
    reply = services.post_reply(topic=topic, author=outsider.user, body="Kami memakai formulir kertas")
    services.edit_post(post=reply, editor=outsider.user, body="Kami memakai aplikasi daring")
    client = client_for(outsider)
    assert _found(client, "aplikasi") == ["Kami memakai aplikasi daring"]
    assert _found(client, "formulir") == []


def test_renaming_a_topic_updates_the_vector_of_its_posts(client_for, topic, outsider):
    services.post_reply(topic=topic, author=outsider.user, body="Setuju")
    Topic.objects.filter(pk=topic.pk).update(title="Perekaman KTP-el di sekolah")  # as the admin's change form
    client = client_for(outsider)
    assert len(_found(client, "sekolah")) == 2
    assert _found(client, "Dukcapil") == []


def test_posts_written_in_bulk_are_searchable(client_for, topic, outsider):
    Post.objects.bulk_create(
        [Post(topic=topic, author=outsider.user, body=f"Pojok baca nomor {n}", html="<p>x</p>") for n in range(3)]
    )
    assert len(_found(client_for(outsider), "pojok baca")) == 3


def test_a_full_save_cannot_clear_the_vector(topic):
    post = Post.objects.defer("search_vector").get(topic=topic)
    post.search_vector = None
    post.save()
    assert Post.objects.values_list("search_vector", flat=True).get(pk=post.pk)


def test_the_stemmer_matches_word_forms_when_the_server_has_it(client_for, topic, outsider):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'indonesian'")
        if not cursor.fetchone():
            pytest.skip("this PostgreSQL has no indonesian text search configuration")
    services.post_reply(topic=topic, author=outsider.user, body="Pelayanan terpadu satu pintu")
    assert _found(client_for(outsider), "melayani") == ["Pelayanan terpadu satu pintu"]
