"""The search page on the seeds and the English samples, with a real Whoosh index.

The samples are ingested once for the module (with indexing on, into a temporary index),
as ``./dev run`` does; every test reads that archive and that index.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.template import Context, Template
from django.test import Client
from whoosh import query as wq

from resolutions.ingestion import ingest_paths
from resolutions.models import Clause, Reference, Resolution, ResolutionText
from search import engine, indexing, query
from search.highlight import render
from search.search_indexes import ClauseIndex, clause_documents, clause_queryset
from tests.conftest import SAMPLES, clear_archive, seed
from tests.search_fixtures import indexing_on_ingest

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """samples/ ingested once, the index following the ingest."""
    index = tmp_path_factory.mktemp("search") / "index"  # does not exist yet: ingest makes it
    with django_db_blocker.unblock(), indexing_on_ingest(index):
        clear_archive()
        summary = ingest_paths([SAMPLES])
        assert summary.failed == 0
        yield index
        clear_archive()


@pytest.fixture
def client() -> Client:
    return Client(HTTP_HOST="localhost")


def _pages(client: Client, **params) -> list:
    """Every result group over every page of a search."""
    groups, page = [], 1
    while True:
        response = client.get("/search/", {**params, "page": page})
        assert response.status_code == 200
        groups.extend(response.context["groups"])
        if not response.context.get("next_url"):
            return groups
        page += 1


def _found(groups) -> set[tuple[str, str]]:
    return {(g.symbol, g.language) for g in groups}


def _marked(groups) -> list[str]:
    return [
        m for g in groups for c in g.clauses for m in re.findall(r"<mark>(.*?)</mark>", c.snippet)
    ]


def test_chinese_name_finds_both_chinese_texts_and_marks_it(client):
    groups = _pages(client, q="各国议会联盟")
    assert {("A/RES/65/123", "zh"), ("A/RES/72/278", "zh")} <= _found(groups)
    assert set(_marked(groups)) == {"各国议会联盟"}


def test_english_name_finds_the_english_text_and_marks_its_words(client):
    groups = _pages(client, q="Inter-Parliamentary Union")
    assert ("A/RES/65/123", "en") in _found(groups)
    snippets = " ".join(c.snippet for g in groups if g.symbol == "A/RES/65/123" for c in g.clauses)
    assert "<mark>Inter</mark>-<mark>Parliamentary</mark> <mark>Union</mark>" in snippets


def test_english_words_are_stemmed_parliament_finds_parliaments(client):
    groups = _pages(client, q="parliament")
    assert "parliaments" in {m.lower() for m in _marked(groups)}


def test_quoted_phrases_work_in_both_languages(client):
    en = _pages(client, q='"Inter-Parliamentary Union"')
    assert ("A/RES/65/123", "en") in _found(en)
    zh = _pages(client, q='"各国 议会联盟"')  # quoted CJK: the space between CJK goes
    assert ("A/RES/65/123", "zh") in _found(zh)


def test_a_chinese_substring_jieba_does_not_cut_is_found_literally(client):
    # jieba keeps 各国议会联盟 as one word; its inner "议会联盟" must still be found.
    assert query.cut("各国议会联盟") == ["各国议会联盟"]
    groups = _pages(client, q="议会联盟", language="zh")
    assert ("A/RES/65/123", "zh") in _found(groups)
    assert set(_marked(groups)) == {"议会联盟"}


def test_mixed_chinese_and_english_query_answers(client):
    response = client.get("/search/", {"q": "联合国 2030"})
    assert response.status_code == 200
    assert response.context["total"] > 0


@pytest.mark.parametrize(
    "q", ["65/123", "A/RES/65/123", "第65/123号决议", "resolution 65/123", "a/res/65/123"]
)
def test_symbol_of_an_archived_resolution_goes_to_its_page(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 302
    assert response["Location"] == "/A/RES/65/123/"


@pytest.mark.parametrize("q", ["57/32", "A/RES/57/32", "第57/32号决议", "resolution 57/32"])
def test_symbol_not_in_the_archive_lists_the_clauses_citing_it(client, q):
    assert not Resolution.objects.filter(symbol="A/RES/57/32").exists()
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "not in the archive" in response.context["note"]
    citing = set(
        Reference.objects.filter(symbol="A/RES/57/32", clause__isnull=False).values_list(
            "clause__text__resolution__symbol", flat=True
        )
    )
    assert citing and citing <= {g.symbol for g in response.context["groups"]}


def test_cites_prefix_lists_every_clause_citing_the_symbol(client):
    groups = _pages(client, q="cites:A/RES/60/1")
    expected = set(
        Clause.objects.filter(
            Q(references__symbol="A/RES/60/1") | Q(footnotes__references__symbol="A/RES/60/1")
        ).values_list("text__resolution__symbol", "text__language")
    )
    assert expected and expected <= _found(groups)
    assert _found(_pages(client, q="cites:60/1")) == _found(groups)


@pytest.mark.parametrize(
    "q",
    [
        '"unbalanced quote',
        'Inter-Parliamentary "Union',
        "AND OR",
        "NOT",
        "*",
        "?",
        "x" * 2000,
        "各国" * 1000,
        "\x00\x07ab\x1bc\u200b",
        "联合国 Inter-Parliamentary 2030 议程",
        "(((",
        "text:foo AND bigrams:x",
        "cites:",
        "cites:nonsense/",
        "第号决议",
        "%00<script>alert(1)</script>",
        "\ufffd\ud7ff",
        "",
    ],
)
def test_hostile_input_gives_a_page_never_an_error(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["0", "-1", "abc", "501", "9" * 40])
def test_page_number_out_of_range_is_a_400(client, page):
    assert client.get("/search/", {"q": "parliament", "page": page}).status_code == 400


def test_page_past_the_last_shows_the_last_page(client):
    response = client.get("/search/", {"q": "parliament", "page": "400"})
    assert response.status_code == 200
    assert response.context["page"] == response.context["pages"]


def test_facets_count_and_filter_by_language_kind_and_lead(client):
    response = client.get("/search/", {"q": "决定"})
    facets = response.context["facets"]
    languages = {v.label: v.count for v in facets["Language"]}
    assert languages.get("中文", 0) > 0
    leads = {v.label for v in facets["Lead phrase"]}
    assert "决定" in leads
    filtered = _pages(client, q="决定", language="zh", kind="operative", lead="决定")
    assert filtered and {g.language for g in filtered} == {"zh"}
    ids = {
        c.pk
        for c in Clause.objects.filter(text__language="zh", kind="operative", lead="决定")
        if "决定" in c.body
    }
    total = client.get(
        "/search/", {"q": "决定", "language": "zh", "kind": "operative", "lead": "决定"}
    )
    assert total.context["total"] == len(ids)


def test_session_and_year_filters_narrow_the_hits(client):
    all_hits = client.get("/search/", {"q": "联合国"}).context["total"]
    by_session = client.get("/search/", {"q": "联合国", "session": "65"}).context
    assert 0 < by_session["total"] < all_hits
    assert {g.symbol for g in by_session["groups"]} <= {
        r.label for r in Resolution.objects.filter(session=65)
    }
    years = client.get("/search/", {"q": "联合国", "year_from": "1990", "year_to": "1991"})
    assert years.status_code == 200 and years.context["total"] == 0


def test_sort_by_date_puts_the_newest_resolution_first(client):
    groups = client.get("/search/", {"q": "United Nations", "sort": "date"}).context["groups"]
    dates = [g.adopted for g in groups if g.adopted]
    assert dates == sorted(dates, reverse=True)


def test_highlighter_escapes_the_clause_and_inserts_only_its_marks():
    html = render(
        "各国议会联盟<script>alert('x')</script> & parliaments",
        ["议会联盟"],
        {"parliament", "script"},
    )
    assert "<script>" not in html
    assert "&lt;<mark>script</mark>&gt;" in html
    assert "各国<mark>议会联盟</mark>" in html and "<mark>parliaments</mark>" in html
    assert re.sub(r"</?mark>", "", html).count("<") == 0


def test_haystack_highlight_tag_marks_chinese_through_the_custom_highlighter():
    template = Template("{% load highlight %}{% highlight body with q %}")
    html = template.render(Context({"body": "同各国议会联盟<b>合作</b>", "q": "议会联盟"}))
    assert "同各国<mark>议会联盟</mark>&lt;b&gt;合作&lt;/b&gt;" in html


def test_a_clause_with_markup_shows_escaped_on_the_page(client):
    clause = Clause.objects.filter(text__language="en").first()
    clause.body = "Decides <script>alert(1)</script> zanzibarian matters"
    clause.save()
    indexing.update_texts([clause.text_id])
    try:
        body = client.get("/search/", {"q": "zanzibarian"}).content.decode()
        assert "<script>alert(1)" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>zanzibarian</mark>" in body
    finally:
        Clause.objects.filter(pk=clause.pk).update(body=clause.body)  # rolled back anyway
        indexing.update_texts([clause.text_id])


def _index_docs(text_id: int) -> int:
    """Live documents of a text (deleted ones excluded, unlike term statistics)."""
    return len(engine.searcher().search(wq.Term("text_id", str(text_id)), limit=None))


def test_reingesting_a_changed_file_replaces_its_documents(tmp_path):
    """A second ingest of an edited seed: old words gone, new ones found, no stale clause."""
    index = tmp_path / "index"
    source = tmp_path / "65_123.txt"
    original = seed("000").read_text(encoding="utf-8")
    source.write_text(original, encoding="utf-8")
    with indexing_on_ingest(index):
        ingest_paths([source])  # unchanged: the module archive holds this file already
        text = ResolutionText.objects.get(resolution__symbol="A/RES/65/123", language="zh")
        indexing.update_texts([text.pk])
        assert _index_docs(text.pk) == text.clauses.count() + 1
        client = Client(HTTP_HOST="localhost")
        before = client.get("/search/", {"q": "各国议会联盟"}).context  # counts now cached
        own = text.clauses.filter(body__contains="各国议会联盟").count()
        assert before["total"] >= own > 0
        edited = original.replace("各国议会联盟", "斯瓦尔巴联盟")
        cut = edited[: edited.rindex("。", 0, len(edited) * 2 // 3) + 1]  # fewer clauses
        source.write_text(cut, encoding="utf-8")
        summary = ingest_paths([source])
        assert summary.changed_text_ids == [text.pk]
        engine.reset()
        assert _index_docs(text.pk) == text.clauses.count() + 1
        assert client.get("/search/", {"q": "斯瓦尔巴联盟"}).context["total"] > 0
        after = client.get("/search/", {"q": "各国议会联盟"}).context  # not the cached counts
        # the index follows the whole archive: other texts (72/278) keep their hits
        assert after["total"] == before["total"] - own


def test_rebuild_index_command_rebuilds_everything(tmp_path, django_db_blocker):
    with indexing_on_ingest(tmp_path / "index"):
        call_command("rebuild_index", interactive=False, verbosity=0)
        engine.reset()
        total = Clause.objects.count() + ResolutionText.objects.count()
        assert engine.searcher().doc_count() == total
        groups = Client(HTTP_HOST="localhost").get("/search/", {"q": "各国议会联盟"})
        assert groups.context["total"] > 0


def test_search_without_an_index_says_so(tmp_path, client):
    with indexing_on_ingest(tmp_path / "missing"):
        shutil.rmtree(tmp_path / "missing", ignore_errors=True)
        response = client.get("/search/", {"q": "parliament"})
        assert response.status_code == 200
        assert "not been built" in response.context["message"]
        assert not Path(tmp_path / "missing").exists()  # a view never writes the index


def test_fast_clause_documents_equal_what_haystack_prepares():
    ids = list(ResolutionText.objects.values_list("pk", flat=True))
    index = ClauseIndex()
    expected = list(indexing._documents(index, clause_queryset().filter(text_id__in=ids)))
    assert len(expected) > 1000
    assert list(clause_documents(ids)) == expected


def test_chinese_query_boosts_jiebas_cut_only_when_every_word_has_two_characters():
    with_words = query.build(query.parse("千年发展目标"))
    assert isinstance(with_words, wq.AndMaybe)  # literal bigrams, boosted by jieba's words
    assert isinstance(with_words.a, wq.Phrase) and with_words.a.fieldname == "bigrams"
    assert with_words.b.fieldname == "text" and with_words.b.boost == query.PHRASE_BOOST
    single = query.build(query.parse("号决议"))  # jieba: 号 / 决议
    assert single == wq.Phrase("bigrams", ["号决", "决议"])
