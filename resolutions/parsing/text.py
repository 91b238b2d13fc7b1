"""Plain-text reader: PDF-, Word- and markdown-extracted resolutions, Chinese and English.

``parse_text(text)`` finds the masthead (symbol, session, agenda item, adoption date,
base document, title, sponsors of drafts), the paragraphs after "The General Assembly,"
/ "大会，" up to the closing "64th plenary meeting" / "第64次全体会议", the footnote bodies
and the annexes, and returns a :class:`ParsedDocument`.

Choices worth knowing:

* Paragraphs before the first numbered one are preambular, except an unnumbered
  third-person verb ("Adopts …", "Decides …"), which is an unnumbered operative paragraph.
* Political declarations printed inside the resolution ("Adopts the following political
  declaration …:" followed by the declaration, as in A/RES/73/3): the declaration's
  numbered paragraphs are operative clauses (their ``section`` is the declaration's
  title), and the declaration's title and unnumbered opening ("We, Heads of State …")
  are kept as an :class:`Annex` so that no text is lost.  Declarations printed in an
  annex after the closing lines (A/RES/80/3, 80/5) stay in ``annexes``.
* Sub-paragraphs whose "(a)" label was lost by the extraction (some cleaned markdown)
  get the label their position implies.  Chinese second-level labels ㈠ ㈡ are (i) (ii).
* Section headings ("I" / "Activities of the Office", "A. …", "一" / "…", or in a text
  with a paragraph per line any short line without closing punctuation before a
  paragraph) set the ``section`` of the clauses after them.  After a heading, and
  wherever an unnumbered paragraph has a preambular lead and ends with a comma, a
  paragraph may be preambular again after operative ones (sectioned budget resolutions
  open each section with "Recalling …,").
* An unnumbered paragraph closed by a full stop or semicolon after operative paragraphs
  or a heading is operative; so is one introducing paragraph 1 ("Resolves that, for
  2024:") and, when nothing else is, the last paragraph ("敦促所有国家…：… (f) …。").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import dates
from .cleanup import (
    SUPERSCRIPTS,
    Line,
    drop_furniture,
    extract_footnotes,
    is_furniture,
    trailing_footnotes,
)
from .leads import en_lead, is_en_operative_verb, looks_like_en_lead, zh_lead
from .markers import MarkerScanner
from .structure import (
    Annex,
    Clause,
    ParsedDocument,
    ParseError,
    Reference,
    Subparagraph,
    mark_last_paragraph_operative,
)
from .symbols import canonical, canonical_resolution

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_EN_OPENING = re.compile(r"^\s*(?:#+\s*)?The\s+General\s+Assembly\s*,?\s*$")
_ZH_OPENING = re.compile(r"^\s*(?:#+\s*)?大会\s*[，,]\s*$")
_TITLE_LINE = re.compile(
    r"^\s*(?:#+\s*)?((?:ES-|S-)?\d{1,3}/\d{1,4}(?:\s?[A-Z])?)\.(?:\s+(.*\S))?\s*$"
)
_EN_MEETING_LINE = re.compile(r"^\s*\d{1,4}\s*(?:st|nd|rd|th)\s+plenary\s+meeting\b", re.I)
_ZH_MEETING_LINE = re.compile(r"^\s*第\s*\d{1,4}\s*次全体会议\s*$")
_DATE_LINE = re.compile(
    rf"^\s*(?:\d{{1,2}}\s+(?:{dates.MONTH_NAMES})\s+\d{{4}}"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$"
)
_ANNEX_LINE = re.compile(
    r"^\s*(?:#+\s*)?(?:Annex(?:\s+[IVX]+)?|ANNEX(?:\s+[IVX]+)?|附件[一二三四五]?)\s*$"
)
_NUMBER = re.compile(r"^\**\s*(\d{1,3})\s*\.(?:\s+|$|(?=\*\*)|(?=[\u4e00-\u9fff]))\**\s*")
# "(a)", "(iv)"; Chinese texts number the second level ㈠ ㈡ ㈢ where English has (i) (ii)
_LABEL = re.compile(r"^(?:[\(（]\s*([a-z]{1,5})\s*[\)）]|([\u3220-\u3229]))\s*")
_SECTION = re.compile(r"^([IVX]{1,5}|[A-H])\.\s+(\S.*)$")
_ZH_SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})[、.]?\s+(\S.*)$")
# a section number printed on a line of its own: "I", "II.", "A.", "一"
_BARE_HEADING = re.compile(r"^(?:[IVX]{1,5}|[A-H])\.?$|^[一二三四五六七八九十]{1,3}[、.]?$")
_ROMAN_UNIT = re.compile(r"^(?:[IVX]+|[IVXLC]{2,})[.\s]")
# a footnote marker after the punctuation ending a paragraph: "…2018;1", "…，¹²", "…<sup>3</sup>"
_MARKER_PUNCTUATION = frozenset(",;:.，；。：、”’)]》")
_SUPERSCRIPT_SET = frozenset(SUPERSCRIPTS)
_SUP_TAG = re.compile(r"<sup>\w{1,3}</sup>")
_ADOPTS_FOLLOWING = re.compile(
    r"\badopts?\b.*\bthe following\b.*:\s*$|^\**通过\**.*以下.*[:：]\s*$", re.I | re.S
)
_ROMANS_ZH = {
    chr(0x3220 + i): r
    for i, r in enumerate(("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"))
}
_ROMANS = {
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
    "vii",
    "viii",
    "ix",
    "x",
    "xi",
    "xii",
    "xiii",
    "xiv",
    "xv",
    "xvi",
    "xvii",
    "xviii",
    "xix",
    "xx",
}


# The joining rules look at a paragraph's end (its last character, a footnote marker and
# the punctuation before it, closing asterisks), never at more than this many characters:
# a paragraph is kept as parts joined once, so adding a line costs the line, not the
# paragraph (joining each time copies it: 8,000 lines took 99 s).
_TAIL = 256
_OVERLAP = 16  # characters of context before an added part: "the following" and \b
_SHORT = 64  # a bare "1." / "(a)" / "IV" paragraph is shorter than this
_HEADING_RAW_MAX = 4000  # a heading (at most 200 characters once cleaned) is shorter
_MD_HEADING = re.compile(r"^#+\s+")
_RULE = re.compile(r"[-*_]{3,}")
_BARE_START = re.compile(r"\**\s*(\d{1,3}\.|[\(（][a-z]{1,5}[\)）]|[IVX]{1,5}\.)\s*\**")
_OPENS_LIST = re.compile(r"[:;：；]$|[;；]\s*(?:and|or|和|或)$")
_SUB_LIST_OPEN = re.compile(r"[;:；：]$|[;；]\s*(?:and|or)$")
_LIST_WORDS = ("and", "or", "和", "或")
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")
_ADOPT_WORD = re.compile(r"\badopts?\b", re.I)
_THE_FOLLOWING = re.compile(r"\bthe following\b", re.I)
_ZH_ADOPTS = re.compile(r"\**通过")


class _Growing:
    """Text that grows at its end: parts, joined when :attr:`text` is read."""

    __slots__ = ("_parts", "length", "tail")

    def __init__(self, text: str = ""):
        self._parts: list[str] = []
        self.length = 0
        self.tail = ""  # the last _TAIL characters
        if text:
            self.add(text)

    @property
    def text(self) -> str:
        if len(self._parts) != 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    def add(self, piece: str) -> None:
        if not piece:
            return
        self._parts.append(piece)
        self.length += len(piece)
        self.tail = (self.tail + piece)[-_TAIL:]

    def rstrip(self) -> None:
        """Take the white space off the end, as ``text.rstrip()`` would."""
        changed = False
        while self._parts:
            last = self._parts[-1]
            stripped = last.rstrip()
            if stripped == last:
                break
            changed = True
            self.length -= len(last) - len(stripped)
            if stripped:
                self._parts[-1] = stripped
                break
            self._parts.pop()
        if changed:
            tail: list[str] = []
            size = 0
            for part in reversed(self._parts):
                tail.append(part)
                size += len(part)
                if size >= _TAIL:
                    break
            self.tail = "".join(reversed(tail))[-_TAIL:]

    def join(self, nxt: str, language: str) -> None:
        """Add the next line or paragraph as :func:`_join` would join it."""
        strip, piece = _glue(self.tail, nxt, language)
        if strip:
            self.rstrip()
        self.add(piece)


class _Para(_Growing):
    """A paragraph while its lines are added, with what the joining rules ask of it
    (its start, its quotes, "adopts … the following") kept up to date."""

    __slots__ = ("line", "front", "head", "opening", "closing", "_adopt", "_following", "_yixia")

    def __init__(self, line: int, text: str, front: bool = False):
        self.line = line
        self.front = front  # declaration title/opening after "Adopts the following …:"
        self.head = ""  # the first _TAIL characters
        self.opening = self.closing = 0  # “ and ” in the text
        self._adopt: int | None = None  # end of the first "adopt(s)"
        self._following: int | None = None  # end of the first "the following" after it
        self._yixia: int | None = None  # end of the first "以下"
        super().__init__(text)

    def add(self, piece: str) -> None:
        if not piece:
            return
        context = self.tail[-_OVERLAP:]
        base = self.length - len(context)
        super().add(piece)
        if len(self.head) < _TAIL:
            self.head = (self.head + piece)[:_TAIL]
        self.opening += piece.count("“")
        self.closing += piece.count("”")
        # Matches need a character after them (to know the word ends there); one at the
        # very end is found again, in the context, when the next part comes.
        region = context + piece
        start = 1 if base > 0 else 0
        if self._adopt is None:
            m = _ADOPT_WORD.search(region, start)
            if m and m.end() < len(region):
                self._adopt = base + m.end()
        if self._adopt is not None and self._following is None:
            m = _THE_FOLLOWING.search(region, max(start, self._adopt - base))
            if m and m.end() < len(region):
                self._following = base + m.end()
        if self._yixia is None:
            at = region.find("以下")
            if at >= 0:
                self._yixia = base + at + 2

    def replace(self, text: str) -> None:
        self.__init__(self.line, text, self.front)

    def short(self) -> str:
        """The text if it is short enough to be a bare number, label or heading, else ''."""
        return self.text if self.length <= _SHORT else ""

    def adopts_following(self) -> bool:
        """``_ADOPTS_FOLLOWING.search(self.text)``, without reading the text."""
        end = self.tail.rstrip()
        if not end:
            return False
        colon = self.length - len(self.tail) + len(end) - 1  # index of the last character
        if end[-1] == ":" and self._following is not None and self._following <= colon:
            return True
        return (
            end[-1] in ":："
            and self._yixia is not None
            and self._yixia <= colon
            and bool(_ZH_ADOPTS.match(self.head))
        )


def _adopts_following(text: str) -> bool:
    """``_ADOPTS_FOLLOWING.search(text)`` in linear time (the regex backtracks over every
    "adopt" in the text: quadratic)."""
    end = text.rstrip()
    if end[-1:] not in (":", "："):
        return False
    colon = len(end) - 1
    if end[-1] == ":":
        adopt = _ADOPT_WORD.search(text)
        following = adopt and _THE_FOLLOWING.search(text, adopt.end())
        if following and following.end() <= colon:
            return True
    yixia = text.find("以下")
    return bool(_ZH_ADOPTS.match(text)) and yixia >= 0 and yixia + 2 <= colon


@dataclass
class _Header:
    symbol: str | None = None
    title: str = ""
    draft: bool = False
    sponsors: list[str] = field(default_factory=list)


# --- entry point ------------------------------------------------------------------------


def parse_text(text: str) -> ParsedDocument:
    """Parse one resolution (or draft) in plain text; raise ParseError if there is none."""
    if text is None or not text.strip():
        raise ParseError("empty text: nothing to parse")
    lines, meta = _numbered_lines(text)
    if not any(t.strip() for _, t in lines):
        raise ParseError("no text after the front matter")
    language = detect_language(text)
    opening = _find_opening(lines, language)
    if opening is None:
        first = next((no for no, t in lines if t.strip()), None)
        raise ParseError(
            "no resolution structure: no 'The General Assembly,' / '大会，' opening line found",
            line=first,
        )
    opening_no = lines[opening][0]
    header_lines = lines[:opening]
    header = _parse_header(header_lines, language)

    content, footnotes = extract_footnotes(lines, header.title)
    content = drop_furniture(content, header.symbol, header.title)
    start = next(i for i, (no, _) in enumerate(content) if no >= opening_no)
    body_end, closing_end = _find_closing(content, start + 1)
    body = content[start + 1 : body_end]
    closing = content[body_end:closing_end]
    after = content[closing_end:]
    annex_at = next((i for i, (_, t) in enumerate(after) if _ANNEX_LINE.match(t)), len(after))
    before_annex, annex_lines = after[:annex_at], after[annex_at:]
    if not footnotes:
        lettered = bool(re.search(r"\d\s?[A-Z]$", header.symbol or ""))
        _, footnotes = trailing_footnotes(before_annex, lettered)
    trailer_text = "\n".join(t for _, t in lines if _ > (closing[-1][0] if closing else 10**9))

    doc = ParsedDocument(language=language, source_format="text")
    doc.draft = header.draft
    doc.symbol = None if header.draft else header.symbol
    if doc.symbol is None and not header.draft:
        doc.symbol = _symbol_fallback(header_lines, trailer_text, meta)
    doc.title = header.title or meta.get("title", "").rstrip(" :")
    doc.sponsors = header.sponsors
    header_text = "\n".join(t for _, t in header_lines)
    closing_text = "\n".join(t for _, t in closing)
    doc.session = dates.parse_session(header_text) or dates.parse_session(trailer_text)
    if doc.session is None and doc.symbol:
        m = re.match(r"A/RES/(?:ES-|S-)?(\d+)/", doc.symbol)
        doc.session = int(m.group(1)) if m else None
    doc.adopted = None if header.draft else _adoption_date(header_text, closing_text, language)
    doc.meeting = dates.parse_meeting(closing_text) if closing_text else None
    doc.agenda_item = _agenda_item(header_text) or _agenda_item(trailer_text)
    doc.base_document = _base_document(header_text)
    doc.footnotes = footnotes

    hardwrapped = _is_hardwrapped(body, language)
    paras = _assemble(body, language, hardwrapped)
    if not paras:
        raise ParseError("no paragraphs after the opening line", line=opening_no)
    scanner = MarkerScanner(
        [f.marker for f in footnotes], language, "\n".join(p.text for p in paras)
    )
    doc.clauses, front = _build_clauses(paras, language, scanner, hardwrapped)
    if not doc.clauses:
        raise ParseError("no preambular or operative paragraphs found", line=opening_no)
    doc.annexes = front + _annexes(annex_lines, language, hardwrapped, scanner)
    doc.references = _references(doc)
    return doc


# --- lines and language -----------------------------------------------------------------


def _numbered_lines(text: str) -> tuple[list[Line], dict[str, str]]:
    """Number the lines (1-based, as in the file) and take off YAML front matter."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u00ad", "")
    raw = text.split("\n")
    meta: dict[str, str] = {}
    first = 0
    if raw and raw[0].strip() == "---":
        for i in range(1, min(len(raw), 60)):
            if raw[i].strip() == "---":
                for item in raw[1:i]:
                    key, _, value = item.partition(":")
                    meta[key.strip()] = value.strip().strip('"')
                first = i + 1
                break
    return [(i + 1, raw[i].rstrip()) for i in range(first, len(raw))], meta


