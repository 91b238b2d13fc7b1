"""Footnote markers inside running text: find them, record them, take them out.

Explicit markers (``¹``, ``<sup>1</sup>``) are unambiguous.  Bare digits
(``Nations1 are``, ``2024,1 which``, ``成果》1 中``, pdftotext's ``Development, 2 of``)
are told apart from real numbers (``resolution 70/1``, ``2015 年``, ``53 million``) by
what the document itself says: a digit is a marker only if a footnote body with that
marker exists, and a marker cited for the first time must be the next unused one
(footnotes are numbered in order of first citation).
"""

from __future__ import annotations

import re

from .cleanup import SUPERSCRIPTS

_SUP_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
_SUPERSCRIPT_RUN = re.compile(rf"\s*([{SUPERSCRIPTS}]+)\s*")
_HTML_SUP = re.compile(r"\s*<sup>\s*(\w{1,3})\s*</sup>\s*")
_DIGITS = re.compile(r"\d+")
_SPACE_RUN = re.compile(r"[ \t]{2,}")
# How far around a digit _is_marker looks (a word, a month, a year before it; a unit
# after it): windows, not the whole text before and after, keep a paragraph linear.
_BEFORE = 256
_AFTER = 64

# words after which a number is a number, not a footnote marker
_NUMBER_WORDS = {
    "resolution",
    "resolutions",
    "decision",
    "decisions",
    "article",
    "articles",
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "no",
    "nos",
    "goal",
    "target",
    "targets",
    "chap",
    "chapter",
    "chapters",
    "section",
    "sections",
    "sect",
    "principle",
    "principles",
    "rule",
    "rules",
    "item",
    "items",
    "vol",
    "part",
    "page",
    "pages",
    "p",
    "pp",
    "annex",
    "annexes",
    "protocol",
    "level",
    "phase",
    "step",
    "stage",
    "category",
    "and",
    "or",
    "to",
    "of",
    "the",
    "a",
    "an",
    "by",
    "for",
    "from",
    "in",
    "on",
    "at",
    "with",
    "under",
    "over",
    "than",
    "top",
    "first",
    "last",
    "some",
    "all",
    "every",
    "about",
    "nearly",
    "almost",
    "least",
    "most",
    "only",
    "within",
    "after",
    "before",
    "until",
    "since",
    "between",
    "per",
    "cop",
    "session",
    "sessions",
    "meeting",
    "table",
    "figure",
    "box",
    "version",
}
_UNIT_AFTER = re.compile(
    r"^\s*(?:per\s*cent|percent|%|million|billion|trillion|thousand|hundred|years?|months?|"
    r"days?|weeks?|hours?|minutes?|times|countries|States|Member|people|persons|women|"
    r"children|per|out of|"
    + "|".join(
        [
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
    )
    + r")",
)
_MONTH_BEFORE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s*$"
)
_ZH_UNIT_AFTER = re.compile(r"^\s*[年月日个届次号项条段%％万亿千百岁名国多余]")


