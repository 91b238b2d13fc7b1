"""Writing Whoosh segments a block at a time: the same files, without the per-posting sort.

Whoosh's :class:`~whoosh.writing.SegmentWriter` keeps every posting as a Python tuple in an
external-sort pool (pickled to disk in runs once it holds ``limitmb``), merges the runs when
the segment is committed, and then hands the postings to the field writer one at a time,
asking the per-document reader for each posting's field length.  At 20,000 resolutions
that was most of the index build: ~90 spilled runs merged for 24 minutes.

:class:`BulkSegmentWriter` changes the pool, the flush and the text analysis:

* :class:`CompactPool` keeps a posting as 12 bytes in typed arrays (term number, float32
  weight, end of its encoded positions in one byte buffer) plus the positions;
* the flush sorts those arrays with NumPy, reads each field's lengths as one array, and
  writes each term's blocks (128 postings) and term info as Whoosh's ``W3PostingsWriter``
  and ``W3TermInfo`` write them, from Python lists a chunk at a time — byte for byte the
  files Whoosh's writer writes (``tests/test_segments.py`` compares them);
* the two text analysers of the site run as one loop each (:func:`fast_index`).

Stored fields, columns and lengths still go through Whoosh's per-document writer, and
merges of committed segments through its ``add_reader``.  A writer process that has filled
``limitmb`` of pool commits its segment and starts another (:class:`ParallelWriter`), so
memory stays bounded without spilling, and block-merges them into one segment at the end
(:mod:`search.merge`); :func:`merge_small_segments` keeps later commits from merging big
ones.
"""

from __future__ import annotations

import ctypes
import queue
import zlib
from array import array
from collections.abc import Callable, Iterator
from pickle import dump, dumps

import numpy as np
from whoosh.analysis import CompositeAnalyzer, LowercaseFilter, StopFilter
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3TermInfo, _lenfield
from whoosh.formats import Positions
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.reading import SegmentReader
from whoosh.system import pack_int, pack_uint, pack_ushort
from whoosh.util import random_name
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import MERGE_SMALL, SegmentWriter

from resolutions.workers import die_with_parent

from .analysis import (
    _STOPS,
    BigramTokenizer,
    LatinStemFilter,
    MixedTokenizer,
    bigram_positions,
    mixed_positions,
)
from .merge import delete_segment_files, merge_segments
from .termindex import compact_term_index

# A length byte as the length Whoosh reads back (0 = no length: Whoosh passes None).
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.int64)
_TERM_BYTES = 110  # memory of one distinct term in the pool's dictionary (key and slot)


