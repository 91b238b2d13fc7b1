"""The bulk segment writer against Whoosh's own writer: the same files, byte for byte.

No database: the index schema is the site's (haystack's fields through our backend), the
documents are clause-shaped, with the paragraphs of the sample resolutions (Chinese and
English) as their text.  Each test writes the same documents with Whoosh's
``SegmentWriter`` and with ours, into separate (non-compound) segment files, and compares
every file but the table of contents (which names the random segment ids).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import signal
from pathlib import Path

import numpy as np
import pytest
from haystack import connections
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from search.segments import BulkSegmentWriter, CompactPool, ParallelWriter

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").rglob("*.txt"))


def site_schema():
    connection = connections["default"]
    fields = connection.get_unified_index().all_searchfields()
    return connection.get_backend().build_schema(fields)[1]


def paragraphs() -> list[str]:
    found = []
    for path in SAMPLES:
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            text = " ".join(block.split())
            if len(text) > 20:
                found.append(text)
    return found


def documents(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    texts = paragraphs()
    assert len(texts) > 100
    docs = []
    for n in range(count):
        body = rng.choice(texts)
        doc = {
            "id": f"resolutions.clause.{n}",
            "django_ct": "resolutions.clause",
            "django_id": str(n),
            "text": body,
            "bigrams": body,
            "lead": body.split(" ")[0][:20],
            "kind": rng.choice(["preamble", "operative"]),
            "position": n % 40,
            "language": "zh" if re.search("[\u4e00-\u9fff]", body) else "en",
            "symbol": f"A/RES/{60 + n % 19}/{n % 200}",
            "text_id": str(n // 30),
            "resolution_id": str(n // 60),
        }
        if n % 3:
            doc["number"] = n % 17
            doc["session"] = 60 + n % 19
            doc["year"] = 2005 + n % 19
            doc["adopted"] = dt.datetime(2005 + n % 19, 1 + n % 12, 1 + n % 28)
        if n % 5 == 0:
            doc["cites"] = f"A/RES/57/{n % 9},A/RES/70/1"
        docs.append(doc)
    return docs


def segment_files(storage: FileStorage) -> dict[str, bytes]:
    """Every segment file's bytes, named without the segment id (order of segments kept)."""
    ix = storage.open_index()
    files = {}
    for i, segment in enumerate(ix._segments()):
        prefix = f"MAIN_{segment.segment_id().split('_', 1)[-1]}"
        for name in storage.list():
            if name.startswith(prefix):
                files[f"{i}{name[len(prefix) :]}"] = storage.open_file(name).read()
    return files


def new_storage(folder: Path) -> FileStorage:
    folder.mkdir()
    return FileStorage(str(folder))


def write(folder: Path, writer_class, batches: list[list[dict]], optimize: bool = False):
    storage = new_storage(folder)
    ix = storage.create_index(site_schema())
    for batch in batches:
        writer = writer_class(ix, compound=False, limitmb=1)
        for doc in batch:
            writer.add_document(**doc)
        writer.commit(merge=False)
    writer = writer_class(ix, compound=False)
    for key in range(0, sum(map(len, batches)), 11):
        writer.delete_by_term("id", f"resolutions.clause.{key}")
    writer.commit(optimize=optimize, merge=False)
    return storage


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return documents(1500)


def test_bulk_writer_writes_the_files_whoosh_writes(tmp_path, docs):
    theirs = segment_files(write(tmp_path / "whoosh", SegmentWriter, [docs]))
    ours = segment_files(write(tmp_path / "bulk", BulkSegmentWriter, [docs]))
    assert sorted(ours) == sorted(theirs)
    assert {".trm", ".pst"} <= {name[-4:] for name in ours}
    for name in theirs:
        assert ours[name] == theirs[name], name


def test_merged_segments_are_the_files_whoosh_merges(tmp_path, docs):
    batches = [docs[:500], docs[500:1000], docs[1000:]]
    theirs = segment_files(write(tmp_path / "whoosh", SegmentWriter, batches, optimize=True))
    ours = segment_files(write(tmp_path / "bulk", BulkSegmentWriter, batches, optimize=True))
    assert len({name[0] for name in ours}) == 1  # one segment after the merge
    assert sorted(ours) == sorted(theirs)
    for name in theirs:
        assert ours[name] == theirs[name], name


def test_pool_keeps_each_posting_once_with_its_value():
    pool = CompactPool()
    pool.add(("text", b"peace", 0, 2.0, b"\x02ab"))
    pool.add(("text", b"peace", 3, 1.0, b"\x01c"))
    pool.add(("id", b"x", 3, 1.0, None))
    assert len(pool) == 3
    assert pool.fieldnames == {"text", "id"}
    assert list(pool._term_ids) == [0, 0, 1]
    assert bytes(pool._values) == b"\x02ab\x01c"
    assert list(pool._value_ends) == [3, 5, 5]
    assert pool.docnums().tolist() == [0, 3, 3]
    assert pool.terms() == [("text", b"peace"), ("id", b"x")]
    pool.add(("text", b"war", 4, 0.1, b"\x01d"))  # a weight float32 cannot hold
    assert pool.weights().tolist() == [2.0, 1.0, 1.0, 0.1]
    # What the flush reads, a chunk of postings at a time, in any order
    picked = np.array([3, 0, 2], dtype=np.int32)
    assert pool.weights(picked).tolist() == [0.1, 2.0, 1.0]
    assert pool.docnums(picked).tolist() == [4, 0, 3]
    pool.cleanup()
    assert len(pool) == 0


