"""Exports: a resolution as JSON (the ``ingest --dry-run --json`` shape) and the citation edges.

The JSON of one text is what ``ParsedDocument.to_json`` gives for its source file, plus
database ids (``id`` on the document, clauses, footnotes and references), each clause's
``anchor`` on the site and, on references, the archived ``target`` (its id and page) or the
official document's address.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import PurePosixPath

from django.db.models import Prefetch

from .links import clause_anchor, resolution_path, symbol_path, undocs_url
from .models import Clause, Footnote, Reference, Resolution, ResolutionText, Subparagraph


def _nest(subs: list[Subparagraph]) -> list[dict]:
    """Flat (depth, label, body) rows back into the nested ``subparagraphs`` lists."""
    root: list[dict] = []
    stack: list[tuple[int, list[dict]]] = [(0, root)]
    for sub in subs:
        while len(stack) > 1 and stack[-1][0] >= sub.depth:
            stack.pop()
        item = {"label": sub.label, "text": sub.body}
        stack[-1][1].append(item)
        children: list[dict] = []
        item["subparagraphs"] = children
        stack.append((sub.depth, children))
    _drop_empty(root)
    return root


def _drop_empty(items: list[dict]) -> None:
    for item in items:
        if item.get("subparagraphs"):
            _drop_empty(item["subparagraphs"])
        else:
            item.pop("subparagraphs", None)


def _clause_json(clause: Clause) -> dict:
    data: dict = {
        "id": clause.pk,
        "anchor": clause_anchor(clause.kind, clause.ordinal),
        "lead": clause.lead,
        "text": clause.body,
        "footnotes": [f.marker for f in clause.footnotes.all()],
    }
    subs = _nest(list(clause.subparagraphs.all()))
    if clause.kind == "operative":
        data = {"number": clause.number, **data, "subparagraphs": subs}
    elif subs:
        data["subparagraphs"] = subs
    if clause.section:
        data["section"] = clause.section
    return data


def _reference_json(ref: Reference, language: str) -> dict:
    data = {"id": ref.pk, "symbol": ref.symbol, "kind": ref.kind, "cited_in": ref.cited_in}
    if ref.target_id:
        data["target"] = ref.target_id
        data["url"] = symbol_path(ref.symbol)
    else:
        data["target"] = None
        data["url"] = undocs_url(ref.symbol, language)
    return data


def text_json(resolution: Resolution, text: ResolutionText) -> dict:
    """One text in the dry-run shape, with ids and resolved links."""
    clauses = list(
        text.clauses.order_by("position").prefetch_related(
            Prefetch("subparagraphs", queryset=Subparagraph.objects.order_by("position")),
            Prefetch("footnotes", queryset=Footnote.objects.order_by("position")),
        )
    )
    return {
        "id": text.pk,
        "resolution_id": resolution.pk,
        "url": resolution_path(resolution),
        "file": PurePosixPath(text.source_name.replace("\\", "/")).name,  # never a server path
        "symbol": resolution.symbol,
        "language": text.language,
        "session": resolution.session,
        "adopted": resolution.adopted.isoformat() if resolution.adopted else None,
        "meeting": resolution.meeting,
        "draft": resolution.is_draft,
        "title": text.title,
        "agenda_item": resolution.agenda_item,
        "base_document": resolution.draft_symbol or None,
        "sponsors": list(text.sponsors or []),
        "preambular": [_clause_json(c) for c in clauses if c.kind == "preambular"],
        "operative": [_clause_json(c) for c in clauses if c.kind == "operative"],
        "footnotes": [
            {"id": f.pk, "marker": f.marker, "text": f.body}
            for f in text.footnotes.order_by("position")
        ],
        "references": [_reference_json(r, text.language) for r in text.references.order_by("id")],
        "annexes": [{"title": a.title, "text": a.body} for a in text.annexes.order_by("position")],
        "format": text.source_format,
    }


def resolution_json(resolution: Resolution, language: str | None = None) -> list[dict] | dict:
    """All texts of a resolution (a list), or the one in ``language`` (an object)."""
    texts = resolution.texts.defer("raw_text").order_by("language")
    if language:
        text = texts.filter(language=language).first()
        return text_json(resolution, text) if text else {}
    return [text_json(resolution, t) for t in texts]


_HTML_UNSAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def dumps(data: object) -> str:
    """JSON with ``<``, ``>`` and ``&`` escaped, so no document text can read as HTML."""
    return json.dumps(data, ensure_ascii=False, indent=1).translate(_HTML_UNSAFE)


# --------------------------------------------------------------------------- citation edges

CSV_HEADER = ("citing", "cited", "kind", "clause", "lead")


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: str) -> str:
    """Neutralise spreadsheet formulas in text the archive did not write."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def citation_edges() -> Iterator[tuple[str, str, str, str, str]]:
    """Every citation once: (citing, cited, kind, clause, lead), English lead preferred.

    The texts of one resolution in two languages cite the same symbols from the same
    clauses; an edge is kept once, with the lead phrase of the first language (en, zh).
    """
    rows = Reference.objects.order_by(
        "text__resolution_id", "symbol", "cited_in", "text__language", "id"
    ).values_list(
        "text__resolution_id",
        "text__resolution__symbol",
        "text__resolution__key",
        "symbol",
        "kind",
        "cited_in",
        "clause__lead",
    )
    last = None
    for resolution_id, symbol, key, cited, kind, cited_in, lead in rows.iterator(chunk_size=5000):
        edge = (resolution_id, cited, cited_in)
        if edge == last:
            continue
        last = edge
        yield (symbol or key, cited, kind, cited_in, lead or "")


def citation_csv_rows() -> Iterator[str]:
    """The CSV lines of :func:`citation_edges`, header first."""
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for row in citation_edges():
        yield writer.writerow([_cell(v) for v in row])
