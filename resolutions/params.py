"""The GET parameters of the pages outside ``/search/``, read by the forms of
``resolutions/forms.py`` (one policy for every page: a bad value is a 400 naming it).

Each page gets a small frozen dataclass of what it may use; ``search/params.py`` does the
same for the search page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page
from django.http import QueryDict
from django.utils.translation import gettext as _

from . import queries
from .forms import MAX_PAGE, BadParameter, BrowseForm, ExportForm, ResolutionForm

__all__ = [
    "MAX_PAGE",
    "BadParameter",
    "BrowseParams",
    "ResolutionParams",
    "check_page",
    "export_language",
]


def check_page(page: Page, asked: int, name: str = "page") -> None:
    """Refuse a page number past the last page (the paginator would have clamped it)."""
    if page.number != asked:
        raise BadParameter(
            _("%(name)s %(asked)s is past the last page (%(last)s)")
            % {"name": name, "asked": asked, "last": page.paginator.num_pages}
        )


@dataclass(frozen=True)
class BrowseParams:
    """``/resolutions/``: the filters and the page number."""

    filters: queries.BrowseFilters
    page: int

    @classmethod
    def from_get(cls, get: QueryDict) -> BrowseParams:
        data = BrowseForm.read(get)
        page = data.pop("page") or 1
        filters = queries.BrowseFilters(**{**data, "sort": data["sort"] or "date"})
        return cls(filters=filters, page=page)


@dataclass(frozen=True)
class ResolutionParams:
    """A resolution or draft page: ``lang``, ``view=parallel`` and the cited-by page."""

    lang: str
    parallel: bool
    cited_page: int
    clause: str = ""  # one clause's continuation: ?clause=op1&part=2
    part: int = 1

    @classmethod
    def from_get(cls, get: QueryDict) -> ResolutionParams:
        data = ResolutionForm.read(get)
        return cls(
            lang=data["lang"],
            parallel=data["view"] == "parallel",
            cited_page=data["cited_page"] or 1,
            clause=data["clause"],
            part=data["part"] or 1,
        )


def export_language(get: QueryDict) -> str | None:
    """The ``.json`` export's ``lang``: one language, or None for both."""
    return ExportForm.read(get)["lang"] or None
