"""Dates, plenary meetings and session numbers as printed in Chinese and English texts."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: i + 1
    for i, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS)

# "13 December 2010"
EN_DATE = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_NAMES})\s+(\d{{4}})\b")
# "2010年12月13日", "2018年 5月 22日", "2002 年 11 月 19 日"
ZH_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")

EN_MEETING = re.compile(r"\b(\d{1,4})\s*(?:st|nd|rd|th)\s+plenary\s+meeting\b", re.IGNORECASE)
ZH_MEETING = re.compile(r"第\s*(\d{1,4})\s*次全体会议")


def _make_date(year: str, month: int, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def parse_en_date(text: str) -> dt.date | None:
    """The first ``13 December 2010`` in ``text`` as a date."""
    m = EN_DATE.search(text)
    return _make_date(m.group(3), MONTHS[m.group(2).lower()], m.group(1)) if m else None


def parse_zh_date(text: str) -> dt.date | None:
    """The first ``2010年12月13日`` (spaces allowed) in ``text`` as a date."""
    m = ZH_DATE.search(text)
    return _make_date(m.group(1), int(m.group(2)), m.group(3)) if m else None


def parse_date(text: str) -> dt.date | None:
    """A Chinese or English date, whichever comes first in ``text``."""
    found = [d for d in (ZH_DATE.search(text), EN_DATE.search(text)) if d]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return parse_zh_date(first.group(0)) if first.re is ZH_DATE else parse_en_date(first.group(0))


def parse_meeting(text: str) -> int | None:
    """``64th plenary meeting`` / ``第 89次全体会议`` → the meeting number."""
    m = EN_MEETING.search(text) or ZH_MEETING.search(text)
    return int(m.group(1)) if m else None


_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_ZH_DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})


def zh_numeral(text: str) -> int | None:
    """``六十五`` → 65, ``十`` → 10, ``一百零二`` → 102; None for anything else."""
    if not text or any(ch not in _ZH_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _ZH_DIGITS[ch]
    return total + current


_EN_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_TENTHS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50}
_EN_TENTHS.update({"sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90})


def en_ordinal(text: str) -> int | None:
    """``Sixty-fifth`` → 65, ``Eightieth`` → 80; None for anything else."""
    words = text.lower().replace("‑", "-").split("-")
    if len(words) == 1:
        return _EN_UNITS.get(words[0]) or _EN_TENTHS.get(words[0])
    if len(words) == 2 and words[0] in _EN_TENS and words[1] in _EN_UNITS:
        return _EN_TENS[words[0]] + _EN_UNITS[words[1]]
    return None


_ZH_SESSION = re.compile(r"第([〇零一二两三四五六七八九十百]+)届(?:特别|紧急特别)?会议")
_EN_SESSION = re.compile(
    r"\b([A-Z][a-z]+(?:[-‑][a-z]+)?)\s+(?:special\s+|emergency\s+special\s+)?session\b"
)


def parse_session(text: str) -> int | None:
    """``第六十五届会议`` / ``Sixty-fifth session`` (capitalised, as in mastheads) → 65."""
    for m in _ZH_SESSION.finditer(text):
        value = zh_numeral(m.group(1))
        if value:
            return value
    for m in _EN_SESSION.finditer(text):
        value = en_ordinal(m.group(1))
        if value:
            return value
    return None