class CompactPool:
    """Postings as typed arrays; Whoosh's pool interface (``add``, ``fieldnames``, ``cleanup``).

    Per posting: a term number, a float32 weight (the rare weight float32 cannot hold is
    kept aside exactly) and the end of its encoded value in one byte buffer — 12 bytes
    plus the value.  Document numbers are kept as runs (a document's postings arrive
    together), terms as one bytes key each: a field number byte and the term's bytes.
    """

    def __init__(self) -> None:
        self.fieldnames: set[str] = set()
        self._field_ids: dict[str, int] = {}
        self.cleanup()

    def cleanup(self) -> None:
        """Forget every posting (Whoosh calls it when the segment is closed)."""
        self._terms: dict[bytes, int] = {}
        self._term_ids = array("i")
        self._weights = array("f")
        self._exact_weights: dict[int, float] = {}
        self._value_ends = array("I")
        self._values = bytearray()
        self._run_docs = array("i")
        self._run_starts = array("I")

    def _field_prefix(self, fieldname: str) -> bytes:
        field_id = self._field_ids.get(fieldname)
        if field_id is None:
            field_id = self._field_ids[fieldname] = len(self._field_ids)
            if field_id > 255:
                raise ValueError("more than 256 fields")
        return bytes((field_id,))

    def _start_document(self, docnum: int) -> None:
        if not self._run_docs or self._run_docs[-1] != docnum:
            self._run_docs.append(docnum)
            self._run_starts.append(len(self._term_ids))

    def add(self, item: tuple) -> None:
        """One posting: ``(fieldname, term bytes, docnum, weight, encoded value or None)``."""
        fieldname, tbytes, docnum, weight, vbytes = item
        self._start_document(docnum)
        self._add_terms(fieldname, ((tbytes, 0, weight, vbytes),), 1.0)

    def add_terms(self, fieldname: str, docnum: int, items, boost: float) -> int:
        """A document's postings in one field (``field.index`` items); returns the field length.

        ``add`` for each item, as ``SegmentWriter.add_document`` calls it, in one loop.
        """
        self._start_document(docnum)
        return self._add_terms(fieldname, items, boost)

    def _add_terms(self, fieldname: str, items, boost: float) -> int:
        prefix = self._field_prefix(fieldname)
        terms, term_ids, weights = self._terms, self._term_ids, self._weights
        values, value_ends = self._values, self._value_ends
        length = 0
        for tbytes, freq, weight, vbytes in items:
            length += freq
            key = prefix + tbytes
            term_id = terms.get(key)
            if term_id is None:
                term_id = terms[key] = len(terms)
                self.fieldnames.add(fieldname)
            term_ids.append(term_id)
            weight *= boost
            weights.append(weight)
            if weights[-1] != weight:
                self._exact_weights[len(weights) - 1] = weight
            if vbytes:
                values += vbytes
            value_ends.append(len(values))
        if len(values) >= 1 << 31:
            raise ValueError("a segment's postings outgrew 2 GB: lower UNRES_INDEX_LIMITMB")
        return length

    def __len__(self) -> int:
        return len(self._term_ids)

    @property
    def nbytes(self) -> int:
        """Memory held: the arrays, encoded values and term dictionary (measured ~1.1×)."""
        arrays = (self._term_ids, self._weights, self._value_ends, self._run_docs)
        held = sum(a.buffer_info()[1] * a.itemsize for a in arrays)
        return 2 * held + len(self._values) + _TERM_BYTES * len(self._terms)

    def terms(self) -> list[tuple[str, bytes]]:
        """Each term number's ``(fieldname, term bytes)``."""
        names = {i: name for name, i in self._field_ids.items()}
        return [(names[key[0]], key[1:]) for key in self._terms]

    def docnums(self, picked: np.ndarray | None = None) -> np.ndarray:
        """The document number of each posting (of the ``picked`` postings only)."""
        starts = np.frombuffer(self._run_starts, dtype=np.uint32)
        docs = np.frombuffer(self._run_docs, dtype=np.int32)
        if picked is None:
            return np.repeat(docs, np.diff(np.append(starts, len(self))))
        return docs[np.searchsorted(starts, picked, side="right") - 1]

    def weights(self, picked: np.ndarray | None = None) -> np.ndarray:
        """The weight of each posting (of the ``picked`` postings only), exactly as added."""
        weights = np.frombuffer(self._weights, dtype=np.float32)
        if picked is None:
            picked = np.arange(len(weights))
        chosen = weights[picked].astype(np.float64)
        if self._exact_weights:
            exact = np.fromiter(sorted(self._exact_weights), dtype=np.int64)
            where = np.minimum(np.searchsorted(exact, picked), len(exact) - 1)
            for slot in np.flatnonzero(exact[where] == picked).tolist():
                chosen[slot] = self._exact_weights[int(picked[slot])]
        return chosen


def length_codes(perdoc, fieldname: str, count: int) -> np.ndarray | None:
    """Every document's length byte in the field, read at once (None: no length column)."""
    if perdoc is None:
        return None
    name = _lenfield(fieldname)
    if not perdoc.has_column(name):
        return None
    raw = perdoc._cached_reader(name, LENGTHS_COLUMN)
    codes = np.frombuffer(raw._dbfile.get(raw._basepos, raw._count), dtype=np.uint8)
    if len(codes) < count:
        codes = np.concatenate([codes, np.zeros(count - len(codes), np.uint8)])
    return codes


def _length_lookup(perdoc, fieldname: str, count: int) -> np.ndarray | None:
    """Every document's length in the field as Whoosh reads it back (None: no lengths)."""
    codes = length_codes(perdoc, fieldname, count)
    return None if codes is None else _LENGTH_OF_BYTE[codes]


