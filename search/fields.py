"""haystack field types of the search indexes."""

from __future__ import annotations

from haystack import indexes


class ExactField(indexes.CharField):
    """A string kept whole (a Whoosh ``ID``): symbols, languages, lead phrases."""

    field_type = "exact"
