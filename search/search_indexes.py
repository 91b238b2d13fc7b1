"""The haystack indexes: one document per clause, one per resolution text.

Text fields go through :data:`search.analysis.MIXED` (jieba for Chinese, Porter stems for
English); ``bigrams`` holds the CJK character bigrams that make Chinese recall literal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from haystack import indexes

from resolutions.models import Clause, Footnote, Reference, ResolutionText

from .analysis import BIGRAMS, MIXED
from .fields import ExactField

CLAUSE_CT = "resolutions.clause"


def clause_queryset() -> QuerySet[Clause]:
    """Clauses with everything their documents need, in few queries."""
    refs = Reference.objects.only("id", "symbol", "clause_id", "footnote_id")
    return (
        Clause.objects.select_related("text__resolution")
        .defer("text__raw_text")
        .prefetch_related(
            Prefetch("references", queryset=refs),
            Prefetch("footnotes__references", queryset=refs),
        )
        .order_by("pk")
    )


def text_queryset() -> QuerySet[ResolutionText]:
    """Resolution texts with their resolutions."""
    return ResolutionText.objects.select_related("resolution").defer("raw_text").order_by("pk")


def lead_label(lead: str) -> str:
    """The lead phrase as the facet shows it: whitespace collapsed, trailing commas gone."""
    return " ".join(lead.split()).strip(" ,，:：")[:100]


class ClauseIndex(indexes.SearchIndex, indexes.Indexable):
    """A preambular or operative paragraph."""

    text = indexes.CharField(document=True, model_attr="body", stored=False, analyzer=MIXED)
    bigrams = indexes.CharField(model_attr="body", stored=False, analyzer=BIGRAMS)
    lead = ExactField()
    kind = ExactField(model_attr="kind")
    number = indexes.IntegerField(model_attr="number", null=True)
    position = indexes.IntegerField(model_attr="position")
    language = ExactField()
    symbol = ExactField()
    session = indexes.IntegerField(null=True)
    year = indexes.IntegerField(null=True)
    adopted = indexes.DateField(null=True)
    cites = indexes.MultiValueField()
    text_id = ExactField(model_attr="text_id")
    resolution_id = ExactField()

    def get_model(self) -> type[Clause]:
        return Clause

    def index_queryset(self, using: str | None = None) -> QuerySet[Clause]:
        return clause_queryset()

    def prepare(self, obj: Clause) -> dict:
        data = super().prepare(obj)
        resolution = obj.text.resolution
        data.update(
            lead=lead_label(obj.lead),
            language=obj.text.language,
            symbol=resolution.symbol or resolution.key,
            session=resolution.session,
            year=resolution.adopted.year if resolution.adopted else None,
            adopted=resolution.adopted,
            resolution_id=str(resolution.pk),
            cites=cited_symbols(obj),
        )
        return data


def clause_documents(text_ids: list[int]) -> Iterator[dict]:
    """The Whoosh documents of these texts' clauses, as :class:`ClauseIndex` prepares them.

    Built from five flat queries instead of one model instance per clause: haystack's
    field-by-field ``full_prepare`` took half the time of indexing at scale.  A test holds
    the two paths to the same documents.
    """
    clause_refs: defaultdict[int, list[str]] = defaultdict(list)
    note_refs: defaultdict[int, list[str]] = defaultdict(list)
    refs = Reference.objects.filter(text_id__in=text_ids).order_by("text_id", "pk")
    for clause_id, footnote_id, symbol in refs.values_list("clause_id", "footnote_id", "symbol"):
        if clause_id is not None:
            clause_refs[clause_id].append(symbol)
        if footnote_id is not None:
            note_refs[footnote_id].append(symbol)
    # Two flat queries, no join: with statistics that call the tables empty, PostgreSQL
    # planned the join of links, clauses and footnotes as nested loops over every row.
    footnotes = Footnote.objects.filter(text_id__in=text_ids).order_by("text_id", "position")
    order = {pk: n for n, pk in enumerate(footnotes.values_list("pk", flat=True))}
    links = Clause.footnotes.through.objects.filter(footnote_id__in=list(order))
    notes: defaultdict[int, list[int]] = defaultdict(list)
    for clause_id, footnote_id in sorted(
        links.values_list("clause_id", "footnote_id"), key=lambda link: order[link[1]]
    ):
        notes[clause_id].append(footnote_id)
    text_rows = ResolutionText.objects.filter(pk__in=text_ids).values_list(
        "pk",
        "language",
        "resolution_id",
        "resolution__symbol",
        "resolution__key",
        "resolution__session",
        "resolution__adopted",
    )
    texts = {
        pk: (language, resolution_id, symbol or key, session, adopted)
        for pk, language, resolution_id, symbol, key, session, adopted in text_rows
    }
    rows = (
        Clause.objects.filter(text_id__in=text_ids)
        .order_by("pk")
        .values_list("pk", "text_id", "body", "lead", "kind", "number", "position")
    )
    for pk, text_id, body, lead, kind, number, position in rows:
        language, resolution_id, symbol, session, adopted = texts[text_id]
        symbols = clause_refs.get(pk, []) + [s for n in notes.get(pk, []) for s in note_refs[n]]
        doc = {
            "id": f"{CLAUSE_CT}.{pk}",
            "django_ct": CLAUSE_CT,
            "django_id": str(pk),
            "text": body,
            "bigrams": body,
            "lead": lead_label(lead),
            "kind": kind,
            "number": number,
            "position": position,
            "language": language,
            "symbol": symbol,
            "session": session,
            "year": adopted.year if adopted else None,
            "adopted": dt.datetime(adopted.year, adopted.month, adopted.day) if adopted else None,
            "cites": ",".join(s.replace(",", " ") for s in dict.fromkeys(symbols)) or None,
            "text_id": str(text_id),
            "resolution_id": str(resolution_id),
        }
        yield {k: v for k, v in doc.items() if v is not None}


def cited_symbols(clause: Clause) -> list[str]:
    """The symbols a clause cites, in its text or in its footnotes, each once."""
    symbols = [r.symbol for r in clause.references.all()]
    for note in clause.footnotes.all():
        symbols.extend(r.symbol for r in note.references.all())
    return [s.replace(",", " ") for s in dict.fromkeys(symbols)]


def text_version(
    checksum: str, language: str, title: str, label: str, session, adopted, resolution_id
) -> str:
    """A digest of everything a text's documents are made of (its own and its clauses').

    Stored with the text's document, committed with its clauses in one Whoosh commit:
    when the database's digest differs from the index's, the index is stale for that text.
    """
    parts = (checksum, language, title, label, session, adopted, resolution_id)
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]


class ResolutionTextIndex(indexes.SearchIndex, indexes.Indexable):
    """A text in one language, found by its title and symbol.

    Its body is not indexed again: every word of it is already in the clause documents,
    and indexing it twice doubled the cost of building the index.
    """

    text = indexes.CharField(document=True, stored=False, analyzer=MIXED)
    title = indexes.CharField(model_attr="title", analyzer=MIXED)
    bigrams = indexes.CharField(model_attr="title", stored=False, analyzer=BIGRAMS)
    language = ExactField(model_attr="language")
    symbol = ExactField()
    session = indexes.IntegerField(null=True)
    year = indexes.IntegerField(null=True)
    adopted = indexes.DateField(null=True)
    text_id = ExactField()
    resolution_id = ExactField()
    version = ExactField()

    def get_model(self) -> type[ResolutionText]:
        return ResolutionText

    def index_queryset(self, using: str | None = None) -> QuerySet[ResolutionText]:
        return text_queryset()

    def prepare(self, obj: ResolutionText) -> dict:
        data = super().prepare(obj)
        resolution = obj.resolution
        data.update(
            text=f"{obj.title}\n{resolution.symbol or ''}",
            symbol=resolution.symbol or resolution.key,
            session=resolution.session,
            year=resolution.adopted.year if resolution.adopted else None,
            adopted=resolution.adopted,
            text_id=str(obj.pk),
            resolution_id=str(resolution.pk),
            version=text_version(
                obj.checksum,
                obj.language,
                obj.title,
                resolution.symbol or resolution.key,
                resolution.session,
                resolution.adopted,
                resolution.pk,
            ),
        )
        return data