CHUNK = 1 << 16  # postings converted to Python lists at a time


def write_postings(fieldwriter, schema, perdoc, pool: CompactPool, doccount: int) -> None:
    """Write the pool's postings into Whoosh's term and postings files, in Whoosh's order.

    Order: field name, term bytes, document number.  Each term's postings are cut into
    blocks of Whoosh's block size and written as ``W3PostingsWriter`` writes them (the
    minified ids, weights and values pickled and compressed, after a pickled block
    header), its term info built as ``W3TermInfo.add_block`` builds it.
    """
    if not len(pool):
        return
    # The flush's own arrays are made a chunk at a time: for the whole pool at once they
    # were ~28 bytes a posting (more than the pool's 12) at the moment memory peaks.
    values = bytes(pool._values)  # first, while nothing else of the flush is held
    pool._values = bytearray()
    keys = pool.terms()
    pool._terms = {}
    term_order = sorted(range(len(keys)), key=keys.__getitem__)
    rank = np.empty(len(keys), dtype=np.int32)
    rank[term_order] = np.arange(len(keys), dtype=np.int32)
    posting_rank = rank[np.frombuffer(pool._term_ids, dtype=np.int32)]
    # A term's postings were added in document order: a stable sort by term keeps it.
    order = np.argsort(posting_rank, kind="stable").astype(np.int32)
    counts = np.bincount(posting_rank, minlength=len(keys))
    bounds = [0, *np.cumsum(counts).tolist()]
    del posting_rank, counts, rank
    ends = np.frombuffer(pool._value_ends, dtype=np.uint32)
    fields_in_order = [keys[t][0] for t in term_order]

    first = 0
    while first < len(keys):
        fieldname = fields_in_order[first]
        last = first
        while last < len(keys) and fields_in_order[last] == fieldname:
            last += 1
        fieldwriter.start_field(fieldname, schema[fieldname])
        writer = _TermWriter(fieldwriter, schema[fieldname])
        lengths = _length_lookup(perdoc, fieldname, doccount)
        chunk_first = first
        while chunk_first < last:
            chunk_last = chunk_first + 1
            while chunk_last < last and bounds[chunk_last + 1] - bounds[chunk_first] <= CHUNK:
                chunk_last += 1
            base = bounds[chunk_first]
            picked = order[base : bounds[chunk_last]]
            docs = pool.docnums(picked)
            _check_document_order(docs, bounds, chunk_first, chunk_last)
            weights = pool.weights(picked)
            chunk = (
                docs.tolist(),
                weights.tolist(),
                weights.astype(np.float32).tolist(),
                lengths[docs].tolist() if lengths is not None else None,
                np.where(picked > 0, ends[np.maximum(picked - 1, 0)], 0).tolist(),
                ends[picked].tolist(),
            )
            for r in range(chunk_first, chunk_last):
                btext = keys[term_order[r]][1]
                writer.write(btext, chunk, values, bounds[r] - base, bounds[r + 1] - base)
            chunk_first = chunk_last
        fieldwriter.finish_field()
        first = last


def _check_document_order(docs: np.ndarray, bounds: list[int], first: int, last: int) -> None:
    """Each term's documents rise (they were added in document order; Whoosh needs it)."""
    falls = np.flatnonzero(np.diff(docs) <= 0) + 1  # positions within the chunk
    if len(falls):
        starts = np.asarray(bounds[first:last]) - bounds[first]
        if not np.isin(falls, starts).all():
            raise ValueError("postings of a term were not added in document order")


