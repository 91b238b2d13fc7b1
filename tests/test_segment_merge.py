"""The block-copying merge (``search/merge.py``) against Whoosh's one-segment index.

No database: the site's schema, clause-shaped documents with the sample resolutions'
paragraphs (``tests/test_segments.py``).  The same documents are written as several
segments and merged, and as one segment by Whoosh's ``SegmentWriter``; every term's
postings and term info, every stored field, length and column value must be the same
(the files differ where block boundaries fall), and so must real searches.
"""

from __future__ import annotations

import pickle
import re
import zlib
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from search.merge import _rebase_block, delete_segment_files, merge_segments
from search.query import build, parse
from search.segments import BulkSegmentWriter, ParallelWriter
from tests.test_segments import documents, new_storage, paragraphs, postings_by_key, site_schema


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return documents(1500)


def whoosh_index(folder: Path, docs: list[dict]) -> FileStorage:
    """The documents as one segment written by Whoosh's own writer."""
    storage = new_storage(folder)
    ix = storage.create_index(site_schema())
    writer = SegmentWriter(ix, compound=False)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    return storage


def merged_index(folder: Path, batches: list[list[dict]], compound: bool = False):
    """The batches as segments (bulk writer), merged into one and committed."""
    storage = new_storage(folder)
    ix = storage.create_index(site_schema())
    for batch in batches:
        writer = BulkSegmentWriter(ix, compound=compound)
        for doc in batch:
            writer.add_document(**doc)
        writer.commit(merge=False)
    ix = ix.refresh()
    sources = ix._segments()
    assert len(sources) == len(batches)
    merged = merge_segments(ix, sources, compound=compound)
    delete_segment_files(storage, sources)
    writer = SegmentWriter(ix, compound=compound)
    writer._commit_toc([merged])
    writer._finish()
    return storage, sources, merged


def index_contents(storage: FileStorage) -> dict:
    """Everything a search reads of an index, document numbers included."""
    ix = storage.open_index()
    schema = ix.schema
    contents: dict = {"segments": len(ix._segments())}
    with ix.reader() as reader:
        count = reader.doc_count_all()
        contents["doc_count"] = (count, reader.doc_count())
        contents["stored"] = [reader.stored_fields(n) for n in range(count)]
        for fieldname, field in schema.items():
            if field.scorable and reader._perdoc.has_column(f"_{fieldname}_len"):
                contents[f"length {fieldname}"] = (
                    reader.field_length(fieldname),
                    reader.min_field_length(fieldname),
                    reader.max_field_length(fieldname),
                    [reader.doc_field_length(n, fieldname) for n in range(count)],
                )
            if field.column_type and reader.has_column(fieldname):
                column = reader.column_reader(fieldname, translate=False)
                contents[f"column {fieldname}"] = [column[n] for n in range(count)]
        for fieldname, tbytes in reader.all_terms():
            info = reader.term_info(fieldname, tbytes)
            matcher = reader.postings(fieldname, tbytes)
            ids = list(matcher.all_ids())
            matcher = reader.postings(fieldname, tbytes)
            items = list(matcher.items_as("weight"))
            matcher = reader.postings(fieldname, tbytes)
            values = []
            while matcher.is_active():
                values.append(matcher.value())
                matcher.next()
            contents[(fieldname, tbytes)] = (
                info.doc_frequency(),
                info.weight(),
                info.min_length(),
                info.max_length(),
                info.max_weight(),
                info.min_id(),
                info.max_id(),
                ids,
                items,
                values,
            )
    return contents


def searches(storage: FileStorage) -> dict[str, list[tuple[str, float]]]:
    """The hits (id and score) of a Chinese phrase and English words, as the site asks."""
    chinese = next(p for p in paragraphs() if re.search("[\u4e00-\u9fff]{6}", p))
    phrase = re.search("[\u4e00-\u9fff]{6}", chinese).group()
    ix = storage.open_index()
    found = {}
    with ix.searcher() as searcher:
        for text in (phrase, phrase[:3], "security", "peace", "general assembly", "A/RES/70/1"):
            query = build(parse(text))
            if query is None:
                continue
            hits = searcher.search(query, limit=None)
            found[text] = sorted((hit["id"], round(hit.score, 6)) for hit in hits)
    assert found[phrase] and found["security"]
    return found


