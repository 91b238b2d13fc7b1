"""The haystack indexes: one document per clause, one per resolution text.

Text fields go through :data:`search.analysis.MIXED` (jieba for Chinese, Porter stems for
English); ``bigrams`` holds the CJK character bigrams that make Chinese recall literal.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from haystack import indexes

from resolutions.models import Clause, Reference, ResolutionText

from .analysis import BIGRAMS, MIXED
from .fields import ExactField


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
    """Resolution texts with their clause bodies."""
    return (
        ResolutionText.objects.select_related("resolution")
        .defer("raw_text")
        .prefetch_related(Prefetch("clauses", queryset=Clause.objects.only("text_id", "body")))
        .order_by("pk")
    )


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


def cited_symbols(clause: Clause) -> list[str]:
    """The symbols a clause cites, in its text or in its footnotes, each once."""
    symbols = [r.symbol for r in clause.references.all()]
    for note in clause.footnotes.all():
        symbols.extend(r.symbol for r in note.references.all())
    return [s.replace(",", " ") for s in dict.fromkeys(symbols)]


class ResolutionTextIndex(indexes.SearchIndex, indexes.Indexable):
    """A whole text in one language: title and full text."""

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

    def get_model(self) -> type[ResolutionText]:
        return ResolutionText

    def index_queryset(self, using: str | None = None) -> QuerySet[ResolutionText]:
        return text_queryset()

    def prepare(self, obj: ResolutionText) -> dict:
        data = super().prepare(obj)
        resolution = obj.resolution
        data.update(
            text="\n".join([obj.title, *(c.body for c in obj.clauses.all())]),
            symbol=resolution.symbol or resolution.key,
            session=resolution.session,
            year=resolution.adopted.year if resolution.adopted else None,
            adopted=resolution.adopted,
            text_id=str(obj.pk),
            resolution_id=str(resolution.pk),
        )
        return data
