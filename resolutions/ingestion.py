"""The ingestion service: files in, archive rows out, one source file per transaction.

Every reader in :mod:`resolutions.parsing` is pure; this module is the only place where
parsed documents meet the database.  A source is one file on disk or one member of an
archive (``.tar.xz``/``.zip``); each is stored in its own transaction, so a bad file
leaves the archive exactly as it was and the run goes on with the next one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

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
    Vote,
)
from .parsing.akn import parse_akn
from .parsing.encoding import decode_text
from .parsing.formats import MAX_SOURCE_BYTES, detect_format, iter_archive
from .parsing.metadata import ResolutionMetadata, parse_metadata
from .parsing.structure import ParsedDocument, ParseError, UnsupportedLanguage
from .parsing.structure import Subparagraph as ParsedSub
from .parsing.symbols import parse_resolution
from .parsing.text import parse_text
from .rows import insert_rows
from .signals import IndexReport, archive_changed
from .validation import InvalidDocument, check_document, check_metadata
from .workers import die_with_parent

ARCHIVE_SUFFIXES = (".tar.xz", ".txz", ".tar.gz", ".tgz", ".tar", ".zip")
STATUSES = ("created", "updated", "unchanged", "skipped", "failed")
PARSE_WINDOW = 16  # sources in flight per parsing process
ANALYZE_FROM = 100  # texts a run changes from which it refreshes PostgreSQL's statistics


@dataclass
class Source:
    """One file to ingest: a path on disk, or a member of an archive."""

    name: str  # what messages show: "samples/seeds/000.txt", "78session-English.tar.xz:78_1_E.xml"
    data: bytes


@dataclass
class Outcome:
    source: str
    status: str  # one of STATUSES; "skipped": a resolution in a language we do not archive
    detail: str = ""  # symbols stored, or the error message (naming the file and line)
    text_ids: list[int] = field(default_factory=list)  # texts created or replaced
    warnings: list[str] = field(default_factory=list)  # stored, but something looks off

    def line(self) -> str:
        return f"{self.status}: {self.source}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)
    # seconds spent waiting for parsed sources, storing, resolving links and indexing
    timings: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    jobs: int = 1  # parsing processes used
    index: IndexReport | None = None  # what the index sync did (None: off)
    index_error: str = ""  # why the search index could not be brought up to date

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def changed_text_ids(self) -> list[int]:
        """The texts this run created or replaced (for the search index to follow)."""
        return [pk for o in self.outcomes for pk in o.text_ids]

    def stats(self) -> dict:
        """Counts per status, seconds per phase and parsing processes (``--stats-json``)."""
        return {
            **{status: self.count(status) for status in STATUSES},
            "texts_changed": len(self.changed_text_ids),
            "seconds": {k: round(v, 3) for k, v in self.timings.items()},
            "jobs": self.jobs,
        }

    def line(self) -> str:
        """``3 created, 0 updated, 1 unchanged, 0 failed`` (``N skipped`` only when there are)."""
        shown = [s for s in STATUSES if s != "skipped" or self.count(s)]
        return ", ".join(f"{self.count(s)} {s}" for s in shown)


class IngestError(Exception):
    """A source that cannot be ingested; the message names the file and, where known, the line.

    ``skip`` marks a well-formed document the archive does not hold (a French text).
    """

    def __init__(self, source: str, message: str, line: int | None = None, skip: bool = False):
        self.source, self.message, self.line, self.skip = source, message, line, skip
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")


# --------------------------------------------------------------------------- sources


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named and the files under folders named (recursively, sorted), hidden ones skipped."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.parts[-1:])
            )
        else:
            found.append(path)
    return found


def iter_sources(path: Path) -> Iterator[Source | Outcome]:
    """The sources of one path, read one at a time: the file itself, or each archive member.

    A file or member that cannot be read (too large, a bad CRC, a truncated archive) comes
    as that source's failed :class:`Outcome` and the rest of the archive still follows.
    """
    if is_archive(path):
        for member, data in iter_archive(path):
            name = f"{path}:{member}" if member else str(path)  # "": the archive itself
            if isinstance(data, ParseError):
                yield Outcome(name, "failed", f"{name}: {data.message}")
            else:
                yield Source(name, data)
        return
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        message = f"{size:,} bytes is over the limit of {MAX_SOURCE_BYTES:,} bytes per file"
        yield Outcome(str(path), "failed", f"{path}: {message}")
        return
    yield Source(str(path), path.read_bytes())


# --------------------------------------------------------------------------- parsing


@dataclass
class Parsed:
    """What one source holds: resolution texts, or metadata lines."""

    source: Source
    format: str
    documents: list[ParsedDocument] = field(default_factory=list)
    metadata: list[ResolutionMetadata] = field(default_factory=list)
    raw_text: str = ""

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.source.data).hexdigest()


def parse_source(source: Source) -> Parsed:
    """Parse one source; raises :class:`IngestError` naming the file and line."""
    try:
        fmt = detect_format(source.data)
        if fmt == "akn":
            docs = parse_akn(source.data)
            raw = source.data.decode("utf-8", errors="replace")
            return Parsed(source, fmt, documents=docs, raw_text=raw)
        text = decode_text(source.data)
        if fmt == "metadata":
            return Parsed(source, fmt, metadata=parse_metadata(text), raw_text=text)
        doc = parse_text(text)
        return Parsed(source, doc.source_format or "text", documents=[doc], raw_text=text)
    except ParseError as exc:
        skip = isinstance(exc, UnsupportedLanguage)
        raise IngestError(source.name, exc.message, exc.line, skip=skip) from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise IngestError(source.name, str(exc)) from exc
    except RecursionError as exc:
        raise IngestError(source.name, "nested too deeply to read") from exc


def _describe(exc: BaseException) -> str:
    """One line for an unexpected error: its type and its first line."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first}"[:500] if first else type(exc).__name__


