"""What the search page shows: hits grouped under their resolution, snippets, facet links."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resolutions.links import clause_anchor, resolution_path
from resolutions.models import Clause, Resolution

from . import budget, engine, query
from .highlight import snippet
from .params import PER_PAGE, SearchParams

# In the interface language (gettext_lazy: read when the page is made).
FACET_LABELS = {
    "language": gettext_lazy("Language"),
    "session": gettext_lazy("Session"),
    "kind": gettext_lazy("Clause kind"),
    "lead": gettext_lazy("Lead phrase"),
    "year": gettext_lazy("Adopted"),
}
VALUE_LABELS = {
    "zh": "中文",  # a language's own name, in every interface
    "en": "English",
    "preambular": gettext_lazy("Preambular"),
    "operative": gettext_lazy("Operative"),
}


@dataclass
class ClauseHit:
    label: str
    snippet: str
    url: str  # the clause's anchor on its resolution page, in the hit's language


@dataclass
class Group:
    symbol: str
    title: str
    language: str
    url: str
    adopted: object
    clauses: list[ClauseHit] = field(default_factory=list)


@dataclass
class FacetValue:
    label: str
    count: int
    url: str
    selected: bool


def _clause_label(clause: Clause) -> str:
    if clause.number:
        return f"para. {clause.number}" if clause.text.language == "en" else f"第{clause.number}段"
    kind = "preamble" if clause.text.language == "en" else "序言部分第"
    return (
        f"{kind} {clause.ordinal}" if clause.text.language == "en" else f"{kind}{clause.ordinal}段"
    )


def group_hits(hits: list[engine.Hit], parsed: query.ParsedQuery) -> list[Group]:
    """The page's clauses grouped by resolution text, in the order of their best hit."""
    clauses = Clause.objects.select_related("text__resolution").defer("text__raw_text")
    by_id = {c.pk: c for c in clauses.filter(pk__in=[h.clause_id for h in hits])}
    groups: dict[int, Group] = {}
    for hit in hits:
        clause = by_id.get(hit.clause_id)
        if clause is None:  # deleted since the index was written
            continue
        text, resolution = clause.text, clause.text.resolution
        if text.pk not in groups:
            groups[text.pk] = Group(
                symbol=resolution.label,
                title=text.title,
                language=text.language,
                url=f"{page}?lang={text.language}" if (page := resolution_path(resolution)) else "",
                adopted=resolution.adopted,
            )
        groups[text.pk].clauses.append(
            ClauseHit(
                _clause_label(clause),
                snippet(clause.body, parsed),
                f"{page}?lang={text.language}#{clause_anchor(clause.kind, clause.ordinal)}"
                if (page := resolution_path(resolution))
                else "",  # no page for a symbol that is no valid symbol: no link
            )
        )
    return list(groups.values())


def facet_values(outcome: engine.Outcome, params: SearchParams) -> dict[str, list[FacetValue]]:
    """Each facet's values with counts and the link that selects (or clears) them."""
    shown: dict[str, list[FacetValue]] = {}
    for name, counts in outcome.facets.items():
        values = []
        for value, count in counts:
            if name == "year":
                number = int(value)
                selected = params.year_from == number and params.year_to == number
                change = (
                    {"year_from": None, "year_to": None}
                    if selected
                    else {"year_from": number, "year_to": number}
                )
            else:
                typed = int(value) if name == "session" else value
                selected = getattr(params, name) == typed
                change = {name: None if name == "session" else ""} if selected else {name: typed}
            values.append(
                FacetValue(
                    str(VALUE_LABELS.get(value, value)), count, params.url(**change), selected
                )
            )
        if values:
            shown[str(FACET_LABELS[name])] = values
    return shown


def _add_note(ctx: dict, text: str) -> None:
    ctx["note"] = (ctx["note"] + " " if ctx["note"] else "") + text


def context(parsed: query.ParsedQuery, params: SearchParams, note: str = "") -> dict:
    """The template context of one search."""
    ctx: dict = {"params": params, "parsed": parsed, "note": note, "groups": [], "total": 0}
    if parsed.truncated:
        _add_note(
            ctx,
            _("Your query was cut to %(n)s characters.") % {"n": query.MAX_QUERY_CHARS},
        )
    if parsed.terms_cut:
        _add_note(
            ctx,
            _("Your query has more than %(n)s search terms: only the first %(n)s were searched.")
            % {"n": budget.MAX_QUERY_TERMS},
        )
    whoosh_query = query.build(parsed)
    if whoosh_query is None:
        if parsed.text:
            ctx["message"] = _("Nothing to search for in that query: type words or a symbol.")
        return ctx
    try:
        outcome = engine.run(
            whoosh_query, params.filters, sort=params.sort, page=params.page, per_page=PER_PAGE
        )
    except engine.IndexMissing:
        ctx["message"] = _("The search index has not been built yet (manage.py rebuild_index).")
        return ctx
    if outcome.busy:
        _add_note(
            ctx,
            _(
                "Results are incomplete: other long searches are running, so this one was "
                "cut short and only some of the matching clauses are shown. Try again in a "
                "moment; a longer word or phrase searches faster."
            ),
        )
    elif not outcome.complete:
        _add_note(
            ctx,
            _(
                "Results are incomplete: the query was too expensive to search in full, so "
                "only some of the matching clauses are shown. A longer word or phrase "
                "searches faster."
            ),
        )
    ctx.update(
        incomplete=not outcome.complete,
        total=outcome.total,
        page=outcome.page,
        pages=outcome.pages,
        groups=group_hits(outcome.hits, parsed),
        facets=facet_values(outcome, params),
        previous_url=params.url(page=outcome.page - 1) if outcome.page > 1 else "",
        next_url=params.url(page=outcome.page + 1) if outcome.page < outcome.pages else "",
        sort_urls={s: params.url(sort=s) for s in ("relevance", "date")},
        clear_url=params.url(
            language="", session=None, kind="", lead="", year_from=None, year_to=None
        ),
    )
    if not outcome.total:
        ctx["message"] = _("No clause matches.")
    return ctx


def archived(symbol: str) -> bool:
    return Resolution.objects.filter(symbol=symbol).exists()
