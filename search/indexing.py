"""Keeping the Whoosh index in step with the archive (the only module that writes to it).

:func:`update_texts` replaces every document of the given texts — the text's own and its
clauses' — in ONE Whoosh writer: delete by ``text_id``, then add what the database holds
now, so clauses that an ingest replaced or removed leave no stale document behind.
``manage.py rebuild_index`` (haystack) rebuilds everything from the same indexes.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections as db_connections
from haystack import connections
from whoosh.index import LockError, clean_files
from whoosh.writing import CLEAR

from resolutions.models import ResolutionText

from .backend import UnresWhooshBackend
from .search_indexes import ResolutionTextIndex, clause_documents, text_queryset, text_version
from .segments import BulkSegmentWriter, ParallelWriter, merge_small_segments

log = logging.getLogger(__name__)

BATCH = 200  # texts per database round trip (the writer stays open across batches)
TEXT_CT = "resolutions.resolutiontext"
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


class IndexUpdateError(Exception):
    """The index could not be brought up to date (locked, read-only, disk full …)."""


@dataclass
class SyncReport:
    """What :func:`sync` found and did."""

    texts: int = 0  # texts in the database
    reindexed: int = 0  # texts whose documents were missing or stale, now indexed
    removed: int = 0  # texts gone from the database whose documents were dropped
    rebuilt: bool = False  # the whole index was built again (missing folder, new schema)
    orphan_files: int = 0  # files no commit refers to (killed writers), removed

    @property
    def changed(self) -> bool:
        return bool(self.reindexed or self.removed or self.rebuilt)

    def line(self) -> str:
        if self.rebuilt:
            line = f"search index rebuilt from the database: {self.texts} texts"
        elif not self.changed:
            line = f"search index up to date: {self.texts} texts"
        else:
            line = f"search index: {self.reindexed} texts indexed, {self.removed} removed"
        if self.orphan_files:
            line += f"; {self.orphan_files} files left by interrupted writers removed"
        return line


def database_versions() -> dict[int, str]:
    """Each text's version as the database has it (see ``text_version``)."""
    rows = ResolutionText.objects.values_list(
        "pk",
        "checksum",
        "language",
        "title",
        "resolution__symbol",
        "resolution__key",
        "resolution__session",
        "resolution__adopted",
        "resolution_id",
    )
    return {
        pk: text_version(checksum, language, title, symbol or key, session, adopted, rid)
        for pk, checksum, language, title, symbol, key, session, adopted, rid in rows
    }


def index_versions(searcher) -> dict[int, str]:
    """Each text the index holds, with the version of its documents.

    A text whose clauses are in the index without its own document (an index older than
    versions) comes with version "".
    """
    versions: dict[int, str] = {}
    for stored in searcher.documents(django_ct=TEXT_CT):
        versions[int(stored["text_id"])] = stored.get("version", "")
    for term in searcher.lexicon("text_id"):
        pk = int(term.decode("utf-8") if isinstance(term, bytes) else term)
        if pk not in versions and searcher.document_number(text_id=str(pk)) is not None:
            versions[pk] = ""
    return versions


def _index_folder_is_missing() -> bool:
    folder = Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])
    return not folder.is_dir() or not any(folder.glob("_MAIN_*.toc"))


def sync() -> SyncReport:
    """Make the index hold exactly what the database holds, text by text.

    Compares each text's version in the database with the one committed in the index:
    indexes what is missing or stale, drops what is gone, and removes files left by
    killed writers.  A missing folder or a changed schema rebuilds everything from the
    database.  Raises :class:`IndexUpdateError` when the index cannot be written.
    """
    try:
        return _sync()
    except IndexUpdateError:
        raise
    except (LockError, OSError, RuntimeError) as exc:
        raise IndexUpdateError(f"{type(exc).__name__}: {exc}") from exc


def _sync() -> SyncReport:
    missing = _index_folder_is_missing()
    if missing:  # this process's backend may still point at the vanished folder
        connections["default"].get_backend().setup_complete = False
    backend = get_backend()
    wanted = database_versions()
    report = SyncReport(texts=len(wanted))
    current = schema_is_current()
    if missing or not current:
        if not current:
            backend.clear(commit=True)
        update_texts(list(wanted), replace_all=True)
        report.rebuilt = True
    else:
        with backend.index.refresh().searcher() as searcher:
            held = index_versions(searcher)
        stale = {pk for pk, version in wanted.items() if held.get(pk) != version}
        gone = set(held) - set(wanted)
        if stale or gone:
            update_texts(stale | gone)
        report.reindexed, report.removed = len(stale), len(gone)
    report.orphan_files = remove_orphan_files(backend.index.refresh())
    return report


def remove_orphan_files(ix) -> int:
    """Delete index files no commit refers to; returns how many went.

    A killed writer leaves its segments and its job files (``MAIN.tmp/``) behind, and
    Whoosh only cleans up at the next commit.  Done holding the write lock, so no
    writer is at work; when another process holds it, its own commit cleans up.
    """
    storage = ix.storage
    lock = storage.lock(ix.indexname + "_WRITELOCK")
    if not lock.acquire(blocking=False):
        return 0
    try:
        toc = ix._read_toc()
        before = set(storage.list())
        clean_files(storage, ix.indexname, toc.generation, toc.segments)
        removed = len(before - set(storage.list()))
        folder = Path(storage.folder)
        for temp in folder.glob("*.tmp"):
            if temp.is_dir():
                removed += sum(1 for f in temp.rglob("*") if f.is_file())
                shutil.rmtree(temp, ignore_errors=True)
        return removed
    finally:
        lock.release()


def sync_in_background() -> threading.Thread:
    """Start :func:`sync` in a thread of this web process (``unres_site/wsgi.py`` at start).

    The site serves from whatever the index holds meanwhile; a repair that cannot run is
    logged, never raised into the server.
    """

    def run() -> None:
        try:
            log.warning(sync().line())
        except Exception:  # noqa: BLE001 - the server must start whatever the index's state
            log.exception("search index: the sync at start failed")
        finally:
            db_connections.close_all()

    thread = threading.Thread(target=run, name="unres-index-sync", daemon=True)
    thread.start()
    return thread


def on_archive_changed(sender: object, **kwargs: object) -> SyncReport | None:
    """The receiver of ``resolutions.signals.archive_changed`` (connected in ``search.apps``)."""
    return update_after_ingest()


def update_after_ingest() -> SyncReport | None:
    """The ingest hook: bring the index in line with the database (``None`` when off).

    Off when ``settings.SEARCH_INDEX_ON_INGEST`` is False.
    """
    if not getattr(settings, "SEARCH_INDEX_ON_INGEST", True):
        return None
    return sync()
