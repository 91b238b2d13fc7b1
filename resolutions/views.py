"""The pages: home, browse, sessions, one resolution (or draft), exports, errors.

Views are thin: the queries live in :mod:`resolutions.queries`, the JSON and CSV in
:mod:`resolutions.export`, the URL rules in :mod:`resolutions.links`, the checked query-string
parameters in :mod:`resolutions.params` (a bad value raises a 400, see :func:`bad_request`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import unquote

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from . import export, pairs, queries
from .links import (
    EXPORTS,
    resolution_json_path,
    resolution_path,
    symbol_export_path,
    symbol_path,
    undocs_url,
)
from .models import Resolution
from .params import (
    BadParameter,
    BrowseParams,
    ResolutionParams,
    check_page,
    export_language,
)
from .parsing.akn_write import write_akn
from .parsing.symbols import canonical_resolution


def refuse_bad_parameters(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer a :class:`BadParameter` with the 400 page (a warning line, not a traceback)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except BadParameter as exc:
            return bad_request(request, exc)

    return wrapper


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """What the archive holds, the latest resolutions and the most cited ones."""
    return render(
        request,
        "resolutions/home.html",
        {
            "stats": queries.archive_stats(),
            "recent": queries.recent_resolutions(10),
            "most_cited": queries.most_cited(10),
            "sessions": queries.session_index(),
        },
    )


@require_safe
@refuse_bad_parameters
def browse(request: HttpRequest) -> HttpResponse:
    """All resolutions, filtered, sorted and paginated."""
    asked = BrowseParams.from_get(request.GET)
    filters = asked.filters
    page = queries.browse(filters, asked.page)
    check_page(page, asked.page)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "resolutions/browse.html",
        {
            "page": page,
            "filters": filters,
            "options": queries.browse_options(filters),
            "query_without_page": params.urlencode(),
        },
    )


@require_safe
def session_list(request: HttpRequest) -> HttpResponse:
    return render(request, "resolutions/sessions.html", {"sessions": queries.session_index()})


@require_safe
def session_detail(request: HttpRequest, session: int) -> HttpResponse:
    resolutions = queries.session_resolutions(session)
    if not resolutions:
        raise Http404("No resolution of this session in the archive")
    return render(
        request,
        "resolutions/session.html",
        {"session": session, "resolutions": resolutions},
    )


def _resolution_page(request: HttpRequest, resolution: Resolution) -> HttpResponse:
    asked = ResolutionParams.from_get(request.GET)
    interface = queries.interface_text_language(get_language())
    texts = queries.texts_of(resolution)
    lang = queries.pick_language(texts, asked.lang, interface)
    if asked.clause:
        return _body_part(request, resolution, texts, lang, asked.clause, asked.part)
    parallel = asked.parallel and len(texts) > 1
    cited_by = queries.cited_by(resolution, asked.cited_page, lang)
    check_page(cited_by, asked.cited_page, "cited_page")
    context: dict = {
        "resolution": resolution,
        "texts": texts,
        "lang": lang,
        "text": texts.get(lang),
        "other_langs": [code for code in queries.LANGUAGES if code in texts and code != lang],
        "parallel": parallel,
        "votes": queries.vote_list(resolution),
        "subjects": list(resolution.subjects.all()),
        "sponsorships": list(resolution.sponsorships.all()),
        "cited_by": cited_by,
        "page_path": resolution_path(resolution),
        "json_path": resolution_json_path(resolution),
        "akn_path": symbol_export_path(resolution.symbol or "", ".akn.xml"),
        "undocs": {code: undocs_url(resolution.symbol, code) for code in queries.LANGUAGES}
        if resolution.symbol
        else {},
    }
    if len(texts) > 1:
        context["pair_difference"] = pairs.difference_of(resolution)
    if parallel:
        context["sections"] = queries.pair_clauses(
            queries.load_text(texts["zh"]), queries.load_text(texts["en"])
        )
    elif lang in texts:
        context["body"] = queries.load_text(texts[lang])
    return render(request, "resolutions/resolution.html", context)


def _body_part(
    request: HttpRequest, resolution: Resolution, texts: dict, lang: str, anchor: str, part: int
) -> HttpResponse:
    """``?clause=op3&part=2``: one part of a body too long for its page (see ``SHOWN_CHARS``).

    Part 1 is the page itself (redirected to, at the body's anchor); a part, clause,
    sub-paragraph, note or annex the text does not have is a 400 saying so.
    """
    page_path = resolution_path(resolution)
    if part == 1:
        return HttpResponseRedirect(f"{page_path}?lang={lang}#{anchor}")
    found = queries.body_part(texts[lang], anchor, part) if lang in texts else None
    if found is None:
        raise BadParameter(
            _("clause %(anchor)s has no part %(part)s in this text")
            % {"anchor": anchor, "part": part}
        )
    return render(
        request,
        "resolutions/part.html",
        {
            "resolution": resolution,
            "text": texts[lang],
            "lang": lang,
            "found": found,
            "cut": found.cut,
            "page_path": page_path,
            "json_path": resolution_json_path(resolution),
        },
    )


def _json(resolution: Resolution, request: HttpRequest) -> HttpResponse:
    data = export.resolution_json(resolution, export_language(request.GET))
    return HttpResponse(export.dumps(data), content_type="application/json; charset=utf-8")


@require_safe
@refuse_bad_parameters
def by_symbol(request: HttpRequest, raw: str) -> HttpResponse:
    """``/A/RES/65/123/`` (and ``.json``, ``.akn.xml``); other spellings of a GA symbol
    redirect there."""
    suffix = next((s for s in EXPORTS if raw.endswith(s)), "")
    stripped = raw.removesuffix(suffix).strip("/") if suffix else raw.strip("/")
    symbol = canonical_resolution(stripped)
    if symbol is None:
        raise Http404("Not a page of this site")
    target = symbol_export_path(symbol, suffix) if suffix else symbol_path(symbol)
    if unquote(target) != request.path:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(target + (f"?{query}" if query else ""))
    resolution = queries.find_by_symbol(symbol)
    if resolution is None:
        if suffix:
            raise Http404("Not in the archive")
        return _not_archived(request, symbol)
    if suffix == ".json":
        return _json(resolution, request)
    if suffix == ".akn.xml":
        return _akn(resolution, request)
    return _resolution_page(request, resolution)


def _akn(resolution: Resolution, request: HttpRequest) -> HttpResponse:
    """One text as Akoma Ntoso 3.0 (``?lang=zh|en``; by default the interface's language,
    else the text there is)."""
    asked = export_language(request.GET)
    texts = queries.texts_of(resolution)
    interface = queries.interface_text_language(get_language())
    lang = asked or queries.pick_language(texts, "", interface)
    if lang not in texts:
        raise Http404("No text in that language")
    data = export.text_json(resolution, texts[lang])
    return HttpResponse(write_akn(data), content_type="application/akn+xml; charset=utf-8")


def _not_archived(request: HttpRequest, symbol: str) -> HttpResponse:
    """A symbol without a resolution of its own: the family page of its archived lettered
    parts (200), else "not in the archive" (404) with the clauses that cite it."""
    asked = ResolutionParams.from_get(request.GET)
    lang = asked.lang or queries.interface_text_language(get_language())
    parts = queries.lettered_parts(symbol)
    citing = queries.cited_by_symbol(symbol, asked.cited_page, lang)
    check_page(citing, asked.cited_page, "cited_page")
    context = {
        "symbol": symbol,
        "parts": parts,
        "lang": lang,
        "cited_by": citing,
        "undocs": {code: undocs_url(symbol, code) for code in queries.LANGUAGES},
    }
    return render(request, "resolutions/not_archived.html", context, status=200 if parts else 404)


@require_safe
@refuse_bad_parameters
def draft(request: HttpRequest, slug: str) -> HttpResponse:
    """A draft without a symbol, at its stable slug."""
    resolution = queries.find_draft(slug)
    if resolution is None:
        raise Http404("No such draft")
    return _resolution_page(request, resolution)


@require_safe
@refuse_bad_parameters
def draft_json(request: HttpRequest, slug: str) -> HttpResponse:
    resolution = queries.find_draft(slug)
    if resolution is None:
        raise Http404("No such draft")
    return _json(resolution, request)


@require_safe
def citations_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Every citation in the archive: ``citing, cited, kind, clause, lead``."""
    response = StreamingHttpResponse(
        export.citation_csv_rows(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="unres-citations.csv"'
    return response


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler400``: the site layout, saying which parameter was refused and why."""
    reason = str(exception) if isinstance(exception, BadParameter) else ""
    return render(request, "400.html", {"reason": reason}, status=400)
