"""Read-only querysets and page data for the site; every page's queries are bounded here.

Views stay thin: they call one function of this module and render what it returns.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import ExtractYear, Length, Substr
from django.utils.translation import gettext_lazy as _

from .links import clause_anchor, draft_slug
from .models import (
    Annex,
    Clause,
    Footnote,
    Reference,
    Resolution,
    ResolutionText,
    Subject,
    Subparagraph,
    Vote,
)
from .rendering import (
    Segment,
    part_bounds,
    part_count,
    part_of,
    part_window,
    split_citations,
    split_lead,
)

LANGUAGES = ("zh", "en")
BROWSE_PAGE_SIZE = 50
CITED_BY_PAGE_SIZE = 25
# The same order on SQLite and PostgreSQL (which puts NULLs first in a descending sort).
NEWEST_FIRST = (
    F("adopted").desc(nulls_last=True),
    F("session").desc(nulls_last=True),
    F("number").desc(nulls_last=True),
    "key",
)
ADOPTION_TYPES = [
    ("without_vote", _("Without a vote")),
    ("recorded_vote", _("Recorded vote")),
    ("other", _("Other")),
]


def interface_text_language(language_code: str | None) -> str:
    """The text language matching the interface language: ``zh-hans`` → ``zh``."""
    return "zh" if (language_code or "").startswith("zh") else "en"


# --------------------------------------------------------------------------- lists


def with_titles(qs: QuerySet[Resolution]) -> QuerySet[Resolution]:
    """Annotate ``title_zh``/``title_en`` (None when that text is absent)."""
    titles = {
        f"title_{lang}": Subquery(
            ResolutionText.objects.filter(resolution=OuterRef("pk"), language=lang)
            .order_by()  # one row at most: no ordering, no join for it
            .values("title")[:1]
        )
        for lang in LANGUAGES
    }
    return qs.annotate(**titles)


def archive_stats() -> dict[str, int]:
    """What the archive holds, for the home page."""
    per_language = dict(
        ResolutionText.objects.order_by()
        .values_list("language")
        .annotate(n=Count("id"))
        .values_list("language", "n")
    )
    return {
        "resolutions": Resolution.objects.filter(is_draft=False).count(),
        "drafts": Resolution.objects.filter(is_draft=True).count(),
        "texts_zh": per_language.get("zh", 0),
        "texts_en": per_language.get("en", 0),
        "sessions": Resolution.objects.exclude(session=None).values("session").distinct().count(),
        "clauses": Clause.objects.count(),
        "citations": Reference.objects.filter(target__isnull=False).count(),
    }


def recent_resolutions(limit: int = 10) -> list[Resolution]:
    qs = Resolution.objects.filter(is_draft=False).exclude(adopted=None)
    return list(with_titles(qs).order_by(*NEWEST_FIRST)[:limit])


def most_cited(limit: int = 10) -> list[Resolution]:
    """The archived resolutions cited by the most other resolutions."""
    qs = Resolution.objects.filter(cited_count__gt=0).order_by("-cited_count", "pk")
    return list(with_titles(qs)[:limit])


def most_cited_resolution() -> Resolution | None:
    top = most_cited(1)
    return top[0] if top else None


@dataclass
class BrowseFilters:
    session: int | None = None
    year: int | None = None
    language: str = ""
    committee: str = ""
    subject: int | None = None
    adoption_type: str = ""
    sort: str = "date"  # "date" (newest first) or "symbol"

    def apply(self, qs: QuerySet[Resolution]) -> QuerySet[Resolution]:
        if self.session is not None:
            qs = qs.filter(session=self.session)
        if self.year is not None:
            qs = qs.filter(adopted__year=self.year)
        if self.language:
            qs = qs.filter(
                Exists(
                    ResolutionText.objects.filter(resolution=OuterRef("pk"), language=self.language)
                )
            )
        if self.committee:
            qs = qs.filter(committee=self.committee)
        if self.subject is not None:
            qs = qs.filter(subjects=self.subject)
        if self.adoption_type:
            qs = qs.filter(adoption_type=self.adoption_type)
        if self.sort == "symbol":
            return qs.order_by(
                "is_draft",
                F("session").asc(nulls_last=True),
                F("number").asc(nulls_last=True),
                "letter",
                "key",
            )
        return qs.order_by(*NEWEST_FIRST)


def browse(filters: BrowseFilters, page: str | int | None) -> Page:
    qs = filters.apply(with_titles(Resolution.objects.all()))
    return Paginator(qs, BROWSE_PAGE_SIZE).get_page(page)


def browse_options(filters: BrowseFilters) -> dict:
    """The values the browse filters offer (sessions, years, committees, frequent subjects)."""
    subjects = list(
        Subject.objects.annotate(n=Count("resolutions")).filter(n__gt=0).order_by("-n", "term")[:60]
    )
    if filters.subject and all(s.pk != filters.subject for s in subjects):
        subjects += list(Subject.objects.filter(pk=filters.subject))
    return {
        "sessions": list(
            Resolution.objects.exclude(session=None)
            .order_by("-session")
            .values_list("session", flat=True)
            .distinct()
        ),
        "years": list(
            Resolution.objects.exclude(adopted=None)
            .annotate(y=ExtractYear("adopted"))
            .order_by("-y")
            .values_list("y", flat=True)
            .distinct()
        ),
        "committees": list(
            Resolution.objects.exclude(committee="")
            .order_by("committee")
            .values_list("committee", flat=True)
            .distinct()
        ),
        "subjects": subjects,
        "adoption_types": ADOPTION_TYPES,
    }


def session_index() -> list[dict]:
    """Every session with how many resolutions and drafts it holds."""
    return list(
        Resolution.objects.exclude(session=None)
        .order_by("-session")
        .values("session")
        .annotate(
            resolutions=Count("id", filter=Q(is_draft=False)),
            drafts=Count("id", filter=Q(is_draft=True)),
        )
    )


def session_resolutions(session: int) -> list[Resolution]:
    qs = Resolution.objects.filter(session=session).order_by(
        F("number").asc(nulls_last=True), "letter", "key"
    )
    return list(with_titles(qs))


# --------------------------------------------------------------------------- one resolution


def find_by_symbol(symbol: str) -> Resolution | None:
    return Resolution.objects.filter(symbol=symbol).first()


def lettered_parts(symbol: str) -> list[Resolution]:
    """The archived parts of an unlettered symbol adopted in parts: A/RES/77/264 → its A, B,
    C (with their titles), in letter order."""
    parts = with_titles(Resolution.objects.filter(symbol__startswith=f"{symbol} "))
    return sorted(
        (r for r in parts if r.symbol[len(symbol) + 1 :].isalpha()),
        key=lambda r: (len(r.letter or r.symbol), r.symbol),
    )


def find_draft(slug: str) -> Resolution | None:
    """The draft without a symbol whose :func:`draft_slug` is ``slug``."""
    session = slug.split("-", 1)[0]
    candidates = Resolution.objects.filter(symbol=None).only("pk", "key")
    if session.isdigit():
        candidates = candidates.filter(key__startswith=f"draft:{session}:")
    for candidate in candidates:
        if draft_slug(candidate.key) == slug:
            return candidate
    return None


@dataclass(frozen=True)
class Cut:
    """A body too long for one page (see :data:`rendering.SHOWN_CHARS`): the part shown."""

    anchor: str  # of the body cut: "op3", "op3-a", "fn-2", "annex-1"
    part: int  # 1-based
    parts: int
    chars: int  # the whole body's length
    start: int  # characters before the part shown
    shown: int  # characters shown

    @property
    def first_char(self) -> str:
        """The position of the part's first character, 1-based, for people: ``20,001``."""
        return f"{self.start + 1:,}"

    @property
    def last_char(self) -> str:
        return f"{self.start + self.shown:,}"

    @property
    def total_chars(self) -> str:
        return f"{self.chars:,}"

    @property
    def shown_chars(self) -> str:
        return f"{self.shown:,}"

    @property
    def previous_part(self) -> int | None:
        return self.part - 1 if self.part > 1 else None

    @property
    def next_part(self) -> int | None:
        return self.part + 1 if self.part < self.parts else None