class _TermWriter:
    """One field's terms written as Whoosh's postings writer and field writer write them."""

    def __init__(self, fieldwriter, field) -> None:
        postwriter = fieldwriter._postwriter
        self.postfile = fieldwriter._postfile
        self.add_term = fieldwriter._tindex.add
        self.prefix = pack_ushort(fieldwriter._fieldid)
        self.blocklimit = postwriter._blocklimit
        self.compression = postwriter._compression
        self.fixedsize = field.format.fixed_value_size()

    def write(self, btext: bytes, chunk: tuple, values: bytes, lo: int, hi: int) -> None:
        docs, weights64, weights32, lengths, value_starts, value_ends = chunk
        postfile, comp, fixedsize = self.postfile, self.compression, self.fixedsize
        info = W3TermInfo()
        start = postfile.tell()
        postfile.write(WHOOSH3_HEADER_MAGIC)
        for begin in range(lo, hi, self.blocklimit):
            end = min(begin + self.blocklimit, hi)
            ids = docs[begin:end]
            block_weights = weights32[begin:end]
            max_weight = max(0, max(weights64[begin:end]))
            present = [n for n in lengths[begin:end] if n] if lengths is not None else None
            min_length = min(present) if present else None
            max_length = max(present) if present else 0
            # W3TermInfo.add_block
            info._weight += sum(block_weights)
            info._df += end - begin
            info._minlength = (
                min_length if info._minlength is None else min(info._minlength, min_length)
            )
            info._maxlength = max(info._maxlength, max_length)
            info._maxweight = max(info._maxweight, max_weight)
            if info._minid is None:
                info._minid = ids[0]
            info._maxid = ids[-1]
            # W3PostingsWriter._write_block (its _mini_ids, _mini_weights, _mini_values)
            mini_ids = (ids[0], *[b - a for a, b in zip(ids, ids[1:], strict=False)])
            if all(w == 1.0 for w in block_weights):
                mini_weights = None
            elif all(w == block_weights[0] for w in block_weights):
                mini_weights = block_weights[0]
            else:
                mini_weights = tuple(block_weights)
            block_values = [
                values[s:e]
                for s, e in zip(value_starts[begin:end], value_ends[begin:end], strict=True)
                if e > s
            ]
            if fixedsize is None or fixedsize < 0:
                mini_values = tuple(block_values)
            elif fixedsize == 0:
                mini_values = None
            else:
                mini_values = b"".join(block_values)
            data = dumps((mini_ids, mini_weights, mini_values), 2)
            if comp:
                data = zlib.compress(data, comp)
            header = dumps(
                (
                    len(ids),
                    ids[-1],
                    max_weight,
                    comp,
                    length_to_byte(min_length),
                    length_to_byte(max_length),
                ),
                2,
            )
            size = len(header) + len(data)
            postfile.write(pack_int(-size if end == hi else size))
            postfile.write(header)
            postfile.write(data)
        info.set_extent(start, postfile.tell() - start)
        self.add_term(self.prefix + btext, info.to_bytes())


Items = Iterator[tuple[bytes, int, float, bytes]]

# Most terms occur once in a clause: their encoded positions, made once for the first 4,096.
_SINGLE_POSITION = [pack_uint(1) + dumps([position], 2) for position in range(4096)]


def _is_mixed(analyzer) -> bool:
    """Whether the analyser is :data:`search.analysis.MIXED` (the schema holds a copy)."""
    if not isinstance(analyzer, CompositeAnalyzer):
        return False
    kinds = [type(item) for item in analyzer.items]
    if kinds != [MixedTokenizer, LowercaseFilter, StopFilter, LatinStemFilter]:
        return False
    stop = analyzer.items[2]
    return stop.stops == _STOPS and stop.min == 1 and stop.max is None and stop.renumber


def fast_index(field) -> Callable[[str], Items] | None:
    """What ``field.index(text)`` yields, computed in one loop, for our two text analysers.

    Whoosh's ``Positions.word_values``: per term its UTF-8 bytes, frequency, weight
    (frequency × field boost) and positions encoded as a count and pickled deltas.
    None for any other field (Whoosh's own ``index`` serves those).
    """
    if type(field.format) is not Positions:
        return None
    if type(field.analyzer) is BigramTokenizer:
        positions_of = bigram_positions
    elif _is_mixed(field.analyzer):
        positions_of = mixed_positions
    else:
        return None
    boost = field.format.field_boost

    once = float(boost)
    single = _SINGLE_POSITION

    def items(value: str) -> Items:
        for text, poslist in positions_of(value).items():
            if len(poslist) == 1 and poslist[0] < len(single):
                yield text.encode("utf-8"), 1, once, single[poslist[0]]
                continue
            deltas = [poslist[0]] + [b - a for a, b in zip(poslist, poslist[1:], strict=False)]
            count = len(poslist)
            yield (
                text.encode("utf-8"),
                count,
                float(count) * boost,
                pack_uint(count) + dumps(deltas, 2),
            )

    return items


