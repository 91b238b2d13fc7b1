"""The plain data structure every parser produces (text in, this out).

This is the contract between the readers (plain text, markdown, AKN XML) and the
ingestion service, and its JSON form (:func:`ParsedDocument.to_json`) is the export
format users get from ``ingest --dry-run --json``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

ClauseKind = Literal["preambular", "operative"]
ReferenceKind = Literal["resolution", "decision", "document"]


@dataclass
class Subparagraph:
    """A lettered or numbered sub-paragraph: ``(a)``, ``(b)`` … and ``(i)``, ``(ii)`` under them."""

    label: str  # "a", "b", "i", "ii" … without brackets
    text: str  # clean text without the label and without nested sub-paragraphs
    children: list[Subparagraph] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)  # markers cited in this sub-paragraph

    def to_json(self) -> dict:
        data: dict = {"label": self.label, "text": self.text}
        if self.children:
            data["subparagraphs"] = [c.to_json() for c in self.children]
        return data


@dataclass
class Clause:
    """One paragraph of the resolution body.

    ``text`` is the clean text of the paragraph itself, lead phrase included (for
    operative paragraphs without the number), and without its sub-paragraphs, which
    are in ``subparagraphs``.  ``footnotes`` lists the markers the paragraph cites
    (its sub-paragraphs included), in order of first citation.
    """

    kind: ClauseKind
    text: str
    lead: str = ""  # "Recalling also", "Encourages", "又回顾", "鼓励"
    number: int | None = None  # printed number of an operative paragraph
    subparagraphs: list[Subparagraph] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    section: str = ""  # heading of the section holding the clause ("I. Activities of …"), if any
    element_id: str = ""  # source element id (AKN eId), pairs clauses across languages

    def to_json(self) -> dict:
        data: dict = {"lead": self.lead, "text": self.text, "footnotes": list(self.footnotes)}
        if self.kind == "operative":
            data = {"number": self.number, **data}
            data["subparagraphs"] = [s.to_json() for s in self.subparagraphs]
        elif self.subparagraphs:
            data["subparagraphs"] = [s.to_json() for s in self.subparagraphs]
        if self.section:
            data["section"] = self.section
        return data


@dataclass
class Footnote:
    marker: str  # "1", "2", "*"
    text: str

    def to_json(self) -> dict:
        return {"marker": self.marker, "text": self.text}


@dataclass
class Reference:
    """A symbol cited by a clause or footnote, in canonical form.

    ``cited_in`` names the citing part: ``"preambular:3"`` is the third preambular
    paragraph, ``"operative:12"`` the twelfth operative paragraph in document order
    (not its printed number, which restarts in sectioned resolutions), ``"footnote:2"``
    the footnote with marker ``2``.
    """

    symbol: str
    kind: ReferenceKind
    cited_in: str

    def to_json(self) -> dict:
        return {"symbol": self.symbol, "kind": self.kind, "cited_in": self.cited_in}


@dataclass
class Annex:
    title: str
    text: str


@dataclass
class ParsedDocument:
    """One resolution (or draft) text in one language."""

    language: Literal["zh", "en"]
    symbol: str | None = None  # canonical, "A/RES/65/123"; None for a draft without one
    session: int | None = None
    adopted: dt.date | None = None
    meeting: int | None = None  # plenary meeting number
    draft: bool = False
    title: str = ""
    agenda_item: str = ""  # as printed: "122 (m)", "122(m)", "13 and 117"
    base_document: str = ""  # the draft it was adopted from, canonical: "A/65/L.11"
    sponsors: list[str] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    source_format: str = ""  # "text", "markdown", "akn", …

    @property
    def preambular(self) -> list[Clause]:
        return [c for c in self.clauses if c.kind == "preambular"]

    @property
    def operative(self) -> list[Clause]:
        return [c for c in self.clauses if c.kind == "operative"]

    def to_json(self, file: str = "") -> dict:
        return {
            "file": file,
            "symbol": self.symbol,
            "language": self.language,
            "session": self.session,
            "adopted": self.adopted.isoformat() if self.adopted else None,
            "meeting": self.meeting,
            "draft": self.draft,
            "title": self.title,
            "agenda_item": self.agenda_item,
            "base_document": self.base_document or None,
            "sponsors": list(self.sponsors),
            "preambular": [c.to_json() for c in self.preambular],
            "operative": [c.to_json() for c in self.operative],
            "footnotes": [f.to_json() for f in self.footnotes],
            "references": [r.to_json() for r in self.references],
            "annexes": [{"title": a.title, "text": a.text} for a in self.annexes],
            "format": self.source_format,
        }


def mark_last_paragraph_operative(clauses: list[Clause]) -> None:
    """Without any operative paragraph, the last paragraph, closed by a full stop, is the
    resolution's single (unnumbered) operative one: "…，" paragraphs are preambular,
    "敦促所有国家…：(a) …；… (f) …。" is what the Assembly does.  Used by both readers."""
    if not clauses or any(c.kind == "operative" for c in clauses):
        return
    last = clauses[-1]
    text, subs = last.text, last.subparagraphs
    while subs:
        text, subs = subs[-1].text, subs[-1].children
    if text.rstrip().rstrip("*").rstrip()[-1:] in (".", "。"):
        last.kind = "operative"


class ParseError(ValueError):
    """The text holds no recognisable resolution; ``line`` is 1-based where known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class UnsupportedLanguage(ParseError):
    """A well-formed resolution in a language the archive does not hold (French, Arabic …)."""
