"""Parallel ingest: one core or two, the same archive and the same search results.

200 synthetic resolutions (``benchmarks/make_corpus.py``, 400 texts) are ingested twice into
an empty archive: once with one parsing process and one index-building process, once with
two of each.  Row contents (everything but the ids) and the search page's answers to fixed
queries must be equal.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db.models import Prefetch
from django.test import Client
from whoosh.index import open_dir

from resolutions.ingestion import ingest_paths, refresh_statistics
from resolutions.models import Footnote, Resolution, ResolutionText
from tests.conftest import clear_archive, synthetic_corpus
from tests.search_fixtures import indexing_on_ingest

pytestmark = pytest.mark.django_db

QUERIES = [
    "sustainable development",
    "Secretary-General",
    "human rights",
    "reaffirming",
    '"international cooperation"',
    "秘书长",
    "可持续发展",
    "人权",
    "国际合作",
    "A/RES/60/1",
    "cites:A/RES/70/1",
]


def archive_snapshot() -> list[tuple]:
    """Every text with its clauses, sub-paragraphs, footnotes and references, ids left out."""
    snapshot = []
    # One query per text for its clauses' footnotes, ordered within the text: the default
    # ordering joins up to the resolution, which PostgreSQL planned at seconds per clause.
    one_text_footnotes = Prefetch("footnotes", queryset=Footnote.objects.order_by("position"))
    texts = ResolutionText.objects.select_related("resolution").order_by(
        "resolution__key", "language"
    )
    for text in texts:
        r = text.resolution
        snapshot.append(
            (
                r.key,
                r.symbol,
                r.session,
                r.adopted,
                r.meeting,
                r.draft_symbol,
                text.language,
                text.title,
                text.checksum,
                [
                    (c.position, c.kind, c.ordinal, c.number, c.lead, c.body, c.section)
                    + tuple((s.depth, s.label, s.body) for s in c.subparagraphs.all())
                    + tuple(f.marker for f in c.footnotes.all())
                    for c in text.clauses.prefetch_related("subparagraphs", one_text_footnotes)
                ],
                [(f.position, f.marker, f.body) for f in text.footnotes.all()],
                [
                    (
                        ref.symbol,
                        ref.kind,
                        ref.cited_in,
                        ref.clause.position if ref.clause else None,
                        ref.target.key if ref.target else None,
                    )
                    for ref in text.references.select_related("clause", "target")
                ],
            )
        )
    return snapshot


def search_answers(client: Client) -> list[tuple]:
    """What the search page shows for each query: hits, result groups and snippets."""
    answers = []
    for q in QUERIES:
        response = client.get("/search/", {"q": q}, follow=True)
        assert response.status_code == 200, q
        context = response.context
        groups = [
            (g.symbol, g.language, [(c.label, c.snippet) for c in g.clauses])
            for g in context.get("groups") or []
        ]
        answers.append((q, context.get("total"), groups, response.redirect_chain))
    return answers


def test_ingest_of_200_synthetic_resolutions_is_the_same_on_one_core_or_two(tmp_path, settings):
    corpus = synthetic_corpus(tmp_path / "corpus", 200, seed=3)
    client = Client(HTTP_HOST="localhost")
    snapshots, answers, segments = [], [], []
    for jobs in (1, 2):
        clear_archive()
        # PostgreSQL's statistics as autovacuum can leave them between two test modules:
        # every table empty.  Ingest must refresh them (ingestion.refresh_statistics).
        refresh_statistics()
        settings.INDEX_PROCS = jobs
        index = tmp_path / f"index-{jobs}"
        with indexing_on_ingest(index):
            summary = ingest_paths([corpus], jobs=jobs)
            assert (summary.jobs, summary.failed, summary.count("created")) == (jobs, 0, 400)
            snapshots.append(archive_snapshot())
            answers.append(search_answers(client))
        with open_dir(str(index)).reader() as reader:
            segments.append(len(reader.leaf_readers()))

    assert Resolution.objects.count() == 200
    assert snapshots[0] == snapshots[1]
    assert answers[0] == answers[1]
    # The answers are not empty, and the two-core index really was built by two processes.
    assert sum(len(groups) for _q, _total, groups, _chain in answers[0]) > 50
    assert segments == [1, 2]


def test_make_corpus_is_deterministic_for_a_seed(tmp_path: Path):
    outs = []
    for name in ("a", "b"):
        out = synthetic_corpus(tmp_path / name, 30, seed=5)
        outs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.txt"))})
    assert len(outs[0]) == 60 and outs[0] == outs[1]