class BulkSegmentWriter(SegmentWriter):
    """Whoosh's segment writer with :class:`CompactPool` and :func:`write_postings`.

    ``add_document`` is Whoosh's, less what our schema never uses (spelling fields, term
    vectors: with those it hands over to Whoosh's), with the two text analysers run as
    :func:`fast_index`.
    """

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        compact_term_index(self.fieldwriter)
        self.pool = CompactPool()
        fields = self.schema.items()
        self._plain = not any(f.vector or f.separate_spelling() for _, f in fields)
        self._fast = {name: fast_index(field) for name, field in fields}

    def add_document(self, **fields) -> None:
        if not self._plain:
            return super().add_document(**fields)
        self._check_state()
        perdocwriter, schema, docnum = self.perdocwriter, self.schema, self.docnum
        add_terms = self.pool.add_terms
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        for fieldname in fieldnames:
            value = fields.get(fieldname)
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                fieldboost = self._field_boost(fields, fieldname, docboost)
                fast = self._fast[fieldname]
                if fast is not None and isinstance(value, str):
                    items = fast(value)
                else:
                    items = field.index(value)
                length = add_terms(fieldname, docnum, items, fieldboost)
                if not field.scorable:
                    length = 0
            stored = fields.get(f"_stored_{fieldname}", value)
            perdocwriter.add_field(fieldname, field, stored if field.stored else None, length)
            column = field.column_type
            if column and stored is not None:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(stored))
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        perdoc = self.per_document_reader() if self.codec.length_stats else None
        try:
            write_postings(self.fieldwriter, self.schema, perdoc, self.pool, self.docnum)
        finally:
            if perdoc is not None:
                perdoc.close()
        self.fieldwriter.close()


def _find_malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc
    except (OSError, AttributeError):
        return None


_MALLOC_TRIM = _find_malloc_trim()


def release_free_memory() -> None:
    """Hand the C allocator's free pages back to the system (glibc's ``malloc_trim``).

    A flush frees its pool and its own arrays, but glibc keeps most freed heap pages for
    later: at 20,000 resolutions each index process grew from 150 to ~500 MB over its 21
    segments.  Elsewhere than glibc this does nothing.
    """
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


SMALL_SEGMENT = 20_000  # documents: segments below this are merged as Whoosh merges


PURGE_FROM = 0.25  # share of a segment's documents deleted from which a commit rewrites it


def merge_small_segments(writer, segments: list) -> list:
    """Whoosh's ``MERGE_SMALL`` among the small segments only; big ones stay as they are.

    Whoosh's policy would, once an index has some 27 segments of similar size, merge
    most of them posting by posting in the next commit (minutes at 20,000 resolutions).
    A segment of any size whose deleted documents reach ``PURGE_FROM`` is rewritten
    without them: re-ingesting the same texts again and again leaves the index its size.
    """
    kept = []
    for segment in segments:
        total = segment.doc_count_all()
        if total and segment.deleted_count() >= PURGE_FROM * total:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        else:
            kept.append(segment)
    small = [s for s in kept if s.doc_count_all() < SMALL_SEGMENT]
    big = [s for s in kept if s.doc_count_all() >= SMALL_SEGMENT]
    return big + MERGE_SMALL(writer, small)