def validate(parsed: Parsed) -> None:
    """Refuse, naming the field, any value the archive's columns cannot hold."""
    try:
        for doc in parsed.documents:
            check_document(doc, parsed.raw_text)
        for meta in parsed.metadata:
            check_metadata(meta)
    except InvalidDocument as exc:
        raise IngestError(parsed.source.name, str(exc)) from exc


# --------------------------------------------------------------------------- storing


def resolution_key(doc: ParsedDocument) -> str:
    """The identity of the resolution a text belongs to."""
    if doc.symbol:
        return doc.symbol
    return f"draft:{doc.session or ''}:{' '.join(doc.title.split())}"[:300]


def _symbol_fields(symbol: str | None) -> dict:
    parsed = parse_resolution(symbol) if symbol else None
    if not parsed:
        return {}
    return {
        "session": parsed.session,
        "session_kind": parsed.session_kind,
        "number": parsed.number,
        "letter": parsed.letter,
    }


def _update_fields(obj, values: dict, *, fill_only: bool = False) -> bool:
    """Set the non-empty values that differ (only blank fields with ``fill_only``)."""
    changed = False
    for name, value in values.items():
        current = getattr(obj, name)
        if value in (None, "") or current == value or (fill_only and current not in (None, "")):
            continue
        setattr(obj, name, value)
        changed = True
    return changed


def _document_fields(doc: ParsedDocument) -> dict:
    return {
        "symbol": doc.symbol,
        "session": doc.session,
        "adopted": doc.adopted,
        "meeting": doc.meeting,
        "agenda_item": doc.agenda_item,
        "draft_symbol": doc.base_document,
        **_symbol_fields(doc.symbol),
    }


def _flatten(subs: list[ParsedSub], depth: int = 1) -> Iterator[tuple[int, ParsedSub]]:
    for sub in subs:
        yield depth, sub
        yield from _flatten(sub.children, depth + 1)


