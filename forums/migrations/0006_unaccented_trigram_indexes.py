# Spelling-variant search (forums.selectors.topics.similar_topic_ids) from trigram indexes instead of comparing the
# query with every topic title and tag. unaccent() is only STABLE (its dictionary could change), so no index may be
# built on it: forums_unaccent() pins the dictionary and is declared IMMUTABLE, and the search calls it on both sides
# so that its expressions are the indexed ones. PostgreSQL only, as migration 0004; other databases skip it.

from django.db import migrations


def _unaccent_schema(cursor) -> str:
    """The schema migration 0004 created the unaccent extension in (the database's default schema)."""
    cursor.execute("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'")
    return cursor.fetchone()[0]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    topic = apps.get_model("forums", "Topic")._meta.db_table
    tag = apps.get_model("forums", "Tag")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        schema = _unaccent_schema(cursor)
    for statement in [
        # Schema-qualified, so that neither the search path of the session nor that of an index build changes it.
        f"""CREATE FUNCTION forums_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$""",
        f"CREATE INDEX forums_topic_title_trgm ON {topic} USING gin (forums_unaccent(title) gin_trgm_ops)",
        f"CREATE INDEX forums_tag_name_trgm ON {tag} USING gin (forums_unaccent(name) gin_trgm_ops)",
        # Statistics of the indexed expressions now, for the planner's estimates, rather than at the next autovacuum.
        f"ANALYZE {topic}, {tag}",
    ]:
        schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in [
        "DROP INDEX IF EXISTS forums_tag_name_trgm",
        "DROP INDEX IF EXISTS forums_topic_title_trgm",
        "DROP FUNCTION IF EXISTS forums_unaccent(text)",
    ]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("forums", "0005_notification_task_index")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