def test_merged_segments_read_as_whoosh_one_segment(tmp_path, docs):
    batches = [docs[:500], docs[500:1003], docs[1003:]]
    storage, _, merged = merged_index(tmp_path / "merged", batches)
    theirs = index_contents(whoosh_index(tmp_path / "whoosh", docs))
    ours = index_contents(storage)
    assert ours["segments"] == 1 and merged.doc_count_all() == len(docs)
    assert ours.keys() == theirs.keys()
    for key in theirs:
        assert ours[key] == theirs[key], key
    assert searches(storage) == searches(FileStorage(str(tmp_path / "whoosh")))


def test_merged_compound_segments_leave_one_file(tmp_path, docs):
    storage, sources, merged = merged_index(tmp_path / "compound", [docs[:700], docs[700:]], True)
    assert merged.is_compound()
    names = storage.list()
    assert not any(s.segment_id() in name for s in sources for name in names)
    assert [n for n in names if n.startswith(merged.segment_id())] == [merged.make_filename(".seg")]
    whoosh = whoosh_index(tmp_path / "whoosh", docs)
    assert postings_by_key(storage) == postings_by_key(whoosh)
    assert searches(storage) == searches(whoosh)


def test_one_segment_merged_is_its_own_files(tmp_path, docs):
    """Offset 0: blocks and columns are copied as they are, so every file is the source's."""
    storage, sources, merged = merged_index(tmp_path / "one", [docs])
    whoosh = whoosh_index(tmp_path / "whoosh", docs)

    def files(storage: FileStorage) -> dict[str, bytes]:
        (segment,) = storage.open_index()._segments()
        prefix = segment.segment_id()
        return {
            n[len(prefix) :]: storage.open_file(n).read()
            for n in storage.list()
            if n.startswith(prefix)
        }

    ours, theirs = files(storage), files(whoosh)
    assert ours.keys() == theirs.keys()
    for name in theirs:
        assert ours[name] == theirs[name], name


def test_parallel_writer_reports_one_merged_segment_per_process(tmp_path):
    docs = documents(3000, seed=11)
    pool = BulkSegmentWriter(new_storage(tmp_path / "pool").create_index(site_schema()))
    for doc in docs:
        pool.add_document(**doc)
    # Two processes, 1 MB pools: each one fills its pool more than once.
    assert pool.pool.nbytes > 2 * 2 * 1024 * 1024
    pool.cancel()
    whoosh = whoosh_index(tmp_path / "whoosh", docs)
    storage = new_storage(tmp_path / "parallel")
    ix = storage.create_index(site_schema())
    writer = ParallelWriter(ix, procs=2, limitmb=1, batchsize=50)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit(merge=False)
    segments = ix.refresh()._segments()
    assert len(segments) == 2  # one per process, each merged from the ones it rolled
    assert sum(s.doc_count_all() for s in segments) == len(docs)
    files = {name for name in storage.list() if name.startswith("MAIN_") and "." in name}
    assert files == {s.make_filename(".seg") for s in segments}  # the rolled ones deleted
    assert postings_by_key(storage) == postings_by_key(whoosh)
    assert searches(storage) == searches(whoosh)


def test_segments_with_deletions_are_refused(tmp_path, docs):
    storage = new_storage(tmp_path / "deleted")
    ix = storage.create_index(site_schema())
    writer = BulkSegmentWriter(ix)
    for doc in docs[:50]:
        writer.add_document(**doc)
    writer.commit()
    writer = BulkSegmentWriter(ix)
    writer.delete_by_term("id", "resolutions.clause.3")
    writer.commit(merge=False)
    with pytest.raises(ValueError, match="deletions"):
        merge_segments(ix.refresh(), ix.refresh()._segments())


@pytest.mark.parametrize("first", [0, 200, 255, 256, 65535, 65536, 2**31 - 10])
@pytest.mark.parametrize("base", [1, 55, 65536])
def test_rebased_block_is_the_block_whoosh_pickles(first, base):
    """Re-encoding the two ids in place gives what pickling the rebased block gives."""
    ids = (first, 1, 3) if first % 2 else (first, 1, 3, 4, 9)
    for comp in (0, 3):
        data = pickle.dumps((ids, (2.0, 1.0, 1.0), None), 2)
        header = pickle.dumps((len(ids), first + 17, 2.0, comp, 1, 9), 2)
        block = header + (zlib.compress(data, comp) if comp else data)
        if first + 17 + base >= 2**31:
            continue
        rebased = _rebase_block(block, base)
        data = pickle.dumps(((first + base, *ids[1:]), (2.0, 1.0, 1.0), None), 2)
        header = pickle.dumps((len(ids), first + 17 + base, 2.0, comp, 1, 9), 2)
        assert rebased == header + (zlib.compress(data, comp) if comp else data)