def _store_body(text: ResolutionText, doc: ParsedDocument) -> None:
    """Insert clauses, sub-paragraphs, footnotes, their links, annexes and references."""
    ordinals = {"preambular": 0, "operative": 0}
    clause_rows, anchors = [], []
    for position, clause in enumerate(doc.clauses, start=1):
        ordinals[clause.kind] += 1
        anchors.append(f"{clause.kind}:{ordinals[clause.kind]}")
        clause_rows.append(
            (
                text.pk,
                position,
                clause.kind,
                ordinals[clause.kind],
                clause.number,
                clause.lead[:200],
                clause.text,
                clause.section[:500],
                clause.element_id[:100],
            )
        )
    clause_fields = ("text", "position", "kind", "ordinal", "number", "lead", "body")
    clause_ids = insert_rows(
        Clause, (*clause_fields, "section", "element_id"), clause_rows, returning=True
    )
    by_anchor = dict(zip(anchors, clause_ids, strict=True))

    insert_rows(
        Subparagraph,
        ("clause", "position", "depth", "label", "body"),
        [
            (clause_id, i, depth, sub.label[:10], sub.text)
            for clause_id, clause in zip(clause_ids, doc.clauses, strict=True)
            for i, (depth, sub) in enumerate(_flatten(clause.subparagraphs), start=1)
        ],
    )

    footnote_ids = insert_rows(
        Footnote,
        ("text", "position", "marker", "body"),
        [(text.pk, i, f.marker[:10], f.text) for i, f in enumerate(doc.footnotes, start=1)],
        returning=True,
    )
    by_marker: dict[str, int] = {}
    for footnote_id, footnote in zip(footnote_ids, doc.footnotes, strict=True):
        by_marker.setdefault(footnote.marker[:10], footnote_id)
    insert_rows(
        Clause.footnotes.through,
        ("clause", "footnote"),
        [
            (clause_id, by_marker[marker])
            for clause_id, clause in zip(clause_ids, doc.clauses, strict=True)
            for marker in dict.fromkeys(clause.footnotes)
            if marker in by_marker
        ],
    )

    insert_rows(
        Annex,
        ("text", "position", "title", "body"),
        [(text.pk, i, a.title, a.text) for i, a in enumerate(doc.annexes, start=1)],
    )

    refs = []
    for ref in doc.references:
        footnote_id = None
        if ref.cited_in.startswith("footnote:"):
            footnote_id = by_marker.get(ref.cited_in.split(":", 1)[1])
        refs.append(
            (
                text.pk,
                by_anchor.get(ref.cited_in),
                footnote_id,
                ref.symbol[:100],
                ref.kind,
                ref.cited_in[:30],
            )
        )
    insert_rows(Reference, ("text", "clause", "footnote", "symbol", "kind", "cited_in"), refs)


def store_document(
    doc: ParsedDocument, *, source: str, raw_text: str, checksum: str, keys: Iterable[str] = ()
) -> tuple[str, int, list[str]]:
    """Store one parsed text; returns "created", "updated" or "unchanged", the text's id
    and warnings (a fact that differs from another source's, see ``_check_agreement``).

    A text fills the blank fields of its resolution and never overwrites what another
    language or the metadata already set, so re-ingesting any file changes nothing.
    """
    resolution, created = Resolution.objects.get_or_create(
        key=resolution_key(doc), defaults={"is_draft": doc.draft, **_document_fields(doc)}
    )
    text = ResolutionText.objects.filter(resolution=resolution, language=doc.language).first()
    if text is not None and text.checksum == checksum:
        return "unchanged", text.pk, []
    warnings = [] if created else _check_agreement(doc, resolution, source)
    _move_from_old_resolutions(source, doc.language, keys or [resolution.key])
    changed = _update_fields(resolution, _document_fields(doc), fill_only=True)
    if resolution.is_draft and not doc.draft:  # an adopted text clears the draft flag
        resolution.is_draft, changed = False, True
    if changed:
        resolution.save()
    fields = {
        "title": doc.title,
        "source_name": source[:500],
        "source_format": doc.source_format[:20],
        "checksum": checksum,
        "raw_text": raw_text,
        "sponsors": list(doc.sponsors),
        "adopted": doc.adopted,
        "meeting": doc.meeting,
    }
    if text is None:
        text = ResolutionText.objects.create(resolution=resolution, language=doc.language, **fields)
        status = "created"
    else:
        for name, value in fields.items():
            setattr(text, name, value)
        text.save()
        # Replace the body: the cascade takes sub-paragraphs, links and references along.
        text.clauses.all().delete()
        text.footnotes.all().delete()
        text.annexes.all().delete()
        text.references.all().delete()
        status = "updated"
    _store_body(text, doc)
    return status, text.pk, warnings


