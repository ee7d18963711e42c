"""Inserting many rows that differ in a few columns, with one statement per table (or a handful on SQLite).

Django's bulk_create prepares every value of every row through the model (about 60 µs a row here) and refuses
multi-table models such as a viewflow process subclass. Opening a period for a province writes some 800,000 rows in
one go, so `insert_rows` prepares the template's values once and sends only the varying columns per row:
PostgreSQL gets each varying column as one array (INSERT … SELECT FROM unnest, a handful of parameters whatever the
number of rows); SQLite gets multi-row VALUES within its parameter limit.
"""

import sqlite3

from django.db import connection

__all__ = ["insert_rows"]


def insert_rows(template, *varying: str, rows: list[tuple]) -> list[int]:
    """Insert one row per tuple of `rows`: the template's values, with the `varying` columns (attnames) taken from
    the tuple, prepared by their field as Django would. Returns the new auto primary keys in row order (if any).

    The template is not validated here: callers validate it once (full_clean) and vouch for the varying values.
    """
    if not rows:
        return []
    opts = template._meta
    auto_field = opts.auto_field if opts.pk is opts.auto_field else None
    fields = [field for field in opts.local_concrete_fields if field is not auto_field]
    by_attname = {field.attname: field for field in fields}
    unknown = set(varying) - set(by_attname)
    if unknown:
        raise ValueError(f"{opts.label} has no column {', '.join(sorted(unknown))}")
    constants = {
        field.attname: field.get_db_prep_save(field.pre_save(template, add=True), connection)
        for field in fields
        if field.attname not in varying
    }
    rows = _prepared(rows, [by_attname[attname] for attname in varying])
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(opts.db_table)} ({', '.join(quote(field.column) for field in fields)}) "
    returning = f" RETURNING {quote(auto_field.column)}" if auto_field else ""
    if connection.vendor == "postgresql":
        statements = [_unnest_statement(fields, constants, varying, rows)]
    else:
        statements = _values_statements(fields, constants, varying, rows)
    ids = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(head + sql + returning, params)
            if auto_field:
                ids.extend(pk for (pk,) in cursor.fetchall())
    return ids


def _prepared(rows: list[tuple], fields: list) -> list[tuple]:
    """The rows with each varying value prepared by its field; integers (keys, counts) pass as they are."""
    plain = [field.get_internal_type() in _INTEGER_TYPES for field in fields]
    if all(plain):
        return rows
    prepare = [None if is_plain else field.get_db_prep_save for field, is_plain in zip(fields, plain, strict=True)]
    return [
        tuple(value if step is None else step(value, connection) for step, value in zip(prepare, row, strict=True))
        for row in rows
    ]


_INTEGER_TYPES = frozenset(
    {"AutoField", "BigAutoField", "ForeignKey", "OneToOneField", "IntegerField", "BigIntegerField", "SmallIntegerField"}
    | {"PositiveIntegerField", "PositiveBigIntegerField", "PositiveSmallIntegerField"}
)


def _unnest_statement(fields, constants: dict, varying: tuple[str, ...], rows: list[tuple]) -> tuple[str, list]:
    columns = list(zip(*rows, strict=True))
    expressions, params = [], []
    for field in fields:
        if field.attname in varying:
            expressions.append(f"v.c{varying.index(field.attname)}")
        else:
            expressions.append(f"CAST(%s AS {field.cast_db_type(connection)})")
            params.append(constants[field.attname])
    by_attname = {field.attname: field for field in fields}
    arrays = ", ".join(f"CAST(%s AS {by_attname[attname].cast_db_type(connection)}[])" for attname in varying)
    aliases = ", ".join(f"c{index}" for index in range(len(varying)))
    params.extend(list(column) for column in columns)
    source = (
        f"unnest({arrays}) WITH ORDINALITY AS v({aliases}, n) ORDER BY v.n" if varying else "generate_series(1, %s)"
    )
    if not varying:
        params.append(len(rows))
    return f"SELECT {', '.join(expressions)} FROM {source}", params


def _values_statements(fields, constants: dict, varying: tuple[str, ...], rows: list[tuple]):
    positions = {attname: index for index, attname in enumerate(varying)}
    per_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, _max_query_params() // len(fields))
    for start in range(0, len(rows), per_statement):
        batch = rows[start : start + per_statement]
        params = [
            row[positions[field.attname]] if field.attname in positions else constants[field.attname]
            for row in batch
            for field in fields
        ]
        yield "VALUES " + ", ".join([per_row] * len(batch)), params


def _max_query_params() -> int:
    """SQLite tells its limit (32,766 by default since 3.32); other databases get Django's conservative 999."""
    if connection.vendor == "sqlite":
        return min(30_000, connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return connection.features.max_query_params or 999
