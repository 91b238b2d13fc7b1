"""A Whoosh engine for haystack whose schema stores only what the pages need.

haystack's own Whoosh backend stores every text field and makes it sortable (the whole
clause kept three times over) and has no exact, untokenised string field.  This one maps
:class:`search.fields.ExactField` to a Whoosh ``ID`` (filters and facets) and honours
``stored=False`` on analysed text.

Numbers and dates are indexed as one term per value (``shift_step=0``).  Whoosh's default
adds 8 "tier" terms per value to speed up wide range queries; ours are narrow (a session,
a span of years) and the tiers made up a third of all the postings the index wrote.
"""

from __future__ import annotations

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SearchBackendError
from whoosh.analysis import StemmingAnalyzer
from whoosh.codec.whoosh3 import W3PerDocReader
from whoosh.fields import BOOLEAN, DATETIME, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.fields import ID as WHOOSH_ID

_has_column = W3PerDocReader.has_column


def _remembered_has_column(self: W3PerDocReader, fieldname: str) -> bool:
    """Whoosh's ``has_column``, remembered per reader: a segment's files never change.

    Whoosh asks it for every posting it writes (the field length of each document), and
    for a field with no length column (IDs, numbers) it asks the filesystem every time —
    13 ``stat`` calls per clause document, about a tenth of the index build.
    """
    known = self.__dict__.setdefault("_unres_columns", {})
    if fieldname not in known:
        known[fieldname] = _has_column(self, fieldname)
    return known[fieldname]


W3PerDocReader.has_column = _remembered_has_column


class UnresWhooshBackend(WhooshSearchBackend):
    def build_schema(self, fields):  # noqa: D102 - haystack's signature
        schema = {
            ID: WHOOSH_ID(stored=True, unique=True),
            DJANGO_CT: WHOOSH_ID(stored=True),
            DJANGO_ID: WHOOSH_ID(stored=True),
        }
        content_field_name = ""
        for field in fields.values():
            name = field.index_fieldname
            if field.is_multivalued:
                schema[name] = KEYWORD(stored=field.stored, commas=True, scorable=True)
            elif field.field_type == "exact":
                schema[name] = WHOOSH_ID(stored=field.stored, sortable=True)
            elif field.field_type in ("date", "datetime"):
                schema[name] = DATETIME(stored=field.stored, sortable=True)
                schema[name].shift_step = 0  # one term per value (see below)
            elif field.field_type == "integer":
                schema[name] = NUMERIC(
                    stored=field.stored, numtype=int, sortable=True, shift_step=0
                )
            elif field.field_type == "boolean":
                schema[name] = BOOLEAN(stored=field.stored)
            else:
                schema[name] = TEXT(
                    stored=field.stored,
                    analyzer=field.analyzer or StemmingAnalyzer(),
                    field_boost=field.boost,
                    phrase=True,
                )
            if field.document:
                content_field_name = name
        if len(schema) <= 3:
            raise SearchBackendError("No fields were found in any search_indexes.")
        return content_field_name, Schema(**schema)


class UnresWhooshEngine(WhooshEngine):
    backend = UnresWhooshBackend
