"""The reader's journey in a real browser: Debian's chromium driven by Playwright.

Home → search "各国议会联盟" → a clause of A/RES/76/270 at its anchor → its "又回顾…第72/278号决议"
link → A/RES/72/278 → back through its Cited by list → English → side by side.

Screenshots of the home page, a resolution page and the side-by-side view are written to
``var/test-artifacts/`` (git-ignored); the test prints the folder.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import ROOT, SEEDS

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
# itself (ingest, indexing) are synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "var" / "test-artifacts"
PAGES_DATA = ROOT / "tests" / "data" / "pages"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def archive(transactional_db, settings, tmp_path):
    """The seeds and the 76th-session texts, with a search index of their own."""
    from haystack import connections

    original = settings.HAYSTACK_CONNECTIONS
    settings.HAYSTACK_CONNECTIONS = {
        "default": {**original["default"], "PATH": str(tmp_path / "index")}
    }
    connections.reload("default")
    try:
        call_command("ingest", str(SEEDS), str(PAGES_DATA), stdout=io.StringIO())
        _index_everything()
        yield
    finally:
        # Point haystack back at the configured index before the next test module runs.
        settings.HAYSTACK_CONNECTIONS = original
        connections.reload("default")
        _reset_search_engine()


def _reset_search_engine() -> None:
    try:
        from search import engine
    except ImportError:  # pragma: no cover
        return
    if hasattr(engine, "reset"):
        engine.reset()


def _index_everything() -> None:
    """Build the search index of the archive (whatever ingest already indexed)."""
    from resolutions.models import ResolutionText

    try:
        from search.indexing import update_texts
    except ImportError:  # pragma: no cover - the search app without its indexing module
        call_command("rebuild_index", interactive=False, verbosity=0)
        return
    update_texts(ResolutionText.objects.values_list("pk", flat=True))


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=False)
    return path


def test_reader_searches_follows_a_citation_and_comes_back_by_cited_by(
    archive, live_server, browser
):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/")
    assert page.locator("h1").first.is_visible()
    shots = [shot(page, "home.png")]

    # Search from the header's search box.
    page.fill('header input[name="q"]', "各国议会联盟")
    page.press('header input[name="q"]', "Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))

    # A result links to the clause's anchor on the resolution page (resolutions.links).
    page.wait_for_selector('a[href*="/A/RES/76/270/"]')
    page.locator('a[href*="/A/RES/76/270/"][href*="#"]').first.click()
    page.wait_for_url(re.compile(r"/A/RES/76/270/.*#(pp|op)\d+"))
    anchor = page.url.split("#", 1)[1]
    target = page.locator(f"#{anchor}")
    assert target.is_visible()
    assert page.evaluate("() => document.querySelector(':target') !== null")
    assert target.bounding_box()["y"] < 900  # scrolled to the clause

    # Follow "又回顾其…并回顾大会…第72/278号决议" (Recalling its resolution 72/278) …
    page.goto(live_server.url + "/A/RES/76/270/?lang=zh")
    recalling = page.locator(".clause.preambular", has=page.locator(".lead", has_text="回顾"))
    link = recalling.locator("a.cite.internal").first
    assert link.inner_text() == "72/278"
    link.click()
    page.wait_for_url(re.compile(r"/A/RES/72/278/$"))
    assert "联合国与各国议会和各国议会联盟的互动" in page.locator("h1").inner_text()
    shots.append(shot(page, "resolution.png"))

    # … and come back through its Cited by list, to the citing clause.
    cited_by = page.locator("#cited-by")
    assert "76/270" in cited_by.inner_text()
    cited_by.locator('a[href*="/A/RES/76/270/"][href*="#pp"]').first.click()
    page.wait_for_url(re.compile(r"/A/RES/76/270/\?lang=zh#pp2$"))
    assert page.locator("#pp2 a.cite.internal").first.is_visible()

    # Switch to English, then to the side-by-side view.
    page.locator(".text-tools a", has_text="English").first.click()
    page.wait_for_url(re.compile(r"\?lang=en$"))
    assert "Inter-Parliamentary Union" in page.locator("h1").inner_text()
    assert page.locator(".lead", has_text="Recalling also").first.is_visible()
    page.locator(".text-tools a.side-by-side").click()
    page.wait_for_url(re.compile(r"\?view=parallel$"))
    pair = page.locator(".pair").nth(1)
    assert "又回顾" in pair.locator('.col[lang="zh-Hans"]').inner_text()
    assert "Recalling also" in pair.locator('.col[lang="en"]').inner_text()
    shots.append(shot(page, "side-by-side.png"))

    # On a phone the page fits the screen: no sideways scrolling.
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(live_server.url + "/A/RES/76/270/?view=parallel")
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    shots.append(shot(phone, "side-by-side-phone.png"))

    print("screenshots:", *map(str, shots), sep="\n  ")
    assert all(p.stat().st_size > 10_000 for p in shots)