def _first_part(obj, anchor: str) -> tuple[str, Cut | None]:
    """The part of ``obj``'s body a page shows (see :func:`_with_first_part`), and its cut."""
    text = part_of(obj.body_head, 0, 1, obj.body_chars)
    parts = part_count(obj.body_chars)
    return text, Cut(anchor, 1, parts, obj.body_chars, 0, len(text)) if parts > 1 else None


def _with_first_part(qs: QuerySet) -> QuerySet:
    """Bodies cut in the database: ``body_head`` (what part 1 needs) and ``body_chars``.

    A page never loads a whole body: a 10 MB clause costs what its first part costs.
    """
    _, count = part_window(1)
    return qs.defer("body").annotate(body_head=Substr("body", 1, count), body_chars=Length("body"))


@dataclass
class SubView:
    sub: Subparagraph
    anchor: str
    segments: list[Segment]
    cut: Cut | None = None


@dataclass
class ClauseView:
    """A clause ready to show: its anchor, lead phrase, text pieces and notes."""

    clause: Clause
    anchor: str
    lead: str
    segments: list[Segment]
    subparagraphs: list[SubView]
    footnotes: list[Footnote]
    unprinted_refs: list[Reference]  # cited but not found in the text (shown after it)
    section_start: bool = False  # the first clause under a new section heading
    cut: Cut | None = None  # the body is longer than a page shows

    @property
    def kind(self) -> str:
        return self.clause.kind


