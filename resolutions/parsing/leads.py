"""Lead phrases of resolution paragraphs ("Recalling also", "Encourages", "又回顾", "鼓励").

The vocabulary is the UN's own: ``resolutions/data/leads_en.tsv`` and ``leads_zh.tsv``,
mined from the bold and italic leads of the AKN XML by ``resolutions/data/mine_leads.py``.
It holds the leads the XML marks, the prefixes that open several of them ("Also",
"Further", 又, 再次, 在这方面) and the suffixes that close several leads of one verb form
("also" after "Recalling", "with appreciation" after "Notes", 的是).  A paragraph's lead is
the longest phrase at its start made of prefixes, one known lead and suffixes, so
"Further calls upon" or 又表示深为关切 are found whether or not the corpus shows that
combination.  Every part, and every whole phrase the corpus shows, is kept only when the UN
marks it more often than it leaves it out of the lead ("Encourages further" is not a lead).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
COLUMNS = ("kind", "phrase", "marked", "unmarked")
LEAD, PREFIX, SUFFIX = "lead", "prefix", "suffix"  # a suffix's kind names its form: "suffix-ing"
# a prefix or suffix combines into phrases the corpus never shows, so it must be marked at
# least this many times as often as it is left out; a whole lead, more often than not
PART_EVIDENCE = 2
SOUND = 2  # a lead combines with prefixes when marked at least this often (once may be a slip)
MAX_PARTS = 3  # prefixes ("Also strongly", 又再次) or suffixes chained, at most
ZH_ADVERB = "地"  # makes an adverb of a lead: 关切地注意到, 遗憾地回顾
_WORD = re.compile(r"[\w’'-]+")


def data_file(language: str) -> Path:
    """The mined vocabulary of ``language`` ("en", "zh")."""
    return DATA / f"leads_{language}.tsv"


def separator(language: str) -> str:
    """What stands between the parts of a lead: a space, nothing in Chinese."""
    return "" if language == "zh" else " "


def verb_form(phrase: str, language: str) -> str:
    """The form of a lead's first word, which decides the suffixes it takes: ``ing``
    ("Recalling" + "also"), ``s`` ("Notes" + "with appreciation"), ``ed``, ``other``
    ("Mindful"); Chinese has one form, ``""``."""
    if language == "zh":
        return ""
    word = phrase.split(" ", 1)[0].lower()
    if word.endswith("ing"):
        return "ing"
    if word.endswith("ed"):
        return "ed"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return "s"
    return "other"


def key_at(text: str, pos: int, language: str) -> str:
    """What a phrase starting at ``pos`` is indexed by: its first word, case-folded
    (its first character in Chinese)."""
    if language == "zh":
        return text[pos : pos + 1]
    m = _WORD.match(text, pos)
    return m.group(0).lower() if m else ""


def match_at(text: str, pos: int, phrase: str, language: str) -> int:
    """Where ``phrase`` ends if ``text`` has it at ``pos`` (whole words; in English the case
    of the first letter may differ: "Also calls upon"), else -1."""
    end = pos + len(phrase)
    chunk = text[pos:end]
    same = chunk == phrase or (
        language != "zh" and chunk[1:] == phrase[1:] and chunk[:1].lower() == phrase[:1].lower()
    )
    if not same:
        return -1
    if language != "zh" and end < len(text) and (text[end].isalnum() or text[end] in "’'-"):
        return -1
    return end


def index(phrases: Iterable[str], language: str) -> dict[str, list[str]]:
    """Phrases by :func:`key_at`, longest first."""
    out: dict[str, list[str]] = {}
    for phrase in phrases:
        out.setdefault(key_at(phrase, 0, language), []).append(phrase)
    for group in out.values():
        group.sort(key=len, reverse=True)
    return out


def read_rows(path: Path) -> Iterator[tuple[str, str, int, int]]:
    """The ``kind, phrase, marked, unmarked`` rows of a vocabulary file."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            kind, phrase, marked, unmarked = line.rstrip("\n").split("\t")
            if kind == COLUMNS[0]:
                continue  # the column names
            yield kind, phrase, int(marked), int(unmarked)


