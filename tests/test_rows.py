"""``insert_rows``: many rows in batches, ids returned in row order, values kept as given."""

from __future__ import annotations

import pytest
from django.db import connection

from resolutions.models import Clause, Footnote, Resolution, ResolutionText
from resolutions.rows import insert_rows

pytestmark = pytest.mark.django_db


def make_text() -> ResolutionText:
    resolution = Resolution.objects.create(key="A/RES/1/1", symbol="A/RES/1/1")
    return ResolutionText.objects.create(resolution=resolution, language="en", checksum="x")


def test_returned_ids_follow_the_rows_across_batches():
    text = make_text()
    count = 700  # more than one statement's worth on SQLite (999 parameters / 4 fields)
    limit = connection.features.max_query_params
    assert not limit or count > limit // 4
    rows = [(text.pk, n, f"m{n}", f"note {n} 第{n}号决议") for n in range(1, count + 1)]
    ids = insert_rows(Footnote, ("text", "position", "marker", "body"), rows, returning=True)
    assert len(ids) == count == len(set(ids))
    stored = dict(Footnote.objects.values_list("pk", "position"))
    assert [stored[pk] for pk in ids] == list(range(1, count + 1))
    assert Footnote.objects.get(position=57).body == "note 57 第57号决议"


def test_rows_without_returning_are_stored_and_nothing_is_returned():
    text = make_text()
    rows = [(text.pk, 1, "preambular", 1, None, "Recalling", "Recalling 57/32", "", "")]
    fields = ("text", "position", "kind", "ordinal", "number", "lead", "body")
    assert insert_rows(Clause, (*fields, "section", "element_id"), rows) == []
    clause = Clause.objects.get()
    assert (clause.number, clause.anchor, clause.body) == (None, "preambular:1", "Recalling 57/32")


def test_no_rows_run_no_statement():
    assert insert_rows(Footnote, ("text", "position", "marker", "body"), []) == []