@dataclass
class FootnoteView:
    footnote: Footnote
    anchor: str
    segments: list[Segment]
    cited_from: list[str]  # anchors of the clauses citing it
    cut: Cut | None = None


@dataclass
class AnnexView:
    annex: Annex
    anchor: str
    text: str  # the part shown
    cut: Cut | None = None


@dataclass
class TextView:
    text: ResolutionText
    preambular: list[ClauseView] = field(default_factory=list)
    operative: list[ClauseView] = field(default_factory=list)
    footnotes: list[FootnoteView] = field(default_factory=list)
    annexes: list[AnnexView] = field(default_factory=list)

    @property
    def language(self) -> str:
        return self.text.language

    @property
    def clauses(self) -> list[ClauseView]:
        return self.preambular + self.operative


def _sub_anchors(subs: Iterable[Subparagraph], anchor: str) -> Iterator[tuple[Subparagraph, str]]:
    """Each sub-paragraph of the clause at ``anchor`` with its own: ``op3-a``, ``op3-a-ii``."""
    parents: dict[int, str] = {0: anchor}
    for sub in subs:
        parent = parents.get(sub.depth - 1, anchor)
        sub_anchor = f"{parent}-{_slug_label(sub.label)}"
        parents[sub.depth] = sub_anchor
        yield sub, sub_anchor


def _subparagraph_views(clause: Clause, anchor: str, refs: list[Reference]) -> list[SubView]:
    views = []
    for sub, sub_anchor in _sub_anchors(clause.subparagraphs.all(), anchor):
        text, cut = _first_part(sub, sub_anchor)
        views.append(SubView(sub, sub_anchor, split_citations(text, refs), cut))
    return views


def _slug_label(label: str) -> str:
    return "".join(ch for ch in label.lower() if ch.isalnum()) or "x"


