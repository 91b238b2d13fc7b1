"""Where things live on the site: permalinks, anchors and links to the UN's own documents.

One place for the URL rules, so that pages, exports and search results agree (every path
comes from the URLconf through ``reverse()``):

* a resolution's page mirrors its symbol: ``/A/RES/65/123/``, ``/A/RES/72/262%20C/``;
* a draft without a symbol lives at ``/drafts/<slug>/``, the slug a hash of its archive key
  (stable across databases and re-ingestion);
* a symbol becomes a link only when it is one: our own pages exist for canonical General
  Assembly resolution symbols only (:func:`page_symbol`), undocs.org links for document
  symbols only (:func:`document_symbol`); for anything else (a symbol taken from front
  matter or metadata such as ``//evil.example/x``, ``/\\evil.example``, ``javascript:…``)
  every function here returns ``None`` and the page prints the symbol as plain, escaped text.
  Every path built here starts with a single ``/`` (never ``//``, never a scheme);
* a clause's anchor is ``pp3`` (third preambular paragraph) or ``op14`` (fourteenth operative
  paragraph in document order, which is its printed number unless the numbering restarts in
  sections); a sub-paragraph's is ``op14-a``, one level deeper ``op14-a-ii``.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from django.urls import reverse

from .parsing.symbols import canonical_resolution

UNDOCS = "https://undocs.org"
MAX_SYMBOL_CHARS = 100  # Reference.symbol, draft_symbol and meeting_record hold no more
# A document symbol: slash-separated segments, each starting with a letter or digit (so no
# empty segment, no "//", no "..", no leading "/"), the first with a letter or digit; inside a
# segment letters (Chinese too: "PARTSI和II" from a report's own spelling), digits, spaces,
# dots, dashes, commas and parentheses: "A/78/301(Part I)/Add.1", "A/RES/3369(XXX)",
# "A/75/L.101(AS AMENDED IN A/75/L.104)".  No backslash, colon, "?", "#", "%", quote or "<".
_SEGMENT = r"[^\W_][\w .,()\-]*"
_DOCUMENT = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})+")


def page_symbol(symbol: str | None) -> bool:
    """Whether ``symbol`` names a page of this site: a canonical GA resolution symbol."""
    return bool(symbol) and canonical_resolution(symbol) == symbol


def document_symbol(symbol: str | None) -> bool:
    """Whether ``symbol`` is shaped like a UN document symbol (see ``_DOCUMENT``)."""
    return (
        bool(symbol)
        and len(symbol) <= MAX_SYMBOL_CHARS
        and symbol.isprintable()
        and _DOCUMENT.fullmatch(symbol) is not None
    )


def symbol_path(symbol: str) -> str | None:
    """``A/RES/72/262 C`` → ``/A/RES/72/262%20C/``; None when ``symbol`` is no page symbol."""
    if not page_symbol(symbol):
        return None
    return reverse("symbol", kwargs={"raw": f"{symbol}/"})


def symbol_json_path(symbol: str) -> str | None:
    """``A/RES/65/123`` → ``/A/RES/65/123.json``; None when ``symbol`` is no page symbol."""
    return symbol_export_path(symbol, ".json")


EXPORTS = (".json", ".akn.xml")  # the exports of a resolution page, by suffix


def symbol_export_path(symbol: str, suffix: str) -> str | None:
    """``A/RES/65/123`` → ``/A/RES/65/123.akn.xml`` (a suffix of :data:`EXPORTS`)."""
    if not page_symbol(symbol):
        return None
    return reverse("symbol", kwargs={"raw": f"{symbol}{suffix}"})


def draft_slug(key: str) -> str:
    """A short, stable slug for a draft without a symbol: ``67-3f2a9c0d1e``."""
    session = key.split(":", 2)[1] if key.startswith("draft:") else ""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    return f"{session or 'x'}-{digest}"


def resolution_path(resolution) -> str | None:
    """The page of an archived resolution or draft; None when its symbol is no page symbol.

    (Such a resolution has no page: ``/<symbol>/`` only serves canonical GA symbols.)
    """
    if resolution.symbol:
        return symbol_path(resolution.symbol)
    return reverse("draft", kwargs={"slug": draft_slug(resolution.key)})


def resolution_json_path(resolution) -> str | None:
    if resolution.symbol:
        return symbol_json_path(resolution.symbol)
    return reverse("draft-json", kwargs={"slug": draft_slug(resolution.key)})


def undocs_url(symbol: str, language: str = "en") -> str | None:
    """The official document: ``https://undocs.org/zh/A/RES/65/123``; None for no symbol."""
    if not document_symbol(symbol):
        return None
    lang = "zh" if language.startswith("zh") else "en"
    return f"{UNDOCS}/{lang}/{quote(symbol, safe='/()-')}"


def clause_anchor(kind: str, ordinal: int) -> str:
    """``pp3`` or ``op14``."""
    return f"{'pp' if kind == 'preambular' else 'op'}{ordinal}"


def clause_anchor_from_cited_in(cited_in: str) -> str:
    """``operative:3`` → ``op3``, ``preambular:2`` → ``pp2``, ``footnote:1`` → ``fn-1``."""
    kind, _, rest = cited_in.partition(":")
    if kind == "footnote":
        return f"fn-{rest}"
    if kind in ("preambular", "operative") and rest.isdigit():
        return clause_anchor(kind, int(rest))
    return ""