def postings_by_key(storage: FileStorage) -> dict[tuple[str, bytes], list]:
    """Every term's postings as (document id, weight, value), across all segments."""
    ix = storage.open_index()
    found: dict[tuple[str, bytes], list] = {}
    with ix.reader() as reader:
        keys = [reader.stored_fields(n)["id"] for n in range(reader.doc_count_all())]
        for fieldname, tbytes in reader.all_terms():
            matcher = reader.postings(fieldname, tbytes)
            rows = found.setdefault((fieldname, tbytes), [])
            while matcher.is_active():
                rows.append((keys[matcher.id()], matcher.weight(), matcher.value()))
                matcher.next()
    return {key: sorted(rows) for key, rows in found.items()}


def analysed(analyzer, text: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for token in analyzer(text, positions=True, mode="index"):
        if not token.stopped:
            found.setdefault(token.text, []).append(token.pos)
    return found


EDGE_TEXTS = [
    "",
    "   ",
    "The the a an of",  # stop words only
    "of the States' peace-keeping 2024,1 Peace",  # stops before the first kept word
    "第57/32号决议 the 联合国 a 的 in 2018年 5月 22日",
    "回",  # a lone CJK character
    "Ａ／ＲＥＳ／７０／１ 大会",  # full-width Latin
]


@pytest.mark.parametrize("which", ["mixed", "bigrams"])
def test_one_loop_analysers_give_the_analysers_terms_and_positions(which):
    from search.analysis import BIGRAMS, MIXED, bigram_positions, mixed_positions

    analyzer, fast = (MIXED, mixed_positions) if which == "mixed" else (BIGRAMS, bigram_positions)
    texts = paragraphs() + EDGE_TEXTS
    assert sum(bool(re.search("[\u4e00-\u9fff]", t)) for t in texts) > 50
    for text in texts:
        assert fast(text) == analysed(analyzer, text), text[:60]


def test_big_segments_are_never_merged_by_a_later_commit(tmp_path, docs, monkeypatch):
    """Whoosh's policy merges ~27 similar segments in one commit; ours leaves big ones."""
    from whoosh.writing import MERGE_SMALL

    from search import segments

    monkeypatch.setattr(segments, "SMALL_SEGMENT", 20)
    storage = new_storage(tmp_path / "many")
    ix = storage.create_index(site_schema())
    for i in range(30):
        writer = BulkSegmentWriter(ix)
        for doc in docs[i * 30 : (i + 1) * 30]:
            writer.add_document(**doc)
        writer.commit(merge=False)
    assert len(ix.refresh()._segments()) == 30

    def one_more(policy) -> int:
        writer = BulkSegmentWriter(ix.refresh())
        writer.add_document(**docs[-1])
        writer.commit(mergetype=policy)
        return len(ix.refresh()._segments())

    assert one_more(segments.merge_small_segments) == 31
    assert one_more(MERGE_SMALL) < 31  # what would have happened


def assert_nothing_indexed_and_unlocked(ix, doc: dict) -> None:
    ix = ix.refresh()
    assert ix.doc_count_all() == 0
    writer = BulkSegmentWriter(ix)  # the lock was released
    writer.add_document(**doc)
    writer.commit()
    assert ix.refresh().doc_count_all() == 1


def test_a_failed_segment_process_fails_the_commit_and_changes_nothing(tmp_path, docs):
    storage = new_storage(tmp_path / "failing")
    ix = storage.create_index(site_schema())
    writer = ParallelWriter(ix, procs=2, batchsize=50)
    for doc in docs[:200]:
        writer.add_document(**doc)
    writer.add_document(**{**docs[200], "no_such_field": "x"})
    with pytest.raises(RuntimeError, match="segment-building processes failed"):
        writer.commit()
    assert_nothing_indexed_and_unlocked(ix, docs[0])


@pytest.mark.timeout(120)
def test_a_killed_segment_process_fails_the_writer_instead_of_hanging(tmp_path, docs):
    ix = new_storage(tmp_path / "killed").create_index(site_schema())
    writer = ParallelWriter(ix, procs=2, batchsize=10)
    for doc in docs[:20]:
        writer.add_document(**doc)
    assert len(writer.tasks) == 2
    for task in writer.tasks:
        os.kill(task.pid, signal.SIGKILL)
        task.join()
    # Ten more jobs than the queue holds (4 per process): Whoosh's writer waits forever.
    with pytest.raises(RuntimeError, match=r"2 of 2 segment-building processes died"):
        for doc in docs[20:200]:
            writer.add_document(**doc)
    writer.cancel()  # as indexing.update_texts does on any error: nothing more happens
    assert_nothing_indexed_and_unlocked(ix, docs[0])


def test_cancel_stops_the_segment_processes(tmp_path, docs):
    ix = new_storage(tmp_path / "cancelled").create_index(site_schema())
    writer = ParallelWriter(ix, procs=2, batchsize=10)
    for doc in docs[:20]:
        writer.add_document(**doc)
    tasks = list(writer.tasks)
    assert [task.is_alive() for task in tasks] == [True, True]
    writer.cancel()
    assert [task.exitcode for task in tasks] == [-signal.SIGKILL, -signal.SIGKILL]
    assert ix.refresh().doc_count_all() == 0
