"""Inserting many rows as plain tuples: Django's ``bulk_create`` less the model instances.

Storing a text writes ~86 rows (clauses, sub-paragraphs, footnotes, references).  Through
``bulk_create`` each row became a model instance whose every field was prepared one by
one — three quarters of the time spent storing, the SQL itself a tenth.  The body tables
hold only integers and text, so their rows go to the database as the tuples they are, in
multi-row ``INSERT … VALUES`` statements (``RETURNING`` the new ids where the caller needs
them, in the order of the rows, as ``bulk_create`` relies on for both databases).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import Model


def insert_rows(
    model: type[Model], fields: Sequence[str], rows: Sequence[tuple], *, returning: bool = False
) -> list[int]:
    """Insert ``rows`` (one value per name in ``fields``) into ``model``'s table.

    Values must already be what the column holds (``int``, ``str`` or ``None``); a foreign
    key is named as the field (``"text"``) and given as the id.  Returns the new primary
    keys in row order when ``returning``, else an empty list.
    """
    if not rows:
        return []
    meta = model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    head = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "
    tail = f" RETURNING {quote(meta.pk.column)}" if returning else ""
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    limit = connection.features.max_query_params
    batch = max(1, limit // len(fields)) if limit else len(rows)
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            part = rows[start : start + batch]
            params = [value for row in part for value in row]
            cursor.execute(head + ", ".join([row_sql] * len(part)) + tail, params)
            if returning:
                ids.extend(row[0] for row in cursor.fetchall())
    return ids
