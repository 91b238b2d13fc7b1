"""The pages, with the Django test client, on the real seeds and a citing 76th-session text.

The archive (seeds + ``tests/data/pages``: A/RES/76/270 recalls the seed A/RES/72/278;
A/RES/76/145 was adopted by a recorded vote) is ingested once for the module; each test runs
in a transaction rolled back afterwards, so tests may change rows freely.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resolutions import queries
from resolutions.ingestion import dry_run, resolve_references
from resolutions.links import draft_slug
from resolutions.models import (
    Clause,
    Footnote,
    MemberState,
    Reference,
    Resolution,
    ResolutionText,
    Subject,
    Subparagraph,
)
from tests.conftest import ROOT, SEEDS, html, seed

PAGES_DATA = ROOT / "tests" / "data" / "pages"


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    """Seeds and the 76th-session texts, ingested once; removed when the module is done."""
    with django_db_blocker.unblock():
        call_command("ingest", str(SEEDS), str(PAGES_DATA), stdout=io.StringIO())
        yield
        Resolution.objects.all().delete()
        MemberState.objects.all().delete()
        Subject.objects.all().delete()


@pytest.fixture
def site(archive, db, client):
    """The test client over the ingested archive (English interface)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def draft_path() -> str:
    draft = Resolution.objects.get(key__startswith="draft:67:")
    return f"/drafts/{draft_slug(draft.key)}/"


# --------------------------------------------------------------------------- layout, home


def test_every_page_has_the_search_box_and_the_stylesheet(site):
    for url in ("/", "/resolutions/", "/sessions/", "/sessions/65/", "/A/RES/65/123/"):
        page = html(site.get(url))
        assert 'action="/search/"' in page and 'name="q"' in page
        assert "/static/css/unres.css" in page
        # every stylesheet, script and image is served by the site itself (no CDN, no web
        # fonts); the CSRF token is random text, so look at the addresses, not the whole page
        assets = re.findall(r'<(?:link|script|img)\b[^>]*\b(?:href|src)="([^"]*)"', page)
        assert assets and all(
            a == "data:," or (a.startswith("/") and not a.startswith("//")) for a in assets
        )


def test_home_says_what_the_archive_holds(site):
    page = html(site.get("/"))
    stats = queries.archive_stats()
    assert stats["texts_zh"] == 6 and stats["texts_en"] == 3
    assert stats["resolutions"] == 5 and stats["drafts"] == 1
    assert f"<dd>{stats['clauses']}</dd>" in page
    assert "Most recent" in page and "Most cited" in page


def test_home_lists_the_most_recent_and_the_most_cited(site):
    page = html(site.get("/"))
    recent = page.split("Most recent")[1].split("Most cited")[0]
    assert recent.index("A/RES/76/270") < recent.index("A/RES/72/278")
    most_cited = page.split("Most cited")[1]
    assert 'href="/A/RES/72/278/"' in most_cited
    assert "cited by 1" in most_cited


def test_interface_speaks_chinese_when_the_browser_asks(site):
    page = site.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()
    assert 'lang="zh-Hans"' in page
    assert "浏览" in page and "被引用最多" in page


def test_language_switch_sets_the_interface_language(site):
    response = site.post("/i18n/setlang/", {"language": "zh-hans", "next": "/resolutions/"})
    assert response.status_code == 302 and response["Location"] == "/resolutions/"
    assert "浏览决议" in html(site.get("/resolutions/"))


# --------------------------------------------------------------------------- browse


def symbols_listed(page: str) -> list[str]:
    return re.findall(r'class="res-symbol" href="[^"]*">([^<]+)<', page)


def test_browse_filters_by_session(site):
    assert symbols_listed(html(site.get("/resolutions/?session=65"))) == [
        "A/RES/65/140",
        "A/RES/65/123",
    ]


