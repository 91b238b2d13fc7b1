"""Keeping the Whoosh index in step with the archive (the only module that writes to it).

:func:`update_texts` replaces every document of the given texts — the text's own and its
clauses' — in ONE Whoosh writer: delete by ``text_id``, then add what the database holds
now, so clauses that an ingest replaced or removed leave no stale document behind.
``manage.py rebuild_index`` (haystack) rebuilds everything from the same indexes.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from datetime import datetime

from django.conf import settings
from haystack import connections
from whoosh.index import LockError
from whoosh.writing import CLEAR

from resolutions.models import ResolutionText

from .backend import UnresWhooshBackend
from .search_indexes import ResolutionTextIndex, clause_documents, text_queryset
from .segments import BulkSegmentWriter, ParallelWriter, merge_small_segments

log = logging.getLogger(__name__)

BATCH = 200  # texts per database round trip (the writer stays open across batches)
LOCK_TIMEOUT = 600.0  # seconds to wait for another process's writer (parallel ingests)
PARALLEL_FROM = 100  # texts from which the index is built by several processes


def get_backend() -> UnresWhooshBackend:
    """The haystack backend of the default connection, set up (index created if missing)."""
    backend = connections["default"].get_backend()
    if not backend.setup_complete:
        backend.setup()
    return backend


def _documents(index, objects: Iterable) -> Iterator[dict]:
    backend = get_backend()
    for obj in objects:
        doc = index.full_prepare(obj)
        doc.pop("boost", None)
        yield {k: backend._from_python(v) for k, v in doc.items() if v is not None and v != []}


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def index_procs() -> int:
    """Processes that build index segments: ``settings.INDEX_PROCS``, else one per core."""
    return getattr(settings, "INDEX_PROCS", 0) or os.cpu_count() or 1


def _writer(ix, texts: int):
    """One writer for the whole run; several processes when there is enough to share.

    Both write segments a block at a time (:mod:`search.segments`).  With several
    processes each builds its own segments — a new one whenever it holds ``limitmb`` of
    postings — and they are added to the index as they are, not merged; later commits
    merge small segments as usual.
    """
    limitmb = settings.INDEX_LIMITMB
    procs = index_procs()
    if procs > 1 and texts >= PARALLEL_FROM:
        return ParallelWriter(ix, procs=procs, limitmb=limitmb, timeout=LOCK_TIMEOUT, delay=0.25)
    return BulkSegmentWriter(ix, timeout=LOCK_TIMEOUT, delay=0.25, limitmb=limitmb)


def update_texts(text_ids: Iterable[int], *, replace_all: bool = False) -> int:
    """Replace the index documents of these texts (and their clauses); returns docs added.

    Texts that no longer exist only lose their documents.  ``replace_all`` drops every
    document the index held, in the same commit: searches see the old index until the new
    one is complete (``rebuild_index``).
    """
    ids = sorted(set(text_ids))
    if not ids and not replace_all:
        return 0
    backend = get_backend()
    text_index = ResolutionTextIndex()
    ix = backend.index.refresh()
    writer = _writer(ix, len(ids))
    added = 0
    try:
        for chunk in _chunks(ids, BATCH):
            for pk in chunk if not replace_all else ():
                writer.delete_by_term("text_id", str(pk))
            for doc in _documents(text_index, text_queryset().filter(pk__in=chunk)):
                writer.add_document(**doc)
                added += 1
            for doc in clause_documents(chunk):
                writer.add_document(**doc)
                added += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit(mergetype=CLEAR if replace_all else merge_small_segments)
    return added


def schema_is_current() -> bool:
    """Whether the index on disk has the schema the site's search indexes make now."""
    backend = get_backend()
    return backend.index.refresh().schema == backend.schema


def texts_touched_since(started: datetime) -> list[int]:
    """Texts whose resolution changed since ``started`` (metadata sets dates and sessions)."""
    return list(
        ResolutionText.objects.filter(resolution__updated__gte=started).values_list("pk", flat=True)
    )


def update_after_ingest(changed_text_ids: Iterable[int], started: datetime) -> None:
    """The ingest hook: index what the run changed; a locked index only warns.

    Off when ``settings.SEARCH_INDEX_ON_INGEST`` is False.
    """
    if not getattr(settings, "SEARCH_INDEX_ON_INGEST", True):
        return
    ids = set(changed_text_ids) | set(texts_touched_since(started))
    try:
        update_texts(ids)
    except LockError:
        log.error("search index locked: %d texts not indexed; run rebuild_index", len(ids))
