"""Read the UN's JSON-lines metadata of General Assembly resolutions (``NNsession-metadata.jsonl``).

One JSON object a line; :func:`parse_metadata_line` turns one into a
:class:`ResolutionMetadata`.  Odd values in the real files, and what becomes of them:

* collection symbols ``A/RES/75/101 A-B`` / ``A/RES/77/264 A-C`` (``letters`` lists them);
* dates as ``29 September 2023``, with non-breaking spaces, or ``2020-12-10 00:00:00``;
* ``report_paragraph`` ``"N.A."`` or empty, committee ``"#fifthCommittee"``;
* several agenda items (``Agenda items 13 and 117``);
* vote counts as strings (``"187"``), ``""`` / ``"N.A."`` → None; a count must be a whole
  number from 0 to :data:`MAX_VOTE_COUNT` (a JSON integer or a string of digits):
  ``-5``, ``1e9``, ``5.0``, ``"five"`` and ``10**20`` are refused, naming the line; lists of
  States that repeat names (75/290 A lists each State twice) are de-duplicated, the counts
  kept as printed;
* SDG targets (``"16.9"``, ``"2.a"``) next to goals: ``sdgs`` holds the goals as ints.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from .structure import ParseError
from .symbols import canonical

__all__ = ["MAX_VOTE_COUNT", "ResolutionMetadata", "parse_metadata", "parse_metadata_line"]

#: The largest vote count accepted.  The Assembly has 193 members; the bound leaves room
#: for the odd sum printed as a count, and refuses nonsense (10**20) before it is stored.
MAX_VOTE_COUNT = 1000

_COMMITTEES = {
    "#firstcommittee": "First Committee",
    "#secondcommittee": "Second Committee",
    "#thirdcommittee": "Third Committee",
    "#fourthcommittee": "Fourth Committee",
    "#fifthcommittee": "Fifth Committee",
    "#sixthcommittee": "Sixth Committee",
}
_ADOPTION = {
    "without a vote": "without a vote",
    "adoptedwithoutvote": "without a vote",
    "by a recorded vote": "recorded vote",
    "recorded vote": "recorded vote",
    "adoptedrecordedvote": "recorded vote",
    "by a vote": "vote",
}
_NOT_AVAILABLE = {"", "n.a.", "na", "n/a", "none", "-"}


@dataclass
class ResolutionMetadata:
    """The metadata of one resolution (or one collection of lettered resolutions)."""

    symbol: str  # canonical: "A/RES/78/2"; a collection keeps its range: "A/RES/75/101 A-B"
    title: str = ""
    session: int | None = None
    adopted: dt.date | None = None
    meeting: int | None = None
    draft: str = ""  # canonical symbol of the originating document: "A/78/383"
    draft_raw: str = ""  # as printed: "A/78/383, para. 7"
    report_paragraph: str = ""
    committee: str = ""  # "Fifth Committee", "Without reference to a Main Committee"
    agenda_items: list[str] = field(default_factory=list)  # ["13", "117"], ["20 (b)"]
    agenda_item_name: str = ""
    adoption_type: str = ""  # "without a vote" | "recorded vote"
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    voting_yes: list[str] = field(default_factory=list)
    voting_no: list[str] = field(default_factory=list)
    voting_abstaining: list[str] = field(default_factory=list)
    sponsors: list[str] = field(default_factory=list)
    additional_sponsors: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)  # goals, in order of first mention
    sdg_targets: list[str] = field(default_factory=list)  # "16.9", "2.a" as printed
    subjects: list[tuple[str, str]] = field(default_factory=list)  # (term, vocabulary)
    meeting_record: str = ""  # as printed: "A/78/PV.50 (Resumption 1)"
    letters: list[str] = field(default_factory=list)  # ["A", "B"] for "A/RES/75/101 A-B"

    @property
    def agenda_item(self) -> str:
        """The agenda items as printed on the resolution: ``13 and 117``."""
        return " and ".join(self.agenda_items)

    @property
    def symbols(self) -> list[str]:
        """One symbol per resolution: ``A/RES/75/101 A``, ``A/RES/75/101 B`` for a collection."""
        if not self.letters:
            return [self.symbol]
        base = self.symbol.split(" ")[0]
        return [f"{base} {letter}" for letter in self.letters]


def _str(value: object) -> str:
    return re.sub(r"\s+", " ", str(value)).strip() if value is not None else ""


def _int(value: object) -> int | None:
    text = _str(value)
    if text.lower() in _NOT_AVAILABLE:
        return None
    m = re.search(r"\d+", text)
    return int(m.group(0)) if m else None


def _count(value: object, key: str) -> int | None:
    """A vote count: a JSON integer or a string of digits, 0 to MAX_VOTE_COUNT."""
    if value is None:
        return None
    if isinstance(value, str):
        text = _str(value)
        if text.lower() in _NOT_AVAILABLE:
            return None
        if not re.fullmatch(r"[0-9]+", text):
            raise ValueError(f"{key} {value!r} is not a whole number of votes")
        number = int(text) if len(text) <= 6 else MAX_VOTE_COUNT + 1
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        raise ValueError(f"{key} {value!r} is not a whole number of votes")
    if not 0 <= number <= MAX_VOTE_COUNT:
        raise ValueError(f"{key} {value!r} is out of range (0 to {MAX_VOTE_COUNT})")
    return number


def _date(value: object) -> dt.date | None:
    text = _str(value).replace("\u00a0", " ")
    if text.lower() in _NOT_AVAILABLE:
        return None
    for fmt in ("%d %B %Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%B %d, %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unreadable date {text!r}")


def _symbol(raw: str) -> tuple[str, list[str]]:
    """``A/RES/75/101 A-B`` → (``A/RES/75/101 A-B``, ["A", "B"]); others canonical."""
    raw = _str(raw)
    m = re.match(r"^(A/RES/\S+?)\s*([A-H])\s*[-–]\s*([A-H])$", raw, re.IGNORECASE)
    if m:
        base = canonical(m.group(1))
        first, last = m.group(2).upper(), m.group(3).upper()
        letters = [chr(c) for c in range(ord(first), ord(last) + 1)]
        return f"{base} {first}-{last}", letters
    return canonical(raw), []


def _draft(raw: str) -> str:
    """The first document symbol of ``A/78/383, para. 7`` or ``A/78/L.1 and A/78/L.1/Add.1``."""
    first = re.split(r",|\s+and\s+|\s+\(|\s+as\s+", raw, maxsplit=1)[0].strip()
    return canonical(first) if "/" in first else ""


def _agenda_items(text: str) -> list[str]:
    text = re.sub(r"^Agenda items?\s*", "", _str(text), flags=re.IGNORECASE)
    if not text:
        return []
    return [item.strip() for item in re.split(r",\s*|\s+and\s+", text) if item.strip()]


def _states(values: object) -> list[str]:
    seen: dict[str, None] = {}
    for value in values or []:  # type: ignore[union-attr]
        name = _str(value)
        if name:
            seen.setdefault(name, None)
    return list(seen)


def _sdgs(values: object) -> tuple[list[int], list[str]]:
    goals: list[int] = []
    targets: list[str] = []
    for value in values or []:  # type: ignore[union-attr]
        text = _str(value)
        m = re.match(r"^(\d{1,2})(?:\.(\w+))?$", text)
        if not m:
            continue
        goal = int(m.group(1))
        if goal not in goals:
            goals.append(goal)
        if m.group(2) and text not in targets:
            targets.append(text)
    return goals, targets


def _session(text: str, symbol: str) -> int | None:
    m = re.match(r"^A/RES/(\d+)/", symbol)
    if m:
        return int(m.group(1))
    return _int(text)


def parse_metadata_line(line: str) -> ResolutionMetadata:
    """Parse one JSON line; raises ValueError (json.JSONDecodeError included) when unreadable.

    JSON nested too deeply for Python's parser (``[[[[…`` 100,000 deep) is a ValueError too,
    not a RecursionError.
    """
    try:
        data = json.loads(line)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise ValueError("a metadata line must be a JSON object")
    raw_symbol = _str(data.get("symbol"))
    if not raw_symbol:
        raise ValueError("no symbol")
    symbol, letters = _symbol(raw_symbol)
    committee = _str(data.get("committee"))
    committee = _COMMITTEES.get(committee.lower(), committee)
    adoption = _str(data.get("adoption_type") or data.get("voting_type"))
    draft_raw = _str(data.get("originating_document"))
    goals, targets = _sdgs(data.get("SDGs"))
    report_paragraph = _str(data.get("report_paragraph"))
    subjects = [
        (_str(item[0]), _str(item[1]) if len(item) > 1 else "")
        for item in data.get("subjects") or []
        if isinstance(item, list | tuple) and item
    ]
    return ResolutionMetadata(
        symbol=symbol,
        title=_str(data.get("title")),
        session=_session(_str(data.get("session")), symbol),
        adopted=_date(data.get("adoption_date")),
        meeting=_int(data.get("adoption_meeting")),
        draft=_draft(draft_raw),
        draft_raw=draft_raw,
        report_paragraph="" if report_paragraph.lower() in _NOT_AVAILABLE else report_paragraph,
        committee=committee,
        agenda_items=_agenda_items(_str(data.get("agenda_item"))),
        agenda_item_name=_str(data.get("agenda_item_name")),
        adoption_type=_ADOPTION.get(adoption.lower(), adoption.lower()),
        yes=_count(data.get("MS_in_favour_count"), "MS_in_favour_count"),
        no=_count(data.get("MS_against_count"), "MS_against_count"),
        abstain=_count(data.get("MS_abstaining_count"), "MS_abstaining_count"),
        voting_yes=_states(data.get("MS_in_favour")),
        voting_no=_states(data.get("MS_against")),
        voting_abstaining=_states(data.get("MS_abstaining")),
        sponsors=_states(data.get("sponsors")),
        additional_sponsors=_states(data.get("additional_sponsors")),
        sdgs=goals,
        sdg_targets=targets,
        subjects=subjects,
        meeting_record=_str(data.get("pv")),
        letters=letters,
    )


def parse_metadata(text: str) -> list[ResolutionMetadata]:
    """Parse a whole JSON-lines file; blank lines are skipped, a bad line raises ParseError."""
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(parse_metadata_line(line))
        except (ValueError, TypeError, AttributeError) as exc:
            raise ParseError(f"bad metadata line: {exc}", line=number) from exc
        except RecursionError:  # a value nested deeply enough to break str() or the like
            raise ParseError("bad metadata line: nested too deeply", line=number) from None
    return records