def load_text(text: ResolutionText) -> TextView:
    """A text's clauses, sub-paragraphs, footnotes, references and annexes: 7 queries.

    Each body shows at most its first part (:data:`rendering.SHOWN_CHARS`), cut in the
    database, and citations are looked for in that part only; a longer body carries a
    :class:`Cut` so the page says so and links to the rest (:func:`body_part`).
    """
    refs = Reference.objects.only(
        "id", "symbol", "kind", "cited_in", "target_id", "clause_id", "footnote_id"
    )
    clauses = list(
        _with_first_part(Clause.objects.filter(text=text))
        .order_by("position")
        .prefetch_related(
            Prefetch(
                "subparagraphs",
                queryset=_with_first_part(Subparagraph.objects.order_by("position")),
            ),
            Prefetch("footnotes", queryset=Footnote.objects.defer("body").order_by("position")),
            Prefetch("references", queryset=refs.order_by("id")),
        )
    )
    footnotes = list(
        _with_first_part(Footnote.objects.filter(text=text))
        .order_by("position")
        .prefetch_related(
            Prefetch("references", queryset=refs.order_by("id")),
            Prefetch("cited_by", queryset=Clause.objects.only("id", "kind", "ordinal")),
        )
    )
    view = TextView(text=text)
    for annex in _with_first_part(Annex.objects.filter(text=text)).order_by("position"):
        anchor = f"annex-{annex.position}"
        shown, cut = _first_part(annex, anchor)
        view.annexes.append(AnnexView(annex, anchor, shown, cut))
    section = ""
    for clause in clauses:
        anchor = clause_anchor(clause.kind, clause.ordinal)
        clause_refs = list(clause.references.all())
        shown, cut = _first_part(clause, anchor)
        lead, rest = split_lead(shown, clause.lead)
        segments = split_citations(rest, clause_refs)
        subs = _subparagraph_views(clause, anchor, clause_refs)
        printed = {s.ref.symbol for s in segments if s.ref} | {
            s.ref.symbol for sv in subs for s in sv.segments if s.ref
        }
        unprinted = [
            ref
            for ref in {r.symbol: r for r in clause_refs}.values()
            if ref.symbol not in printed
            # "49/233 A and B" also cites 49/233 itself: its lettered parts already link
            and not any(p.startswith(ref.symbol + " ") for p in printed)
        ]
        item = ClauseView(
            clause,
            anchor,
            lead,
            segments,
            subs,
            list(clause.footnotes.all()),
            unprinted,
            section_start=bool(clause.section) and clause.section != section,
            cut=cut,
        )
        section = clause.section
        (view.preambular if clause.kind == "preambular" else view.operative).append(item)
    for note in footnotes:
        anchor = f"fn-{note.position}"
        shown, cut = _first_part(note, anchor)
        view.footnotes.append(
            FootnoteView(
                note,
                anchor,
                split_citations(shown, list(note.references.all())),
                [clause_anchor(c.kind, c.ordinal) for c in note.cited_by.all()],
                cut,
            )
        )
    return view


# The anchor of a body: a clause "op3", a sub-paragraph "op3-a-ii", a note "fn-2", "annex-1".
BODY_ANCHOR = re.compile(r"(pp|op)(\d{1,6})((?:-[a-z0-9]{1,10}){0,6})|fn-(\d{1,6})|annex-(\d{1,6})")


@dataclass
class BodyPart:
    """One part of a body too long for one page (``?clause=op3&part=2``)."""

    kind: str  # "preambular", "operative", "subparagraph", "footnote", "annex"
    number: str  # the paragraph number, footnote marker or annex position as printed
    label: str  # a sub-paragraph's label ("a"), else ""
    segments: list[Segment]
    cut: Cut