def detect_language(text: str) -> str:
    """``zh`` when Chinese characters make up a fair share of the letters, else ``en``."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    return "zh" if cjk > 0.2 * (cjk + latin / 5) else "en"


def _find_opening(lines: list[Line], language: str) -> int | None:
    pattern = _ZH_OPENING if language == "zh" else _EN_OPENING
    for i, (_, t) in enumerate(lines):
        if pattern.match(t):
            return i
    other = _EN_OPENING if language == "zh" else _ZH_OPENING
    return next((i for i, (_, t) in enumerate(lines) if other.match(t)), None)


# --- masthead ---------------------------------------------------------------------------


def _join_words(parts: list[str], language: str) -> str:
    sep = "" if language == "zh" else " "
    return re.sub(r"\s+", " ", sep.join(p.strip() for p in parts if p.strip())).strip()


def _parse_header(lines: list[Line], language: str) -> _Header:
    header = _Header()
    texts = [t for _, t in lines]
    joined = "\n".join(texts)
    header.draft = "决议草案" in joined or bool(re.search(r"draft\s+resolution", joined, re.I))
    title_from = None
    for i, t in enumerate(texts):
        m = _TITLE_LINE.match(t)
        if m and not header.draft:
            header.symbol = canonical_resolution(m.group(1))
            title_from = (i + 1, [m.group(2) or ""])
            break
        sponsor = re.match(
            r"^\s*(.*?)\s*[:：]\s*\*?\s*(?:决议草案|draft\s+resolution)\s*$", t, re.I
        )
        if sponsor:
            header.sponsors = _split_sponsors(sponsor.group(1), language)
            title_from = (i + 1, [])
    if title_from is not None:
        start, parts = title_from
        for t in texts[start:]:
            if t.strip() and not is_furniture(t):
                parts.append(t)
        header.title = _join_words(parts, language).replace("**", "")
    return header


_PROTECTED_EN = [
    "Trinidad and Tobago",
    "Bosnia and Herzegovina",
    "Antigua and Barbuda",
    "Saint Vincent and the Grenadines",
    "Saint Kitts and Nevis",
    "Sao Tome and Principe",
    "United Kingdom of Great Britain and Northern Ireland",
    "Serbia and Montenegro",
    "Heard Island and McDonald Islands",
]
_PROTECTED_ZH = [
    "特立尼达和多巴哥",
    "波斯尼亚和黑塞哥维那",
    "安提瓜和巴布达",
    "圣文森特和格林纳丁斯",
    "圣基茨和尼维斯",
    "圣多美和普林西比",
    "塞尔维亚和黑山",
]


def _split_sponsors(text: str, language: str) -> list[str]:
    """``阿尔巴尼亚、…、乌克兰和越南`` / ``A, B and C`` → the sponsoring States."""
    text = text.replace("*", "").strip()
    protected = _PROTECTED_ZH if language == "zh" else _PROTECTED_EN
    for i, name in enumerate(protected):
        text = text.replace(name, f"\x00{i}\x00")
    if language == "zh":
        parts = text.split("、")
        last = re.split(r"和(?!国)", parts[-1])
        parts = parts[:-1] + last
    else:
        parts = re.split(r",\s*|\s+and\s+", text)
    out = []
    for part in parts:
        part = re.sub(r"\x00(\d+)\x00", lambda m: protected[int(m.group(1))], part).strip()
        if part:
            out.append(part)
    return out


def _adoption_date(header: str, closing: str, language: str):
    flat = re.sub(r"\s+", " ", header)
    m = re.search(r"adopted by the General Assembly on (.{6,30}?\d{4})", flat, re.I)
    if m and dates.parse_en_date(m.group(1)):
        return dates.parse_en_date(m.group(1))
    m = re.search(r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*大会决议", header)
    if m:
        return dates.parse_zh_date(m.group(1))
    return dates.parse_date(closing) if closing else None


def _agenda_item(text: str) -> str:
    m = re.search(
        r"Agenda items?\s+(\d+(?:\s?\([a-z0-9]+\))?"
        r"(?:(?:,\s*|\s+and\s+)\d+(?:\s?\([a-z0-9]+\))?)*)",
        text,
    )
    if m:
        return m.group(1)
    m = re.search(
        r"议程项目\s*(\d+(?:\s?[\(（][a-z0-9]+[\)）])?(?:[、和]\s*\d+(?:\s?\([a-z]+\))?)*)", text
    )
    return m.group(1) if m else ""


def _base_document(header: str) -> str:
    flat = re.sub(r"\s+", " ", header)
    m = re.search(r"\[[^\[\]]*?[\(（]([^\[\]]*?)[\)）]\s*\]", flat)
    if not m:
        return ""
    sym = re.search(r"[A-Z]{1,4}/[A-Za-z0-9./\-()]+?(?=$|[\s,，;；和)]|and\b)", m.group(1))
    return canonical(sym.group(0).rstrip(".")) if sym else ""


def _symbol_fallback(header: list[Line], trailer: str, meta: dict[str, str]) -> str | None:
    for text in ["\n".join(t for _, t in header), trailer]:
        m = re.search(r"A/RES/(?:ES-|S-)?\d{1,3}/\d{1,4}(?:\s?[A-Z]\b)?", text)
        if m:
            return canonical(m.group(0))
    if meta.get("symbol"):
        return canonical(meta["symbol"])
    return None


# --- closing lines ----------------------------------------------------------------------


def _find_closing(content: list[Line], start: int) -> tuple[int, int]:
    """Indices (start, end) of the "64th plenary meeting" / date lines after the body."""
    for i in range(start, len(content)):
        t = content[i][1]
        if _EN_MEETING_LINE.match(t) or _ZH_MEETING_LINE.match(t):
            begin = i
            j = i - 1
            while j > start and not content[j][1].strip():
                j -= 1
            if _DATE_LINE.match(content[j][1]):
                begin = j
            end = i + 1
            k = end
            while k < len(content) and not content[k][1].strip():
                k += 1
            if k < len(content) and _DATE_LINE.match(content[k][1]):
                end = k + 1
            return begin, end
        if _ANNEX_LINE.match(t):
            return i, i
    return len(content), len(content)


# --- paragraphs -------------------------------------------------------------------------


def _clean_end(text: str) -> str:
    """The text without a trailing footnote marker, to see how the sentence ends."""
    text = text.rstrip().rstrip("*").rstrip()
    cut = _marker_cut(text)
    return text[:cut] if cut else text


def _marker_cut(text: str) -> int:
    """Where ``_TRAILING_MARKER`` would cut ``text`` (rstripped): after the punctuation
    before a final marker, 0 if none.  Read from the end: a regex search for "…$" tries
    every position of the text, and this runs for every line of a paragraph."""
    end = len(text)
    if text.endswith("</sup>"):
        start = text.rfind("<sup>", max(0, end - 14))
        if start < 0 or not _SUP_TAG.fullmatch(text, start, end):
            return 0
    elif text[-1:] in _SUPERSCRIPT_SET:
        start = end - 1
        while start and text[start - 1] in _SUPERSCRIPT_SET:
            start -= 1
    elif text[-1:].isdecimal():
        start = end - 1
        while start and text[start - 1].isdecimal():
            start -= 1
        if end - start > 3:
            return 0
    else:
        return 0
    while start and text[start - 1].isspace():
        start -= 1
    return start if start and text[start - 1] in _MARKER_PUNCTUATION else 0


def _terminal(text: str, language: str) -> bool:
    return _ends_terminal(_clean_end(text), language)


def _ends_terminal(end: str, language: str) -> bool:
    """Does a text's clean end (:func:`_clean_end`) close a sentence or clause?"""
    return end[-1:] in (",;:.，；。：!?" if language == "zh" else ",;:.!?")


