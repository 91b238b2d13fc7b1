"""Text into displayable pieces, without ever producing HTML.

Templates escape every piece themselves; this module only decides where a cited symbol
sits in a clause so the template can wrap it in a link, and where a body too long for one
page is cut into parts (:data:`SHOWN_CHARS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .parsing.symbols import parse_resolution

# The largest piece of one body (a clause, sub-paragraph, footnote or annex) a page shows.
# A longer body shows its first part with a note; the rest is read part by part at
# ``?clause=<anchor>&part=N`` (and whole in the JSON export).  Each part ends at the last
# space or punctuation in its final CUT_WINDOW characters, so a cited symbol is not cut in two.
SHOWN_CHARS = 20_000
CUT_WINDOW = 200
_BREAK = re.compile(r"[\s，。；：、！？]")  # not "." or ")": "A/65/L.11", "3369(XXX)"


def part_count(length: int) -> int:
    """How many parts a body of ``length`` characters is read in (1 when it fits)."""
    return max(1, -(-length // SHOWN_CHARS))


def part_window(part: int) -> tuple[int, int]:
    """``(start, count)``: the characters of a body to fetch to show its ``part`` (1-based)."""
    start = max(0, (part - 1) * SHOWN_CHARS - CUT_WINDOW)
    return start, part * SHOWN_CHARS - start


def _cut(window: str, at: int) -> int:
    """Where to end a part whose nominal end is ``window[at]``: after the last break before it."""
    lo = max(0, at - CUT_WINDOW)
    last = None
    for m in _BREAK.finditer(window, lo, at):
        last = m
    return last.end() if last else at


def part_of(window: str, start: int, part: int, length: int) -> str:
    """Part ``part`` of a body of ``length`` characters, ``window`` its text from ``start``.

    ``window`` is what :func:`part_window` says to fetch (or the whole body).  Parts cover
    the body exactly, without gaps or overlaps.
    """
    begin, end = part_bounds(window, start, part, length)
    return window[begin:end]


def part_bounds(window: str, start: int, part: int, length: int) -> tuple[int, int]:
    """Where part ``part`` begins and ends in ``window`` (see :func:`part_of`)."""
    begin = 0 if part == 1 else _cut(window, (part - 1) * SHOWN_CHARS - start)
    end = len(window) if length <= part * SHOWN_CHARS else _cut(window, part * SHOWN_CHARS - start)
    return begin, end


@dataclass(frozen=True)
class Segment:
    """A run of text, with the reference it prints when it is a cited symbol."""

    text: str
    ref: object | None = None  # a Reference (or anything with .symbol/.target_id)


def printed_forms(symbol: str) -> list[str]:
    """How a canonical symbol appears in running text, longest first.

    ``A/RES/57/32`` → ``A/RES/57/32``, ``57/32``; ``A/RES/3369(XXX)`` → ``3369 (XXX)`` …
    """
    forms = {symbol}
    res = parse_resolution(symbol) if symbol.startswith("A/RES/") else None
    if res:
        if res.roman:
            prefix = {"regular": "", "special": "S-", "emergency special": "ES-"}[res.session_kind]
            base = f"{res.number}"
            paren = f"({prefix}{res.roman})"
            for sep in ("", " "):
                if res.letter:
                    forms |= {
                        f"{base}{sep}{res.letter}{sep}{paren}",
                        f"{base}{sep}{paren}{sep}{res.letter}",
                    }
                else:
                    forms.add(f"{base}{sep}{paren}")
        else:
            prefix = {"regular": "", "special": "S-", "emergency special": "ES-"}[res.session_kind]
            base = f"{prefix}{res.session}/{res.number}"
            if res.letter:
                forms |= {f"{base} {res.letter}", f"{base}{res.letter}"}
            else:
                forms.add(base)
    elif symbol.startswith("A/DEC/"):
        forms.add(symbol.removeprefix("A/DEC/"))
    elif symbol.startswith("S/RES/"):
        m = re.match(r"S/RES/(\d+)\((\d{4})\)$", symbol)
        if m:
            forms |= {f"{m.group(1)} ({m.group(2)})", f"{m.group(1)}({m.group(2)})"}
    return sorted(forms, key=len, reverse=True)


def _form_pattern(form: str) -> str:
    # Any run of spaces in the printed form matches any run (or none) in the text.
    return r"\s*".join(re.escape(part) for part in form.split(" "))


def split_citations(text: str, refs: Iterable) -> list[Segment]:
    """Split ``text`` into plain runs and runs printing one of ``refs``' symbols.

    Each distinct symbol is matched in all its printed forms; a match must not be part of
    a longer number or symbol (``157/32`` does not print ``57/32``).
    """
    by_form: dict[str, object] = {}
    for ref in refs:
        for form in printed_forms(ref.symbol):
            by_form.setdefault(_compact(form), ref)
    if not by_form or not text:
        return [Segment(text)] if text else []
    alternatives = sorted(by_form, key=len, reverse=True)
    pattern = re.compile(
        "("
        + "|".join(_boundary(f) + _form_pattern(_spaced(f, by_form[f])) for f in alternatives)
        + r")(?![0-9/])",
        re.IGNORECASE,  # documents print "S/Agenda/8979" for the canonical "S/AGENDA/8979"
    )
    segments: list[Segment] = []
    pos = 0
    for m in pattern.finditer(text):
        ref = by_form.get(_compact(m.group(1)))
        if ref is None:
            continue
        if m.start() > pos:
            segments.append(Segment(text[pos : m.start()]))
        segments.append(Segment(m.group(1), ref))
        pos = m.end()
    if pos < len(text):
        segments.append(Segment(text[pos:]))
    return segments


def _compact(form: str) -> str:
    return re.sub(r"\s+", "", form).upper()


def _boundary(form: str) -> str:
    """Not inside a longer symbol; ``57/32`` not after ``ES-`` either (``S/2010/490`` may be)."""
    return r"(?<![0-9A-Za-z/.\-])" if form[:1].isdigit() else r"(?<![0-9A-Za-z/.])"


def _spaced(compact: str, ref) -> str:
    """The printed form (with its spaces) whose compact form is ``compact``."""
    for form in printed_forms(ref.symbol):
        if _compact(form) == compact:
            return form
    return compact


def split_lead(body: str, lead: str) -> tuple[str, str]:
    """``("Recalling also", " its resolution …")`` when the body starts with its lead phrase."""
    if lead and body.startswith(lead):
        return lead, body[len(lead) :]
    return "", body