def body_part(text: ResolutionText, anchor: str, part: int) -> BodyPart | None:
    """Part ``part`` (2 or more) of the body at ``anchor`` in ``text``; None when there is none.

    Only that part's characters (and the few before it where the cut is decided) leave the
    database; citations are looked for in it alone.
    """
    m = BODY_ANCHOR.fullmatch(anchor)
    if m is None:
        return None
    start, count = part_window(part)
    window = {"body_window": Substr("body", start + 1, count), "body_chars": Length("body")}
    refs: list[Reference] = []
    label = ""
    if m.group(4) or m.group(5):
        model = Footnote if m.group(4) else Annex
        obj = (
            model.objects.filter(text=text, position=int(m.group(4) or m.group(5)))
            .defer("body")
            .annotate(**window)
            .first()
        )
        if obj is None:
            return None
        kind = "footnote" if model is Footnote else "annex"
        number = obj.marker if model is Footnote else str(obj.position)
        if model is Footnote:
            refs = list(obj.references.only("id", "symbol", "target_id").order_by("id"))
    else:
        kind = "preambular" if m.group(1) == "pp" else "operative"
        clause = (
            Clause.objects.filter(text=text, kind=kind, ordinal=int(m.group(2)))
            .only("id", "kind", "ordinal", "number")
            .first()
        )
        if clause is None:
            return None
        number = str(clause.number or clause.ordinal) if kind == "operative" else m.group(2)
        refs = list(clause.references.only("id", "symbol", "target_id").order_by("id"))
        clause_anchor_ = clause_anchor(kind, clause.ordinal)
        if m.group(3):
            subs = Subparagraph.objects.filter(clause=clause).only("id", "depth", "label")
            sub_id = next(
                (
                    sub.pk
                    for sub, a in _sub_anchors(subs.order_by("position"), clause_anchor_)
                    if a == anchor
                ),
                None,
            )
            if sub_id is None:
                return None
            obj = Subparagraph.objects.defer("body").annotate(**window).get(pk=sub_id)
            kind, label = "subparagraph", obj.label
        else:
            obj = Clause.objects.defer("body").annotate(**window).get(pk=clause.pk)
    parts = part_count(obj.body_chars)
    if not 1 < part <= parts:
        return None
    begin, end = part_bounds(obj.body_window, start, part, obj.body_chars)
    shown = obj.body_window[begin:end]
    cut = Cut(anchor, part, parts, obj.body_chars, start + begin, len(shown))
    return BodyPart(kind, number, label, split_citations(shown, refs), cut)


def texts_of(resolution: Resolution) -> dict[str, ResolutionText]:
    """The resolution's texts by language, without their (large) raw source."""
    return {t.language: t for t in resolution.texts.defer("raw_text").order_by("language")}


def pick_language(texts: dict[str, ResolutionText], asked: str | None, interface: str) -> str:
    """The asked language when it has a text, else the interface's, else any available."""
    for lang in (asked, interface, *LANGUAGES):
        if lang in texts:
            return lang
    return interface


@dataclass
class VoteList:
    yes: list[str]
    no: list[str]
    abstain: list[str]


def vote_list(resolution: Resolution) -> VoteList | None:
    """The per-state recorded vote, when the archive has one (one query)."""
    votes = list(
        Vote.objects.filter(resolution=resolution).select_related("state").order_by("state__name")
    )
    if not votes:
        return None
    by_choice: dict[str, list[str]] = {"Y": [], "N": [], "A": []}
    for vote in votes:
        by_choice[vote.choice].append(vote.state.name)
    return VoteList(by_choice["Y"], by_choice["N"], by_choice["A"])


@dataclass
class Citation:
    """One place in another resolution that cites the page's resolution."""

    anchor: str
    lead: str
    kind: str  # "preambular", "operative", "footnote", "other"
    number: str  # the paragraph number as printed, or the ordinal / footnote marker
    language: str


@dataclass
class CitingResolution:
    resolution: Resolution
    citations: list[Citation]


def _citation(ref: Reference) -> Citation:
    kind, _, rest = ref.cited_in.partition(":")
    clause = ref.clause
    if clause is not None:
        number = str(clause.number or clause.ordinal) if clause.kind == "operative" else rest
        return Citation(
            clause_anchor(clause.kind, clause.ordinal),
            clause.lead,
            clause.kind,
            number or str(clause.ordinal),
            ref.text.language,
        )
    if kind == "footnote":
        marker = ref.footnote.marker if ref.footnote else rest
        anchor = f"fn-{ref.footnote.position}" if ref.footnote else ""
        return Citation(anchor, "", "footnote", marker, ref.text.language)
    return Citation("", "", "other", "", ref.text.language)