@dataclass
class Vocabulary:
    """The leads, prefixes and suffixes of one language, indexed for matching."""

    language: str
    leads: dict[str, list[str]] = field(default_factory=dict)
    cores: dict[str, list[str]] = field(default_factory=dict)  # the leads marked SOUND times
    prefixes: dict[str, list[str]] = field(default_factory=dict)
    suffixes: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # by verb form
    refused: frozenset[str] = frozenset()  # seen at a paragraph's start, mostly unmarked

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, int, int]], language: str) -> Vocabulary:
        """Keep what the UN marks more often than it leaves out (parts: see
        :data:`PART_EVIDENCE`); refuse the other leads."""
        kept: dict[str, list[str]] = {}
        cores = []
        refused = set()
        for kind, phrase, marked, unmarked in rows:
            if marked > unmarked * (1 if kind == LEAD else PART_EVIDENCE):
                kept.setdefault(kind, []).append(phrase)
                if kind == LEAD and marked >= SOUND:
                    cores.append(phrase)
            elif kind == LEAD:
                refused.add(phrase)
        suffixes = {
            kind.removeprefix(SUFFIX + "-"): index(phrases, language)
            for kind, phrases in kept.items()
            if kind.startswith(SUFFIX)
        }
        return cls(
            language,
            index(kept.get(LEAD, ()), language),
            index(cores, language),
            index(kept.get(PREFIX, ()), language),
            suffixes,
            frozenset(refused),
        )

    def _after(self, text: str, end: int) -> int:
        """Where the next part starts after a part ending at ``end`` (-1: none can)."""
        sep = separator(self.language)
        return end + len(sep) if text.startswith(sep, end) and end + len(sep) < len(text) else -1

    def _parts(self, group: dict[str, list[str]], text: str, pos: int) -> Iterator[tuple[str, int]]:
        for phrase in group.get(key_at(text, pos, self.language), ()):
            end = match_at(text, pos, phrase, self.language)
            if end >= 0:
                yield phrase, end

    def _closed(self, text: str, end: int, form: str, depth: int) -> Iterator[int]:
        yield end
        at = self._after(text, end)
        if depth < MAX_PARTS and at >= 0:
            for _, after in self._parts(self.suffixes.get(form, {}), text, at):
                yield from self._closed(text, after, form, depth + 1)

    def ends(self, text: str, pos: int = 0, depth: int = 0) -> Iterator[int]:
        """Every end of a lead at ``pos``: prefixes, one known lead, suffixes.  In Chinese a
        lead made an adverb (遗憾 + 地) is a prefix too, as the mined 赞赏地, 关切地 are."""
        for phrase, end in self._parts(self.cores if depth else self.leads, text, pos):
            yield from self._closed(text, end, verb_form(phrase, self.language), 0)
            if self.language == "zh" and depth < MAX_PARTS and text.startswith(ZH_ADVERB, end):
                yield from self.ends(text, end + len(ZH_ADVERB), depth + 1)
        if depth < MAX_PARTS:
            for _, end in self._parts(self.prefixes, text, pos):
                at = self._after(text, end)
                if at >= 0:
                    yield from self.ends(text, at, depth + 1)

    def lead(self, text: str) -> str:
        """The longest lead ``text`` opens with that the corpus does not refuse, or ""."""
        for end in sorted(set(self.ends(text)), reverse=True):
            if text[:end] not in self.refused:
                return text[:end]
        return ""

    def opening(self, text: str) -> int:
        """Where the prefixes ``text`` opens with end ("Also strongly …" → 14)."""
        pos = 0
        for _ in range(MAX_PARTS):
            ends = [end for _, end in self._parts(self.prefixes, text, pos)]
            at = self._after(text, max(ends)) if ends else -1
            if at < 0:
                break
            pos = at
        return pos


@cache
def vocabulary(language: str) -> Vocabulary:
    """The mined vocabulary of ``language``, read once."""
    return Vocabulary.from_rows(read_rows(data_file(language)), language)


def zh_lead(text: str) -> str:
    """The bold lead (``**鼓励**``) or, without bold, the longest known lead phrase."""
    m = re.match(r"^\*\*(.+?)\*\*", text)
    if m:
        return m.group(1).strip()
    return vocabulary("zh").lead(text)


