"""Hostile archives still make small, safe pages (issue 21).

The seeds and the 76th-session texts are ingested once for the module (the search index
following), then A/RES/79/999, whose paragraph 1 is 10 MB long (not indexed).  Rows with
hostile symbols are inserted through the models, as an older or careless ingest could have
stored them: resolutions named ``//evil.example/x`` and ``A/RES/"><img src=x onerror=alert(1)>``
with an English text citing the seed A/RES/65/123 (indexed for search), records named
``/\\evil.example`` and ``javascript:alert(1)``, and A/RES/79/998 whose draft and meeting
record carry markup.  Each test runs in a transaction rolled back afterwards.
"""

from __future__ import annotations

import datetime
import io
import os
import re

import pytest
from django.conf import settings
from django.core.management import call_command

from resolutions.models import (
    Clause,
    MemberState,
    Reference,
    Resolution,
    ResolutionText,
    Subject,
)
from resolutions.rendering import SHOWN_CHARS
from search import indexing
from tests.conftest import ROOT, SEEDS, clear_archive, html
from tests.search_fixtures import indexing_on_ingest

PAGES_DATA = ROOT / "tests" / "data" / "pages"
TEN_MB = 10_000_000
UNIT = "Recalling its resolutions 57/32 of 19 November 2002 and 72/278 of 10 May 2018, "
DOUBLE_SLASH = "//EVIL.EXAMPLE/X"
MARKUP = 'A/RES/"><IMG SRC=X ONERROR=ALERT(1)>'
ADOPTED = datetime.date(2030, 1, 1)  # the newest: on the home page's Most recent


