"""No query can take the site down (issue 21): the query budget, a vanished index, methods.

The samples are ingested once for the module with indexing on, into a temporary index (as
``tests/test_search.py`` does); every test searches that archive through the real page.
The time budget is made tiny through the ``settings`` fixture, so no test is timed: they
look at the note and the partial flag, never at the clock.
"""

from __future__ import annotations

import shutil

import pytest
from django.test import Client

from resolutions.ingestion import ingest_paths
from search import budget, query
from tests.conftest import SAMPLES, clear_archive
from tests.search_fixtures import indexing_on_ingest, use_index

pytestmark = pytest.mark.django_db

INCOMPLETE_EN = "Results are incomplete: the query was too expensive"
INCOMPLETE_ZH = "结果不完整"


@pytest.fixture(scope="module", autouse=True)
def archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """samples/ ingested once, the index following the ingest."""
    index = tmp_path_factory.mktemp("budget") / "index"
    with django_db_blocker.unblock(), indexing_on_ingest(index):
        clear_archive()
        assert ingest_paths([SAMPLES]).failed == 0
        yield index
        clear_archive()


@pytest.fixture
def client() -> Client:
    return Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="en")


def _search(client: Client, q: str, **headers):
    response = client.get("/search/", {"q": q}, **headers)
    assert response.status_code == 200
    return response.context


# --------------------------------------------------------------------------- term cap


def test_query_over_term_cap_is_cut_and_says_so(client):
    words = [f"w{i}" for i in range(budget.MAX_QUERY_TERMS + 8)]
    ctx = _search(client, " ".join(words))
    assert [c.text for c in ctx["parsed"].chunks] == words[: budget.MAX_QUERY_TERMS]
    assert ctx["parsed"].terms_cut
    assert f"only the first {budget.MAX_QUERY_TERMS} were searched" in ctx["note"]
    zh = _search(client, " ".join(words), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert f"只检索了前 {budget.MAX_QUERY_TERMS} 个" in zh["note"]


def test_long_chinese_string_is_cut_to_the_term_cap_in_bigrams():
    text = "各国议会联盟与联合国之间的合作" * 5  # 75 characters, 74 bigrams
    parsed = query.parse(text)
    assert parsed.terms_cut
    assert [c.text for c in parsed.chunks] == [text[: budget.MAX_QUERY_TERMS + 1]]


def test_repeated_words_count_once_and_find_the_same(client):
    once = _search(client, "的")
    repeated = _search(client, "的 的 的 的")
    assert len(repeated["parsed"].chunks) == 1
    assert repeated["total"] == once["total"] > 0
    assert not repeated["parsed"].terms_cut and not repeated["note"]


def test_query_within_the_cap_is_exact_and_says_nothing(client):
    ctx = _search(client, "各国议会联盟")
    assert ctx["total"] > 0
    assert ctx["incomplete"] is False
    assert not ctx["parsed"].terms_cut and not ctx["note"]


# --------------------------------------------------------------------------- cost and time


def test_expensive_query_returns_partial_results_within_budget(client, settings):
    full = _search(client, "的")
    assert full["incomplete"] is False and full["total"] > 0
    settings.SEARCH_TIME_BUDGET = 0  # past the deadline after the first term read
    partial = _search(client, "的")
    assert partial["incomplete"] is True
    assert INCOMPLETE_EN in partial["note"]
    assert 0 < partial["total"] < full["total"]  # what was found before the budget ran out
    shown = {(g.symbol, g.language) for g in partial["groups"]}
    assert shown and all(language == "zh" for _, language in shown)  # real hits of 的
    zh = _search(client, "的", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert INCOMPLETE_ZH in zh["note"]


def test_single_character_over_the_cost_cap_is_partial_and_says_so(client, settings):
    full = _search(client, "国")
    settings.SEARCH_MAX_COST = 1  # no read but the first fits
    capped = _search(client, "国")
    assert capped["incomplete"] is True and INCOMPLETE_EN in capped["note"]
    assert 0 < capped["total"] < full["total"]


# --------------------------------------------------------------------------- the index folder


def test_search_survives_index_folder_removed(client, archive, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(archive, copy)
    try:
        use_index(copy)
        assert _search(client, "各国议会联盟")["total"] > 0  # a warm, cached searcher
        shutil.rmtree(copy)
        gone = client.get("/search/", {"q": "各国议会联盟"})
        assert gone.status_code == 200
        assert "not been built" in gone.context["message"]
        copy.mkdir()  # an empty folder where the index was
        empty = client.get("/search/", {"q": "parliament"})
        assert empty.status_code == 200 and "not been built" in empty.context["message"]
        shutil.rmtree(copy)
        shutil.copytree(archive, copy)  # back: the same worker finds it again
        assert _search(client, "各国议会联盟")["total"] > 0
    finally:
        use_index(archive)


# --------------------------------------------------------------------------- methods


def test_search_answers_get_and_head_only(client):
    assert client.get("/search/", {"q": "parliament"}).status_code == 200
    assert client.head("/search/", {"q": "parliament"}).status_code == 200
    for method in ("options", "trace", "post", "put", "patch", "delete"):
        response = getattr(client, method)("/search/?q=parliament")
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD"