def en_lead(text: str) -> str:
    """``Recalling also its resolution …`` → ``Recalling also``; ``Also encourages`` …

    A first word the corpus never marks counts when it is shaped like a lead verb
    ("Commending", "Pledges"), after any known prefixes ("Also pledges")."""
    text = text.replace("**", "").replace("*", "").strip()
    words = vocabulary("en")
    lead = words.lead(text)
    if lead:
        return lead
    pos = words.opening(text)
    word = _FIRST_WORD.match(text, pos)
    if word and _verb_shaped(word.group(1)):
        return text[: word.end()]
    return ""


_PARTICIPLE = re.compile(r"^[A-Z](?:[a-z]+-)?[a-z]{2,}(?:ing|ed)\b")  # "Re-emphasizing"
_THIRD_PERSON = re.compile(r"^[A-Z](?:[a-z]+-)?[a-z]+s$")  # "Re-emphasizes"
_NOT_THIRD_PERSON = re.compile(r"(?:ous|ss|is|us)$")
# Preambular lead words no participle shape reveals ("Mindful", "Deeply") are mined (see
# _lead_adjectives); these are seen in General Assembly resolutions outside sessions 75-78
_UNSEEN_ADJECTIVES = frozenset({"Acutely", "Fully", "Keen", "Profoundly", "Pursuant", "Sincerely"})
_NOT_LEADS = {"United", "Beijing", "Kunming", "Limited", "Wyoming", "Red", "Darjeeling"}


_FIRST_WORD = re.compile(r"\s*([A-Za-z]+(?:-[a-z]+)?)")
_TOKEN = re.compile(r"\S+")


@cache
def _lead_adjectives() -> frozenset[str]:
    """First words of mined leads that are neither participles nor verbs in -s
    ("Mindful", "Conscious", "Deeply", "Also"), with :data:`_UNSEEN_ADJECTIVES`."""
    words = vocabulary("en")
    firsts = {p.split(" ", 1)[0].rstrip(",") for group in words.cores.values() for p in group}
    mined = {w for w in firsts if not _third_person(w) and not _PARTICIPLE.match(w)}
    return frozenset(mined) | _UNSEEN_ADJECTIVES


@cache
def _en_adverbs() -> frozenset[str]:
    """The words of mined prefixes without a verb ("also", "further", "once", "again",
    "strongly"): what may stand before an operative verb ("Also decides")."""
    words = vocabulary("en")
    prefixes = [p.split() for group in words.prefixes.values() for p in group]
    return frozenset(w.lower() for p in prefixes if not any(_verb_shaped(w) for w in p) for w in p)


def looks_like_en_lead(line: str, pos: int = 0) -> bool:
    """Could this line (from ``pos`` on) open a preambular paragraph ("Recalling",
    "Mindful", "Deeply …")?  Reads only its first word."""
    first = _FIRST_WORD.match(line, pos)
    if not first:
        return False
    word = first.group(1)
    if word in _NOT_LEADS:
        return False
    return word in _lead_adjectives() or bool(_PARTICIPLE.match(word))


def _words_from(text: str, pos: int) -> Iterator[str]:
    """``text[pos:].replace("**", "").split()``, word by word, reading no further than asked."""
    for m in _TOKEN.finditer(text, pos):
        word = m.group(0).replace("**", "")
        if word:
            yield word


def is_en_operative_verb(text: str, pos: int = 0) -> bool:
    """``Adopts …``, ``Decides …``, ``Also decides`` — a third-person verb, not a participle.

    Looks at ``text`` from ``pos`` on, and only at its first words.
    """
    words = _words_from(text, pos)
    word = next(words, None)
    adverbs = 0
    while word is not None and word.lower() in _en_adverbs():
        word = next(words, None)
        adverbs += 1
    if word is None:
        return False
    word = word.strip(",;:")
    if adverbs:
        word = word[:1].upper() + word[1:]  # "Also decides"
    return word not in _lead_adjectives() and _third_person(word)


def _third_person(word: str) -> bool:
    """``Decides``, ``Urges`` — not ``Conscious``, ``Desirous``, ``Thus``."""
    return bool(_THIRD_PERSON.match(word)) and not _NOT_THIRD_PERSON.search(word)


def _verb_shaped(word: str) -> bool:
    """Is this first word shaped like a lead verb ("Commending", "Pledges", not "United")?"""
    word = word[:1].upper() + word[1:]
    return word not in _NOT_LEADS and bool(_PARTICIPLE.match(word) or _third_person(word))
