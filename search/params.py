"""The search page's GET parameters, read by a form under the site's one policy
(``resolutions/forms.py``): a value the page cannot use is a 400 naming it, as on browse.

The query itself may be longer than other values: it is cut to
:data:`~search.query.MAX_QUERY_CHARS` (the page says so), never refused.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from urllib.parse import urlencode

from django.http import QueryDict

from resolutions.forms import (
    SESSIONS,
    YEARS,
    BadParameter,
    QueryForm,
    TextField,
    WholeNumberField,
    WordField,
    page_field,
)

from .engine import Filters
from .query import clean

__all__ = ["BadParameter", "SearchForm", "SearchParams"]

MAX_PAGE = 500
PER_PAGE = 20
MAX_Q_CHARS = 2 * 1024  # read at most; the parser cuts to query.MAX_QUERY_CHARS and says so
SORTS = ("relevance", "date")
KINDS = ("preambular", "operative")


class SearchForm(QueryForm):
    q = TextField(max_chars=None, free=True)
    page = page_field(MAX_PAGE)
    sort = WordField(SORTS)
    language = WordField(("zh", "en"))
    session = WholeNumberField(*SESSIONS)
    kind = WordField(KINDS)
    lead = TextField()
    year_from = WholeNumberField(*YEARS)
    year_to = WholeNumberField(*YEARS)


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    page: int = 1
    sort: str = "relevance"
    language: str = ""
    session: int | None = None
    kind: str = ""
    lead: str = ""
    year_from: int | None = None
    year_to: int | None = None

    @classmethod
    def from_get(cls, get: QueryDict) -> SearchParams:
        data = SearchForm.read(get)
        return cls(
            q=(get.get("q") or "")[:MAX_Q_CHARS],  # unstripped: the parser reads it whole
            page=data["page"] or 1,
            sort=data["sort"] or "relevance",
            language=data["language"],
            session=data["session"],
            kind=data["kind"],
            lead=clean(data["lead"])[0][:100],
            year_from=data["year_from"],
            year_to=data["year_to"],
        )

    @property
    def filters(self) -> Filters:
        return Filters(
            language=self.language,
            session=self.session,
            kind=self.kind,
            lead=self.lead,
            year_from=self.year_from,
            year_to=self.year_to,
        )

    @property
    def has_filters(self) -> bool:
        return any(asdict(self.filters).values())

    def url(self, **changes: object) -> str:
        """``?q=…`` of these parameters with ``changes``, back on page 1 unless one is given."""
        # A flat copy of the fields (``asdict`` deep-copies; a page makes ~200 of these).
        changed = {f.name: getattr(self, f.name) for f in fields(self)} | {"page": 1, **changes}
        values = {k: v for k, v in changed.items() if v not in ("", None)}
        if values.get("page") == 1:
            values.pop("page")
        if values.get("sort") == "relevance":
            values.pop("sort")
        return "?" + urlencode(values)