def _check_agreement(doc: ParsedDocument, resolution: Resolution, source: str) -> list[str]:
    """Refuse a text whose own adoption date and meeting both contradict its resolution's.

    Only what another source set counts (metadata, or the text in the other language): a
    corrected text of the one language that alone set them may change them.  One fact
    alone that differs is a warning, not a refusal: the UN's own files carry typos (the
    Chinese XML of A/RES/75/255 is dated 2021-12-31, the resolution 2020-12-31).  The
    session is not compared: the symbol fixes it, and a text's own session is often a
    reader's inference from its body.  Returns the warnings.
    """
    others = resolution.texts.exclude(language=doc.language).exists()
    if not (others or resolution.metadata_checksum):
        return []
    label = resolution.symbol or resolution.label
    differences = []
    for name, what in (("adopted", "adoption date"), ("meeting", "plenary meeting")):
        own, archived = getattr(doc, name), getattr(resolution, name)
        if own not in (None, "") and archived not in (None, "") and own != archived:
            differences.append(f"its {what} ({own}) is not that of {label} ({archived})")
    if len(differences) > 1:
        raise IngestError(
            source, "; ".join(differences) + ": is it the text of another resolution?"
        )
    return differences


def _move_from_old_resolutions(source: str, language: str, keys: Iterable[str]) -> None:
    """A file that now names other resolutions leaves the ones it named before.

    ``keys`` are the resolutions the file holds now (an AKN file may hold several).  Its
    old texts of others go; each old resolution too when nothing else holds it (no other
    text, no metadata), so a corrected symbol leaves no phantom behind.
    """
    moved = ResolutionText.objects.filter(source_name=source[:500], language=language).exclude(
        resolution__key__in=list(keys)
    )
    for old in moved.select_related("resolution"):
        previous = old.resolution
        old.delete()
        if not previous.texts.exists() and not previous.metadata_checksum:
            previous.delete()


def _metadata_targets(meta: ResolutionMetadata) -> list[str]:
    """The resolutions a metadata line is about: its symbols, or, for an unlettered
    symbol (``A/RES/74/92``) the archive holds only lettered parts of (``A/RES/74/92 A``,
    ``B``), those parts, rather than a new resolution without text."""
    if meta.letters or Resolution.objects.filter(key=meta.symbol).exists():
        return meta.symbols
    keys = Resolution.objects.filter(key__startswith=f"{meta.symbol} ")
    keys = keys.values_list("key", flat=True)
    parts = [key for key in keys if re.fullmatch(r"[A-Z]{1,2}", key[len(meta.symbol) + 1 :])]
    return sorted(parts) or meta.symbols


def _metadata_checksum(meta: ResolutionMetadata) -> str:
    return hashlib.sha256(repr(meta).encode("utf-8")).hexdigest()


_ADOPTION_TYPES = {
    "without a vote": Resolution.AdoptionType.WITHOUT_VOTE,
    "recorded vote": Resolution.AdoptionType.RECORDED_VOTE,
}


def store_metadata(meta: ResolutionMetadata) -> str:
    """Enrich (or create) the resolutions a metadata line names; returns the status.

    Metadata is authoritative for what it holds: it overwrites fields the texts set, and
    replaces the votes, sponsors and subjects of the resolution.
    """
    checksum = _metadata_checksum(meta)
    statuses = []
    for symbol in _metadata_targets(meta):
        values = {
            "symbol": symbol,
            "adopted": meta.adopted,
            "meeting": meta.meeting,
            "agenda_item": meta.agenda_item,
            "agenda_item_name": meta.agenda_item_name,
            "draft_symbol": meta.draft,
            "committee": meta.committee,
            "adoption_type": _ADOPTION_TYPES.get(
                meta.adoption_type, Resolution.AdoptionType.OTHER if meta.adoption_type else ""
            ),
            "votes_yes": meta.yes,
            "votes_no": meta.no,
            "votes_abstain": meta.abstain,
            "meeting_record": meta.meeting_record,
            **_symbol_fields(symbol),
        }
        resolution, created = Resolution.objects.get_or_create(key=symbol, defaults=values)
        if not created and resolution.metadata_checksum == checksum:
            statuses.append("unchanged")
            continue
        _update_fields(resolution, values)
        resolution.metadata_checksum = checksum
        resolution.save()
        _store_votes_and_subjects(resolution, meta)
        statuses.append("created" if created else "updated")
    return _combine(statuses)


