"""Forum search forgives spelling variants and accents (PostgreSQL: pg_trgm + unaccent on tags and title words)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums import services
from tests.factories import TopicFactory

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgresql_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: other databases search with a substring match")


def _titles(client, query: str) -> set[str]:
    page = client.get(reverse("forums:search"), {"q": query}).context["page"]
    return {post.topic.title for post in page.object_list}


def test_a_spelling_variant_finds_the_tag_and_an_accent_finds_the_title(
    client_for, category, agency, employee, outsider
):
    services.create_topic(
        author=employee.user,
        category=category,
        title="Layanan daring tanpa tatap muka",
        body="Pemohon mengambil nomor dari rumah.",
        agency=agency,
        tags=["antrean"],
    )
    services.create_topic(
        author=employee.user,
        category=category,
        title="Posyandu keliling di kecamatan",
        body="Jadwal bulanan.",
        agency=agency,
        tags=["kesehatán"],
    )
    services.create_topic(
        author=employee.user, category=category, title="Arsip digital", body="Pemindaian dokumen.", agency=agency
    )
    client = client_for(outsider)
    assert _titles(client, "antrian") == {"Layanan daring tanpa tatap muka"}  # the tag is spelt "antrean"
    assert _titles(client, "kesehatan") == {"Posyandu keliling di kecamatan"}  # the tag carries an accent
    assert _titles(client, "kecamatán") == {"Posyandu keliling di kecamatan"}  # an accent in the query
    assert _titles(client, "anggaran") == set()  # nothing alike


def test_spelling_variants_are_looked_up_in_trigram_indexes_of_the_unaccented_titles_and_tags(client_for, outsider):
    TopicFactory(title="Antrean daring di kecamatán")
    with CaptureQueriesContext(connection) as captured:
        client_for(outsider).get(reverse("forums:search"), {"q": "kecamatan"})
    (lookup,) = [query["sql"] for query in captured if "%>" in query["sql"]]
    with connection.cursor() as cursor:
        # A test's few rows would be read whole (or along the primary key) anyway: only an index whose expression
        # is the query's can serve the look-up without the scans turned off here.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + lookup)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # unaccent() itself may not be indexed (it is not IMMUTABLE): the indexes are on the migration's wrapper.
    assert "forums_topic_title_trgm" in plan and "forums_tag_name_trgm" in plan