def huge_text() -> str:
    body = (UNIT * (TEN_MB // len(UNIT) + 1))[:TEN_MB]
    return f"""United Nations
A/RES/79/999

General Assembly
Distr.: General
1 December 2024

Seventy-ninth session
Agenda item 7

Resolution adopted by the General Assembly on 1 December 2024

79/999. A resolution with one enormous paragraph

The General Assembly,

Recalling its resolution 65/123 of 13 December 2010,

1. Decides {body}end of the paragraph;

2. Decides to remain seized of the matter.

50th plenary meeting
1 December 2024
"""


def hostile_resolution(symbol: str, word: str = "") -> ResolutionText | None:
    """A resolution named ``symbol``; with ``word``, an English text citing A/RES/65/123."""
    resolution = Resolution.objects.create(key=symbol, symbol=symbol, session=79, adopted=ADOPTED)
    if not word:
        return None
    text = ResolutionText.objects.create(
        resolution=resolution,
        language="en",
        title=f"Hostile {word}",
        source_name=f"{word}.txt",
        checksum=word,
        raw_text=word,
    )
    clause = Clause.objects.create(
        text=text,
        position=1,
        kind="operative",
        ordinal=1,
        number=1,
        body=f"Decides that {word} matters, recalling its resolution 65/123;",
    )
    cited = Resolution.objects.get(symbol="A/RES/65/123")
    Reference.objects.create(
        text=text,
        clause=clause,
        symbol=cited.symbol,
        kind="resolution",
        cited_in="operative:1",
        target=cited,
    )
    Resolution.objects.filter(pk=cited.pk).update(cited_count=cited.cited_count + 1)
    return text


def ingest_without_index(*paths) -> None:
    saved = settings.SEARCH_INDEX_ON_INGEST, os.environ.get("SEARCH_INDEX_ON_INGEST")
    settings.SEARCH_INDEX_ON_INGEST = False
    os.environ["SEARCH_INDEX_ON_INGEST"] = "0"
    try:
        call_command("ingest", *map(str, paths), stdout=io.StringIO())
    finally:
        settings.SEARCH_INDEX_ON_INGEST = saved[0]
        os.environ["SEARCH_INDEX_ON_INGEST"] = saved[1] or ""


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, tmp_path_factory):
    huge = tmp_path_factory.mktemp("huge")
    (huge / "A_RES_79_999.txt").write_text(huge_text())
    index = tmp_path_factory.mktemp("hostile-search") / "index"
    with django_db_blocker.unblock(), indexing_on_ingest(index):
        clear_archive()
        call_command("ingest", str(SEEDS), str(PAGES_DATA), stdout=io.StringIO())
        ingest_without_index(huge)
        texts = [
            hostile_resolution(DOUBLE_SLASH, "zanzibarquux"),
            hostile_resolution(MARKUP, "quuxmarkup"),
        ]
        hostile_resolution("/\\EVIL.EXAMPLE")
        hostile_resolution("JAVASCRIPT:ALERT(1)")
        Resolution.objects.create(
            key="A/RES/79/998",
            symbol="A/RES/79/998",
            session=79,
            number=998,
            adopted=ADOPTED,
            meeting=5,
            draft_symbol="A/<B>DRAFT</B>",
            meeting_record='A/79/PV.5"><script>alert(1)</script>',
        )
        indexing.update_texts([t.pk for t in texts if t])
        yield
        clear_archive()
        MemberState.objects.all().delete()
        Subject.objects.all().delete()


@pytest.fixture
def site(archive, db, client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def hrefs(page: str) -> list[str]:
    return re.findall(r'\bhref="([^"]*)"', page)


def assert_no_off_site_link(page: str) -> None:
    """Every link stays on the site (one leading ``/``, or ``#``/``?``) or goes to undocs.org."""
    for href in hrefs(page):
        on_site = href.startswith("/") and not href.startswith(("//", "/\\"))
        assert on_site or href == "data:," or href.startswith(("#", "?", "https://undocs.org/")), (
            href
        )
        assert "EVIL.EXAMPLE" not in href.upper() and "javascript:" not in href.lower(), href


# --------------------------------------------------------------------------- huge bodies


def test_page_of_a_ten_megabyte_clause_shows_its_start_and_says_it_is_cut(site):
    page = html(site.get("/A/RES/79/999/"))
    assert len(page) < 20 * SHOWN_CHARS  # the links of 20,000 characters, not 10 MB
    assert "too long to show in full here" in page
    assert '<span class="lead">Decides</span> Recalling its resolutions' in page
    assert "end of the paragraph" not in page
    assert 'href="/A/RES/79/999/?lang=en&amp;clause=op1&amp;part=2"' in page
    assert 'href="/A/RES/79/999.json"' in page
    parts = -(-(len("Decides ") + TEN_MB + len("end of the paragraph;")) // SHOWN_CHARS)
    assert f"part 2 of {parts}" in page
    # the rest is read part by part, each as small, up to the end of the paragraph
    second = html(site.get("/A/RES/79/999/", {"clause": "op1", "part": "2"}))
    assert len(second) < 20 * SHOWN_CHARS and f"Part 2 of {parts}" in second
    assert 'class="cite internal" href="/A/RES/72/278/"' in second  # citations still link
    assert "clause=op1&amp;part=3" in second
    last = html(site.get("/A/RES/79/999/", {"clause": "op1", "part": str(parts)}))
    assert "end of the paragraph" in last and "part=" + str(parts + 1) not in last
    assert site.get("/A/RES/79/999/", {"clause": "op1", "part": str(parts + 1)}).status_code == 400
    assert site.get("/A/RES/79/999/", {"clause": "op9", "part": "2"}).status_code == 400
    assert site.get("/A/RES/79/999/", {"clause": "op1", "part": "1"}).status_code == 302
    # the Chinese interface says the same in Chinese
    zh = html(site.get("/A/RES/79/999/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9"))
    assert "内容过长" in zh and "继续阅读" in zh
    # and the JSON export keeps the whole paragraph
    export = site.get("/A/RES/79/999.json").content.decode()
    assert len(export) > TEN_MB and "end of the paragraph;" in export


# --------------------------------------------------------------------------- symbols


def test_symbol_with_double_slash_never_becomes_an_off_site_link(site):
    assert Resolution.objects.filter(symbol="//EVIL.EXAMPLE/X").exists()
    assert Resolution.objects.filter(symbol="/\\EVIL.EXAMPLE").exists()
    pages = {
        "home": html(site.get("/")),
        "browse": html(site.get("/resolutions/")),
        "session": html(site.get("/sessions/79/")),
        # the Cited by list of the seed both hostile texts cite
        "resolution": html(site.get("/A/RES/65/123/")),
        "search": html(site.get("/search/", {"q": "zanzibarquux"})),
    }
    for name, page in pages.items():
        assert_no_off_site_link(page)
        if name != "resolution":
            assert "//EVIL.EXAMPLE/X" in page, name  # shown, as plain text
    assert '<span class="res-symbol">//EVIL.EXAMPLE/X</span>' in pages["browse"]
    assert "/\\EVIL.EXAMPLE" in pages["browse"]
    assert "JAVASCRIPT:ALERT(1)" in pages["browse"]
    assert "//EVIL.EXAMPLE/X" in pages["resolution"].split('id="cited-by"')[1]


def test_every_page_escapes_a_symbol_with_markup(site):
    shown = "&quot;&gt;&lt;IMG SRC=X ONERROR=ALERT(1)&gt;"  # "A/RES/" left off in Cited by
    pages = [
        html(site.get("/")),
        html(site.get("/resolutions/")),
        html(site.get("/sessions/79/")),
        html(site.get("/A/RES/65/123/")),  # cited by the text named with markup
        html(site.get("/A/RES/79/998/")),  # a draft and meeting record with markup
        html(site.get("/search/", {"q": "quuxmarkup"})),
    ]
    for page in pages:
        assert "<IMG" not in page.upper() and "<SCRIPT>ALERT" not in page.upper()
        assert "<B>" not in page.upper()
        # a symbol with markup is no symbol: shown escaped, never made into a link
        for href in hrefs(page):
            assert not re.search(r"IMG|SCRIPT|%3C|%22|&lt;|&quot;", href, re.I), href
    for page in pages[:4] + pages[5:]:
        assert shown in page
    record = pages[4]
    assert "A/&lt;B&gt;DRAFT&lt;/B&gt;" in record
    assert "A/79/PV.5&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in record
