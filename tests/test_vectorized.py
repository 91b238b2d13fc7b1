"""The array evaluation of queries against Whoosh's own answers, on a real Whoosh index.

No database: a Whoosh index of 3,000 small documents in a temporary folder, written in
three commits (three segments, one with deletions), with words at known positions.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from whoosh import fields
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Positions

from search import vectorized

WORDS = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    schema = fields.Schema(
        key=fields.ID(stored=True, unique=True),
        body=fields.TEXT(phrase=True),
        language=fields.ID(sortable=True),
        year=fields.NUMERIC(int, sortable=True, shift_step=0),
        symbol=fields.ID(sortable=True),  # with language and position: the tie-break
        position=fields.NUMERIC(int, sortable=True, shift_step=0),
    )
    ix = FileStorage(str(tmp_path_factory.mktemp("vec"))).create_index(schema)
    rng = random.Random(3)
    n = 0
    for _commit in range(3):
        writer = ix.writer()
        for _ in range(1000):
            words = [rng.choice(WORDS[: rng.randint(2, 8)]) for _ in range(rng.randint(1, 30))]
            writer.add_document(
                key=str(n),
                body=" ".join(words),
                language=rng.choice(["en", "zh"]),
                year=1990 + n % 7,
                symbol=f"A/RES/{n % 40}/1",
                position=n % 11,
            )
            n += 1
        writer.commit(merge=False)
    writer = ix.writer()
    for key in range(0, n, 13):
        writer.delete_by_term("key", str(key))
    writer.commit(merge=False)
    with ix.searcher() as s:
        assert len(s.reader().leaf_readers()) >= 3
        yield s


def everything(seg) -> np.ndarray:
    return np.ones(seg.count, dtype=bool)


def ours(s, q, mask=everything) -> dict[int, float]:
    found = vectorized.find(s, q, mask)
    return {
        base + int(d): float(x)
        for _, base, hits in found.segments
        for d, x in zip(hits.ids, hits.scores, strict=True)
    }


def whoosh(s, q) -> dict[int, float]:
    return {hit.docnum: hit.score for hit in s.search(q, limit=None)}


QUERIES = [
    wq.Term("body", "alpha"),
    wq.Term("body", "theta"),
    wq.Term("body", "nowhere"),
    wq.And([wq.Term("body", "alpha"), wq.Term("body", "eta")]),
    wq.Or([wq.Term("body", "theta"), wq.Term("body", "eta")]),
    wq.AndMaybe(wq.Term("body", "gamma"), wq.Term("body", "zeta", boost=3.0)),
    wq.Phrase("body", ["alpha", "beta"]),
    wq.Phrase("body", ["beta", "alpha", "beta"]),
    wq.Phrase("body", ["theta", "eta", "zeta"]),
    wq.AndMaybe(wq.Phrase("body", ["gamma", "delta"]), wq.Phrase("body", ["delta", "eps"])),
    wq.Prefix("body", "et"),
]


@pytest.mark.parametrize("q", QUERIES, ids=repr)
def test_array_evaluation_finds_the_documents_whoosh_finds(searcher, q):
    assert ours(searcher, q).keys() == whoosh(searcher, q).keys()


@pytest.mark.parametrize("q", QUERIES[:6], ids=repr)
def test_terms_and_their_combinations_score_as_whooshs_bm25f(searcher, q):
    mine, theirs = ours(searcher, q), whoosh(searcher, q)
    for docnum, score in theirs.items():
        assert mine[docnum] == pytest.approx(score, rel=1e-9)


def test_deleted_documents_are_never_hits(searcher):
    deleted = {
        base + d
        for reader, base in searcher.reader().leaf_readers()
        for d in reader.segment().deleted_docs()
    }
    assert deleted
    assert not deleted & ours(searcher, wq.Term("body", "alpha")).keys()


def test_a_mask_keeps_only_the_documents_it_admits(searcher):
    def zh_in_1993(seg):
        return seg.value_mask("language", lambda v: v == "zh") & seg.value_mask(
            "year", lambda v: v == 1993
        )

    q = wq.Term("body", "beta")
    expected = whoosh(
        searcher, wq.And([q, wq.Term("language", "zh"), wq.NumericRange("year", 1993, 1993)])
    )
    assert expected and ours(searcher, q, zh_in_1993).keys() == expected.keys()


def test_facet_counts_add_up_over_segments(searcher):
    found = vectorized.find(searcher, wq.Term("body", "gamma"), everything)
    by_lang = vectorized.counts(found, "language")
    assert sum(by_lang.values()) == found.total
    zh = whoosh(searcher, wq.And([wq.Term("body", "gamma"), wq.Term("language", "zh")]))
    assert by_lang["zh"] == len(zh)


def test_order_is_by_score_then_the_tie_break_whatever_the_limit(searcher):
    found = vectorized.find(searcher, wq.Term("body", "alpha"), everything)
    full = vectorized.ordered(found, by_date=False, limit=found.total)
    scores = [score for _, score in full]
    assert scores == sorted(scores, reverse=True)
    for limit in (1, 7, 20, 333):
        assert vectorized.ordered(found, by_date=False, limit=limit) == full[:limit]


def test_reading_around_a_few_documents_keeps_every_posting_of_theirs(searcher):
    reader, _ = searcher.reader().leaf_readers()[0]
    btext = b"alpha"
    ids, tf, _ = vectorized.postings(reader, "body", btext)
    within = ids[:3]  # all in the first block of 128
    part_ids, part_tf, _ = vectorized.postings(reader, "body", btext, within=within)
    assert len(part_ids) < len(ids)
    at = np.searchsorted(part_ids, within)
    assert (part_ids[at] == within).all()
    assert (part_tf[at] == tf[np.searchsorted(ids, within)]).all()


def test_positions_decoded_on_demand_equal_the_cached_arrays():
    lists = [[0, 3, 9], [5], [1, 2, 4, 40]]
    encoded = [Positions().encode(p) for p in lists]
    counts = np.array([len(p) for p in lists])
    lazy = vectorized.TermPostings(np.arange(3), counts.astype(float), encoded=encoded)
    flat = np.array([x for p in lists for x in p], dtype=np.int32)
    cached = vectorized.TermPostings(
        np.arange(3),
        counts.astype(float),
        starts=np.concatenate([[0], np.cumsum(counts)]),
        flat=flat,
    )
    picked = np.array([0, 2])
    for postings in (lazy, cached):
        owner, positions = postings.positions(picked)
        assert owner.tolist() == [0, 0, 0, 1, 1, 1, 1]
        assert positions.tolist() == [0, 3, 9, 1, 2, 4, 40]


def test_intersection_of_ascending_arrays():
    a = np.array([1, 4, 6, 9, 12])
    b = np.array([0, 4, 5, 9, 13, 20])
    assert vectorized._intersect(a, b).tolist() == [4, 9]
    assert vectorized._intersect(a, b[:0]).tolist() == []
