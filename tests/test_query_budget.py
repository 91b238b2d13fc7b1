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


# --------------------------------------------------------------------------- lanes


BUSY_EN = "other long searches are running"
BUSY_ZH = "其他耗时的检索正在进行"


@pytest.fixture
def lanes_held(settings, tmp_path):
    """Every lane for long searches taken by someone else (another open file, as another
    worker process would hold it); released at the end."""
    settings.DATA_DIR = tmp_path
    settings.SEARCH_LANES = 2
    others = [budget.Lane(tmp_path / budget.LANES_DIR, 2) for _ in range(2)]
    assert all(lane.take() for lane in others)
    yield others
    for lane in others:
        lane.release()


def test_budget_goes_past_its_slice_only_holding_a_lane(tmp_path):
    folder = tmp_path / budget.LANES_DIR
    first = budget.Budget(None, 1000, lane=budget.Lane(folder, 1))  # a slice of 100
    assert first.allows(50) and first.allows(40)  # within the slice: no lane taken
    assert first.lane.fd is None
    assert first.allows(60)  # past the slice: it takes the one lane and goes on
    assert first.lane.fd is not None and not first.exceeded
    with budget.Budget(None, 1000, lane=budget.Lane(folder, 1)) as second:
        assert second.allows(90)
        assert not second.allows(20)  # past its slice, the lane taken: cut, busy
        assert second.exceeded and second.busy
    first.close()
    with budget.Budget(None, 1000, lane=budget.Lane(folder, 1)) as third:
        assert third.allows(90) and third.allows(20)  # the lane is free again
        assert not third.allows(900)  # past the whole budget: cut, but not busy
        assert third.exceeded and not third.busy


def test_search_cut_because_every_lane_is_held_says_so(client, settings, lanes_held):
    full = _search(client, "国")
    settings.SEARCH_MAX_COST = 20  # a slice of 2 postings: only the first read fits
    busy = _search(client, "国")
    assert busy["incomplete"] is True
    assert BUSY_EN in busy["note"] and INCOMPLETE_EN not in busy["note"]
    assert 0 < busy["total"] < full["total"]
    zh = _search(client, "国", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert BUSY_ZH in zh["note"]


def test_search_within_its_slice_needs_no_lane(client, lanes_held):
    ctx = _search(client, "各国议会联盟")
    assert ctx["incomplete"] is False and ctx["total"] > 0
    assert BUSY_EN not in ctx["note"]


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
