"""One canonical form for UN document symbols, used by every reader.

Canonical forms:

* General Assembly resolutions: ``A/RES/65/123``, lettered ``A/RES/72/262 C``,
  Roman-numeral sessions ``A/RES/3369(XXX)``, special and emergency special sessions
  ``A/RES/S-32/1`` and ``A/RES/ES-11/1``;
* General Assembly decisions: ``A/DEC/53/453``;
* Security Council resolutions: ``S/RES/2282(2016)``;
* any other document: upper-case series with the usual mixed-case suffixes
  (``A/65/L.11``, ``A/78/301(Part I)/Add.1``, ``FCCC/CP/2015/10/Add.1``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(roman: str) -> int:
    """``XXX`` → 30; raises ValueError for anything that is not a Roman numeral."""
    roman = roman.upper()
    if not roman or any(ch not in _ROMAN for ch in roman):
        raise ValueError(f"not a Roman numeral: {roman!r}")
    total = 0
    for i, ch in enumerate(roman):
        value = _ROMAN[ch]
        if i + 1 < len(roman) and _ROMAN[roman[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


@dataclass(frozen=True)
class ResolutionSymbol:
    """The parts of a General Assembly resolution symbol."""

    session: int  # 65; 30 for 3369(XXX); 32 for S-32/1; 11 for ES-11/1
    number: int
    letter: str = ""  # "C" in A/RES/72/262 C; past Z the letters double: "AA" in 53/77 AA
    session_kind: str = "regular"  # "regular", "special", "emergency special"
    roman: str = ""  # "XXX" for the pre-1976 form; "IV" for 1874 (S-IV)

    @property
    def canonical(self) -> str:
        if self.roman:
            prefix = {"regular": "", "special": "S-", "emergency special": "ES-"}[self.session_kind]
            base = f"A/RES/{self.number}({prefix}{self.roman})"
        else:
            prefix = {"regular": "", "special": "S-", "emergency special": "ES-"}[self.session_kind]
            base = f"A/RES/{prefix}{self.session}/{self.number}"
        return f"{base} {self.letter}" if self.letter else base


# "65/123", "72/262 C", "72/262c", "ES-10/2", "S-32/1" (after an optional A/RES/ prefix)
_MODERN = re.compile(
    r"^(?:(?P<kind>ES|S)\s*-\s*)?(?P<session>\d{1,3})\s*/\s*(?P<number>\d{1,4})"
    r"(?:\s*(?P<letter>(?P<first>[A-Za-z])(?P=first)?))?$"
)
# "3369(XXX)", "3369 (XXX)", "217 A (III)", "217(III) A", "217 (III) A";
# special and emergency special sessions: "1874 (S-IV)", "2252 (ES-V)"
_ROMAN_FORM = re.compile(
    r"^(?P<number>\d{1,4})\s*(?P<letter1>[A-Za-z])?\s*\(\s*"
    r"(?:(?P<rkind>ES|S)\s*[-\s]\s*)?(?P<roman>[IVXLC]+)\s*\)"
    r"(?:\s*(?P<letter2>[A-Za-z]))?$",
    re.IGNORECASE,
)
_GA_PREFIX = re.compile(r"^A\s*/\s*RES\s*/\s*", re.IGNORECASE)


def parse_resolution(text: str) -> ResolutionSymbol | None:
    """Parse a GA resolution symbol in any of its printed forms, or return None.

    Accepts ``A/RES/72/262C``, ``72/262 C``, ``72/262c``, ``3369 (XXX)``,
    ``A/RES/ES-11/1``, ``S-32/1`` and the like.
    """
    s = _GA_PREFIX.sub("", text.strip())
    s = re.sub(r"\s+", " ", s)
    m = _MODERN.match(s)
    if m:
        kind = {"ES": "emergency special", "S": "special", None: "regular"}[
            m.group("kind").upper() if m.group("kind") else None
        ]
        letter = (m.group("letter") or "").upper()
        return ResolutionSymbol(int(m.group("session")), int(m.group("number")), letter, kind)
    m = _ROMAN_FORM.match(s)
    if m:
        roman = m.group("roman").upper()
        letter = (m.group("letter1") or m.group("letter2") or "").upper()
        rkind = (m.group("rkind") or "").upper()
        kind = {"ES": "emergency special", "S": "special", "": "regular"}[rkind]
        return ResolutionSymbol(
            roman_to_int(roman), int(m.group("number")), letter, kind, roman=roman
        )
    return None


def canonical_resolution(text: str) -> str | None:
    """``72/262c`` → ``A/RES/72/262 C``; None when the text is no GA resolution symbol."""
    parsed = parse_resolution(text)
    return parsed.canonical if parsed else None


def canonical_decision(text: str) -> str | None:
    """``53/453`` or ``A/DEC/53/453`` → ``A/DEC/53/453``."""
    s = re.sub(r"^A\s*/\s*DEC\s*/\s*", "", text.strip(), flags=re.IGNORECASE)
    m = re.match(r"^(?:(ES|S)\s*-\s*)?(\d{1,3})\s*/\s*(\d{1,4})(?:\s*([A-Za-z]))?$", s)
    if not m:
        return None
    prefix = f"{m.group(1).upper()}-" if m.group(1) else ""
    letter = f" {m.group(4).upper()}" if m.group(4) else ""
    return f"A/DEC/{prefix}{m.group(2)}/{m.group(3)}{letter}"


def canonical_sc_resolution(text: str) -> str | None:
    """``2282 (2016)``, ``2282(2016)`` or ``S/RES/2282 (2016)`` → ``S/RES/2282(2016)``."""
    s = re.sub(r"^S\s*/\s*RES\s*/\s*", "", text.strip(), flags=re.IGNORECASE)
    m = re.match(r"^(\d{1,4})\s*\(\s*((?:19|20)\d\d)\s*\)$", s)
    return f"S/RES/{m.group(1)}({m.group(2)})" if m else None


_SUFFIXES = {
    "ADD": "Add",
    "CORR": "Corr",
    "REV": "Rev",
    "AMEND": "Amend",
    "SUMMARY": "Summary",
    "PART": "Part",
}


def canonical(symbol: str) -> str:
    """The canonical form of any UN document symbol (resolutions and decisions included)."""
    s = re.sub(r"\s*/\s*", "/", symbol.strip())
    s = re.sub(r"\s+", " ", s).rstrip(".,;:，。；")
    upper = s.upper()
    if upper.startswith("A/RES/"):
        res = canonical_resolution(s)
        if res:
            return res
    if upper.startswith("A/DEC/"):
        dec = canonical_decision(s)
        if dec:
            return dec
    if upper.startswith("S/RES/"):
        sc = canonical_sc_resolution(s)
        if sc:
            return sc
    s = re.sub(r"\s+\(", "(", upper)  # "A/78/12 (Part I)" → "A/78/12(Part I)"
    s = re.sub(r"\(\s*VOL\.?\s*([IVX]+)\s*\)", lambda m: f"(Vol.{m.group(1)})", s)
    s = re.sub(r"\(\s*SECT\.?\s*(\d+[A-Z]?)\s*\)", lambda m: f"(Sect.{m.group(1)})", s)
    s = re.sub(r"\(\s*PART\s*([IVX]+)\s*\)", lambda m: f"(Part {m.group(1)})", s)
    s = re.sub(r"\(\s*PART([IVX]+)\s*\)", lambda m: f"(Part {m.group(1)})", s)
    s = re.sub(
        r"/(ADD|CORR|REV|AMEND|SUMMARY)\.",
        lambda m: f"/{_SUFFIXES[m.group(1)]}.",
        s,
    )
    return s


def kind_of(symbol: str) -> str:
    """``resolution`` (GA or SC), ``decision`` (GA) or ``document``."""
    return kind_of_canonical(canonical(symbol))


def kind_of_canonical(s: str) -> str:
    """:func:`kind_of` for a symbol already in canonical form."""
    if s.startswith("A/RES/") or s.startswith("S/RES/"):
        return "resolution"
    if s.startswith("A/DEC/"):
        return "decision"
    return "document"


_HREF = re.compile(
    r"^https?://(?:www\.)?undocs\.org/(?:(?:en|zh|ch|fr|es|ru|ar)/)?(?P<sym>.+)$", re.I
)


def from_href(href: str) -> str | None:
    """``https://undocs.org/ch/A/RES/67/123`` → ``A/RES/67/123``; None for other links.

    Chinese texts link with ``/ch/`` where the others use ``/zh/``, ``/en/`` …
    """
    m = _HREF.match(unquote(href.strip()))
    if not m:
        return None
    sym = m.group("sym").strip("/ ")
    if not sym or "/" not in sym:
        return None
    return canonical(sym)


def split_joint(symbol: str) -> list[str]:
    """``A/65/382-S/2010/490`` (a joint General Assembly/Security Council document) → both."""
    parts = re.split(r"\s*[-–]\s*(?=(?:A|S|E)/)", symbol.strip())
    return [canonical(p) for p in parts if p]