def _is_hardwrapped(lines: list[Line], language: str) -> bool:
    """Are the paragraphs wrapped over several lines (PDF text), not one per line?

    Many lines ending mid-sentence say so, except section headings: in a text with a
    paragraph per line, a line much shorter than the usual line, without closing
    punctuation, followed by a line that opens a paragraph or by another such heading
    ("Part I" / "Overall policymaking …" / "Section 1" / … / "41. Takes note …").
    """
    texts = [t.strip() for _, t in lines if t.strip()]
    if len(texts) < 4:
        return False
    usual = sorted(len(t) for t in texts)[len(texts) // 2]
    heading = [False] * (len(texts) + 1)
    for i in range(len(texts) - 1, -1, -1):
        t = texts[i]
        after = texts[i + 1] if i + 1 < len(texts) else ""
        heading[i] = (
            len(t) < 0.7 * usual
            and _heading_like(t, language)
            and bool(
                heading[i + 1]
                or _NUMBER.match(after)
                or (after and _opens_paragraph(after, language) and not after[0].islower())
            )
        )
    open_ended = sum(
        1 for i, t in enumerate(texts) if not _terminal(t, language) and not heading[i]
    )
    return open_ended > 0.3 * len(texts)


def _glue(prev_end: str, nxt: str, language: str) -> tuple[bool, str]:
    """How to join ``nxt`` to a text ending in ``prev_end`` (its last two characters
    suffice): (take the white space off the text's end first?, what to add)."""
    if language == "zh" and (_CJK.search(prev_end[-1:]) or _CJK.search(nxt[:1])):
        return True, nxt.strip()
    if language == "zh" and not (prev_end[-1:].isascii() and nxt[:1].isascii()):
        return True, nxt.strip()
    if prev_end[-1:] in "-‑" and prev_end[-2:-1].isascii() and prev_end[-2:-1].isalpha():
        return False, nxt.strip()
    return True, " " + nxt.strip()


def _assemble(lines: list[Line], language: str, hardwrapped: bool) -> list[_Para]:
    """Re-join hard-wrapped and page-broken lines into paragraphs."""
    paras: list[_Para] = []
    last_number = 0
    front = False
    for no, raw in lines:
        s = raw.strip()
        if s[:1] == "#":
            s = _MD_HEADING.sub("", s)
        if not s or (s[0] in "-*_" and _RULE.fullmatch(s)):
            continue
        indent = len(raw) - len(raw.lstrip())
        number = _NUMBER.match(s)
        if number and int(number.group(1)) not in (last_number + 1, 1):
            number = None
        if not paras:
            paras.append(_Para(no, s))
            if number:
                last_number = int(number.group(1))
            continue
        para = paras[-1]
        short = para.short()
        bare_prev = short and _BARE_START.fullmatch(short)
        if bare_prev:
            para.add(" " + s)
            continue
        if short and _BARE_HEADING.match(short) and not number and not _BARE_HEADING.match(s):
            # "I" / "Activities of the Office" → "I. Activities of the Office"
            numeral = short.rstrip(".、")
            para.replace(f"{numeral} {s}" if _CJK.match(numeral) else f"{numeral}. {s}")
            continue
        if front:
            if number:
                front = False
                paras.append(_Para(no, s))
                last_number = int(number.group(1))
            else:
                para.join(s, language)
            continue
        if para.adopts_following() and not number:
            front = True
            paras.append(_Para(no, s, front=True))
            continue
        if _breaks(para, s, indent, number is not None, language, hardwrapped):
            paras.append(_Para(no, s))
            if number:
                last_number = int(number.group(1))
        else:
            para.join(s, language)
    return paras


def _breaks(para: _Para, s: str, indent: int, numbered: bool, language: str, wrapped: bool) -> bool:
    """Does line ``s`` open a new paragraph after the paragraph ``para`` read so far?"""
    end = _clean_end(para.tail)
    terminal = _ends_terminal(end, language)
    if numbered:
        return terminal or not wrapped
    if (
        not wrapped
        and para.length <= _HEADING_RAW_MAX
        and _heading_like(para.text, language)
        and _opens_paragraph(s, language)
    ):
        return True  # a section heading on a line of its own, then the section's text
    if _LABEL.match(s) and _opens_list(end, _OPENS_LIST):
        return True
    if _BARE_HEADING.match(s) and terminal:
        return True
    if _EN_OPENING.match(s):
        return True
    if language == "zh":
        if not terminal:
            return False
        return not wrapped or indent > 0
    if not terminal or para.opening > para.closing:
        return False  # mid-sentence, or inside a quoted title
    if not wrapped:
        return not (s[:1].islower() or s[:1].isdigit())
    return looks_like_en_lead(s) or bool(_SECTION.match(s) and len(s) < 90)


def _heading_like(text: str, language: str) -> bool:
    """Could this paragraph be a section heading: short, without closing punctuation?"""
    plain = _plain(text)
    limit = 80 if language == "zh" else 200
    if len(plain) > limit or _terminal(plain, language) or plain.count("“") != plain.count("”"):
        return False
    return not _NUMBER.match(plain) and not _LABEL.match(plain)


def _opens_paragraph(s: str, language: str) -> bool:
    """Does line ``s`` open a paragraph or a heading of its own (lead, verb, heading)?"""
    if _BARE_HEADING.match(s) or _SECTION.match(s) or _ZH_SECTION.match(s):
        return True
    if language == "zh":
        return bool(zh_lead(s))
    return looks_like_en_lead(s) or is_en_operative_verb(s)


# --- clauses ----------------------------------------------------------------------------


def _lead(text: str, language: str) -> str:
    return zh_lead(text) if language == "zh" else en_lead(text)


def _plain(text: str) -> str:
    return _SPACES.sub(" ", text.replace("**", "")).strip()


def _build_clauses(
    paras: list[_Para], language: str, scanner: MarkerScanner, wrapped: bool = False
) -> tuple[list[Clause], list[Annex]]:
    clauses: list[Clause] = []
    front: list[str] = []
    stack: list[str] = []  # section headings, outermost first
    pending: list[str] = []  # headings read since the last clause
    section = ""
    operative_started = False
    added = _Continuations()
    for i, para in enumerate(paras):
        raw = para.text
        number = _NUMBER.match(raw)
        label = _LABEL.match(raw)
        if para.front:
            text, _ = scanner.remove(raw)
            front.append(_plain(text))
            continue
        if not number and not label and _is_heading(raw, language, wrapped, i + 1 < len(paras)):
            pending.append(_plain(scanner.remove(raw)[0]))
            continue
        fresh = bool(pending)  # a section heading since the last clause
        if pending:
            stack = _apply_headings(stack, pending)
            section = " / ".join(stack)
            pending = []
        if number:
            operative_started = True
            rest = raw[number.end() :]
            text, markers = scanner.remove(rest)
            if front and not section:
                section = _declaration_title(front)
            clauses.append(
                Clause(
                    "operative",
                    _plain(text),
                    lead=_lead(text.strip(), language),
                    number=int(number.group(1)),
                    footnotes=markers,
                    section=section,
                )
            )
            continue
        if label and clauses and not fresh:
            text, markers = scanner.remove(raw[label.end() :])
            if label.group(2):  # ㈠ ㈡: always the second level
                _add_sub(clauses[-1], _ROMANS_ZH[label.group(2)], _plain(text), markers, True)
            else:
                _add_sub(clauses[-1], label.group(1), _plain(text), markers)
            continue
        text, markers = scanner.remove(raw)
        plain = _plain(text)
        last = clauses[-1] if clauses else None
        continues = (
            last is not None
            and last.kind == "operative"
            and not fresh
            and not _preambular_form(raw, plain, language)
        )
        if continues:
            assert last is not None
            if _expects_sub(last, added):
                _add_sub(last, _next_label(last), plain, markers)
            else:
                _append(last, plain, markers, language, added)
            continue
        following = _NUMBER.match(paras[i + 1].text) if i + 1 < len(paras) else None
        introduces = bool(following and following.group(1) == "1" and _ends_with(raw, ":："))
        kind = _unnumbered_kind(raw, plain, language, operative_started or fresh, introduces)
        clauses.append(
            Clause(
                kind, plain, lead=_lead(text.strip(), language), footnotes=markers, section=section
            )
        )
    added.finish()
    mark_last_paragraph_operative(clauses)
    annexes = []
    if front:
        title = _declaration_title(front)
        annexes.append(Annex(title=title, text="\n".join(front)))
    return clauses, annexes


def _is_heading(raw: str, language: str, wrapped: bool, more: bool) -> bool:
    """A section heading: "I. Activities of the Office", "A. …", "一 …" or, in texts with a
    paragraph per line, a short line without closing punctuation between paragraphs."""
    plain = _plain(raw)
    if _terminal(raw, language) or len(plain) >= 200:
        return False
    if _SECTION.match(plain) or (language == "zh" and _ZH_SECTION.match(plain)):
        return True
    return not wrapped and more and _heading_like(plain, language)


def _apply_headings(stack: list[str], pending: list[str]) -> list[str]:
    """The section stack after the headings read since the last clause.

    A heading without a number after another one is its subheading ("I. X — Y");
    lettered sub-sections ("A. …") nest under the numbered section before them.
    """
    units: list[str] = []
    for heading in pending:
        numbered = _SECTION.match(heading) or _ZH_SECTION.match(heading)
        if units and not numbered:
            units[-1] = f"{units[-1]} — {heading}"
        else:
            units.append(heading)
    for unit in units:
        if re.match(r"^[A-H]\.\s", unit) and not _ROMAN_UNIT.match(unit):
            stack = stack[:1] + [unit]
        else:
            stack = [unit]
    return stack


def _ends_with(raw: str, marks: str) -> bool:
    return _clean_end(raw).rstrip("*")[-1:] in marks


def _preambular_form(raw: str, plain: str, language: str) -> bool:
    """A preambular paragraph after operative ones: its lead and a closing comma.

    Sectioned resolutions (budget, administrative ones) open each section with its own
    preambular paragraphs ("Recalling …,") after the operative paragraphs of the last.
    """
    if not _ends_with(raw, ",，"):
        return False
    if language == "zh":
        return bool(zh_lead(plain))
    return looks_like_en_lead(plain) and not is_en_operative_verb(plain)


def _unnumbered_kind(
    raw: str, plain: str, language: str, operative_context: bool, introduces: bool
) -> str:
    """Kind of an unnumbered paragraph that opens a clause.

    "Adopts …", "Decides …" are operative; so is a paragraph closed by a full stop or a
    semicolon (preambular paragraphs end with a comma) after operative paragraphs or a
    section heading, and one that introduces the numbered paragraphs ("Resolves that,
    for 2024:" / "正式决定，对于2024年：" before "1.").
    """
    if language == "en" and is_en_operative_verb(plain):
        return "operative"
    if introduces or _adopts_following(_clean_end(raw)):
        return "operative"
    if operative_context and _ends_with(raw, ".;。；"):
        return "operative"
    return "preambular"


def _declaration_title(front: list[str]) -> str:
    """The declaration's title: the text before its opening "We, …" sentence."""
    first = front[0]
    m = re.search(r"\bWe,\s", first)
    title = first[: m.start()] if m else first
    return title.strip()


class _Continuations:
    """Text the paragraphs continuing a clause add to it (or to its last sub-paragraph),
    joined once by :meth:`finish`: joining each time copies the whole clause for every
    paragraph added, quadratic in a long one."""

    def __init__(self) -> None:
        self._texts: dict[int, tuple[Clause | Subparagraph, _Growing]] = {}

    def end(self, target: Clause | Subparagraph) -> str:
        """The end of the target's text as it stands (its last _TAIL characters)."""
        entry = self._texts.get(id(target))
        return entry[1].tail if entry else target.text[-_TAIL:]

    def join(self, target: Clause | Subparagraph, text: str, language: str) -> None:
        entry = self._texts.get(id(target))
        if entry is None:
            entry = self._texts[id(target)] = (target, _Growing(target.text))
        entry[1].join(text, language)

    def finish(self) -> None:
        for target, grown in self._texts.values():
            target.text = grown.text
        self._texts.clear()


def _expects_sub(clause: Clause, added: _Continuations) -> bool:
    """After "…, within available resources:" an unlabelled paragraph is a sub-paragraph."""
    if clause.subparagraphs:
        end = added.end(clause.subparagraphs[-1])
        return _opens_list(end, _SUB_LIST_OPEN)
    return added.end(clause)[-1:] in ":："


def _opens_list(end: str, pattern: re.Pattern[str]) -> bool:
    """``pattern.search(end)`` (both patterns: "…:" / "…;" / "…; and"), read from the end."""
    return end[-1:] in ":;：；" or (end.endswith(_LIST_WORDS) and bool(pattern.search(end)))


def _next_label(clause: Clause) -> str:
    if not clause.subparagraphs:
        return "a"
    last = clause.subparagraphs[-1].label
    if len(last) == 1 and last.isalpha():
        return chr(ord(last) + 1)
    return last + "'"


def _append(
    clause: Clause, text: str, markers: list[str], language: str, added: _Continuations
) -> None:
    target = clause.subparagraphs[-1] if clause.subparagraphs else clause
    added.join(target, text, language)
    _merge(clause.footnotes, markers)
    if target is not clause:
        _merge(target.footnotes, markers)


def _merge(into: list[str], markers: list[str]) -> None:
    for m in markers:
        if m not in into:
            into.append(m)


def _add_sub(
    clause: Clause, label: str, text: str, markers: list[str], roman: bool = False
) -> None:
    """Place ``(label)`` under the clause: letters at the top, (i), (ii) … under a letter.

    ``(i)`` right after ``(h)`` (and ``(v)`` after ``(u)``, ``(x)`` after ``(w)``) is the
    next letter, not a Roman numeral, unless ``roman`` says it is one (Chinese ㈠).
    """
    sub = Subparagraph(label=label, text=text, footnotes=list(markers))
    top = clause.subparagraphs
    last = top[-1] if top else None
    next_letter = (
        not roman
        and last is not None
        and len(label) == 1
        and len(last.label) == 1
        and not last.children
        and ord(label) == ord(last.label) + 1
    )
    top_is_letters = bool(top) and any(s.label not in _ROMANS or len(s.label) == 1 for s in top)
    if label in _ROMANS and not next_letter and top and top_is_letters:
        romans_at_top = all(s.label in _ROMANS for s in top) and top[0].label == "i"
        if romans_at_top:
            top.append(sub)
        else:
            top[-1].children.append(sub)
            _merge(top[-1].footnotes, markers)
    else:
        top.append(sub)
    _merge(clause.footnotes, markers)


# --- annexes and references ---------------------------------------------------------------


def _annexes(
    lines: list[Line], language: str, hardwrapped: bool, scanner: MarkerScanner
) -> list[Annex]:
    annexes: list[Annex] = []
    chunks: list[list[Line]] = []
    for no, t in lines:
        if _ANNEX_LINE.match(t):
            chunks.append([])
        elif chunks:
            chunks[-1].append((no, t))
    for chunk in chunks:
        lines_ = [(no, t) for no, t in chunk if t.strip()]
        if not lines_:
            continue
        title = ""
        if not _NUMBER.match(lines_[0][1].strip()):
            title = _plain(lines_[0][1])
            lines_ = lines_[1:]
        paras = _assemble(lines_, language, hardwrapped)
        texts = [_plain(scanner.remove(p.text)[0]) for p in paras]
        annexes.append(Annex(title=title, text="\n".join(texts)))
    return annexes


def _clause_text(clause: Clause) -> str:
    parts = [clause.text]

    def walk(subs: list[Subparagraph]) -> None:
        for s in subs:
            parts.append(s.text)
            walk(s.children)

    walk(clause.subparagraphs)
    return "\n".join(parts)


def _citations(text: str, language: str) -> list:
    """:func:`find_citations`, skipping texts without a digit (every symbol has one)."""
    from .citations import find_citations

    return find_citations(text, language) if _DIGIT.search(text) else []


def _references(doc: ParsedDocument) -> list[Reference]:
    refs: list[Reference] = []
    if doc.base_document:
        refs.append(Reference(doc.base_document, "document", "header"))
    counters = {"preambular": 0, "operative": 0}
    for clause in doc.clauses:
        counters[clause.kind] += 1
        where = f"{clause.kind}:{counters[clause.kind]}"
        for c in _citations(_clause_text(clause), doc.language):
            refs.append(Reference(c.symbol, c.kind, where))
    for fn in doc.footnotes:
        for c in _citations(fn.text, doc.language):
            refs.append(Reference(c.symbol, c.kind, f"footnote:{fn.marker}"))
    return refs


__all__ = ["parse_text", "detect_language"]
