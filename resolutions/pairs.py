"""Do a resolution's Chinese and English texts say the same? (issue 15)

The two texts of one resolution are translations of each other: they should have as many
preambular and operative paragraphs, cite the same resolutions, and give the same adoption
date and meeting.  Where they do not, one of the two readings is probably wrong (or the UN's
file is), and a reader comparing them should know.  :func:`differences` finds every pair
that disagrees (``check_archive --pairs`` lists them, ``ingest`` ends with their number, the
resolution page shows a note); :func:`compare` says how one pair parts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Count

from .models import Clause, Reference, Resolution, ResolutionText

KINDS = (Clause.Kind.PREAMBULAR, Clause.Kind.OPERATIVE)


@dataclass(frozen=True)
class Side:
    """What one text holds that its twin should hold too."""

    counts: dict[str, int]  # clause kind → paragraphs
    cited: dict[str, frozenset[str]]  # where ("operative:3", "footnote:1") → resolutions
    adopted: object = None
    meeting: int | None = None

    @property
    def all_cited(self) -> frozenset[str]:
        return frozenset().union(*self.cited.values()) if self.cited else frozenset()


@dataclass
class PairDifference:
    """How the Chinese and English texts of one resolution part."""

    resolution_id: int
    symbol: str
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind → (zh, en)
    only_zh: tuple[str, ...] = ()  # resolutions only the Chinese text cites, sorted
    only_en: tuple[str, ...] = ()
    metadata: dict[str, tuple[object, object]] = field(default_factory=dict)  # (zh, en)
    first_part: str = ""  # where they first part: "operative 12", "footnote 3"

    def line(self) -> str:
        parts = [f"{kind} zh {zh} / en {en}" for kind, (zh, en) in self.counts.items()]
        if self.only_zh:
            parts.append("cited only in zh: " + ", ".join(self.only_zh))
        if self.only_en:
            parts.append("cited only in en: " + ", ".join(self.only_en))
        parts += [f"{name} zh {zh} / en {en}" for name, (zh, en) in self.metadata.items()]
        where = f" (first at {self.first_part})" if self.first_part else ""
        return f"{self.symbol}: " + "; ".join(parts) + where


def _place_key(place: str) -> tuple[int, int, str]:
    """The reading order of a place a citation sits in: header, preamble, operative, notes."""
    kind, _, number = place.partition(":")
    order = {"header": 0, "preambular": 1, "operative": 2, "footnote": 3, "annex": 4}
    return order.get(kind, 5), int(number) if number.isdigit() else 0, kind


def _first_part(zh: Side, en: Side) -> str:
    """The first place, in reading order, where the two texts differ: the first clause or
    note whose citations differ, else the first paragraph past the shorter text's count."""
    places = sorted(set(zh.cited) | set(en.cited), key=_place_key)
    for place in places:
        if zh.cited.get(place, frozenset()) != en.cited.get(place, frozenset()):
            kind, _, number = place.partition(":")
            return f"{kind} {number}".strip()
    for kind in KINDS:
        if zh.counts.get(kind, 0) != en.counts.get(kind, 0):
            return f"{kind} {min(zh.counts.get(kind, 0), en.counts.get(kind, 0)) + 1}"
    return ""


def compare(resolution_id: int, symbol: str, zh: Side, en: Side) -> PairDifference | None:
    """How the two sides of one resolution disagree, or None when they agree."""
    out = PairDifference(resolution_id, symbol)
    for kind in KINDS:
        pair = (zh.counts.get(kind, 0), en.counts.get(kind, 0))
        if pair[0] != pair[1]:
            out.counts[str(kind)] = pair
    out.only_zh = tuple(sorted(zh.all_cited - en.all_cited))
    out.only_en = tuple(sorted(en.all_cited - zh.all_cited))
    for name in ("adopted", "meeting"):
        pair = (getattr(zh, name), getattr(en, name))
        if None not in pair and pair[0] != pair[1]:
            out.metadata[name] = pair
    if not (out.counts or out.only_zh or out.only_en or out.metadata):
        return None
    if out.counts or out.only_zh or out.only_en:
        out.first_part = _first_part(zh, en)
    return out


def _sides(texts: Iterable[ResolutionText]) -> dict[int, Side]:
    """Each text's side, read in three queries for all of them."""
    texts = list(texts)
    ids = [t.pk for t in texts]
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Clause.objects.filter(text_id__in=ids)
        .values("text_id", "kind")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[row["text_id"]][row["kind"]] = row["n"]
    cited: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for text_id, symbol, place in Reference.objects.filter(
        text_id__in=ids, kind=Reference.Kind.RESOLUTION
    ).values_list("text_id", "symbol", "cited_in"):
        cited[text_id][place].add(symbol)
    return {
        t.pk: Side(
            counts=counts.get(t.pk, {}),
            cited={place: frozenset(s) for place, s in cited.get(t.pk, {}).items()},
            adopted=t.adopted,
            meeting=t.meeting,
        )
        for t in texts
    }


BATCH = 500  # resolutions read at once


def _paired(resolutions=None):
    queryset = Resolution.objects.all() if resolutions is None else resolutions
    return queryset.filter(texts__language="zh").filter(texts__language="en")


def paired_count() -> int:
    """How many resolutions have both a Chinese and an English text."""
    return _paired().distinct().count()


def differences(resolutions=None) -> Iterator[PairDifference]:
    """Every resolution (of ``resolutions``, default all) whose zh and en texts disagree,
    in the order of their symbols."""
    paired = _paired(resolutions).order_by("session", "number", "letter", "key")
    ids = list(dict.fromkeys(paired.values_list("pk", flat=True)))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        texts = ResolutionText.objects.filter(
            resolution_id__in=batch, language__in=("zh", "en")
        ).select_related("resolution")
        by_resolution: dict[int, dict[str, ResolutionText]] = defaultdict(dict)
        texts = list(texts)
        for t in texts:
            by_resolution[t.resolution_id][t.language] = t
        sides = _sides(texts)
        for pk in batch:
            pair = by_resolution[pk]
            found = compare(
                pk,
                pair["zh"].resolution.label,
                sides[pair["zh"].pk],
                sides[pair["en"].pk],
            )
            if found is not None:
                yield found


def difference_of(resolution: Resolution) -> PairDifference | None:
    """How this resolution's two texts disagree, or None (also when it lacks one)."""
    return next(differences(Resolution.objects.filter(pk=resolution.pk)), None)