def _store_votes_and_subjects(resolution: Resolution, meta: ResolutionMetadata) -> None:
    names = list(dict.fromkeys(meta.voting_yes + meta.voting_no + meta.voting_abstaining))
    states = {s.name: s for s in MemberState.objects.filter(name__in=names)}
    for name in names:
        if name not in states:
            states[name], _ = MemberState.objects.get_or_create(name=name)
    resolution.votes.all().delete()
    Vote.objects.bulk_create(
        [Vote(resolution=resolution, state=states[n], choice="Y") for n in meta.voting_yes]
        + [Vote(resolution=resolution, state=states[n], choice="N") for n in meta.voting_no]
        + [Vote(resolution=resolution, state=states[n], choice="A") for n in meta.voting_abstaining]
    )
    resolution.sponsorships.all().delete()
    sponsors = [(n, False) for n in meta.sponsors] + [(n, True) for n in meta.additional_sponsors]
    known = {s.name.casefold(): s for s in MemberState.objects.all()}
    Sponsorship.objects.bulk_create(
        Sponsorship(
            resolution=resolution,
            position=i,
            name=name[:300],
            additional=extra,
            state=known.get(name.casefold()),
        )
        for i, (name, extra) in enumerate(sponsors, start=1)
    )
    terms = [(term, vocabulary) for term, vocabulary in meta.subjects]
    terms += [(str(goal), "SDG") for goal in meta.sdgs]
    subjects = []
    for term, vocabulary in dict.fromkeys(terms):
        subject, _ = Subject.objects.get_or_create(term=term[:300], vocabulary=vocabulary[:100])
        subjects.append(subject)
    resolution.subjects.set(subjects)


def _combine(statuses: list[str]) -> str:
    if "created" in statuses:
        return "created"
    if "updated" in statuses:
        return "updated"
    return "unchanged"


def store(parsed: Parsed) -> Outcome:
    """Store one parsed source in one transaction (retried once if a parallel run raced us)."""
    last_error: IntegrityError | None = None
    for _attempt in range(3):
        try:
            with transaction.atomic():
                changed: list[int] = []
                warnings: list[str] = []
                if parsed.format == "metadata":
                    statuses = [store_metadata(m) for m in parsed.metadata]
                    detail = f"{len(parsed.metadata)} metadata lines"
                else:
                    results = [
                        store_document(
                            d,
                            source=parsed.source.name,
                            raw_text=parsed.raw_text,
                            checksum=parsed.checksum,
                            keys=[resolution_key(d) for d in parsed.documents],
                        )
                        for d in parsed.documents
                    ]
                    statuses = [status for status, _, _ in results]
                    changed = [pk for status, pk, _ in results if status != "unchanged"]
                    warnings = [w for _, _, found in results for w in found]
                    detail = ", ".join(d.symbol or "draft" for d in parsed.documents)
            return Outcome(parsed.source.name, _combine(statuses), detail, changed, warnings)
        except IntegrityError as exc:
            # Another process may have stored the same rows first: the unique constraints
            # kept the archive consistent and the next attempt sees what it stored.
            last_error = exc
    raise IngestError(parsed.source.name, f"the database refused the document: {last_error}")


def ingest_source(source: Source) -> Outcome:
    """Parse and store one source; failures become a "failed" outcome, never a partial write."""
    return _store_result(source.name, _parse_result(source))


