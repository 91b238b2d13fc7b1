"""Fuzzed documents fit the database's columns, or are refused before anything is stored.

Whatever the text parser makes of a resolution-like text either passes
:func:`resolutions.validation.check_document` and then stores without a database error (on
SQLite and on PostgreSQL alike), or is refused by it with a message.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolutions.ingestion import store_document
from resolutions.parsing.structure import ParseError
from resolutions.parsing.text import parse_text
from resolutions.validation import InvalidDocument, check_document
from tests.conftest import SAMPLES
from tests.parsing.test_fuzz import resolution_like_text

REAL = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*/*.txt"))[:12]]

pytestmark = pytest.mark.django_db

UNPRINTABLE = st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\ud800", "x" * 70, "A/RES/" * 20])
TEXTS = st.one_of(st.sampled_from(REAL), resolution_like_text())


class _Undo(Exception):
    """Raised to roll each stored example back."""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.lists(st.tuples(st.floats(0, 1), UNPRINTABLE), max_size=3))
def test_every_parsed_document_fits_the_columns_or_is_refused(text, insertions):
    for share, piece in insertions:  # anywhere in the text
        at = int(share * len(text))
        text = text[:at] + piece + text[at:]
    try:
        doc = parse_text(text)
    except ParseError:
        return
    try:
        check_document(doc, text)
    except InvalidDocument as exc:
        assert str(exc)
        return
    try:
        with transaction.atomic():
            store_document(doc, source="fuzz.txt", raw_text=text, checksum="0" * 64)
            raise _Undo
    except _Undo:
        pass
