"""Every page's query string, read by a Django form under one policy (issue 17).

The policy, the same on browse, the resolution pages, the exports and search:

* every parameter is optional; an empty value means "not set" (a form sends every field);
* every value is bounded: at most :data:`MAX_VALUE_CHARS` characters and no NUL character —
  but for the search query, free text a reader types or pastes: it may be longer and hold
  control characters, which the query parser drops and cuts (the page says so);
* whole numbers are ASCII digits within a range (no sign, no ``65.0``); words come from a
  fixed list;
* a value a page cannot use is refused: :meth:`QueryForm.read` raises :class:`BadParameter`
  (Django's ``BadRequest``), a 400 in the site layout whose message names the parameter;
* parameters a page does not know are ignored; of a repeated parameter the last value counts.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _

from . import queries
from .models import Resolution

MAX_PAGE = 10_000
MAX_VALUE_CHARS = 200
SESSIONS = (1, 999)
YEARS = (1945, 2100)
IDS = (1, 2**31 - 1)


class BadParameter(BadRequest):
    """A query-string value a page refuses with 400; the message says which and why."""


class WholeNumberField(forms.Field):
    """A whole number from ``lo`` to ``hi`` written in ASCII digits; None when empty."""

    def __init__(self, lo: int, hi: int, **kwargs):
        self.lo, self.hi = lo, hi
        super().__init__(required=False, **kwargs)

    def to_python(self, value: str | None) -> int | None:
        value = (value or "").strip()
        if not value:
            return None
        if not (value.isascii() and value.isdigit()) or not self.lo <= int(value) <= self.hi:
            raise ValidationError(
                _("%(name)s must be a whole number from %(lo)s to %(hi)s"),
                params={"lo": self.lo, "hi": self.hi},
            )
        return int(value)


class WordField(forms.Field):
    """One of a few known words; ``""`` when empty."""

    def __init__(self, words: tuple[str, ...] | list[str], **kwargs):
        self.words = tuple(words)
        super().__init__(required=False, **kwargs)

    def to_python(self, value: str | None) -> str:
        value = (value or "").strip()
        if value and value not in self.words:
            raise ValidationError(
                _("%(name)s must be one of: %(allowed)s"),
                params={"allowed": ", ".join(self.words)},
            )
        return value


class TextField(forms.Field):
    """Short free text, stripped; ``""`` when empty (its bounds are the form's policy)."""

    def __init__(self, max_chars: int | None = MAX_VALUE_CHARS, *, free: bool = False, **kwargs):
        self.max_chars = max_chars  # None: longer values are the page's to cut, not refused
        self.free = free  # True: NUL and other controls are the page's to drop, not refused
        super().__init__(required=False, **kwargs)

    def to_python(self, value: str | None) -> str:
        return (value or "").strip()


class AnchorField(TextField):
    """A place in a text's body: ``op3``, ``op3-a``, ``fn-2``, ``annex-1``; ``""`` when empty."""

    def to_python(self, value: str | None) -> str:
        value = super().to_python(value)
        if value and not queries.BODY_ANCHOR.fullmatch(value):
            raise ValidationError(
                _("%(name)s must be an anchor such as op3, op3-a, fn-2 or annex-1")
            )
        return value


class QueryForm(forms.Form):
    """A page's query-string parameters (subclasses declare the fields)."""

    @classmethod
    def read(cls, get: QueryDict) -> dict:
        """The cleaned values of ``get``, or :class:`BadParameter` naming the first bad one."""
        form = cls(get)
        for name, field in form.fields.items():
            limit = getattr(field, "max_chars", MAX_VALUE_CHARS)
            for value in get.getlist(name):
                if limit is not None and len(value) > limit:
                    raise BadParameter(
                        _("%(name)s is longer than %(n)s characters") % {"name": name, "n": limit}
                    )
                if "\x00" in value and not getattr(field, "free", False):
                    raise BadParameter(_("%(name)s contains a NUL character") % {"name": name})
        if not form.is_valid():
            name, errors = next(iter(form.errors.as_data().items()))
            error = errors[0]
            raise BadParameter(error.message % {"name": name, **(error.params or {})})
        return form.cleaned_data


def page_field(max_page: int = MAX_PAGE) -> WholeNumberField:
    return WholeNumberField(1, max_page)


class BrowseForm(QueryForm):
    """``/resolutions/``: the filters, the sort and the page."""

    session = WholeNumberField(*SESSIONS)
    year = WholeNumberField(*YEARS)
    language = WordField(queries.LANGUAGES)
    committee = TextField()
    subject = WholeNumberField(*IDS)
    adoption_type = WordField(Resolution.AdoptionType.values)
    sort = WordField(("date", "symbol"))
    page = page_field()


class ResolutionForm(QueryForm):
    """A resolution or draft page: the language, side by side, the cited-by page, and one
    clause's continuation (``?clause=op1&part=2``)."""

    lang = WordField(queries.LANGUAGES)
    view = WordField(("parallel",))
    cited_page = page_field()
    clause = AnchorField()
    part = page_field()


class ExportForm(QueryForm):
    """The ``.json`` export: one language, or both."""

    lang = WordField(queries.LANGUAGES)
