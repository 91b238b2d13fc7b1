"""Matching, scoring, filtering, counting and ordering hits as NumPy arrays.

Whoosh matches and scores one posting at a time in Python, about 5 µs a hit: over a second
for a word found in 200,000 clauses, three times that with a sort and facet counts.  The
queries this site builds are small trees (terms, phrases, ``And``, ``AndMaybe``, ``Or``,
prefixes) over a few fields, so this module evaluates them itself:

* a term's postings are read a block at a time (Whoosh's own block data, de-pickled by
  Whoosh) into arrays of document numbers and frequencies, and scored with Whoosh's BM25F
  formula in one vector operation;
* a phrase is first narrowed to the documents holding all its terms (an array
  intersection, rarest term first); only their positions are decoded and checked for
  adjacency, as arrays;
* ``And`` / ``AndMaybe`` / ``Or`` are intersections, look-ups and unions of sorted arrays;
* the filters, facet counts and sort keys read per-segment columns (language, session,
  year, kind, lead, adoption date, symbol, position) loaded once per segment into arrays.

Scores use index-wide statistics (document count, document frequency, average length), and
ties are broken by symbol, language and position, so the answer never depends on how the
index happens to be cut into segments.

Whoosh 2.7 is final (no release since 2016; the project pins ``<2.8``); the few private
attributes read here (block data, column file positions) are named where they are used.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from math import log
from pickle import loads

import numpy as np
from django.conf import settings
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.reading import SegmentReader, TermNotFound
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from .budget import TERM_COST, Budget
from .segments import length_codes

K1 = 1.2  # Whoosh's BM25F defaults
B = 0.75
_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_SCORES = np.zeros(0, dtype=np.float64)
_STRIDE = 1 << 32  # positions of one document stay below this
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


class Unsupported(Exception):
    """A query node this module does not evaluate (``search.query`` never builds one)."""


# --------------------------------------------------------------------------- postings


def postings(
    reader: SegmentReader,
    fieldname: str,
    btext: bytes,
    *,
    values: bool = False,
    within: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, list]:
    """Document numbers (ascending), frequencies and (when asked) the encoded positions of
    one term in one segment.

    With ``within`` (ascending document numbers) only the blocks that may hold one of them
    are decoded; the others are skipped on their header (the result then holds at least
    every posting of those documents, and maybe others)."""
    if fieldname not in reader.schema:
        return _EMPTY_IDS, _EMPTY_SCORES, []
    try:
        # The postings as stored, deleted documents included (``find`` masks those out):
        # ``SegmentReader.postings`` would wrap them in a filter walked one by one.
        matcher = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
    except TermNotFound:
        return _EMPTY_IDS, _EMPTY_SCORES, []
    if not isinstance(matcher, W3LeafMatcher):  # few postings, inlined in the term info
        ids, weights, encoded = [], [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if values:
                encoded.append(matcher.value())
            matcher.next()
        return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64), encoded
    id_blocks: list[np.ndarray] = []
    weight_blocks: list[np.ndarray] = []
    encoded = []
    next_wanted, low = 0, -1  # a block holds ids in (low, its max id]
    while matcher.is_active():
        if within is not None:
            next_wanted += int(np.searchsorted(within[next_wanted:], low, side="right"))
            if next_wanted >= len(within):
                break
            low = matcher._maxid  # the block header's last id
            if within[next_wanted] > low:
                matcher._next_block()
                continue
        # Whoosh's block data: (ids as deltas from 0, weights: None = all 1.0 | one float |
        # a tuple, values: a tuple of encoded positions)
        matcher._read_data()
        deltas, weights = matcher._data[0], matcher._data[1]
        ids = np.cumsum(np.asarray(deltas, dtype=np.int64))
        id_blocks.append(ids)
        if weights is None:
            weight_blocks.append(np.ones(len(ids)))
        elif isinstance(weights, float):
            weight_blocks.append(np.full(len(ids), weights))
        else:
            weight_blocks.append(np.asarray(weights, dtype=np.float64))
        if values:
            encoded.extend(matcher._data[2])
        matcher._next_block()  # resets the in-block position and the block data
    if not id_blocks:
        return _EMPTY_IDS, _EMPTY_SCORES, []
    return np.concatenate(id_blocks), np.concatenate(weight_blocks), encoded


def _decode_positions(encoded: list, picked: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the picked postings: (count per posting, positions flat).

    Whoosh encodes a posting's positions as a 4-byte count then a pickled list of deltas.
    """
    flat: list[int] = []
    counts: list[int] = []
    for j in picked:
        deltas = loads(encoded[j][4:])
        flat.extend(deltas)
        counts.append(len(deltas))
    counts_arr = np.array(counts, dtype=np.int64)
    running = np.cumsum(np.array(flat, dtype=np.int64))
    starts = np.cumsum(counts_arr) - counts_arr
    before = np.where(starts > 0, running[np.maximum(starts - 1, 0)], 0)
    return counts_arr, running - np.repeat(before, counts_arr)