def _parse_result(source: Source) -> Parsed | tuple[str, str]:
    """Parse one source; a failure comes back as (status, message), which pickles cleanly.

    Whatever goes wrong inside a reader is this source's error, never the run's.
    """
    try:
        parsed = parse_source(source)
        if not parsed.documents and not parsed.metadata:
            raise IngestError(source.name, "no resolution found")
        validate(parsed)
        return parsed
    except IngestError as exc:
        return ("skipped" if exc.skip else "failed", str(exc))
    except Exception as exc:  # noqa: BLE001 - a reader's bug must not end the run
        return ("failed", f"{source.name}: cannot read: {_describe(exc)}")


def _store_result(name: str, result: Parsed | tuple[str, str]) -> Outcome:
    if isinstance(result, tuple):
        return Outcome(name, *result)
    try:
        return store(result)
    except IngestError as exc:
        return Outcome(name, "failed", str(exc))
    except Exception as exc:  # noqa: BLE001 - the transaction rolled back; the run goes on
        return Outcome(name, "failed", f"{name}: cannot store: {_describe(exc)}")


def refresh_statistics() -> None:
    """Have PostgreSQL count the archive's rows again (``ANALYZE``), for the planner.

    Autovacuum analyzes a table only after enough committed changes and a pause.  Until
    then a table it last saw empty is planned as empty, and the joins that resolve
    references and gather clauses for the index become nested loops over every row (CI
    stalled for over an hour on one, 400 texts just stored).  A no-op on other databases.
    """
    if connection.vendor != "postgresql":
        return
    models = apps.get_app_config("resolutions").get_models(include_auto_created=True)
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def resolve_references() -> int:
    """Link every unresolved resolution reference to the archived resolution it names.

    Then recount how many other resolutions cite each resolution (``cited_count``).
    Returns how many references were linked.
    """
    matching = Resolution.objects.filter(symbol=OuterRef("symbol")).values("pk")[:1]
    linked = (
        Reference.objects.filter(target__isnull=True, kind="resolution")
        .filter(symbol__in=Resolution.objects.exclude(symbol=None).values("symbol"))
        .update(target=Subquery(matching))
    )
    citing = (
        Reference.objects.filter(target=OuterRef("pk"))
        .exclude(text__resolution=OuterRef("pk"))
        .order_by()
        .values("target")
        .annotate(n=Count("text__resolution", distinct=True))
        .values("n")[:1]
    )
    Resolution.objects.update(cited_count=Coalesce(Subquery(citing), 0))
    return linked


def default_jobs() -> int:
    """Parsing processes: ``settings.INGEST_JOBS``, else one per core."""
    return getattr(settings, "INGEST_JOBS", 0) or os.cpu_count() or 1


def _sources(
    files: Iterable[Path], summary: Summary, on_outcome: Callable[[Outcome], None] | None
) -> Iterator[Source]:
    """The sources of every file, in order; an unreadable file becomes a failed outcome."""
    for path in files:
        try:
            for item in iter_sources(path):
                if isinstance(item, Outcome):
                    _record(summary, item, on_outcome)
                else:
                    yield item
        except Exception as exc:  # noqa: BLE001 - any unreadable file is that file's error
            failure = Outcome(str(path), "failed", f"{path}: cannot read: {_describe(exc)}")
            _record(summary, failure, on_outcome)


def _record(
    summary: Summary, outcome: Outcome, on_outcome: Callable[[Outcome], None] | None
) -> None:
    summary.outcomes.append(outcome)
    if on_outcome:
        on_outcome(outcome)


def _parsed_in_order(
    sources: Iterator[Source], jobs: int
) -> Iterator[tuple[str, Parsed | tuple[str, str]]]:
    """Parse results in source order, ``jobs`` processes parsing ahead of the caller.

    At most ``PARSE_WINDOW`` sources per process are in flight, so memory stays bounded
    however many files a run holds; the caller (the only one touching the database)
    stores each result while the workers parse the next ones.  The workers are forked and
    run pure parsers only: they never use the database connection they inherit, and they
    leave through ``os._exit``, which never closes it.
    """
    if jobs <= 1:
        for source in sources:
            yield source.name, _parse_result(source)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=die_with_parent
    ) as pool:
        pending: deque[tuple[str, Future]] = deque()
        for source in sources:
            try:
                future = pool.submit(_parse_result, source)
            except BrokenProcessPool:  # a worker died: parse the rest here
                future = Future()
                future.set_result(_parse_result(source))
            pending.append((source.name, future))
            if len(pending) >= PARSE_WINDOW * jobs:
                name, future = pending.popleft()
                yield name, _result_of(name, future)
        while pending:
            name, future = pending.popleft()
            yield name, _result_of(name, future)


