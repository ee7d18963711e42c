# Full-text search from a stored vector. The column exists on every database; on PostgreSQL the database keeps it
# current itself (triggers, so bulk inserts and topic title changes are covered) and a GIN index serves the search.
# Other databases keep it NULL and search with a plain substring match.

import django.contrib.postgres.search
from django.db import migrations


def _config(cursor) -> str:
    """The text search configuration, as forums.selectors.topics._search_config chooses it."""
    cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'indonesian'")
    return "indonesian" if cursor.fetchone() else "simple"


def create_search_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    post = apps.get_model("forums", "Post")._meta.db_table
    topic = apps.get_model("forums", "Topic")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        config = _config(cursor)
    vector = (
        f"setweight(to_tsvector('{config}', coalesce({{title}}, '')), 'A')"
        f" || setweight(to_tsvector('{config}', coalesce({{body}}, '')), 'B')"
    )
    statements = [
        # Existing posts first, in one statement, before the index and the triggers exist.
        f"UPDATE {post} AS p SET search_vector = {vector.format(title='t.title', body='p.body')}"
        f" FROM {topic} AS t WHERE t.id = p.topic_id",
        f"CREATE INDEX forums_post_search_gin ON {post} USING gin (search_vector)",
        f"""CREATE FUNCTION forums_post_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.search_vector := {vector.format(title=f"(SELECT title FROM {topic} WHERE id = NEW.topic_id)",
                                                body="NEW.body")};
            RETURN NEW;
        END $$""",
        # Any write of the text, the topic or the vector itself recomputes the vector.
        f"""CREATE TRIGGER forums_post_search_vector BEFORE INSERT OR UPDATE OF body, topic_id, search_vector
        ON {post} FOR EACH ROW EXECUTE FUNCTION forums_post_search_vector()""",
        f"""CREATE FUNCTION forums_topic_title_search() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE {post} SET search_vector = NULL WHERE topic_id = NEW.id;
            RETURN NULL;
        END $$""",
        f"""CREATE TRIGGER forums_topic_title_search AFTER UPDATE OF title ON {topic}
        FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION forums_topic_title_search()""",
    ]
    for statement in statements:
        schema_editor.execute(statement)


def drop_search_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    post = apps.get_model("forums", "Post")._meta.db_table
    topic = apps.get_model("forums", "Topic")._meta.db_table
    for statement in [
        f"DROP TRIGGER IF EXISTS forums_topic_title_search ON {topic}",
        "DROP FUNCTION IF EXISTS forums_topic_title_search()",
        f"DROP TRIGGER IF EXISTS forums_post_search_vector ON {post}",
        "DROP FUNCTION IF EXISTS forums_post_search_vector()",
        "DROP INDEX IF EXISTS forums_post_search_gin",
    ]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('forums', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='post',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True, serialize=False),
        ),
        migrations.RunPython(create_search_triggers, drop_search_triggers, elidable=False),
    ]
