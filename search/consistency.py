"""Does the search index hold exactly what the database holds? (``manage.py check_archive``)

Compares the ids of the clause and text documents in the Whoosh index with the rows of the
database, and the reference links with the archived resolutions; :func:`repair` re-indexes the
texts that differ, drops index documents whose rows are gone and resolves dangling links.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from resolutions.ingestion import resolve_references
from resolutions.models import Clause, Reference, Resolution, ResolutionText

from . import engine
from .indexing import database_versions, get_backend, index_versions, update_texts
from .segments import BulkSegmentWriter, merge_small_segments

CLAUSE_CT, TEXT_CT = "resolutions.clause", "resolutions.resolutiontext"


@dataclass
class Report:
    database: dict[str, int]
    index: dict[str, int]
    missing: set[tuple[str, int]] = field(default_factory=set)  # rows with no index document
    stale: dict[tuple[str, int], str] = field(default_factory=dict)  # document id → haystack id
    texts_to_reindex: set[int] = field(default_factory=set)
    unlinked_references: int = 0  # cite an archived resolution but carry no link
    outdated: set[int] = field(default_factory=set)  # texts indexed at another version

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.unlinked_references or self.outdated)

    def lines(self) -> list[str]:
        out = [
            f"database: {self.database['clauses']} clauses, {self.database['texts']} texts",
            f"index:    {self.index['clauses']} clauses, {self.index['texts']} texts",
        ]
        if self.missing:
            out.append(f"missing from the index: {len(self.missing)} documents")
        if self.stale:
            out.append(f"in the index but not in the database: {len(self.stale)} documents")
        if self.outdated:
            out.append(f"texts indexed as they were before a change: {len(self.outdated)}")
        if self.unlinked_references:
            out.append(
                f"references to archived resolutions without a link: {self.unlinked_references}"
            )
        out.append("archive and index agree" if self.ok else "archive and index DISAGREE")
        return out


def _index_documents() -> dict[tuple[str, int], tuple[str, int | None]]:
    """(content type, row id) → (haystack id, text id) of every document in the index."""
    engine.reset()
    try:
        searcher = engine.searcher()
    except engine.IndexMissing:
        return {}
    docs = {}
    for stored in searcher.all_stored_fields():
        ct, pk = stored.get("django_ct"), stored.get("django_id")
        if ct and pk is not None:
            text_id = stored.get("text_id")
            docs[(ct, int(pk))] = (stored.get("id", ""), int(text_id) if text_id else None)
    return docs


def check() -> Report:
    clauses = dict(Clause.objects.values_list("pk", "text_id"))
    texts = set(ResolutionText.objects.values_list("pk", flat=True))
    rows = {(CLAUSE_CT, pk) for pk in clauses} | {(TEXT_CT, pk) for pk in texts}
    docs = _index_documents()
    report = Report(
        database={"clauses": len(clauses), "texts": len(texts)},
        index={
            "clauses": sum(1 for ct, _ in docs if ct == CLAUSE_CT),
            "texts": sum(1 for ct, _ in docs if ct == TEXT_CT),
        },
    )
    report.missing = rows - set(docs)
    report.stale = {key: docs[key][0] for key in set(docs) - rows}
    for ct, pk in report.missing:
        report.texts_to_reindex.add(clauses[pk] if ct == CLAUSE_CT else pk)
    for key in report.stale:
        text_id = docs[key][1] if key[0] == CLAUSE_CT else key[1]
        if text_id in texts:
            report.texts_to_reindex.add(text_id)
    if docs:
        held = index_versions(engine.searcher())
        wanted = database_versions()
        report.outdated = {pk for pk, v in wanted.items() if pk in held and held[pk] != v}
        report.texts_to_reindex |= report.outdated
    report.unlinked_references = (
        Reference.objects.filter(target__isnull=True, kind="resolution")
        .filter(symbol__in=Resolution.objects.exclude(symbol=None).values("symbol"))
        .count()
    )
    return report


def repair(report: Report) -> None:
    """Make the index and the links agree with the database."""
    if report.stale:
        backend = get_backend()
        writer = BulkSegmentWriter(backend.index.refresh(), timeout=600.0)
        for haystack_id in report.stale.values():
            writer.delete_by_term("id", haystack_id)
        writer.commit(mergetype=merge_small_segments)
    update_texts(report.texts_to_reindex)
    resolve_references()
    engine.reset()
