"""Render a parsed document as plain text, the way the UN's Word export of it looks.

Used by the agreement check between the XML reader and the text parser
(``tests/parsing/test_agreement.py``) and by ``benchmarks/make_corpus.py``, which writes
synthetic resolutions in this form.  The rendering follows the UN's own Word
exports (seed 002 for English; the Chinese layout is the same with Chinese furniture):

* the masthead: "Resolution adopted by the General Assembly on 13 December 2010" /
  "2010年12月13日大会决议", the base document in brackets, "65/123.<tab>Title";
* the opening "The General Assembly," / "大会，";
* one paragraph per line, tab-indented, operative numbers and sub-paragraph labels
  tab-separated ("<tab>1.<tab>Welcomes …", "<tab>(a)<tab>…"); Chinese numbers the second
  level ㈠ ㈡ where English has (i) (ii);
* section headings on lines of their own, as printed: a Roman (Chinese) numeral on one
  line and the heading on the next ("I" / "Activities of the Office", "一" / "…"),
  lettered sub-sections on one line ("A.<tab>Base/floor salary scale");
* the closing meeting and date ("48th plenary meeting" / "第48次全体会议",
  "31 December 2020" / "2020年12月31日"), then the footnotes, one per line ("1 A/75/30.").

Footnote markers are glued to the end of the paragraph that cites them, as in "…2018;1"
(the XML reader keeps which paragraph cites a footnote, not where in it).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from resolutions.parsing.structure import Clause, ParsedDocument, Subparagraph

_ZH_ROMAN = {
    r: chr(0x3220 + i)
    for i, r in enumerate(("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"))
}
_EN_MONTHS = list(calendar.month_name)[1:]  # January … December (C locale)
_ROMAN_HEADING = re.compile(r"^([IVX]+|[IVXLC]{2,})\.?\s+(\S.*)$")
_ZH_NUMERAL_HEADING = re.compile(r"^([一二三四五六七八九十]+)\s*[、.]?\s+(\S.*)$")
_LETTER_HEADING = re.compile(r"^([A-Z])\.?\s+(\S.*)$")


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


def _heading_lines(unit: str) -> list[str]:
    """One section heading as printed: "I" / "Title", "一" / "标题", "A.<tab>Title"."""
    lines = []
    for part in unit.split(" — "):  # a heading and its subheading
        m = _ROMAN_HEADING.match(part) or _ZH_NUMERAL_HEADING.match(part)
        if m:
            lines += [f"\t{m.group(1)}", f"\t{m.group(2)}"]
            continue
        m = _LETTER_HEADING.match(part)
        if m:
            lines.append(f"\t{m.group(1)}.\t{m.group(2)}")
        else:
            lines.append(f"\t{part}")
    return lines


def _section_lines(previous: str, section: str) -> list[str]:
    """The heading lines printed where the section changes from ``previous`` to ``section``."""
    old = previous.split(" / ") if previous else []
    new = section.split(" / ")
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    lines = []
    for unit in new[same:]:
        lines.extend(_heading_lines(unit))
    return lines


def format_date(d: dt.date, zh: bool) -> str:
    """A date as printed: "2010年12月13日" or "13 December 2010"."""
    return (
        f"{d.year}年{d.month}月{d.day}日" if zh else f"{d.day} {_EN_MONTHS[d.month - 1]} {d.year}"
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _masthead(doc: ParsedDocument) -> list[str]:
    zh = doc.language == "zh"
    lines = []
    if doc.adopted:
        lines.append(
            f"{format_date(doc.adopted, True)}大会决议"
            if zh
            else f"Resolution adopted by the General Assembly on {format_date(doc.adopted, False)}"
        )
    if doc.base_document:
        base = doc.base_document
        if "/L." in base:
            lines.append(
                f"[未经发交主要委员会而通过({base})]"
                if zh
                else f"[without reference to a Main Committee ({base})]"
            )
        else:
            lines.append(
                f"[根据主要委员会的报告({base})通过]"
                if zh
                else f"[on the report of the Main Committee ({base})]"
            )
    symbol = (doc.symbol or "").removeprefix("A/RES/")
    lines.append(f"{symbol}.\t{doc.title}")
    return lines


def render_word_text(doc: ParsedDocument) -> str:
    """The plain text a Word export of ``doc`` would give."""
    zh = doc.language == "zh"
    lines = _masthead(doc)
    lines.append("")
    lines.append("\t大会，" if zh else "\tThe General Assembly,")
    section = ""
    for clause in doc.clauses:
        if clause.section and clause.section != section:
            lines.extend(_section_lines(section, clause.section))
            section = clause.section
        lines.extend(_clause_lines(clause, doc.language))
    lines.append("")
    if doc.meeting:
        lines.append(
            f"第{doc.meeting}次全体会议" if zh else f"{_ordinal(doc.meeting)} plenary meeting"
        )
    if doc.adopted:
        lines.append(format_date(doc.adopted, zh))
    for note in doc.footnotes:
        lines.append(f"{note.marker} {note.text}")
    return "\n".join(lines) + "\n"