def _result_of(name: str, future: Future) -> Parsed | tuple[str, str]:
    """A worker's parse result; a worker that died (killed, out of memory) fails its source."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - BrokenProcessPool, an unpicklable result …
        return ("failed", f"{name}: the parsing process failed: {_describe(exc)}")


def parse_paths(
    paths: Iterable[str | Path], jobs: int | None = None
) -> Iterator[tuple[str, Parsed | tuple[str, str]]]:
    """Parse every source under ``paths`` as ``ingest`` does, storing nothing (benchmarks)."""
    jobs = default_jobs() if jobs is None else jobs
    yield from _parsed_in_order(_sources(collect_paths(paths), Summary(), None), jobs)


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    on_outcome: Callable[[Outcome], None] | None = None,
    progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None,
    jobs: int | None = None,
) -> Summary:
    """Ingest files, folders and archives; resolve references and update the index at the end.

    ``jobs`` processes parse (default: one per core); storing stays in this process, in
    source order, so the archive is the same whatever the number of jobs.
    """
    summary = Summary()
    files = collect_paths(paths)
    jobs = default_jobs() if jobs is None else jobs
    if len(files) < 2 * jobs and not any(is_archive(f) for f in files):
        jobs = 1  # a few files: forking would cost more than it saves
    clock = time.perf_counter()
    sources = _sources(progress(files) if progress else files, summary, on_outcome)
    for name, result in _parsed_in_order(sources, jobs):
        waited = time.perf_counter()
        summary.timings["parse_wait"] += waited - clock
        _record(summary, _store_result(name, result), on_outcome)
        clock = time.perf_counter()
        summary.timings["store"] += clock - waited
    if len(summary.changed_text_ids) >= ANALYZE_FROM:
        refresh_statistics()
    resolve_references()
    summary.timings["resolve"] = time.perf_counter() - clock
    clock = time.perf_counter()
    try:
        answers = archive_changed.send(
            sender=Summary, changed_text_ids=sorted(summary.changed_text_ids)
        )
    except Exception as exc:  # noqa: BLE001 - the texts stay stored; the command says so
        summary.index_error = str(exc) or type(exc).__name__
    else:
        for _receiver, answer in answers:
            if hasattr(answer, "line"):
                summary.index = answer
    summary.timings["index"] = time.perf_counter() - clock
    summary.jobs = jobs
    return summary


def dry_run(paths: Iterable[str | Path]) -> Iterator[dict | Outcome]:
    """Parsed structures as JSON-ready dicts (or failed outcomes), touching no database."""
    unreadable: list[Outcome] = []
    for source in _sources(collect_paths(paths), Summary(), unreadable.append):
        yield from unreadable
        unreadable.clear()
        result = _parse_result(source)
        if isinstance(result, tuple):
            status, message = result
            yield Outcome(source.name, status, message)  # the message names the file
            continue
        for doc in result.documents:
            yield doc.to_json(file=source.name)
        for meta in result.metadata:
            yield {"file": source.name, **metadata_json(meta)}
    yield from unreadable


def archive_counts() -> dict[str, int]:
    """Counts the bulk load reports."""
    return {
        "resolutions": Resolution.objects.count(),
        "texts": ResolutionText.objects.count(),
        "clauses": Clause.objects.count(),
        "footnotes": Footnote.objects.count(),
        "references": Reference.objects.count(),
        "resolved references": Reference.objects.filter(target__isnull=False).count(),
    }


def metadata_json(meta: ResolutionMetadata) -> dict:
    data = dataclasses.asdict(meta)
    data["adopted"] = meta.adopted.isoformat() if meta.adopted else None
    return data


def to_json_line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False)
