"""Test helper: render a document read from AKN XML as plain text, the way a Word export looks.

Used by the agreement check between the XML reader and the text parser; not a product
feature.  The rendering follows the UN's own Word exports (seed 002): title line, the
"The General Assembly," opening, one paragraph per line with operative numbers and
sub-paragraph labels tab-separated, the closing meeting and date, footnotes at the end.
Footnote markers are glued to the end of the paragraph that cites them, as in "…2018;1".
"""

from __future__ import annotations

from resolutions.parsing.structure import Clause, ParsedDocument, Subparagraph

_ZH_ROMAN = {
    r: chr(0x3220 + i)
    for i, r in enumerate(("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"))
}
_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _with_markers(text: str, markers: list[str]) -> str:
    """Glue footnote markers after the paragraph's text, as the UN prints them ("…2018;1")."""
    if not markers:
        return text
    return text.rstrip() + ",".join(markers)


def _label(sub: Subparagraph, depth: int, language: str) -> str:
    if language == "zh" and depth > 1 and sub.label in _ZH_ROMAN:
        return _ZH_ROMAN[sub.label]
    return f"({sub.label})"


def _subparagraph_lines(subs: list[Subparagraph], language: str, depth: int = 1) -> list[str]:
    lines = []
    for sub in subs:
        text = _with_markers(sub.text, sub.footnotes)
        lines.append(f"\t{_label(sub, depth, language)}\t{text}")
        lines.extend(_subparagraph_lines(sub.children, language, depth + 1))
    return lines


def _clause_lines(clause: Clause, language: str) -> list[str]:
    own = [m for m in clause.footnotes if not _in_subparagraphs(m, clause.subparagraphs)]
    text = _with_markers(clause.text, own)
    head = f"\t{clause.number}.\t{text}" if clause.number is not None else f"\t{text}"
    return [head, *_subparagraph_lines(clause.subparagraphs, language)]


def _in_subparagraphs(marker: str, subs: list[Subparagraph]) -> bool:
    return any(marker in s.footnotes or _in_subparagraphs(marker, s.children) for s in subs)


def render_word_text(doc: ParsedDocument) -> str:
    """The plain text a Word export of ``doc`` would give."""
    zh = doc.language == "zh"
    symbol = (doc.symbol or "").removeprefix("A/RES/")
    lines = []
    if doc.adopted:
        d = doc.adopted
        lines.append(
            f"{d.year}年{d.month}月{d.day}日大会决议"
            if zh
            else f"Resolution adopted by the General Assembly on {d.day} "
            f"{_EN_MONTHS[d.month - 1]} {d.year}"
        )
    lines.append(f"{symbol}.\t{doc.title}")
    lines.append("")
    lines.append("大会，" if zh else "\tThe General Assembly,")
    section = ""
    for clause in doc.clauses:
        if clause.section and clause.section != section:
            section = clause.section
            lines.append(f"\t{section}")
        lines.extend(_clause_lines(clause, doc.language))
    lines.append("")
    if doc.meeting:
        lines.append(
            f"第{doc.meeting}次全体会议" if zh else f"{_ordinal(doc.meeting)} plenary meeting"
        )
    if doc.adopted:
        d = doc.adopted
        lines.append(
            f"{d.year}年{d.month}月{d.day}日"
            if zh
            else f"{d.day} {_EN_MONTHS[d.month - 1]} {d.year}"
        )
    if doc.footnotes:
        lines.append("")
        lines.append("_______________")
        for note in doc.footnotes:
            lines.append(f"{note.marker} {note.text}")
    return "\n".join(lines) + "\n"


def _date(d, zh: bool) -> str:
    return (
        f"{d.year}年{d.month}月{d.day}日" if zh else f"{d.day} {_EN_MONTHS[d.month - 1]} {d.year}"
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