def test_browse_filters_by_year_language_committee_subject_and_adoption(site):
    assert symbols_listed(html(site.get("/resolutions/?year=2022"))) == ["A/RES/76/270"]
    english = symbols_listed(html(site.get("/resolutions/?language=en&sort=symbol")))
    assert english == ["A/RES/65/123", "A/RES/76/145", "A/RES/76/270"]
    voted = html(site.get("/resolutions/?adoption_type=recorded_vote"))
    assert symbols_listed(voted) == ["A/RES/76/145"]
    committee = Resolution.objects.get(symbol="A/RES/76/145").committee
    assert committee
    assert symbols_listed(html(site.get("/resolutions/", {"committee": committee}))) == [
        "A/RES/76/145"
    ]
    subject = Subject.objects.get(term="Inter-Parliamentary Union")
    assert symbols_listed(html(site.get(f"/resolutions/?subject={subject.pk}"))) == ["A/RES/76/270"]


def test_browse_sorts_by_date_or_symbol_and_paginates(site, monkeypatch):
    by_date = symbols_listed(html(site.get("/resolutions/")))
    assert by_date[0] == "A/RES/76/270"
    by_symbol = symbols_listed(html(site.get("/resolutions/?sort=symbol")))
    assert by_symbol[:3] == ["A/RES/65/123", "A/RES/65/140", "A/RES/72/278"]
    monkeypatch.setattr(queries, "BROWSE_PAGE_SIZE", 2)
    first = html(site.get("/resolutions/?sort=symbol"))
    assert symbols_listed(first) == by_symbol[:2]
    assert "sort=symbol&amp;page=2" in first
    assert symbols_listed(html(site.get("/resolutions/?sort=symbol&page=2"))) == by_symbol[2:4]


def test_session_index_and_session_page(site):
    assert 'href="/sessions/76/"' in html(site.get("/sessions/"))
    page = html(site.get("/sessions/76/"))
    assert symbols_listed(page) == ["A/RES/76/145", "A/RES/76/270"]
    assert site.get("/sessions/12/").status_code == 404


# --------------------------------------------------------------------------- permalinks


@pytest.mark.parametrize(
    "url",
    ["/65/123", "/65/123/", "/a/res/65/123", "/A/RES/65/123", "/a/res/65/123/", "/A/RES/65/123//"],
)
def test_short_and_lower_case_symbols_redirect_to_the_permalink(site, url):
    response = site.get(url)
    assert response.status_code == 301
    assert response["Location"] == "/A/RES/65/123/"


def test_redirect_keeps_the_query_string(site):
    assert site.get("/65/123?lang=en")["Location"] == "/A/RES/65/123/?lang=en"
    assert site.get("/a/res/65/123.json")["Location"] == "/A/RES/65/123.json"


def test_lettered_and_roman_symbols_have_permalinks_too(site):
    assert site.get("/72/262c")["Location"] == "/A/RES/72/262%20C/"
    assert site.get("/a/res/3369(xxx)")["Location"] == "/A/RES/3369(XXX)/"
    page = site.get("/A/RES/72/262%20C/").content.decode()
    assert 'href="https://undocs.org/en/A/RES/72/262%20C"' in page


