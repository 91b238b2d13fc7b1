"""The GET parameters of the pages outside ``/search/``, checked: a bad value is a 400.

Every value a page uses is read here before it reaches a query: whole numbers in a range,
one of a few known words, or short text without NUL bytes.  A value out of bounds raises
:class:`BadParameter` (Django's ``BadRequest``), which ``handler400`` renders in the site
layout with the reason.  Empty values mean "not set" (the browse form sends every field);
parameters a page does not know are ignored.  ``search/params.py`` shares these helpers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import BadRequest
from django.core.paginator import Page
from django.http import QueryDict

from . import queries
from .models import Resolution

MAX_PAGE = 10_000
MAX_VALUE_CHARS = 200
SESSIONS = (1, 999)
YEARS = (1945, 2100)
IDS = (1, 2**31 - 1)
VIEWS = ("parallel",)
SORTS = ("date", "symbol")


class BadParameter(BadRequest):
    """A query-string value a page refuses with 400; the message says which and why."""


def raw(get: QueryDict, name: str, max_chars: int = MAX_VALUE_CHARS) -> str:
    """The (last) value of ``name``, stripped, ``""`` when absent; every value is bounded."""
    values = get.getlist(name)
    for value in values:
        if len(value) > max_chars:
            raise BadParameter(f"{name} is longer than {max_chars} characters")
        if "\x00" in value:
            raise BadParameter(f"{name} contains a NUL character")
    return values[-1].strip() if values else ""


def whole_number(value: str, name: str, lo: int, hi: int) -> int:
    """``value`` as an int from ``lo`` to ``hi`` (ASCII digits only), else :class:`BadParameter`."""
    if not (value.isascii() and value.isdigit()) or not lo <= int(value) <= hi:
        raise BadParameter(f"{name} must be a whole number from {lo} to {hi}")
    return int(value)


def number(get: QueryDict, name: str, lo: int, hi: int) -> int | None:
    """An optional whole-number parameter: None when absent or empty."""
    value = raw(get, name)
    return whole_number(value, name, lo, hi) if value else None


def page_number(get: QueryDict, name: str = "page", max_page: int = MAX_PAGE) -> int:
    """A page number from 1 to ``max_page``; 1 when absent or empty."""
    return number(get, name, 1, max_page) or 1


def choice(get: QueryDict, name: str, allowed: tuple[str, ...] | list[str]) -> str:
    """One of ``allowed``, or ``""`` when absent or empty."""
    value = raw(get, name)
    if value and value not in allowed:
        raise BadParameter(f"{name} must be one of: {', '.join(allowed)}")
    return value


def check_page(page: Page, asked: int, name: str = "page") -> None:
    """Refuse a page number past the last page (the paginator would have clamped it)."""
    if page.number != asked:
        raise BadParameter(f"{name} {asked} is past the last page ({page.paginator.num_pages})")


@dataclass(frozen=True)
class BrowseParams:
    """``/resolutions/``: the filters and the page number."""

    filters: queries.BrowseFilters
    page: int

    @classmethod
    def from_get(cls, get: QueryDict) -> BrowseParams:
        filters = queries.BrowseFilters(
            session=number(get, "session", *SESSIONS),
            year=number(get, "year", *YEARS),
            language=choice(get, "language", queries.LANGUAGES),
            committee=raw(get, "committee"),
            subject=number(get, "subject", *IDS),
            adoption_type=choice(get, "adoption_type", Resolution.AdoptionType.values),
            sort=choice(get, "sort", SORTS) or "date",
        )
        return cls(filters=filters, page=page_number(get))


@dataclass(frozen=True)
class ResolutionParams:
    """A resolution or draft page: ``lang``, ``view=parallel`` and the cited-by page."""

    lang: str
    parallel: bool
    cited_page: int

    @classmethod
    def from_get(cls, get: QueryDict) -> ResolutionParams:
        return cls(
            lang=choice(get, "lang", queries.LANGUAGES),
            parallel=choice(get, "view", VIEWS) == "parallel",
            cited_page=page_number(get, "cited_page"),
        )


def export_language(get: QueryDict) -> str | None:
    """The ``.json`` export's ``lang``: one language, or None for both."""
    return choice(get, "lang", queries.LANGUAGES) or None
