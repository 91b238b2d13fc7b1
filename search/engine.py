"""Running a query against the Whoosh index, read-only: filters, facets, sorting, pages.

The index is opened from haystack's connection settings without creating anything: when it
does not exist yet the search page says so instead of writing from a view.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from haystack.constants import DJANGO_CT
from whoosh import query as wq
from whoosh import sorting
from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError, Index
from whoosh.searching import Searcher

CLAUSE_CT = "resolutions.clause"
FACETS = ("language", "session", "kind", "lead", "year")
LEAD_FACET_SIZE = 15
FACET_CACHE_SECONDS = 3600  # the key holds the index generation: a new commit misses it

_local = threading.local()


class IndexMissing(Exception):
    """No search index has been built yet."""


@dataclass
class Filters:
    language: str = ""
    session: int | None = None
    kind: str = ""
    lead: str = ""
    year_from: int | None = None
    year_to: int | None = None

    def query(self) -> wq.Query:
        """Clause documents narrowed by every filter that is set."""
        parts: list[wq.Query] = [wq.Term(DJANGO_CT, CLAUSE_CT)]
        for name in ("language", "kind", "lead"):
            if getattr(self, name):
                parts.append(wq.Term(name, getattr(self, name)))
        if self.session is not None:
            parts.append(wq.NumericRange("session", self.session, self.session))
        if self.year_from is not None or self.year_to is not None:
            parts.append(wq.NumericRange("year", self.year_from, self.year_to))
        return wq.And(parts)


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
    """This thread's searcher, refreshed when the index changed."""
    ix = _open_index()
    current = getattr(_local, "searcher", None)
    if current is None:
        current = ix.searcher()
    elif not current.up_to_date():
        current = current.refresh()
    _local.searcher = current
    return current


def reset() -> None:
    """Forget the cached index and searcher (tests switch index directories)."""
    _local.__dict__.clear()


def _facet_counts(results, name: str) -> list[tuple[str, int]]:
    counts = results.groups(name)
    items = [(str(k), v) for k, v in counts.items() if k not in (None, "")]
    if name in ("session", "year"):
        return sorted(items, key=lambda kv: -int(kv[0]))
    items.sort(key=lambda kv: (-kv[1], kv[0]))
    return items[:LEAD_FACET_SIZE] if name == "lead" else items


def _counts_key(s: Searcher, q: wq.Query, filters: Filters) -> str:
    """The cache key of a search's total and facet counts: index generation, query, filters."""
    spec = f"{index_path()}|{s.reader().generation()}|{q!r}|{filters.query()!r}"
    return "unres-facets:" + hashlib.sha256(spec.encode("utf-8")).hexdigest()


def run(q: wq.Query, filters: Filters, *, sort: str, page: int, per_page: int) -> Outcome:
    """One page of clause hits, with facet counts over all hits (page clamped to the last).

    Counting the facets walks every hit, which is most of the cost of a frequent word in a
    large archive; the counts and the total are cached for the index generation, so the
    next page, the other sort order and a repeated search only collect their page.
    """
    s = searcher()
    key = _counts_key(s, q, filters)
    counted = cache.get(key)
    # Equal scores (and equal dates) are ordered by symbol, language and position, so the
    # order never depends on how the index happens to be cut into segments.
    first = sorting.FieldFacet("adopted", reverse=True) if sort == "date" else sorting.ScoreFacet()
    # The filters join the query as a constant-score conjunct instead of Whoosh's
    # ``filter=``, which first lists every document the filter admits (all clauses when
    # only the clause type is asked for) — a cost growing with the archive, not the hits.
    q = wq.And([q, wq.ConstantScoreQuery(filters.query(), 0.0)])
    kwargs: dict = {
        "limit": page * per_page,
        "terms": False,
        "sortedby": sorting.MultiFacet(
            [
                first,
                sorting.FieldFacet("symbol"),
                sorting.FieldFacet("language"),
                sorting.FieldFacet("position"),
            ]
        ),
    }
    if counted is None:
        kwargs["groupedby"] = {
            name: sorting.FieldFacet(name, maptype=sorting.Count) for name in FACETS
        }
    results = s.search(q, **kwargs)
    if counted is None:
        counted = (len(results), {name: _facet_counts(results, name) for name in FACETS})
        cache.set(key, counted, FACET_CACHE_SECONDS)
    total, facets = counted
    pages = max(1, -(-total // per_page))
    if page > pages:
        page = pages
        kwargs["limit"] = page * per_page
        kwargs.pop("groupedby", None)
        results = s.search(q, **kwargs)
    hits = [
        Hit(int(hit["django_id"]), int(hit["text_id"]), hit.get("symbol", ""), hit.score)
        for hit in results[(page - 1) * per_page : page * per_page]
    ]
    return Outcome(hits=hits, total=total, page=page, pages=pages, facets=facets)
