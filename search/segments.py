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
from array import array

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from resolutions.workers import die_with_parent

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


def write_postings(fieldwriter, schema, perdoc, pool: CompactPool, doccount: int) -> None:
    """Write the pool's postings through Whoosh's field writer, in Whoosh's order.

    Order: field name, term bytes, document number.  Each block gets what Whoosh's
    ``add_posting`` would have gathered posting by posting: the ids, float32 weights, the
    non-empty values, the largest weight, and the shortest and longest non-zero lengths.
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

    lengths_of: dict[str, np.ndarray | None] = {}
    current_field = None
    lengths = None
    postwriter = None
    for r, term_id in enumerate(term_order):
        fieldname, tbytes = keys[term_id]
        if fieldname != current_field:
            if current_field is not None:
                fieldwriter.finish_field()
            current_field = fieldname
            fieldwriter.start_field(fieldname, schema[fieldname])
            postwriter = fieldwriter._postwriter
            if fieldname not in lengths_of:
                lengths_of[fieldname] = _length_lookup(perdoc, fieldname, doccount)
            lengths = lengths_of[fieldname]
        fieldwriter.start_term(tbytes)
        first, last = bounds[r], bounds[r + 1]
        limit = postwriter._blocklimit
        for begin in range(first, last, limit):
            end = min(begin + limit, last)
            picked = order[begin:end]
            block_docs = docnums[picked]
            block_weights = weights[picked]
            ids = array("I")
            ids.frombytes(block_docs.astype(np.uint32).tobytes())
            postwriter._ids = ids
            postwriter._weights = array("f", block_weights.astype(np.float32).tobytes())
            postwriter._maxweight = max(0, float(block_weights.max()))
            postwriter._values = [
                values[s:e]
                for s, e in zip(starts[picked].tolist(), ends[picked].tolist(), strict=True)
                if e > s
            ]
            block_lengths = lengths[block_docs] if lengths is not None else None
            if block_lengths is not None and block_lengths.any():
                block_lengths = block_lengths[block_lengths > 0]
                postwriter._minlength = int(block_lengths.min())
                postwriter._maxlength = int(block_lengths.max())
            else:
                postwriter._minlength, postwriter._maxlength = None, 0
            if end < last:
                postwriter._write_block()
        fieldwriter.finish_term()
    if current_field is not None:
        fieldwriter.finish_field()


class BulkSegmentWriter(SegmentWriter):
    """Whoosh's segment writer with :class:`CompactPool` and :func:`write_postings`."""

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        self.pool = CompactPool()

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
