"""Chinese recall on the real corpus: what the index finds vs. a substring scan.

To stay within the CI budget the module loads ONE session of the corpus (75: Chinese,
English and metadata, about 26,000 clauses) once, indexing it as ingest does (~2 minutes
on two cores), not all four sessions.  Skipped when ../shared is not beside the checkout.
"""

from __future__ import annotations

import random
import re

import pytest
from django.test import Client
from haystack.constants import DJANGO_CT
from whoosh import query as wq

from resolutions.ingestion import ingest_paths
from resolutions.models import Clause
from search import engine, query, vectorized
from search.analysis import CJK_RUN
from tests.conftest import UNXML, clear_archive
from tests.search_fixtures import indexing_on_ingest

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not UNXML.is_dir(), reason="../shared/corpus/unxml is not here"),
]

SAMPLES = 200
SEED = 20240505


@pytest.fixture(scope="module", autouse=True)
def session_75(django_db_setup, django_db_blocker, tmp_path_factory):
    index = tmp_path_factory.mktemp("corpus") / "index"
    paths = [UNXML / f"75session-{part}" for part in ("Chinese.tar.xz", "English.tar.xz")]
    with django_db_blocker.unblock(), indexing_on_ingest(index):
        clear_archive()
        assert ingest_paths([*paths, UNXML / "75session-metadata.jsonl"]).failed == 0
        yield
        clear_archive()


@pytest.fixture(scope="module")
def zh_bodies(django_db_blocker) -> dict[int, str]:
    with django_db_blocker.unblock():
        return dict(Clause.objects.filter(text__language="zh").values_list("pk", "body"))


def _sample_strings(bodies: dict[int, str]) -> list[str]:
    """200 CJK strings of 2–6 characters cut from random clauses (fixed seed)."""
    rng = random.Random(SEED)
    ids = sorted(bodies)
    found: list[str] = []
    while len(found) < SAMPLES:
        runs = [r for r in CJK_RUN.findall(bodies[rng.choice(ids)]) if len(r) >= 2]
        if not runs:
            continue
        run = rng.choice(runs)
        size = rng.randint(2, min(6, len(run)))
        start = rng.randrange(len(run) - size + 1)
        found.append(run[start : start + size])
    return found


def _found(text: str, language: str = "zh") -> dict[int, float]:
    """Clause id → score of every hit the site's search finds (arrays, not Whoosh)."""
    s = engine.searcher()
    found = vectorized.find(s, query.build(query.parse(text)), engine.Filters(language).mask)
    return {
        int(s.stored_fields(base + int(docnum))["django_id"]): float(score)
        for _seg, base, hits in found.segments
        for docnum, score in zip(hits.ids, hits.scores, strict=True)
    }


def _found_ids(text: str) -> set[int]:
    return set(_found(text))


def _whoosh_found(text: str, language: str) -> dict[int, float]:
    """The same search through Whoosh's own matchers and BM25F scorer (the oracle)."""
    only = wq.And([wq.Term(DJANGO_CT, engine.CLAUSE_CT), wq.Term("language", language)])
    results = engine.searcher().search(query.build(query.parse(text)), filter=only, limit=None)
    return {int(hit["django_id"]): hit.score for hit in results}


def test_array_search_finds_exactly_what_whoosh_finds(zh_bodies):
    """Chinese strings (phrases of bigrams, jieba words) and English words and pairs: the
    same clauses as Whoosh's matchers; where no phrase is involved, Whoosh's scores too."""
    rng = random.Random(SEED + 1)
    english = list(Clause.objects.filter(text__language="en").values_list("body", flat=True)[:3000])
    words = [w for body in rng.sample(english, 60) for w in re.findall(r"[A-Za-z]{4,}", body)]
    latin = rng.sample(words, 40) + [" ".join(rng.sample(words, 2)) for _ in range(20)]
    cases = [(t, "zh") for t in _sample_strings(zh_bodies)[:80]] + [(t, "en") for t in latin]
    for text, language in cases:
        if query.build(query.parse(text)) is None:  # only stop words
            continue
        mine, theirs = _found(text, language), _whoosh_found(text, language)
        assert mine.keys() == theirs.keys(), text
        if " " not in text and language == "en":  # a single term: BM25F exactly as Whoosh
            for pk, score in theirs.items():
                assert mine[pk] == pytest.approx(score, rel=1e-6), (text, pk)


def test_chinese_strings_are_found_wherever_they_occur_literally(zh_bodies):
    strings = _sample_strings(zh_bodies)
    expected_total = found_total = top_total = top_literal = 0
    for text in strings:
        expected = {pk for pk, body in zh_bodies.items() if text in body}
        found = _found_ids(text)
        expected_total += len(expected)
        found_total += len(expected & found)
        top = engine.run(
            query.build(query.parse(text)),
            engine.Filters(language="zh"),
            sort="relevance",
            page=1,
            per_page=10,
        ).hits
        top_total += len(top)
        top_literal += sum(text in zh_bodies[h.clause_id] for h in top)
    recall = found_total / expected_total
    precision = top_literal / top_total
    print(f"\nrecall {recall:.4f} ({found_total}/{expected_total} clauses, {SAMPLES} strings)")
    print(f"top-10 literal {precision:.4f} ({top_literal}/{top_total})")
    assert recall >= 0.99
    assert precision >= 0.95


@pytest.mark.parametrize("text", ["议会联盟", "会议组织", "千年发展目标"])
def test_named_strings_find_every_clause_containing_them(zh_bodies, text):
    expected = {pk for pk, body in zh_bodies.items() if text in body}
    assert expected, text
    assert _found_ids(text) == expected


def test_session_and_year_facets_come_from_the_metadata():
    response = Client(HTTP_HOST="localhost").get("/search/", {"q": "决定"})
    facets = response.context["facets"]
    assert [v.label for v in facets["Session"]] == ["75"]
    assert {v.label for v in facets["Adopted"]} <= {"2020", "2021"}
