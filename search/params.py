"""The search page's GET parameters, bounded: bad filters are dropped, bad pages are 400."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from urllib.parse import urlencode

from django.http import QueryDict

from resolutions.params import BadParameter, page_number

from .engine import Filters
from .query import clean

__all__ = ["BadParameter", "SearchParams"]

MAX_PAGE = 500
PER_PAGE = 20
SORTS = ("relevance", "date")
YEARS = (1945, 2100)


def _int(value: str | None, lo: int, hi: int) -> int | None:
    try:
        number = int((value or "").strip())
    except ValueError:
        return None
    return number if lo <= number <= hi else None


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
        page = page_number(get, max_page=MAX_PAGE)
        language = get.get("language", "")
        kind = get.get("kind", "")
        return cls(
            q=get.get("q", "")[: 2 * 1024],
            page=page,
            sort=get.get("sort") if get.get("sort") in SORTS else "relevance",
            language=language if language in ("zh", "en") else "",
            session=_int(get.get("session"), 1, 999),
            kind=kind if kind in ("preambular", "operative") else "",
            lead=clean(get.get("lead", ""))[0][:100],
            year_from=_int(get.get("year_from"), *YEARS),
            year_to=_int(get.get("year_to"), *YEARS),
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
