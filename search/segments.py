"""Writing Whoosh segments a block at a time: the same files, without the per-posting sort.

Whoosh's :class:`~whoosh.writing.SegmentWriter` keeps every posting as a Python tuple in an
external-sort pool (pickled to disk in runs once it holds ``limitmb``), merges the runs when
the segment is committed, and then hands the postings to the field writer one at a time,
asking the per-document reader for each posting's field length.  At 20,000 resolutions
that was most of the index build: ~90 spilled runs merged for 24 minutes.

:class:`BulkSegmentWriter` changes only the pool and the flush:

* :class:`CompactPool` keeps a posting as four numbers in typed arrays (term, document,
  weight, offset of its encoded positions in one byte buffer) — ~30 bytes instead of ~250;
* the flush sorts those arrays with NumPy, reads each field's lengths as one array, and
  fills Whoosh's own postings writer a block (128 postings) at a time, so the blocks,
  term infos and files are written by Whoosh's code, byte for byte what its writer writes
  (``tests/test_segments.py`` compares the files).

Documents still go through Whoosh's ``add_document`` (analysers, stored fields, columns,
lengths), and merges through its ``add_reader``.  A writer process that has filled
``limitmb`` of pool commits its segment and starts another (:class:`ParallelWriter`), so
memory stays bounded without spilling.
"""

from __future__ import annotations

import queue
import zlib
from array import array
from collections.abc import Callable, Iterator
from pickle import dumps

import numpy as np
from whoosh.analysis import CompositeAnalyzer, LowercaseFilter, StopFilter
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3TermInfo, _lenfield
from whoosh.formats import Positions
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.system import pack_int, pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from resolutions.workers import die_with_parent

from .analysis import (
    _STOPS,
    BigramTokenizer,
    LatinStemFilter,
    MixedTokenizer,
    bigram_positions,
    mixed_positions,
)

# A length byte as the length Whoosh reads back (0 = no length: Whoosh passes None).
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.int64)
_TERM_BYTES = 120  # rough memory of one distinct term in the pool's dictionary


class CompactPool:
    """Postings as typed arrays; Whoosh's pool interface (``add``, ``fieldnames``, ``cleanup``)."""

    def __init__(self) -> None:
        self.fieldnames: set[str] = set()
        self.cleanup()

    def cleanup(self) -> None:
        """Forget every posting (Whoosh calls it when the segment is closed)."""
        self._terms: dict[tuple[str, bytes], int] = {}
        self._term_ids = array("i")
        self._docnums = array("i")
        self._weights = array("d")
        self._value_ends = array("q")
        self._values = bytearray()

    def add(self, item: tuple) -> None:
        """One posting: ``(fieldname, term bytes, docnum, weight, encoded value or None)``."""
        fieldname, tbytes, docnum, weight, vbytes = item
        key = (fieldname, tbytes)
        term_id = self._terms.get(key)
        if term_id is None:
            term_id = self._terms[key] = len(self._terms)
            self.fieldnames.add(fieldname)
        self._term_ids.append(term_id)
        self._docnums.append(docnum)
        self._weights.append(weight)
        if vbytes:
            self._values += vbytes
        self._value_ends.append(len(self._values))

    def __len__(self) -> int:
        return len(self._docnums)

    @property
    def nbytes(self) -> int:
        """Approximate memory held (arrays, encoded values, the term dictionary)."""
        return 24 * len(self._docnums) + len(self._values) + _TERM_BYTES * len(self._terms)


def _length_lookup(perdoc, fieldname: str, count: int) -> np.ndarray | None:
    """Every document's length in the field as Whoosh reads it back (None: no lengths)."""
    if perdoc is None:
        return None
    name = _lenfield(fieldname)
    if not perdoc.has_column(name):
        return None
    raw = perdoc._cached_reader(name, LENGTHS_COLUMN)
    codes = np.frombuffer(raw._dbfile.get(raw._basepos, raw._count), dtype=np.uint8)
    if len(codes) < count:
        codes = np.concatenate([codes, np.zeros(count - len(codes), np.uint8)])
    return _LENGTH_OF_BYTE[codes]


CHUNK = 1 << 18  # postings converted to Python lists at a time


