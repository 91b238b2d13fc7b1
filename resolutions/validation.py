"""Parsed fields checked against the archive's columns before anything is stored.

SQLite stores a string of any length, a NUL and an integer past 2^31; PostgreSQL refuses
all three, in the middle of a run.  Checking every value a document would write against
the model's own limits first makes both databases accept the same archive, and turns
what would have been a database error into one clear line naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from django.db import models

from .models import (
    Annex,
    Clause,
    Footnote,
    MemberState,
    Reference,
    Resolution,
    ResolutionText,
    Sponsorship,
    Subject,
    Subparagraph,
)
from .parsing.metadata import ResolutionMetadata
from .parsing.structure import ParsedDocument
from .parsing.structure import Subparagraph as ParsedSub
from .parsing.symbols import canonical_resolution

# The largest value of a PositiveIntegerField that every supported database stores.
INT_MAX = 2_147_483_647
# C0 controls and DEL; tab, line feed, vertical tab, form feed and carriage return are
# layout that extractions legitimately carry.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MEMBER_STATES_FILE = Path(__file__).parent / "data" / "member_states.txt"


class InvalidDocument(ValueError):
    """A parsed value that the archive's columns cannot hold; the message names the field."""


@cache
def known_member_states() -> frozenset[str]:
    """The names the UN's vote lists use (``data/member_states.txt``), case-folded."""
    lines = MEMBER_STATES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line and line[0] != "#")


def _limit(model: type[models.Model], name: str) -> int | None:
    return model._meta.get_field(name).max_length


def check_string(value: str, what: str, max_length: int | None = None) -> None:
    """No NUL or other control character, valid Unicode, at most ``max_length`` characters."""
    m = _CONTROL.search(value)
    if m:
        line = value.count("\n", 0, m.start()) + 1
        where = f" (line {line} of it)" if "\n" in value else ""
        raise InvalidDocument(f"{what} holds the control character U+{ord(m.group()):04X}{where}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidDocument(f"{what} holds an invalid character at {exc.start}") from exc
    if max_length is not None and len(value) > max_length:
        raise InvalidDocument(
            f"{what} has {len(value):,} characters; the archive holds at most {max_length}"
        )


def check_integer(value: int | None, what: str, high: int = INT_MAX) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= high:
        raise InvalidDocument(f"{what} {value!r} is not a whole number from 0 to {high:,}")


def check_symbol(symbol: str, what: str = "symbol") -> None:
    """A General Assembly resolution symbol in its canonical form (``A/RES/78/1``)."""
    check_string(symbol, what, _limit(Resolution, "symbol"))
    if canonical_resolution(symbol) != symbol:
        raise InvalidDocument(f"{what} {symbol!r} is not a General Assembly resolution symbol")


def _flatten(subs: Iterable[ParsedSub]) -> Iterator[ParsedSub]:
    for sub in subs:
        yield sub
        yield from _flatten(sub.children)


def check_document(doc: ParsedDocument, raw_text: str) -> None:
    """Raise :class:`InvalidDocument` unless every value of ``doc`` fits its column."""
    if doc.symbol is not None:
        check_symbol(doc.symbol)
    for name in ("session", "meeting"):
        check_integer(getattr(doc, name), name)
    check_string(doc.agenda_item, "agenda item", _limit(Resolution, "agenda_item"))
    check_string(doc.base_document, "draft symbol", _limit(Resolution, "draft_symbol"))
    check_string(doc.title, "title")
    check_string(raw_text, "the text")
    for i, sponsor in enumerate(doc.sponsors, 1):
        check_string(sponsor, f"sponsor {i}", _limit(Sponsorship, "name"))
    for i, clause in enumerate(doc.clauses, 1):
        what = f"clause {i}"
        check_string(clause.text, what)
        check_string(clause.lead, f"{what}'s lead phrase")
        check_string(clause.section, f"{what}'s section heading")
        check_string(clause.element_id, f"{what}'s element id", _limit(Clause, "element_id"))
        check_integer(clause.number, f"{what}'s number")
        for sub in _flatten(clause.subparagraphs):
            check_string(sub.text, f"{what}, sub-paragraph ({sub.label})")
            check_string(sub.label, f"{what}'s sub-paragraph label", _limit(Subparagraph, "label"))
    for note in doc.footnotes:
        check_string(note.marker, "footnote marker", _limit(Footnote, "marker"))
        check_string(note.text, f"footnote {note.marker}")
    for annex in doc.annexes:
        check_string(annex.title, "annex title", _limit(Annex, "title"))
        check_string(annex.text, "annex")
    for ref in doc.references:
        check_string(ref.symbol, "cited symbol", _limit(Reference, "symbol"))
        check_string(ref.cited_in, "citing part", _limit(Reference, "cited_in"))
    check_string(doc.source_format, "source format", _limit(ResolutionText, "source_format"))


def check_metadata(meta: ResolutionMetadata) -> None:
    """Raise :class:`InvalidDocument` unless every value of the line fits its column."""
    for symbol in meta.symbols:
        check_symbol(symbol)
    for name in ("session", "meeting", "yes", "no", "abstain"):
        check_integer(getattr(meta, name), name)
    for name, column in (
        ("agenda_item", "agenda_item"),
        ("committee", "committee"),
        ("draft", "draft_symbol"),
        ("meeting_record", "meeting_record"),
    ):
        check_string(getattr(meta, name), name.replace("_", " "), _limit(Resolution, column))
    check_string(meta.agenda_item_name, "agenda item name")
    check_string(meta.title, "title")
    known = known_member_states()
    for name in meta.voting_yes + meta.voting_no + meta.voting_abstaining:
        check_string(name, "a voting State", _limit(MemberState, "name"))
        if name.casefold() not in known:
            raise InvalidDocument(
                f"{name!r} votes but is no Member State the archive knows "
                f"(see {MEMBER_STATES_FILE.name})"
            )
    for name in meta.sponsors + meta.additional_sponsors:
        check_string(name, "a sponsor", _limit(Sponsorship, "name"))
    for term, vocabulary in meta.subjects:
        check_string(term, "a subject", _limit(Subject, "term"))
        check_string(vocabulary, "a subject's vocabulary", _limit(Subject, "vocabulary"))
