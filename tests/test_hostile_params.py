"""Query strings out of bounds get a 400 in the site layout, never a clamp and never a 500.

The seeds and the 76th-session texts of ``tests/data/pages`` are ingested once for the
module (A/RES/76/270 cites A/RES/72/278, so the latter has a Cited by list of one page).
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from resolutions import queries
from resolutions.links import draft_slug
from resolutions.models import Resolution, Subject
from tests.conftest import ROOT, SEEDS, clear_archive

PAGES_DATA = ROOT / "tests" / "data" / "pages"
CITED = "/A/RES/72/278/"


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        clear_archive()
        call_command("ingest", str(SEEDS), str(PAGES_DATA), stdout=io.StringIO())
        yield
        clear_archive()
        Subject.objects.all().delete()


@pytest.fixture
def site(archive, db, client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def draft_path() -> str:
    return f"/drafts/{draft_slug(Resolution.objects.get(key__startswith='draft:67:').key)}/"


def assert_400_in_layout(response, reason: str) -> None:
    assert response.status_code == 400, response.status_code
    page = response.content.decode()
    assert "Bad request" in page and 'action="/search/"' in page  # the site layout
    assert reason in page


# --------------------------------------------------------------------------- exact 400s

BAD_PAGES = ["0", "-1", "abc", "1.5", "1e3", "²", "١", "10001", "9" * 40, "+1", "0x10"]


@pytest.mark.parametrize("value", BAD_PAGES)
def test_browse_page_not_a_number_from_1_to_10000_is_400(site, value):
    assert_400_in_layout(
        site.get("/resolutions/", {"page": value}), "page must be a whole number from 1 to 10000"
    )


@pytest.mark.parametrize("value", BAD_PAGES)
def test_cited_by_page_not_a_number_from_1_to_10000_is_400(site, value):
    assert_400_in_layout(
        site.get(CITED, {"cited_page": value}), "cited_page must be a whole number"
    )


@pytest.mark.parametrize("value", ["2", "10000"])
def test_browse_page_beyond_last_is_400(site, value):
    assert_400_in_layout(
        site.get("/resolutions/", {"page": value}), f"page {value} is past the last page (1)"
    )


@pytest.mark.parametrize("value", ["2", "10000"])
def test_cited_by_page_beyond_last_is_400(site, value):
    assert_400_in_layout(
        site.get(CITED, {"cited_page": value}), f"cited_page {value} is past the last page (1)"
    )


def test_browse_last_page_is_200_and_the_one_after_is_400(site, monkeypatch):
    monkeypatch.setattr(queries, "BROWSE_PAGE_SIZE", 2)
    last = -(-Resolution.objects.count() // 2)
    assert site.get("/resolutions/", {"page": last}).status_code == 200
    assert site.get("/resolutions/", {"page": last + 1}).status_code == 400


def test_empty_browse_result_still_has_a_page_1(site):
    assert site.get("/resolutions/", {"session": "999", "page": "1"}).status_code == 200
    assert site.get("/resolutions/", {"session": "999", "page": "2"}).status_code == 400


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("session", "abc", "session must be a whole number from 1 to 999"),
        ("session", "65.0", "session must be a whole number"),
        ("session", "-65", "session must be a whole number"),
        ("session", "0", "session must be a whole number"),
        ("session", "1000", "session must be a whole number"),
        ("session", "9" * 30, "session must be a whole number"),
        ("year", "abc", "year must be a whole number from 1945 to 2100"),
        ("year", "1900", "year must be a whole number"),
        ("year", "99999999999", "year must be a whole number"),
        ("subject", "abc", "subject must be a whole number"),
        ("subject", "-3", "subject must be a whole number"),
        ("subject", "9" * 20, "subject must be a whole number"),
        ("language", "fr", "language must be one of: zh, en"),
        ("language", "ZH", "language must be one of: zh, en"),
        ("sort", "x", "sort must be one of: date, symbol"),
        ("sort", "-symbol", "sort must be one of"),
        ("adoption_type", "x", "adoption_type must be one of"),
        ("committee", "C" * 201, "committee is longer than 200 characters"),
        ("committee", "Third\x00Committee", "committee contains a NUL character"),
        ("page", "1" + "\x00", "page contains a NUL character"),
    ],
)
def test_browse_malformed_filter_is_400(site, name, value, reason):
    assert_400_in_layout(site.get("/resolutions/", {name: value}), reason)


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("lang", "fr", "lang must be one of: zh, en"),
        ("lang", "zh-hans", "lang must be one of: zh, en"),
        ("lang", "../../etc/passwd", "lang must be one of"),
        ("view", "x", "view must be one of: parallel"),
        ("view", "PARALLEL", "view must be one of"),
        ("lang", "z" * 201, "lang is longer than 200 characters"),
        ("view", "parallel\x00", "view contains a NUL character"),
    ],
)
@pytest.mark.parametrize("page", ["resolution", "draft"])
def test_resolution_page_unknown_lang_or_view_is_400(site, page, name, value, reason):
    url = CITED if page == "resolution" else draft_path()
    assert_400_in_layout(site.get(url, {name: value}), reason)


def test_export_unknown_lang_is_400(site):
    assert_400_in_layout(site.get("/A/RES/72/278.json", {"lang": "fr"}), "lang must be one of")
    assert site.get("/A/RES/72/278.json", {"lang": "en"}).status_code == 200


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("sort", "bogus", "sort must be one of: relevance, date"),
        ("session", "abc", "session must be a whole number from 1 to 999"),
        ("session", "0", "session must be a whole number from 1 to 999"),
        ("year_from", "1900", "year_from must be a whole number from 1945 to 2100"),
        ("language", "fr", "language must be one of: zh, en"),
        ("kind", "x", "kind must be one of: preambular, operative"),
        ("lead", "L" * 201, "lead is longer than 200 characters"),
        ("page", "501", "page must be a whole number from 1 to 500"),
    ],
)
def test_search_bad_parameter_is_400_naming_it_like_browse(site, name, value, reason):
    response = site.get("/search/", {"q": "human rights", name: value})
    assert response.status_code == 400
    assert reason in response.content.decode()


def test_bad_parameter_is_explained_in_the_interface_language(site):
    browse = site.get("/resolutions/", {"session": "abc"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert browse.status_code == 400
    assert "session 必须是 1 到 999 之间的整数" in browse.content.decode()
    search = site.get("/search/", {"sort": "bogus"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert search.status_code == 400
    assert "sort 必须是以下之一：relevance, date" in search.content.decode()


def test_every_value_of_a_repeated_parameter_is_checked(site):
    assert site.get("/resolutions/?session=65&session=" + "6" * 300).status_code == 400
    assert site.get("/resolutions/?session=" + "6" * 300 + "&session=65").status_code == 400


# --------------------------------------------------------------------------- valid values stay 200


@pytest.mark.parametrize(
    "query",
    [
        "",
        "session=65",
        "session=%2065%20",
        "year=2010&sort=symbol",
        "language=zh&language=en",
        "committee=Third+Committee&adoption_type=without_vote",
        "subject=1",
        "page=1",
        "page=01",
        # the browse form sends every field, empty when not chosen
        "session=&year=&language=&committee=&subject=&adoption_type=&sort=date",
        "utm_source=" + "x" * 5000,  # parameters a page does not know are ignored
    ],
)
def test_browse_valid_values_are_200(site, query):
    assert site.get(f"/resolutions/?{query}").status_code == 200


@pytest.mark.parametrize(
    "query",
    ["", "lang=zh", "lang=en", "lang=", "view=parallel", "view=", "cited_page=1", "cited_page="],
)
def test_resolution_and_draft_valid_values_are_200(site, query):
    assert site.get(f"{CITED}?{query}").status_code == 200
    assert site.get(f"{draft_path()}?{query}").status_code == 200


def test_filter_values_reach_the_page(site):
    response = site.get("/resolutions/", {"session": "65", "sort": "symbol", "page": "1"})
    filters = response.context["filters"]
    assert (filters.session, filters.sort) == (65, "symbol")
    assert {r.session for r in response.context["page"].object_list} == {65}


# --------------------------------------------------------------------------- never a 500

HOSTILE = [
    "x" * 5000,
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "\x00",
    "a\x00b",
    "' OR 1=1 --",
    "1; DROP TABLE resolutions_resolution; --",
    "9" * 5000,
    str(2**63),
    str(2**64 + 1),
    "-1",
    "-9223372036854775809",
    "1.5",
    "1e308",
    "NaN",
    "inf",
    "²",
    "１２",  # full-width digits
    "第六十五届",
    "\u202e\u200b\ufeff",
    "\U0001f4a9" * 100,
    "<script>alert(1)</script>",
    "${jndi:ldap://x}",
    "{{7*7}}",
    " ",
]
PARAMS = {
    "/": ["q", "foo"],
    "/resolutions/": [
        "session",
        "year",
        "language",
        "committee",
        "subject",
        "adoption_type",
        "sort",
        "page",
        "q",
        "foo",
    ],
    "/sessions/": ["foo"],
    "/sessions/65/": ["foo", "page"],
    CITED: ["lang", "view", "cited_page", "foo"],
    "draft": ["lang", "view", "cited_page"],
    "/A/RES/72/278.json": ["lang", "foo"],
    "/search/": ["q", "page", "sort", "language", "session", "kind", "lead", "year_from"],
}


@pytest.mark.parametrize("page", list(PARAMS))
def test_hostile_values_never_give_a_500(site, page):
    url = draft_path() if page == "draft" else page
    statuses = set()
    for name in PARAMS[page]:
        for value in HOSTILE:
            response = site.get(url, {name: value})
            assert response.status_code in (200, 400), (name, value[:40], response.status_code)
            statuses.add(response.status_code)
    assert 200 in statuses


@pytest.mark.parametrize(
    "query",
    ["session=%ff%fe", "page=%c0%af", "lang=%ed%a0%80", "committee=%", "session=%zz", "a=%00&&&="],
)
@pytest.mark.parametrize("page", ["/resolutions/", CITED, "/search/"])
def test_undecodable_query_strings_never_give_a_500(site, page, query):
    assert site.get(f"{page}?{query}").status_code in (200, 400)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/sessions/99999999999999999999999999/", 404),
        ("/sessions/9223372036854775808/", 404),
        ("/sessions/0/", 404),
        ("/A/RES/%00/", 404),
        ("/A/RES/65/123%00/", 404),
        ("/../../etc/passwd", 404),
        ("/drafts/..%2F..%2Fetc%2Fpasswd/", 404),
        ("/A/RES/" + "9" * 5000 + "/", 404),
        ("/A/RES/65/123/' OR 1=1 --", 404),
    ],
)
def test_hostile_paths_are_404s(site, path, status):
    assert site.get(path).status_code == status


def test_refused_parameter_is_logged_as_one_warning_without_a_traceback(site, caplog):
    with caplog.at_level("WARNING", logger="django.request"):
        assert site.get("/resolutions/", {"page": "abc"}).status_code == 400
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelname == "WARNING" and record.exc_info is None
