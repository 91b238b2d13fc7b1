"""URLs come from the URLconf (issue 17): ``reverse()``, ``{% url %}``, ``get_absolute_url``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import resolve, reverse

from resolutions.links import draft_slug, resolution_path, symbol_json_path, symbol_path
from resolutions.models import Resolution

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# A link or form target written as a literal site path ("/resolutions/", "/sessions/65/").
LITERAL_PATH = re.compile(r'(?:href|action|src)="/(?!/)[^"{]*')


def test_templates_build_every_site_path_with_the_url_tag():
    literal = {
        f"{path.relative_to(TEMPLATES)}: {m.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for m in LITERAL_PATH.finditer(path.read_text(encoding="utf-8"))
    }
    assert not literal


@pytest.mark.parametrize(
    ("symbol", "path"),
    [
        ("A/RES/65/123", "/A/RES/65/123/"),
        ("A/RES/72/262 C", "/A/RES/72/262%20C/"),
        ("A/RES/3369(XXX)", "/A/RES/3369(XXX)/"),
        ("A/RES/ES-11/1", "/A/RES/ES-11/1/"),
    ],
)
def test_symbol_paths_are_reversed_and_resolve_to_the_resolution_page(symbol, path):
    assert symbol_path(symbol) == path
    assert symbol_json_path(symbol) == path[:-1] + ".json"
    match = resolve(path)
    assert match.url_name == "symbol"


def test_resolution_absolute_url_is_its_page_or_its_draft_page():
    adopted = Resolution(key="A/RES/65/123", symbol="A/RES/65/123")
    assert adopted.get_absolute_url() == "/A/RES/65/123/" == resolution_path(adopted)
    draft = Resolution(key="draft:67:abc", symbol=None, is_draft=True)
    assert draft.get_absolute_url() == reverse("draft", kwargs={"slug": draft_slug(draft.key)})
    assert draft.get_absolute_url().startswith("/drafts/67-")


def test_symbol_that_is_no_page_symbol_has_no_url():
    assert Resolution(key="x", symbol="//evil.example/x").get_absolute_url() is None