def write_postings(fieldwriter, schema, perdoc, pool: CompactPool, doccount: int) -> None:
    """Write the pool's postings into Whoosh's term and postings files, in Whoosh's order.

    Order: field name, term bytes, document number.  Each term's postings are cut into
    blocks of Whoosh's block size and written as ``W3PostingsWriter`` writes them (the
    minified ids, weights and values pickled and compressed, after a pickled block
    header), its term info built as ``W3TermInfo.add_block`` builds it.
    """
    if not len(pool):
        return
    keys = list(pool._terms)
    term_order = sorted(range(len(keys)), key=keys.__getitem__)
    rank = np.empty(len(keys), dtype=np.int64)
    rank[term_order] = np.arange(len(keys))
    posting_rank = rank[np.frombuffer(pool._term_ids, dtype=np.int32)]
    docnums = np.frombuffer(pool._docnums, dtype=np.int32)
    order = np.lexsort((docnums, posting_rank))
    bounds = np.searchsorted(posting_rank[order], np.arange(len(keys) + 1)).tolist()
    del posting_rank
    weights = np.frombuffer(pool._weights, dtype=np.float64)
    ends = np.frombuffer(pool._value_ends, dtype=np.int64)
    starts = np.concatenate([np.zeros(1, dtype=np.int64), ends[:-1]])
    values = bytes(pool._values)
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
            docs = docnums[picked]
            chunk = (
                docs.tolist(),
                weights[picked].tolist(),
                weights[picked].astype(np.float32).tolist(),
                lengths[docs].tolist() if lengths is not None else None,
                starts[picked].tolist(),
                ends[picked].tolist(),
            )
            for r in range(chunk_first, chunk_last):
                btext = keys[term_order[r]][1]
                writer.write(btext, chunk, values, bounds[r] - base, bounds[r + 1] - base)
            chunk_first = chunk_last
        fieldwriter.finish_field()
        first = last


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

    def items(value: str) -> Items:
        for text, poslist in positions_of(value).items():
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
        self.pool = CompactPool()
        fields = self.schema.items()
        self._plain = not any(f.vector or f.separate_spelling() for _, f in fields)
        self._fast = {name: fast_index(field) for name, field in fields}

    def add_document(self, **fields) -> None:
        if not self._plain:
            return super().add_document(**fields)
        self._check_state()
        perdocwriter, schema, docnum, add = (
            self.perdocwriter,
            self.schema,
            self.docnum,
            self.pool.add,
        )
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
                scorable = field.scorable
                for tbytes, freq, weight, vbytes in items:
                    if scorable:
                        length += freq
                    add((fieldname, tbytes, docnum, weight * fieldboost, vbytes))
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


class _SubWriter(SubWriterTask):
    """A segment-building process: bulk segments of at most ``limitmb`` of postings each.

    Whoosh's task spills its pool to disk and merges the runs at the end; this one commits
    a segment whenever its pool is full and starts another.  It dies with its parent.
    """

    def run(self) -> None:
        die_with_parent()
        ix = self.storage.open_index(self.indexname)
        limit = self.kwargs.get("limitmb", 128) * 1024 * 1024
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
                writer = self.writer = BulkSegmentWriter(ix, _lk=False, **self.kwargs)
        if not self.running:
            writer.cancel()
            return
        if writer._added:
            fieldnames |= writer.pool.fieldnames
            segments.append(writer._finalize_segment())
        else:
            writer._close_segment()
        self.resultqueue.put((None, fieldnames, segments), timeout=5)


class ParallelWriter(MpWriter):
    """Whoosh's multiprocessing writer with bulk segments, adding each process's segments.

    Sub-processes die with the ingest process; one that fails (or never reports) fails
    the commit instead of silently dropping its documents, as Whoosh's writer would.
    """

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, multisegment=True, **kwargs)
        self.pool = CompactPool()

    _flush_segment = BulkSegmentWriter._flush_segment

    def _new_task(self) -> SubWriterTask:
        task = _SubWriter(
            self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, True
        )
        self.tasks.append(task)
        task.start()
        return task

    def _commit(self, mergetype, optimize, merge) -> None:
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self.jobqueue.put(None)
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
