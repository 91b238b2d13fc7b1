"""Running a query against the Whoosh index, read-only: filters, facets, sorting, pages.

The index is opened from haystack's connection settings without creating anything: when it
does not exist yet the search page says so instead of writing from a view.  Matching,
scoring, facet counts and ordering run over arrays (:mod:`search.vectorized`); Whoosh
supplies the index files, the statistics and the stored fields of the page's hits.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from haystack.constants import DJANGO_CT
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError, Index
from whoosh.index import IndexError as WhooshIndexError
from whoosh.searching import Searcher

from . import vectorized
from .budget import Budget
from .vectorized import SegmentData

CLAUSE_CT = "resolutions.clause"
FACETS = ("language", "session", "kind", "lead", "year")
LEAD_FACET_SIZE = 15

_local = threading.local()


class IndexMissing(Exception):
    """No search index has been built yet (or its folder is gone or unreadable)."""


# What reading an index whose folder was removed, emptied or made unreadable raises.
_GONE = (OSError, EmptyIndexError, WhooshIndexError)


@dataclass
class Filters:
    language: str = ""
    session: int | None = None
    kind: str = ""
    lead: str = ""
    year_from: int | None = None
    year_to: int | None = None

    def mask(self, seg: SegmentData) -> np.ndarray:
        """Which documents of the segment are clauses that every filter set admits."""
        admitted = seg.term_mask(DJANGO_CT, CLAUSE_CT).copy()
        for name in ("language", "kind", "lead"):
            wanted = getattr(self, name)
            if wanted:
                admitted &= seg.value_mask(name, lambda v, w=wanted: v == w)
        if self.session is not None:
            admitted &= seg.value_mask("session", lambda v: v == self.session)
        if self.year_from is not None or self.year_to is not None:
            low = self.year_from if self.year_from is not None else -(10**9)
            high = self.year_to if self.year_to is not None else 10**9
            admitted &= seg.value_mask("year", lambda v: v is not None and low <= v <= high)
        return admitted


@dataclass
class Hit:
    clause_id: int
    text_id: int
    symbol: str
    score: float | None


@dataclass
class Outcome:
    hits: list[Hit]
    total: int
    page: int
    pages: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    complete: bool = True  # False: the query budget ran out (see search.budget)
    busy: bool = False  # True: cut short because other long searches held every lane


def index_path() -> str:
    return settings.HAYSTACK_CONNECTIONS["default"]["PATH"]


def _open_index() -> Index:
    path = index_path()
    cached = getattr(_local, "index", None)
    if cached is not None and _local.path == path:
        return cached
    try:
        ix = FileStorage(path).open_index()
    except (EmptyIndexError, OSError) as exc:
        raise IndexMissing(path) from exc
    _local.index, _local.path, _local.searcher = ix, path, None
    return ix


def searcher() -> Searcher:
    """This thread's searcher, refreshed when the index changed.

    A warm worker's cached index outlives its folder: when the folder was removed, emptied
    or made unreadable since, the check of the index's generation fails, the cache is
    dropped and :class:`IndexMissing` is raised, as on a worker that never had an index.
    """
    ix = _open_index()
    try:
        current = getattr(_local, "searcher", None)
        if current is None:
            current = ix.searcher()
        elif not current.up_to_date():
            current = current.refresh()
    except _GONE as exc:
        reset()
        raise IndexMissing(index_path()) from exc
    _local.searcher = current
    return current


def reset() -> None:
    """Forget the cached index and searcher (tests switch index directories)."""
    _local.__dict__.clear()  # the old searcher's files close when it is collected


def _facet_counts(counts: dict, name: str) -> list[tuple[str, int]]:
    items = [(str(k), v) for k, v in counts.items() if k not in (None, "")]
    if name in ("session", "year"):
        return sorted(items, key=lambda kv: -int(kv[0]))
    items.sort(key=lambda kv: (-kv[1], kv[0]))
    return items[:LEAD_FACET_SIZE] if name == "lead" else items


def run(q: wq.Query, filters: Filters, *, sort: str, page: int, per_page: int) -> Outcome:
    """One page of clause hits, with facet counts over all hits (page clamped to the last).

    Equal scores (and equal dates) are ordered by symbol, language and position, so the
    order never depends on how the index happens to be cut into segments.
    """
    s = searcher()
    try:
        return _run(s, q, filters, sort=sort, page=page, per_page=per_page)
    except _GONE as exc:  # the folder went away while this search read it
        reset()
        raise IndexMissing(index_path()) from exc


def _run(
    s: Searcher, q: wq.Query, filters: Filters, *, sort: str, page: int, per_page: int
) -> Outcome:
    with Budget.from_settings() as budget:
        found = vectorized.find(s, q, filters.mask, budget)
    total = found.total
    facets = {name: _facet_counts(vectorized.counts(found, name), name) for name in FACETS}
    pages = max(1, -(-total // per_page))
    page = min(page, pages)
    top = vectorized.ordered(found, by_date=sort == "date", limit=page * per_page)
    hits = []
    for docnum, score in top[(page - 1) * per_page :]:
        stored = s.stored_fields(docnum)
        hits.append(
            Hit(int(stored["django_id"]), int(stored["text_id"]), stored.get("symbol", ""), score)
        )
    return Outcome(
        hits=hits,
        total=total,
        page=page,
        pages=pages,
        facets=facets,
        complete=found.complete,
        busy=found.busy,
    )