@dataclass
class TermPostings:
    """One term's postings in one segment; positions decoded for all (``starts``/``flat``)
    when the term is kept in the cache, else decoded on demand from ``encoded``."""

    ids: np.ndarray
    tf: np.ndarray
    encoded: list | None = None
    starts: np.ndarray | None = None
    flat: np.ndarray | None = None

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self.ids, self.tf, self.starts, self.flat) if a is not None)

    def positions(self, picked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(index into ``picked``, position) for every position of the picked postings."""
        if self.starts is not None and self.flat is not None:
            first = self.starts[picked]
            counts = self.starts[picked + 1] - first
            offsets = np.cumsum(counts) - counts
            index = np.repeat(first - offsets, counts) + np.arange(int(counts.sum()))
            positions = self.flat[index]
        else:
            counts, positions = _decode_positions(self.encoded or [], picked.tolist())
        return np.repeat(np.arange(len(picked)), counts), positions


CACHE_FROM = 2048  # postings from which a term's arrays are kept between searches
EXPANSIONS_KEPT = 128  # per segment: the terms of the last patterns (a lone character's)


class _PostingsCache:
    """Least recently used terms' arrays, up to a byte budget (per process)."""

    def __init__(self, budget: int):
        self.budget = budget
        self.used = 0
        self.items: OrderedDict[tuple, TermPostings] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> TermPostings | None:
        with self.lock:
            item = self.items.get(key)
            if item is not None:
                self.items.move_to_end(key)
            return item

    def put(self, key: tuple, item: TermPostings) -> None:
        with self.lock:
            old = self.items.pop(key, None)
            if old is not None:
                self.used -= old.nbytes
            if item.nbytes > self.budget:
                return
            self.items[key] = item
            self.used += item.nbytes
            while self.used > self.budget:
                _, dropped = self.items.popitem(last=False)
                self.used -= dropped.nbytes


_cache = _PostingsCache(0)


def _postings_cache() -> _PostingsCache:
    if not _cache.budget:
        _cache.budget = (getattr(settings, "POSTINGS_CACHE_MB", 128) or 128) << 20
    return _cache


def _cache_key(reader: SegmentReader, fieldname: str, btext: bytes) -> tuple:
    return (reader.segment().segment_id(), fieldname, btext)


def read_cost(
    reader: SegmentReader,
    fieldname: str,
    btext: bytes,
    *,
    with_positions: bool = False,
    within: np.ndarray | None = None,
) -> int | None:
    """About how many postings :func:`term_postings` would decode (0 when it has them
    cached; None when the segment has no such term), from the document frequency."""
    cached = _postings_cache().get(_cache_key(reader, fieldname, btext))
    if cached is not None and (cached.starts is not None or not with_positions):
        return 0
    df = reader.doc_frequency(fieldname, btext) if fieldname in reader.schema else 0
    if not df:
        return None
    if within is not None and len(within) * 32 < df:  # only the blocks around them
        df = min(df, df // 128 + 128 * len(within))
    return TERM_COST + df * (2 if with_positions else 1)


def term_postings(
    reader: SegmentReader,
    fieldname: str,
    btext: bytes,
    *,
    with_positions: bool = False,
    within: np.ndarray | None = None,
) -> TermPostings:
    """A term's postings in a segment, from the cache when it holds them; only around the
    documents ``within`` when those are few beside the term's (then not cached)."""
    key = _cache_key(reader, fieldname, btext)
    cached = _postings_cache().get(key)
    if cached is not None and (cached.starts is not None or not with_positions):
        return cached
    # A block holds 128 postings: reading around few documents skips most blocks; around
    # many it decodes most of them anyway, so read the whole list and keep it.
    if within is not None and len(within) * 32 < reader.doc_frequency(fieldname, btext):
        ids, tf, encoded = postings(reader, fieldname, btext, values=with_positions, within=within)
        return TermPostings(ids, tf, encoded if with_positions else None)
    ids, tf, encoded = postings(reader, fieldname, btext, values=with_positions)
    item = TermPostings(ids, tf, encoded if with_positions else None)
    if len(ids) >= CACHE_FROM:
        if with_positions:
            counts, item.flat = _decode_positions(encoded, range(len(ids)))
            item.starts = np.concatenate([[0], np.cumsum(counts)])
            item.flat = item.flat.astype(np.int32)
            item.encoded = None
        _postings_cache().put(key, item)
    return item


# --------------------------------------------------------------------------- columns


def _raw_column(reader: SegmentReader, fieldname: str) -> np.ndarray | None:
    """Every document's raw column value: sortable integers or bytes (b"" when missing)."""
    if not reader.has_column(fieldname):
        return None
    column_type = reader.schema[fieldname].column_type
    raw = reader.column_reader(fieldname, translate=False)
    count = reader.doc_count_all()
    if isinstance(column_type, NumericColumn):
        # A fixed-width big-endian array at a known position of the column file.
        data = raw._dbfile.get(raw._basepos, raw._count * raw._fixedlen)
        stored = np.dtype(">" + raw._typecode)
        values = np.frombuffer(data, dtype=stored).astype(stored.newbyteorder("="))
        if len(values) < count:  # documents added after the last value: the default
            tail = np.full(count - len(values), raw._default, dtype=values.dtype)
            values = np.concatenate([values, tail])
        return values
    if isinstance(column_type, VarBytesColumn) and len(raw._lengths) == count:
        # One read of the column's bytes, cut by its length (and offset) arrays.
        lengths = np.asarray(raw._lengths, dtype=np.int64)
        offsets = np.asarray(raw._offsets, dtype=np.int64)
        width = int(lengths.max()) if count else 0
        if width == 0:
            return np.zeros(count, dtype="S1")
        size = int((offsets + lengths).max())
        blob = np.frombuffer(raw._dbfile.get(raw._basepos, size) + bytes(1), dtype=np.uint8)
        index = offsets[:, None] + np.arange(width)[None, :]
        index = np.where(np.arange(width)[None, :] < lengths[:, None], index, size)
        return np.ascontiguousarray(blob[index]).view(f"S{width}").ravel()
    return np.array([raw[i] for i in range(count)], dtype=object)


@dataclass
class Column:
    """One field of one segment: a code per document and the values the codes stand for.

    ``raw`` holds the sorted distinct raw values (comparable across segments), ``values``
    the same decoded (None for a document without a value).
    """

    codes: np.ndarray
    raw: np.ndarray
    values: list


def load_column(reader: SegmentReader, fieldname: str) -> Column | None:
    if fieldname not in reader.schema:
        return None
    raw = _raw_column(reader, fieldname)
    if raw is None:
        return None
    field_obj = reader.schema[fieldname]
    if raw.dtype.kind in "SO":
        uniques, codes = np.unique(raw.astype(bytes), return_inverse=True)
        values = [None if not u else field_obj.from_column_value(u) for u in uniques]
    else:
        uniques, codes = np.unique(raw, return_inverse=True)
        default = field_obj.column_type._default
        values = [None if u == default else field_obj.from_column_value(int(u)) for u in uniques]
    return Column(codes.astype(np.int32), uniques, values)


class _SegmentCache:
    """The arrays of one segment, loaded on first use (a segment's documents never change)."""

    def __init__(self, count: int):
        self.count = count
        self.columns: dict[str, Column | None] = {}
        self.lengths: dict[str, np.ndarray] = {}
        self.masks: dict[str, np.ndarray] = {}
        self.expansions: OrderedDict[tuple, list[bytes]] = OrderedDict()
        self.lock = threading.Lock()


class SegmentData:
    """One segment as a search sees it: its open reader and its cached arrays."""

    def __init__(self, reader: SegmentReader, cache: _SegmentCache):
        self.reader = reader
        self.count = cache.count
        self._cache = cache

    def column(self, fieldname: str) -> Column | None:
        cache = self._cache
        with cache.lock:
            if fieldname not in cache.columns:
                cache.columns[fieldname] = load_column(self.reader, fieldname)
            return cache.columns[fieldname]

    def term_mask(self, fieldname: str, text: str) -> np.ndarray:
        """Which documents hold the term (cached: the clause type is asked every search)."""
        cache, key = self._cache, f"{fieldname}:{text}"
        with cache.lock:
            if key not in cache.masks:
                btext = self.reader.schema[fieldname].to_bytes(text)
                ids, _, _ = postings(self.reader, fieldname, btext)
                mask = np.zeros(self.count, dtype=bool)
                mask[ids] = True
                cache.masks[key] = mask
            return cache.masks[key]

    def value_mask(self, fieldname: str, admit: Callable[[object], bool]) -> np.ndarray:
        """Which documents have a value of the column that ``admit`` accepts."""
        column = self.column(fieldname)
        if column is None:
            return np.zeros(self.count, dtype=bool)
        allowed = np.array([admit(v) for v in column.values], dtype=bool)
        return allowed[column.codes]

    def expansion(self, q: wq.Query, budget: Budget | None) -> list[bytes]:
        """The segment's terms a prefix or wildcard matches (kept: ``?的`` scans the whole
        lexicon); cut short, and not kept, when the budget runs out during the scan."""
        key = (type(q).__name__, q.fieldname, q.text)
        cache = self._cache
        with cache.lock:
            if key in cache.expansions:
                cache.expansions.move_to_end(key)
                return cache.expansions[key]
        found: list[bytes] = []
        if isinstance(q, wq.Wildcard):
            # Whoosh's PatternQuery._btexts, with a look at the clock every 4,096 terms
            # scanned (``?的`` has no prefix: the whole lexicon).
            pattern = re.compile(q._get_pattern())
            prefix = q._find_prefix(q.text)
            reader, from_bytes = self.reader, self.reader.schema[q.fieldname].from_bytes
            scanned = (
                reader.expand_prefix(q.fieldname, prefix) if prefix else reader.lexicon(q.fieldname)
            )
            for n, btext in enumerate(scanned, 1):
                if pattern.match(from_bytes(btext)):
                    found.append(btext)
                if budget is not None and n % 4096 == 0 and budget.expired():
                    return found
        else:  # a prefix: only the terms it starts
            found = list(q._btexts(self.reader))
        with cache.lock:
            cache.expansions[key] = found
            while len(cache.expansions) > EXPANSIONS_KEPT:
                cache.expansions.popitem(last=False)
        return found

    def lengths(self, fieldname: str) -> np.ndarray:
        """Every document's length in the field, as Whoosh stores it (one byte, rounded)."""
        cache = self._cache
        with cache.lock:
            if fieldname not in cache.lengths:
                cache.lengths[fieldname] = _lengths(self.reader, fieldname, self.count)
            return cache.lengths[fieldname]


def _lengths(reader: SegmentReader, fieldname: str, count: int) -> np.ndarray:
    codes = length_codes(reader._perdoc, fieldname, count)  # one length byte per document
    return np.zeros(count) if codes is None else _LENGTH_OF_BYTE[codes]


_segments: dict[str, _SegmentCache] = {}
_segments_lock = threading.Lock()


def segment_data(reader: SegmentReader) -> SegmentData:
    """The segment with its cached arrays (made on first use; deletions are not cached)."""
    key = reader.segment().segment_id()
    with _segments_lock:
        cache = _segments.get(key)
        if cache is None or cache.count != reader.doc_count_all():
            cache = _segments[key] = _SegmentCache(reader.doc_count_all())
        return SegmentData(reader, cache)


def forget_segments(keep: Iterable[str]) -> None:
    """Drop the arrays of segments no longer in the index (merged away)."""
    keep = set(keep)
    with _segments_lock:
        for key in list(_segments):
            if key not in keep:
                del _segments[key]


# --------------------------------------------------------------------------- hit sets


@dataclass
class Hits:
    """Hits of one segment: ascending document numbers and their scores."""

    ids: np.ndarray = field(default_factory=lambda: _EMPTY_IDS)
    scores: np.ndarray = field(default_factory=lambda: _EMPTY_SCORES)


def _and(a: Hits, b: Hits) -> Hits:
    common, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    return Hits(common, a.scores[ia] + b.scores[ib])


def _and_maybe(a: Hits, b: Hits) -> Hits:
    _, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    scores = a.scores.copy()
    scores[ia] += b.scores[ib]
    return Hits(a.ids, scores)


def _or(parts: list[Hits]) -> Hits:
    parts = [p for p in parts if len(p.ids)]
    if not parts:
        return Hits()
    ids = np.concatenate([p.ids for p in parts])
    scores = np.concatenate([p.scores for p in parts])
    union, inverse = np.unique(ids, return_inverse=True)
    return Hits(union, np.bincount(inverse, weights=scores, minlength=len(union)))


class Evaluator:
    """Evaluates a query over one searcher's segments with index-wide statistics."""

    def __init__(self, searcher: Searcher, budget: Budget | None = None):
        self.searcher = searcher
        self.doc_count = searcher.doc_count_all()
        self._avg_length: dict[str, float] = {}
        self.budget = budget

    def _read(
        self,
        seg: SegmentData,
        fieldname: str,
        btext: bytes,
        *,
        with_positions: bool = False,
        within: np.ndarray | None = None,
    ) -> TermPostings | None:
        """The term's postings, or None when it has none here or the budget refuses the
        read (then ``budget.exceeded`` is set)."""
        reader = seg.reader
        cost = read_cost(reader, fieldname, btext, with_positions=with_positions, within=within)
        if cost is None:
            return None
        if self.budget is not None and not self.budget.allows(cost):
            return None
        return term_postings(reader, fieldname, btext, with_positions=with_positions, within=within)

    def _idf(self, fieldname: str, btext: bytes) -> float:
        df = self.searcher.doc_frequency(fieldname, btext)
        return log(self.doc_count / (df + 1)) + 1

    def _avgfl(self, fieldname: str) -> float:
        if fieldname not in self._avg_length:
            self._avg_length[fieldname] = self.searcher.avg_field_length(fieldname) or 1.0
        return self._avg_length[fieldname]

    def _btext(self, fieldname: str, text) -> bytes:
        if isinstance(text, bytes):
            return text
        return self.searcher.schema[fieldname].to_bytes(text)

    def _bm25(self, seg: SegmentData, fieldname: str, btext: bytes, ids, tf) -> np.ndarray:
        if not self.searcher.schema[fieldname].scorable:
            return np.ones(len(ids))
        lengths = seg.lengths(fieldname)[ids]
        avgfl = self._avgfl(fieldname)
        idf = self._idf(fieldname, btext)
        return idf * (tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * lengths / avgfl))

    def term(
        self,
        seg: SegmentData,
        fieldname: str,
        btext: bytes,
        boost: float,
        within: np.ndarray | None = None,
    ) -> Hits:
        found = self._read(seg, fieldname, btext, within=within)
        if found is None or not len(found.ids):
            return Hits()
        return Hits(found.ids, self._bm25(seg, fieldname, btext, found.ids, found.tf) * boost)

    def evaluate(
        self, q: wq.Query, seg: SegmentData, leaf: Searcher, within: np.ndarray | None = None
    ) -> Hits:
        """Hits of ``q`` in one segment (``leaf``: Whoosh's searcher of that segment).

        ``within``: only these documents matter (the caller intersects); parts may then
        read just the postings around them.
        """
        if isinstance(q, wq.Term):
            btext = self._btext(q.fieldname, q.text)
            return self.term(seg, q.fieldname, btext, q.boost, within)
        if isinstance(q, wq.AndMaybe):
            required = self.evaluate(q.a, seg, leaf, within)
            if not len(required.ids):
                return required
            optional = self.evaluate(q.b, seg, leaf, required.ids)
            return self._scaled(_and_maybe(required, optional), q.boost)
        if isinstance(q, wq.And):
            result: Hits | None = None
            for sub in q.subqueries:
                part = self.evaluate(sub, seg, leaf, within if result is None else result.ids)
                result = part if result is None else _and(result, part)
                if not len(result.ids):
                    return Hits()
            return self._scaled(result or Hits(), q.boost)
        if isinstance(q, wq.Or):
            parts = [self.evaluate(sub, seg, leaf, within) for sub in q.subqueries]
            return self._scaled(_or(parts), q.boost)
        if isinstance(q, wq.Phrase):
            return self.phrase(q, seg, within)
        if isinstance(q, (wq.Prefix, wq.Wildcard)):
            if self.budget is not None and self.budget.expired():
                return Hits()
            btexts = seg.expansion(q, self.budget)  # the segment's terms the pattern matches
            parts = []
            for bt in btexts:
                if self.budget is not None and self.budget.expired():
                    break
                parts.append(self.term(seg, q.fieldname, bt, 1.0, within))
            return self._scaled(_or(parts), q.boost)
        raise Unsupported(type(q).__name__)

    @staticmethod
    def _scaled(hits: Hits, boost: float) -> Hits:
        return hits if boost == 1.0 else Hits(hits.ids, hits.scores * boost)

    def phrase(self, q: wq.Phrase, seg: SegmentData, within: np.ndarray | None) -> Hits:
        """Documents holding the words next to each other, scored as the sum of the words.

        The documents holding every word are found first, rarest word first (an
        intersection); the words' positions are decoded for those only, and a document
        matches where word *i* stands at p + i for some p.
        """
        if len(q.words) < 2:
            word = q.words[0] if q.words else ""
            return self.term(seg, q.fieldname, self._btext(q.fieldname, word), q.boost, within)
        if q.slop != 1:
            raise Unsupported("phrase with slop")
        reader = seg.reader
        btexts = [self._btext(q.fieldname, w) for w in q.words]
        rarest_first = sorted(
            range(len(btexts)), key=lambda i: reader.doc_frequency(q.fieldname, btexts[i])
        )
        read: dict[int, TermPostings] = {}
        candidates = within
        for i in rarest_first:
            found = self._read(seg, q.fieldname, btexts[i], with_positions=True, within=candidates)
            if found is None:  # a word not in the segment, or over the budget
                return Hits()
            read[i] = found
            candidates = found.ids if candidates is None else _intersect(candidates, found.ids)
            if not len(candidates):
                return Hits()
        last = len(btexts) - 1
        keys: np.ndarray | None = None
        scores = np.zeros(len(candidates))
        for i, btext in enumerate(btexts):
            found = read[i]
            picked = np.searchsorted(found.ids, candidates)
            owner, pos = found.positions(picked)
            # (candidate, where the phrase would start), ascending: owners ascend and so do
            # a posting's positions; last - i keeps it non-negative
            k = owner * _STRIDE + (pos + (last - i))
            keys = k if keys is None else _intersect(keys, k)
            if not len(keys):
                return Hits()
            scores += self._bm25(seg, q.fieldname, btext, candidates, found.tf[picked])
        matched = np.unique(keys // _STRIDE)
        return Hits(candidates[matched], scores[matched] * q.boost)


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values of ascending array ``a`` that ascending array ``b`` holds."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return a
    at = np.searchsorted(b, a)
    at[at == len(b)] = len(b) - 1
    return a[b[at] == a]


# --------------------------------------------------------------------------- one search


@dataclass
class Found:
    """The hits of a search in every segment, after the filters."""

    segments: list[tuple[SegmentData, int, Hits]]
    complete: bool = True  # False: the budget ran out; these hits match, others may too
    busy: bool = False  # True: it ran out at its slice, every lane for long searches taken

    @property
    def total(self) -> int:
        return sum(len(h.ids) for _, _, h in self.segments)


def find(
    searcher: Searcher,
    q: wq.Query,
    mask: Callable[[SegmentData], np.ndarray],
    budget: Budget | None = None,
) -> Found:
    """Every hit of ``q`` among the documents ``mask`` admits, in every segment; with a
    ``budget``, those found before it ran out (``complete`` then says whether that is all).
    """
    evaluator = Evaluator(searcher, budget)
    out = []
    leaves = [
        (leaf, base)
        for leaf, base in searcher.leaf_searchers()
        if isinstance(leaf.reader(), SegmentReader)  # an empty index has an EmptyReader
    ]
    forget_segments(leaf.reader().segment().segment_id() for leaf, _ in leaves)
    for leaf, base in leaves:
        reader = leaf.reader()
        seg = segment_data(reader)
        hits = evaluator.evaluate(q, seg, leaf)
        if len(hits.ids):
            admitted = mask(seg)[hits.ids]
            if reader.has_deletions():
                deleted = np.fromiter(reader.segment().deleted_docs(), np.int64)
                admitted &= ~np.isin(hits.ids, deleted)
            hits = Hits(hits.ids[admitted], hits.scores[admitted])
        out.append((seg, base, hits))
    if budget is None:
        return Found(out)
    return Found(out, complete=not budget.exceeded, busy=budget.busy)


def counts(found: Found, fieldname: str) -> dict:
    """How many hits hold each value of the field (hits without one are not counted)."""
    totals: dict = {}
    for seg, _base, hits in found.segments:
        column = seg.column(fieldname)
        if column is None or not len(hits.ids):
            continue
        per_code = np.bincount(column.codes[hits.ids], minlength=len(column.values))
        for code in np.flatnonzero(per_code):
            value = column.values[code]
            if value is not None:
                totals[value] = totals.get(value, 0) + int(per_code[code])
    return totals


_ranks: OrderedDict[tuple, list[np.ndarray | None]] = OrderedDict()
_ranks_lock = threading.Lock()


def _global_ranks(found: Found, fieldname: str) -> list[np.ndarray | None]:
    """Per segment: code → rank of the raw value among all segments' values (kept for the
    same segments: it depends on nothing else)."""
    key = (fieldname, *(seg.reader.segment().segment_id() for seg, _, _ in found.segments))
    with _ranks_lock:
        if key in _ranks:
            _ranks.move_to_end(key)
            return _ranks[key]
    columns = [seg.column(fieldname) for seg, _, _ in found.segments]
    present = [c.raw for c in columns if c is not None and len(c.raw)]
    if not present:
        ranks: list[np.ndarray | None] = [None] * len(columns)
    else:
        everything = np.unique(np.concatenate(present).astype(present[0].dtype))
        ranks = [None if c is None else np.searchsorted(everything, c.raw) for c in columns]
    with _ranks_lock:
        _ranks[key] = ranks
        while len(_ranks) > 16:
            _ranks.popitem(last=False)
    return ranks


def ordered(found: Found, *, by_date: bool, limit: int) -> list[tuple[int, float]]:
    """The first ``limit`` hits as (global document number, score): by score or newest
    first, then by symbol, language and position."""
    if not found.total or limit <= 0:
        return []
    keys: dict[str, list[np.ndarray]] = {k: [] for k in ("first", "symbol", "language", "position")}
    docnums, scores = [], []
    ranks = {name: _global_ranks(found, name) for name in ("symbol", "language", "position")}
    adopted = _global_ranks(found, "adopted") if by_date else None
    for i, (seg, base, hits) in enumerate(found.segments):
        if not len(hits.ids):
            continue
        docnums.append(hits.ids + base)
        scores.append(hits.scores)
        if by_date:
            column = seg.column("adopted")
            if column is None:
                first = np.full(len(hits.ids), -1.0)
            else:
                missing = np.array([v is None for v in column.values])
                rank = np.where(missing, -1, adopted[i]).astype(np.float64)
                first = rank[column.codes[hits.ids]]
            keys["first"].append(-first)
        else:
            keys["first"].append(-hits.scores)
        for name in ("symbol", "language", "position"):
            column, rank = seg.column(name), ranks[name][i]
            keys[name].append(
                np.zeros(len(hits.ids)) if column is None else rank[column.codes[hits.ids]]
            )
    first = np.concatenate(keys["first"])
    chosen = np.arange(len(first))
    if len(first) > limit:
        # Only the hits at or above the limit-th primary key can be on the page.
        cutoff = np.partition(first, limit - 1)[limit - 1]
        chosen = np.flatnonzero(first <= cutoff)
    columns = {
        name: np.concatenate(keys[name])[chosen] for name in ("symbol", "language", "position")
    }
    order = np.lexsort((columns["position"], columns["language"], columns["symbol"], first[chosen]))
    picked = chosen[order[:limit]]
    all_docnums, all_scores = np.concatenate(docnums), np.concatenate(scores)
    return [(int(all_docnums[j]), float(all_scores[j])) for j in picked]