def cited_by(resolution: Resolution, page: str | int | None, language: str) -> Page:
    """The resolutions citing this one, a page at a time, each with the clauses citing it.

    Four queries whatever the number of citations: the page of citing resolutions, their
    titles, their texts and the references they make; the count is the resolution's
    ``cited_count``, which every ingest run recomputes.  Within a citing resolution the citations of
    the text in ``language`` are shown (those of its other text when it has none in it).
    """
    return _citing(Q(target=resolution), resolution.cited_count, page, language, resolution.pk)


def cited_by_symbol(symbol: str, page: str | int | None, language: str) -> Page:
    """Like :func:`cited_by`, for a symbol the archive does not hold: the clauses whose
    references name it (they carry no link)."""
    refs = Q(symbol=symbol, target__isnull=True)
    count = (
        ResolutionText.objects.filter(references__symbol=symbol, references__target__isnull=True)
        .values("resolution_id")
        .distinct()
        .count()
    )
    return _citing(refs, count, page, language)


def _citing(
    refs_filter: Q, count: int, page: str | int | None, language: str, exclude: int | None = None
) -> Page:
    """The page of resolutions whose references match ``refs_filter`` (see :func:`cited_by`)."""
    citing_ids = (
        ResolutionText.objects.filter(
            pk__in=Reference.objects.filter(refs_filter).values("text_id")
        )
        .order_by()
        .values("resolution_id")
    )
    citing = Resolution.objects.filter(pk__in=citing_ids)
    if exclude is not None:
        citing = citing.exclude(pk=exclude)
    citing = citing.order_by(*NEWEST_FIRST).values_list("pk", flat=True)
    paginator = Paginator(citing, CITED_BY_PAGE_SIZE)
    paginator.count = count  # known already: no pass to count them
    result = paginator.get_page(page)
    # The page's ids first, then their titles: the title lookups run for this page only.
    page_ids = list(result.object_list)
    by_pk = with_titles(Resolution.objects.filter(pk__in=page_ids)).in_bulk()
    on_page = [by_pk[pk] for pk in page_ids if pk in by_pk]
    text_ids = list(
        ResolutionText.objects.filter(resolution_id__in=page_ids).values_list("pk", flat=True)
    )
    refs = (
        Reference.objects.filter(refs_filter, text_id__in=text_ids)
        .select_related("clause", "footnote", "text")
        .only(
            "cited_in",
            "text__language",
            "text__resolution_id",
            "clause__kind",
            "clause__ordinal",
            "clause__number",
            "clause__lead",
            "footnote__marker",
            "footnote__position",
        )
        .order_by("text__resolution_id", "text__language", "id")
    )
    grouped: dict[int, dict[str, list[Citation]]] = {}
    for ref in refs:
        per_lang = grouped.setdefault(ref.text.resolution_id, OrderedDict())
        citations = per_lang.setdefault(ref.text.language, [])
        citation = _citation(ref)
        if all(c.anchor != citation.anchor for c in citations):
            citations.append(citation)
    items = []
    for res in on_page:
        per_lang = grouped.get(res.pk, {})
        chosen = per_lang.get(language) or next(iter(per_lang.values()), [])
        items.append(CitingResolution(res, chosen))
    result.object_list = items
    return result


# --------------------------------------------------------------------------- side by side


@dataclass
class PairedSection:
    """The clauses of one kind in both languages: paired row by row when the counts agree."""

    kind: str
    zh: list[ClauseView]
    en: list[ClauseView]

    @property
    def paired(self) -> bool:
        return len(self.zh) == len(self.en)

    @property
    def rows(self) -> list[tuple[ClauseView, ClauseView]]:
        return list(zip(self.zh, self.en, strict=True)) if self.paired else []


def pair_clauses(zh: TextView, en: TextView) -> list[PairedSection]:
    """Pair each zh clause with its en counterpart by position within its kind.

    When a kind has different counts in the two texts the clauses are not paired row by
    row (which would put unrelated paragraphs side by side); the section is flagged.
    """
    sections = []
    for kind in ("preambular", "operative"):
        left, right = getattr(zh, kind), getattr(en, kind)
        if left or right:
            sections.append(PairedSection(kind, left, right))
    return sections