class _SubWriter(SubWriterTask):
    """A segment-building process: bulk segments of at most ``limitmb`` of postings each.

    Whoosh's task spills its pool to disk and merges the runs at the end; this one commits
    a segment whenever its pool is full and starts another, and at the end block-merges
    its segments into one (:func:`search.merge.merge_segments`), so a search looks a term
    up once per process, not once per pool.  It dies with its parent.
    """

    def run(self) -> None:
        die_with_parent()
        ix = self.storage.open_index(self.indexname)
        limit = self.kwargs.get("limitmb", 64) * 1024 * 1024
        segments, fieldnames = [], set()
        writer = self.writer = BulkSegmentWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            job = self.jobqueue.get()
            if job is None:
                break
            self._process_file(*job)
            if writer.pool.nbytes >= limit:
                fieldnames |= writer.pool.fieldnames
                segments.append(writer._finalize_segment())
                release_free_memory()
                writer = self.writer = BulkSegmentWriter(ix, _lk=False, **self.kwargs)
        if not self.running:
            writer.cancel()
            return
        if writer._added:
            fieldnames |= writer.pool.fieldnames
            segments.append(writer._finalize_segment())
        else:
            writer._close_segment()
        if len(segments) > 1:
            # Not yet in any table of contents: the merged segments' files can go.
            merged = merge_segments(ix, segments, compound=self.kwargs.get("compound", True))
            delete_segment_files(ix.storage, segments)
            segments = [merged]
        self.resultqueue.put((None, fieldnames, segments), timeout=5)


class ParallelWriter(MpWriter):
    """Whoosh's multiprocessing writer with bulk segments, adding each process's segments.

    Sub-processes die with the ingest process; one that fails (or never reports) fails
    the commit instead of silently dropping its documents, as Whoosh's writer would.
    """

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, multisegment=True, **kwargs)
        compact_term_index(self.fieldwriter)
        self.pool = CompactPool()

    _flush_segment = BulkSegmentWriter._flush_segment

    def _new_task(self) -> SubWriterTask:
        task = _SubWriter(
            self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, True
        )
        self.tasks.append(task)
        task.start()
        return task

    def _enqueue(self) -> None:
        """Whoosh's: the buffered documents to a job file, its name to the job queue."""
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as f:
            for item in self.docbuffer:
                dump(item, f, 2)
        if len(self.tasks) < self.procs:
            self._new_task()
        self._put_job((filename, len(self.docbuffer)))
        self.docbuffer = []

    def cancel(self) -> None:
        """Stop every segment-building process still running, then release the index lock.

        (Whoosh's ``cancel`` only flags its copies of the processes in this process.)  A
        second call does nothing: a failed ``add_document`` has already cancelled.
        """
        if self.is_closed:
            return
        try:
            for task in self.tasks:
                if task.is_alive():
                    task.kill()
                task.join()
        finally:
            SegmentWriter.cancel(self)

    def _put_job(self, job: tuple[str, int] | None) -> None:
        """Queue a job; if a segment-building process has died, fail instead of waiting.

        The job queue holds ``4 × procs`` jobs: once it is full, Whoosh's plain ``put``
        waits forever for a process that was killed (out of memory, a signal).
        """
        while True:
            try:
                self.jobqueue.put(job, timeout=1.0)
                return
            except queue.Full:
                dead = [task.exitcode for task in self.tasks if not task.is_alive()]
                if dead:
                    self.cancel()
                    raise RuntimeError(
                        f"search index: {len(dead)} of {len(self.tasks)} segment-building "
                        f"processes died (exit codes {dead})"
                    ) from None

    def _commit(self, mergetype, optimize, merge) -> None:
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self._put_job(None)
        final = self._merge_segments(mergetype, optimize, merge)
        results = []
        while len(results) < len(self.tasks):
            try:
                results.append(self.resultqueue.get(timeout=1.0))
            except queue.Empty:
                if not any(task.is_alive() for task in self.tasks) and self.resultqueue.empty():
                    break
        for task in self.tasks:
            task.join()
        failed = [task.exitcode for task in self.tasks if task.exitcode]
        if failed or len(results) != len(self.tasks):
            self.cancel()
            raise RuntimeError(
                f"search index: {len(self.tasks) - len(results)} of {len(self.tasks)} "
                f"segment-building processes failed (exit codes {failed})"
            )
        for _runname, _fieldnames, segments in results:
            final.extend(segments)
        if self._added:
            final.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(final)
        self._finish()
