"""The search page: thin, read-only (query parsing and ranking live in search/)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from resolutions.links import symbol_path

from . import query, results
from .params import BadParameter, SearchParams


@csrf_exempt  # nothing but GET and HEAD gets through: a POST is a 405, not a CSRF 403
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """``/search/?q=…``: clause hits, or straight to a resolution named by its symbol.

    GET and HEAD only: OPTIONS, TRACE, POST … are answered 405."""
    try:
        params = SearchParams.from_get(request.GET)
    except BadParameter as exc:
        return render(request, "search/search.html", {"error": str(exc)}, status=400)
    parsed = query.parse(params.q)
    note = ""
    if parsed.symbol:
        if results.archived(parsed.symbol):
            return redirect(symbol_path(parsed.symbol))
        parsed.cites = parsed.symbol
        note = _("%(symbol)s is not in the archive; these clauses cite it.") % {
            "symbol": parsed.symbol
        }
    elif parsed.cites and not parsed.chunks:
        note = _("Clauses citing %(symbol)s.") % {"symbol": parsed.cites}
    return render(request, "search/search.html", results.context(parsed, params, note))
