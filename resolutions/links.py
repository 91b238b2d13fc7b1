"""Where things live on the site: permalinks, anchors and links to the UN's own documents.

One place for the URL rules, so that pages, exports and search results agree:

* a resolution's page mirrors its symbol: ``/A/RES/65/123/``, ``/A/RES/72/262%20C/``;
* a draft without a symbol lives at ``/drafts/<slug>/``, the slug a hash of its archive key
  (stable across databases and re-ingestion);
* a clause's anchor is ``pp3`` (third preambular paragraph) or ``op14`` (fourteenth operative
  paragraph in document order, which is its printed number unless the numbering restarts in
  sections); a sub-paragraph's is ``op14-a``, one level deeper ``op14-a-ii``.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

UNDOCS = "https://undocs.org"


def symbol_path(symbol: str) -> str:
    """``A/RES/72/262 C`` → ``/A/RES/72/262%20C/``."""
    return "/" + quote(symbol, safe="/()-") + "/"


def symbol_json_path(symbol: str) -> str:
    """``A/RES/65/123`` → ``/A/RES/65/123.json``."""
    return "/" + quote(symbol, safe="/()-") + ".json"


def draft_slug(key: str) -> str:
    """A short, stable slug for a draft without a symbol: ``67-3f2a9c0d1e``."""
    session = key.split(":", 2)[1] if key.startswith("draft:") else ""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    return f"{session or 'x'}-{digest}"


def resolution_path(resolution) -> str:
    """The page of an archived resolution or draft."""
    if resolution.symbol:
        return symbol_path(resolution.symbol)
    return f"/drafts/{draft_slug(resolution.key)}/"


def resolution_json_path(resolution) -> str:
    if resolution.symbol:
        return symbol_json_path(resolution.symbol)
    return f"/drafts/{draft_slug(resolution.key)}.json"


def undocs_url(symbol: str, language: str = "en") -> str:
    """The official document: ``https://undocs.org/zh/A/RES/65/123``."""
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