class MarkerScanner:
    """Strips the footnote markers of one document, paragraph after paragraph, in order."""

    def __init__(self, known: list[str], language: str, sample: str):
        self.known = {m for m in known}
        self.language = language
        if any(ch in sample for ch in SUPERSCRIPTS):
            self.style = "superscript"
        elif "<sup>" in sample:
            self.style = "html"
        else:
            self.style = "bare"
        self.seen: set[int] = set()
        numeric = sorted(int(m) for m in self.known if m.isdigit())
        self.order = numeric
        self._next = 0  # index in order of the first marker not seen (seen only grows)

    @property
    def next_expected(self) -> int | None:
        while self._next < len(self.order) and self.order[self._next] in self.seen:
            self._next += 1
        return self.order[self._next] if self._next < len(self.order) else None

    def remove(self, text: str) -> tuple[str, list[str]]:
        """Return ``text`` without markers and the markers it cites, in order."""
        if not self.known and self.style == "bare":
            return text, []
        if self.style == "superscript":
            return self._explicit(text, _SUPERSCRIPT_RUN, lambda m: m.translate(_SUP_TO_DIGIT))
        if self.style == "html":
            return self._explicit(text, _HTML_SUP, lambda m: m)
        return self._bare(text)

    def _remove(self, text: str, spans: list[tuple[int, int]]) -> str:
        """Cut the marker spans out, mending the spaces around each cut."""
        if not spans and "  " not in text and "\t" not in text:
            return text.strip()  # nothing to cut, no run of spaces to close
        out: list[str] = []  # the text kept, in pieces (joining each time is quadratic)
        pos = 0
        blank_from = len(text.rstrip())  # text[end:] is blank from here on
        for start, end in spans:
            _add(out, text[pos:start])
            if self.language == "zh":
                _rstrip(out)
                after = end
                while after < len(text) and text[after].isspace():
                    after += 1
                b, a = _last(out), text[after : after + 1]
                both_ascii = b.isascii() and b.isalnum() and a.isascii()
                if both_ascii and a.isalnum():
                    out.append(" ")
                pos = after
            else:
                a = text[end : end + 1]
                if _last(out) == " " and (a in ",.;:)" or end >= blank_from):
                    _rstrip(out)
                elif _last(out) != " " and a != " " and a.isalnum():
                    out.append(" ")
                pos = end
        out.append(text[pos:])
        return _SPACE_RUN.sub(" ", "".join(out)).strip()

    def _explicit(self, text: str, pattern: re.Pattern, convert) -> tuple[str, list[str]]:
        markers: list[str] = []
        spans: list[tuple[int, int]] = []
        for m in pattern.finditer(text):
            marker = convert(m.group(1))
            markers.append(marker)
            if marker.isdigit():
                self.seen.add(int(marker))
            spans.append(m.span(1) if "<" not in m.group(0) else (m.start(), m.end()))
        if "<sup>" in text:
            # the pattern swallowed the spaces around the tag: put one back in English
            out: list[str] = []
            pos = 0
            for start, end in spans:
                _add(out, text[pos:start])
                if self.language != "zh" and out and _last(out) != " ":
                    nxt = text[end : end + 1]
                    if nxt and nxt not in ",.;:":
                        out.append(" ")
                pos = end
            out.append(text[pos:])
            return _SPACE_RUN.sub(" ", "".join(out)).strip(), _dedupe(markers)
        return self._remove(text, spans), _dedupe(markers)

    def _is_marker(self, text: str, start: int, end: int, value: int) -> bool:
        if str(value) not in self.known:
            return False
        before = text[max(0, start - _BEFORE) : start]
        after = text[end : end + _AFTER]
        prev = before[-1:] if before else ""
        nxt = after[:1]
        if nxt.isdigit() or nxt == "/":
            return False
        if nxt.isalpha() and nxt.isascii():
            return False  # "5G", "2nd"
        if prev == "" or prev.isdigit() or prev in "/-–‑.+":
            if (
                prev == "."
                and len(before) >= 2
                and before[-2].isalpha()
                and (nxt in " " or not nxt)
            ):
                pass  # "annex.5 …"
            else:
                return False
        new = value not in self.seen
        if new and value != self.next_expected:
            return False
        if self.language == "zh":
            if prev.isspace() or prev == "第":
                return False  # "第2(I)号决议": an ordinal, not a marker
            return not _ZH_UNIT_AFTER.match(after)
        if _UNIT_AFTER.match(after):
            return False
        if prev.isspace():
            stripped = before.rstrip()
            last = stripped[-1:] if stripped else ""
            word = re.search(r"([A-Za-z]+)\.?$", stripped)
            if _MONTH_BEFORE.search(stripped):
                return False
            if last.isdigit():
                # "2015–2030 3 and": only a new marker right after a year
                return new and bool(re.search(r"\b(?:19|20)\d\d$", stripped))
            if word and last.isalpha() or (word and last == "."):
                if word.group(1).lower() in _NUMBER_WORDS:
                    return False
                if word.group(1).isupper() and len(word.group(1)) > 1:
                    return False
                return new
            return last in ',;:.)”’"]' and (new or value in self.seen)
        # glued to the previous character
        word = re.search(r"([A-Za-z]+)$", before)
        if word and word.group(1).isupper() and len(word.group(1)) > 1:
            return False  # "COP29", "G20"
        return not (word and len(word.group(1)) == 1)  # "A4", "H5"

    def _bare(self, text: str) -> tuple[str, list[str]]:
        markers: list[str] = []
        spans: list[tuple[int, int]] = []
        for m in _DIGITS.finditer(text):
            digits = m.group(0)
            start, end = m.start(), m.end()
            value = None
            if len(digits) <= 3 and self._is_marker(text, start, end, int(digits)):
                value = int(digits)
            elif len(digits) in (5, 6) and re.match(r"(?:19|20)\d\d", digits):
                # "2014–20243": a year with its footnote marker glued on
                tail = int(digits[4:])
                if str(tail) in self.known and tail == self.next_expected:
                    value = tail
                    start = m.start() + 4
            if value is None:
                continue
            markers.append(str(value))
            self.seen.add(value)
            spans.append((start, end))
        return self._remove(text, spans), _dedupe(markers)


def _add(parts: list[str], piece: str) -> None:
    if piece:
        parts.append(piece)


def _last(parts: list[str]) -> str:
    """The last character of the joined parts (no part is empty), '' if none."""
    return parts[-1][-1] if parts else ""


def _rstrip(parts: list[str]) -> None:
    """Take the white space off the end of the joined parts, in place."""
    while parts:
        stripped = parts[-1].rstrip()
        if stripped:
            parts[-1] = stripped
            return
        parts.pop()


def _dedupe(items: list[str]) -> list[str]:
    if len(items) < 2:
        return items
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]