def test_unknown_symbol_page_says_we_do_not_have_it_and_links_undocs(site):
    response = site.get("/A/RES/57/32/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "does not hold resolution A/RES/57/32" in page
    assert 'href="https://undocs.org/en/A/RES/57/32"' in page
    assert 'action="/search/"' in page


def test_unknown_address_gets_the_404_page_in_the_site_layout(site):
    response = site.get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and 'action="/search/"' in page


def test_server_error_page_uses_the_site_layout(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in page and "/static/css/unres.css" in page


# --------------------------------------------------------------------------- resolution page


def test_resolution_page_shows_the_metadata_and_official_pdf_links(site):
    page = html(site.get("/A/RES/65/123/?lang=en"))
    assert "Cooperation between the United Nations, national parliaments" in page
    assert "2010-12-13" in page and "64th plenary meeting" in page
    assert "A/65/L.11" in page
    assert 'href="https://undocs.org/en/A/RES/65/123"' in page
    assert 'href="https://undocs.org/zh/A/RES/65/123"' in page
    assert 'href="/A/RES/65/123.json"' in page


def test_recorded_vote_lists_each_member_state(site):
    resolution = Resolution.objects.get(symbol="A/RES/76/145")
    page = html(site.get("/A/RES/76/145/"))
    assert "Recorded vote" in page
    assert f"{resolution.votes_yes} in favour" in page
    yes = resolution.votes.filter(choice="Y").select_related("state").first()
    assert yes.state.name in page.split("In favour")[1]
    assert "Inter-Parliamentary Union" in html(site.get("/A/RES/76/270/"))  # a subject


def test_every_clause_has_an_anchor_and_a_copy_link(site):
    page = html(site.get("/A/RES/72/278/"))
    text = ResolutionText.objects.get(resolution__symbol="A/RES/72/278")
    counts = {k: text.clauses.filter(kind=k).count() for k in ("preambular", "operative")}
    for n in range(1, counts["preambular"] + 1):
        assert f'id="pp{n}"' in page and f'class="permalink" href="#pp{n}"' in page
    for n in range(1, counts["operative"] + 1):
        assert f'id="op{n}"' in page and f'class="permalink" href="#op{n}"' in page


def test_subparagraphs_have_anchors_under_their_clause(site):
    page = html(site.get(draft_path()))
    sub = Subparagraph.objects.filter(clause__text__resolution__key__startswith="draft:67:")
    first = sub.select_related("clause").first()
    anchor = f"op{first.clause.ordinal}-{first.label}"
    assert f'id="{anchor}"' in page and f'href="#{anchor}"' in page


def test_lead_phrases_are_set_apart_and_operative_numbers_shown(site):
    zh = html(site.get("/A/RES/72/278/"))
    assert '<span class="lead">又回顾</span>' in zh
    assert '<span class="num">1.</span>' in zh
    en = html(site.get("/A/RES/65/123/?lang=en"))
    assert '<span class="lead">Recalling also</span>' in en


def test_footnotes_link_both_ways(site):
    page = html(site.get("/A/RES/65/123/?lang=en"))
    # preambular paragraph 1 cites note 1; the note links back to it
    assert 'href="#fn-1" id="pp1-fnref-1"' in page
    assert 'id="fn-1"' in page and 'href="#pp1-fnref-1"' in page


def test_cited_symbols_link_to_our_page_or_to_undocs_marked_external(site):
    page = html(site.get("/A/RES/76/270/?lang=zh"))
    assert '<a class="cite internal" href="/A/RES/72/278/">72/278</a>' in page
    assert re.search(r'<a class="cite external" href="https://undocs.org/zh/A/RES/57/32"', page)
    note = html(site.get("/A/RES/72/278/"))
    assert 'href="https://undocs.org/zh/A/RES/60/1"' in note  # cited in a footnote


def test_cited_by_lists_the_citing_clause_with_its_lead_phrase(site):
    page = html(site.get("/A/RES/72/278/"))
    cited_by = page.split('id="cited-by"')[1]
    assert 'href="/A/RES/76/270/?lang=zh#pp2"' in cited_by
    assert "又回顾" in cited_by and "in 76/270, preamble ¶2" in cited_by


def test_cited_by_prefers_the_citing_text_in_the_page_language(site):
    en_cited = html(site.get("/A/RES/72/278/?lang=en")).split('id="cited-by"')[1]
    # 72/278 has no English text, so the page falls back to Chinese …
    assert "?lang=zh#pp2" in en_cited
    # … while a page in English shows the English citing clause when there is one.
    r65 = Resolution.objects.get(symbol="A/RES/65/123")
    Reference.objects.filter(text__resolution__symbol="A/RES/76/270").update(target=r65)
    resolve_references()  # what every ingest run ends with: the citation counts follow
    page = html(site.get("/A/RES/65/123/?lang=en")).split('id="cited-by"')[1]
    assert "?lang=en#pp2" in page and "Recalling also" in page


def test_language_switch_shows_the_other_text(site):
    zh = html(site.get("/A/RES/65/123/?lang=zh"))
    en = html(site.get("/A/RES/65/123/?lang=en"))
    assert "联合国同各国议会和各国议会联盟的合作" in zh
    assert '<h1 lang="en">Cooperation between' in en
    assert 'href="/A/RES/65/123/?lang=zh"' in en and 'href="/A/RES/65/123/?view=parallel"' in en


def test_side_by_side_pairs_clauses_by_position(site):
    page = html(site.get("/A/RES/76/270/?view=parallel"))
    pairs = page.count('<div class="pair">')
    text = ResolutionText.objects.get(resolution__symbol="A/RES/76/270", language="en")
    assert pairs == text.clauses.count()
    assert 'id="zh-pp2"' in page and 'id="en-pp2"' in page
    assert "shown unpaired" not in page


def test_side_by_side_flags_a_kind_whose_counts_differ(site):
    Clause.objects.filter(
        text__resolution__symbol="A/RES/65/123", text__language="en", kind="preambular"
    ).order_by("-position").first().delete()
    page = html(site.get("/A/RES/65/123/?view=parallel"))
    assert "The Chinese text has 13 paragraphs here and the English text 12" in page
    assert 'class="pair unpaired"' in page
    assert page.count('<div class="pair">') == 14  # the operative paragraphs still pair


def test_draft_without_symbol_has_a_stable_page(site):
    path = draft_path()
    assert path.startswith("/drafts/67-")
    page = html(site.get(path))
    assert "联合国同法语国家国际组织的合作" in page and "阿尔巴尼亚" in page
    assert site.get("/drafts/67-0000000000/").status_code == 404
    assert json.loads(site.get(path.rstrip("/") + ".json").content)[0]["draft"] is True


# --------------------------------------------------------------------------- exports


def test_json_export_has_the_dry_run_shape_with_ids_and_links(site):
    response = site.get("/A/RES/65/123.json?lang=en")
    assert response["Content-Type"].startswith("application/json")
    exported = json.loads(response.content)
    (parsed,) = [d for d in dry_run([seed("002")]) if isinstance(d, dict)]
    assert set(parsed) <= set(exported)
    for key in ("symbol", "language", "session", "adopted", "meeting", "title", "sponsors"):
        assert exported[key] == parsed[key], key
    for kind in ("preambular", "operative"):
        assert [c["text"] for c in exported[kind]] == [c["text"] for c in parsed[kind]]
        assert [c["lead"] for c in exported[kind]] == [c["lead"] for c in parsed[kind]]
        assert [c["footnotes"] for c in exported[kind]] == [c["footnotes"] for c in parsed[kind]]
    assert [(r["symbol"], r["cited_in"]) for r in exported["references"]] == [
        (r["symbol"], r["cited_in"]) for r in parsed["references"]
    ]
    clause = exported["preambular"][0]
    en_text = ResolutionText.objects.get(resolution__symbol="A/RES/65/123", language="en")
    first = en_text.clauses.get(position=1)
    assert clause["id"] == first.pk
    assert clause["anchor"] == "pp1"
    ref = exported["references"][0]
    assert ref["url"] == f"https://undocs.org/en/{ref['symbol']}" and ref["target"] is None


def test_json_export_resolves_archived_references(site):
    both = json.loads(site.get("/A/RES/76/270.json").content)
    assert [d["language"] for d in both] == ["en", "zh"]
    ref = next(r for r in both[1]["references"] if r["symbol"] == "A/RES/72/278")
    assert ref["target"] == Resolution.objects.get(symbol="A/RES/72/278").pk
    assert ref["url"] == "/A/RES/72/278/"


def test_citation_csv_lists_every_edge_once(site):
    response = site.get("/export/citations.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["citing", "cited", "kind", "clause", "lead"]
    assert ["A/RES/76/270", "A/RES/72/278", "resolution", "preambular:2", "Recalling also"] in rows
    edges = [tuple(r[:4]) for r in rows[1:]]
    assert len(edges) == len(set(edges))


# --------------------------------------------------------------------------- escaping

HOSTILE = '<script>alert(1)</script> "onerror=alert(2) x'


def test_document_text_is_escaped_on_every_page_and_in_json(site):
    ResolutionText.objects.filter(resolution__symbol="A/RES/76/270").update(title=HOSTILE)
    text = ResolutionText.objects.get(resolution__symbol="A/RES/76/270", language="zh")
    clause = text.clauses.get(kind="preambular", ordinal=2)
    Clause.objects.filter(pk=clause.pk).update(
        lead=HOSTILE, body=HOSTILE + " 第72/278号决议 " + HOSTILE
    )
    Footnote.objects.filter(text=text, position=1).update(body=HOSTILE)
    Resolution.objects.filter(symbol="A/RES/76/270").update(agenda_item=HOSTILE)
    draft = Resolution.objects.get(key__startswith="draft:67:")
    Subparagraph.objects.filter(clause__text__resolution=draft).update(body=HOSTILE)
    pages = [
        "/",
        "/resolutions/",
        "/sessions/76/",
        "/A/RES/76/270/?lang=zh",
        "/A/RES/76/270/?view=parallel",
        "/A/RES/72/278/",  # its Cited by shows the hostile lead and title
        draft_path(),
    ]
    for url in pages:
        page = html(site.get(url))
        assert "<script>alert" not in page, url
        assert '"onerror=' not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url
    data = site.get("/A/RES/76/270.json").content.decode()
    assert "<script>" not in data and "\\u003cscript\\u003e" in data
    assert HOSTILE in json.loads(data)[1]["title"]


# --------------------------------------------------------------------------- query counts


def add_citing_resolutions(target: Resolution, count: int) -> None:
    """``count`` more resolutions, each citing ``target`` from a clause and a footnote."""
    for i in range(count):
        res = Resolution.objects.create(
            key=f"A/RES/79/{900 + i}", symbol=f"A/RES/79/{900 + i}", session=79, number=900 + i
        )
        for lang, lead in (("en", "Recalling"), ("zh", "回顾")):
            text = ResolutionText.objects.create(
                resolution=res, language=lang, title=f"T{i}", source_name="t", checksum="x"
            )
            clause = Clause.objects.create(
                text=text, position=1, kind="preambular", ordinal=1, lead=lead, body=lead
            )
            note = Footnote.objects.create(text=text, position=1, marker="1", body="72/278")
            for kwargs in ({"clause": clause, "cited_in": "preambular:1"}, {"footnote": note}):
                Reference.objects.create(
                    text=text,
                    symbol=target.symbol,
                    kind="resolution",
                    target=target,
                    **({"cited_in": "footnote:1"} | kwargs),
                )


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_most_cited_page_renders_in_queries_that_do_not_grow_with_citations(site):
    target = Resolution.objects.get(symbol="A/RES/72/278")
    assert queries.most_cited_resolution() == target
    url = "/A/RES/72/278/"
    few = count_queries(site, url)
    add_citing_resolutions(target, 40)  # more than a page of Cited by
    resolve_references()  # as every ingest run ends: the citation counts follow
    assert queries.most_cited_resolution() == target
    many = count_queries(site, url)
    assert many == few
    assert many <= 18
    page = html(site.get(url))
    assert page.count('class="citing"') == queries.CITED_BY_PAGE_SIZE
    assert "cited_page=2" in page
    second = html(site.get(url + "?lang=zh&cited_page=2"))
    assert second.count('class="citing"') == 41 - queries.CITED_BY_PAGE_SIZE
    both = count_queries(site, "/A/RES/76/270/?view=parallel")
    assert both <= 25


# --------------------------------------------------------------------------- citation spans


class Ref:
    def __init__(self, symbol: str, target_id: int | None = None):
        self.symbol, self.target_id = symbol, target_id


def linked(text: str, *symbols: str) -> list[tuple[str, str]]:
    from resolutions.rendering import split_citations

    return [(s.text, s.ref.symbol) for s in split_citations(text, map(Ref, symbols)) if s.ref]


def test_citations_are_found_in_their_printed_forms():
    assert linked(
        "又回顾其第 57/32 号决议和第3369 (XXX)号决议", "A/RES/57/32", "A/RES/3369(XXX)"
    ) == [
        ("57/32", "A/RES/57/32"),
        ("3369 (XXX)", "A/RES/3369(XXX)"),
    ]
    assert linked("resolutions 72/262 C and 217 A (III)", "A/RES/72/262 C", "A/RES/217(III) A") == [
        ("72/262 C", "A/RES/72/262 C"),
        ("217 A (III)", "A/RES/217(III) A"),
    ]
    assert linked("A/65/382-S/2010/490.", "A/65/382", "S/2010/490") == [
        ("A/65/382", "A/65/382"),
        ("S/2010/490", "S/2010/490"),
    ]


def test_a_longer_number_does_not_print_a_shorter_symbol():
    assert linked("resolution 157/32 and 57/321", "A/RES/57/32") == []
