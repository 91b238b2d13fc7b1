"""Page furniture and footnotes of PDF-, Word- and markdown-extracted resolution texts.

Everything here works on numbered lines (``Line``: 1-based line number and text) so
that later steps can still name the line a problem is on.

Cleaned markdown puts footnote bodies after the body as ``[^n]:`` lines, and its
extractor sometimes takes body text for a footnote:

* a number at the start of a wrapped line ("1653 (XVI) of …") becomes ``[^1653]:``.
  Footnotes run 1, 2, 3 …, so a ``[^n]:`` whose number is out of sequence is text
  continuing the previous footnote (when that one is unfinished) or the body (when the
  body's last line is unfinished), with "n " restored in front;
* the end of the body lands in the last footnote ("A/79/88. 4. Decides … 52nd plenary
  meeting 1 December 2025").  Text of a footnote from " N. <Verb>" (N the next
  operative number) or from a trailing "<ordinal> plenary meeting <date>" goes back to
  the body.

Body text recovered this way is one flattened line; :func:`split_run` cuts it back into
paragraph lines.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

from .dates import MONTH_NAMES
from .leads import is_en_operative_verb, looks_like_en_lead
from .structure import Footnote

Line = tuple[int, str]

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")

# --- page furniture -------------------------------------------------------------------

_SYMBOL = r"A/RES/(?:ES-|S-)?\d{1,3}/\d{1,4}(?:\s?[A-Z])?"
_FURNITURE_TOKEN = re.compile(
    rf"""^(?:
        {_SYMBOL}                               # running symbol
      | \d{{2}}-\d{{5}}(?:\s*\([A-Z]\))?(?:\s+\d{{6}})?   # job number "25-15106 (E)  071118"
      | \*\d{{6,}}\*                            # barcode "*2515106*"
      | \d{{6}}                                 # print date "021118"
      | \d{{1,3}}/\d{{1,3}}                     # page "2/5"
    )$""",
    re.VERBOSE,
)
_GAP = re.compile(r"\s{2,}")
_SYMBOL_TITLE = re.compile(rf"^{_SYMBOL}\s{{3,}}\S")
_SYMBOL_LINE = re.compile(rf"^{_SYMBOL}(?:$|\s{{3,}})")
_URL_LINE = re.compile(r"^\s*https?://\S+\s*$")
_SEPARATOR = re.compile(r"^\s*_{5,}\s*$")
_ODS = "<<ODS"  # the Word trailer's markers
_WORD_COMMENT = re.compile(r"^\s*\[DU\d*\]\s*$")
_WORD = re.compile(r"[A-Za-z]+")


def is_furniture(text: str, symbol: str | None = None) -> bool:
    """A page header/footer line: running symbol, job number, barcode, page number.

    ``-layout`` extractions put several of these on one line, separated by wide gaps.
    """
    s = text.strip()
    if not s or not (s[0].isdigit() or s[0] in "A*"):
        return False  # every furniture token starts with a digit, "A/RES" or "*"
    tokens = _GAP.split(s)
    if all(_FURNITURE_TOKEN.match(t) for t in tokens):
        return True
    # "A/RES/73/8                 imposed by the United States …" (symbol + running title)
    return bool(_SYMBOL_TITLE.match(s))


def is_symbol_line(text: str) -> bool:
    return bool(_SYMBOL_LINE.match(text.strip()))


def is_url_line(text: str) -> bool:
    return bool(_URL_LINE.match(text))


def title_words(title: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(title)}


def is_running_title(text: str, words: set[str]) -> bool:
    """A line made only of words of the document title (a page header's running title)."""
    found = [w.lower() for w in _WORD.findall(text)]
    if not found or not words:
        return False
    if re.search(r"[,;.:]\s*$", text.strip()):
        return False
    return all(w in words for w in found)


def drop_furniture(lines: list[Line], symbol: str | None, title: str) -> list[Line]:
    """Remove page headers and footers, URL lines, ODS trailers and running titles.

    A running title (the resolution title printed in page headers) is only removed when
    it sits within three lines of other furniture, so that body text is never lost.
    """
    words = title_words(title)
    out: list[Line] = []
    furniture_at = [i for i, (_, t) in enumerate(lines) if is_furniture(t, symbol)]
    furniture = set(furniture_at)
    near = set()
    if words:
        for i in furniture_at:
            near.update(range(i - 3, i + 4))
    for i, (no, text) in enumerate(lines):
        if _ODS in text:
            break  # Word extractions end with ODS markers and the first-page furniture
        if i in furniture or is_url_line(text) or _WORD_COMMENT.match(text):
            continue
        if i in near and words and is_running_title(text, words):
            continue
        if text.strip() in {"---", "***"}:
            continue
        out.append((no, text))
    return out


# --- footnote bodies --------------------------------------------------------------------

_SUP_LINE = re.compile(rf"^\s*([{SUPERSCRIPTS}]+)\s*(\S.*)$")
_HTML_SUP_LINE = re.compile(r"^\s*<sup>\s*(\w{1,3})\s*</sup>\s*(\S.*)$")
_MD_FOOTNOTE = re.compile(r"^\s*\[\^(\w+)\]:\s*(.*)$")
_MARKER_ONLY = re.compile(r"^\s*(\d{1,3}|\*)\s*$")
_MARKER_TEXT = re.compile(r"^\s*(\d{1,3}|\*)\s+(\S.*)$")
_MD_CONTINUATION = re.compile(r"^\s{2,}\S")  # indented line carrying on a [^n]: body
_FINISHED_NOTE = re.compile(r"[.。!?！？][”’\"')\]]*\s*$")
_OPEN_LINE = re.compile(r"[^\W\d_]\s*$")  # ends in a letter: the sentence goes on
_NUMBERED_LINE = re.compile(r"^\s*\**\s*(\d{1,3})\s*\.(?:\s|$)")
_MEETING_LINE = re.compile(
    r"^\s*(?:\d{1,4}\s*(?:st|nd|rd|th)\s+plenary\s+meeting\b|第\s*\d{1,4}\s*次全体会议)", re.I
)
_CLOSING_TAIL = re.compile(
    rf"(?:^|(?<=\s))(\d{{1,4}}\s*(?:st|nd|rd|th)\s+plenary\s+meeting)"
    rf"(?:\s+(\d{{1,2}}\s+(?:{MONTH_NAMES})\s+\d{{4}}))?\s*$",
    re.I,
)
_LEAD_CUT = re.compile(r",\s+(?=[A-Z])")


@dataclass
class _Body:
    marker: str | None
    lines: list[str]


_TAIL = 256  # the end of a footnote the rules look at ("…." finished, "-", a CJK character)


class _Notes:
    """The footnotes found so far.  Text carried on into the last one (a note running over
    to the next page, lines out of sequence) is joined once, when the next note comes or
    at the end: joining each time copies the whole note for every line added."""

    def __init__(self) -> None:
        self.items: list[Footnote] = []
        self._extra: list[str] = []
        self.tail = ""  # the last _TAIL characters of the last note

    def __bool__(self) -> bool:
        return bool(self.items)

    def append(self, note: Footnote) -> None:
        self._flush()
        self.items.append(note)
        self.tail = note.text[-_TAIL:]

    def carry_on(self, text: str) -> None:
        """``last.text = _join_footnote([last.text, text])``, without the copying."""
        piece = re.sub(r"\s+", " ", text).strip()
        if not piece:
            return
        tail = self.tail
        if tail and not (tail.endswith("-") or (_is_cjk(tail[-1]) and _is_cjk(piece[:1]))):
            piece = " " + piece
        self._extra.append(piece)
        self.tail = (tail + piece)[-_TAIL:]

    def _flush(self) -> None:
        if self._extra:
            self.items[-1].text += "".join(self._extra)
            self._extra = []

    def finish(self) -> list[Footnote]:
        self._flush()
        return self.items


class _BodyScan:
    """What the ``[^n]:`` rules ask of the body read so far (a closing meeting line, the
    last operative number, the last line of text), brought up to date with the lines
    added since the last question instead of reading the whole body each time."""

    def __init__(self, content: list[Line]):
        self.content = content
        self._done = 0
        self.meeting = False
        self.last_number = 0
        self.last_text = ""

    def update(self) -> _BodyScan:
        for _, t in self.content[self._done :]:
            if not self.meeting and _MEETING_LINE.match(t):
                self.meeting = True
            m = _NUMBERED_LINE.match(t)
            if m and int(m.group(1)) == self.last_number + 1:
                self.last_number += 1
            s = t.strip()
            if s and s not in {"---", "***"} and not _SEPARATOR.match(s) and not is_furniture(s):
                self.last_text = s
        self._done = len(self.content)
        return self


def _join_footnote(parts: list[str]) -> str:
    out: list[str] = []  # joined once: adding to a string copies it every time
    last = ""  # the last character so far ('' while the text is empty)
    for part in parts:
        part = part.strip()
        if last and not (last == "-" or (_is_cjk(last) and _is_cjk(part[:1]))):
            part = " " + part
        out.append(part)
        last = part[-1:] or last
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")


def _zone_bodies(zone: list[str], words: set[str]) -> list[Footnote]:
    """Pair the markers and texts of one page-bottom footnote block.

    pdftotext sometimes prints a marker after its text ("Resolution 70/1." … "1"), so
    bodies without a marker of their own get the left-over markers in numeric order.
    """
    bodies: list[_Body] = []
    pending: deque[str] = deque()
    prev_was_marker = False
    for raw in zone:
        s = raw.strip()
        if not s or is_furniture(s):
            continue
        if words and is_running_title(s, words) and not _MARKER_TEXT.match(s):
            continue
        m = _MARKER_ONLY.match(s)
        if m:
            pending.append(m.group(1))
            prev_was_marker = True
            continue
        m = _MARKER_TEXT.match(s)
        if m and not re.match(r"^\d{1,3}\s+(?:[a-z]|per cent|and\b)", s):
            bodies.append(_Body(m.group(1), [m.group(2)]))
        elif prev_was_marker and pending:
            bodies.append(_Body(pending.popleft(), [s]))
        elif bodies and not (
            re.search(r"[.。]\s*$", bodies[-1].lines[-1]) and re.match(r"^[A-Z\u4e00-\u9fff]", s)
        ):
            bodies[-1].lines.append(s)
        else:
            bodies.append(_Body(None, [s]))
        prev_was_marker = False
    leftovers = deque(sorted(pending, key=lambda x: int(x) if x.isdigit() else 0))
    for body in bodies:
        if body.marker is None and leftovers:
            body.marker = leftovers.popleft()
    return [Footnote(b.marker or "", _join_footnote(b.lines)) for b in bodies]


def extract_footnotes(lines: list[Line], title: str = "") -> tuple[list[Line], list[Footnote]]:
    """Split footnote bodies from the text.

    Recognises page-bottom blocks after a ``_____`` rule (ending at the next page's
    running symbol, at the undocs URL lines, or at the end of the text), lines that
    start with a superscript or ``<sup>`` marker, and markdown ``[^n]:`` bodies.
    """
    words = title_words(title)
    content: list[Line] = []
    footnotes = _Notes()
    scan = _BodyScan(content)
    md_last = 0  # number of the last real "[^n]:" footnote
    i = 0
    while i < len(lines):
        no, text = lines[i]
        if _ODS in text:
            content.extend(lines[i:])  # the Word trailer: dropped with the furniture
            break
        if _SEPARATOR.match(text):
            j = i + 1
            zone: list[str] = []
            while j < len(lines):
                t = lines[j][1]
                if is_symbol_line(t) or _SEPARATOR.match(t):
                    break
                if is_url_line(t):
                    while j < len(lines) and (is_url_line(lines[j][1]) or not lines[j][1].strip()):
                        j += 1
                    break
                zone.append(t)
                j += 1
            for fn in _zone_bodies(zone, words):
                if not fn.marker and footnotes:
                    # the rest of a footnote that ran over from the previous page
                    footnotes.carry_on(fn.text)
                else:
                    footnotes.append(fn)
            i = j
            continue
        m = _MD_FOOTNOTE.match(text)
        if m:
            parts = [_strip_markup(m.group(2))]
            i += 1
            while (
                i < len(lines)
                and _MD_CONTINUATION.match(lines[i][1])
                and not _MD_FOOTNOTE.match(lines[i][1])
            ):
                parts.append(_strip_markup(lines[i][1]))
                i += 1
            md_last = _md_footnote(
                no, m.group(1), _join_footnote(parts), content, footnotes, md_last, scan
            )
            continue
        for pattern in (_SUP_LINE, _HTML_SUP_LINE):
            m = pattern.match(text)
            if m:
                marker = m.group(1).translate(_SUP_TO_DIGIT)
                footnotes.append(Footnote(marker, _join_footnote([_strip_markup(m.group(2))])))
                break
        else:
            content.append((no, text))
        i += 1
    return content, footnotes.finish()


def _md_footnote(
    no: int,
    marker: str,
    text: str,
    content: list[Line],
    footnotes: _Notes,
    last: int,
    scan: _BodyScan,
) -> int:
    """Take one ``[^marker]: text`` body; return the number of the last real md footnote.

    An out-of-sequence number is text carrying on the previous footnote or the body;
    body overflow at the end of a footnote goes back into ``content`` (see the module
    docstring).
    """
    if marker.isdigit() and int(marker) != last + 1:
        restored = f"{marker} {text}".strip()
        if footnotes and not _FINISHED_NOTE.search(footnotes.tail):
            footnotes.carry_on(restored)
            return last
        if _body_is_open(scan.update()):
            content.extend((no, piece) for piece in split_run(restored, scan.last_number + 1))
            return last
    note, overflow = _split_overflow(text, scan.update())
    footnotes.append(Footnote(marker, note))
    content.extend((no, piece) for piece in overflow)
    return int(marker) if marker.isdigit() else last


def _body_is_open(scan: _BodyScan) -> bool:
    """Does the body so far end mid-sentence ("… as declared in its resolutions")?"""
    if scan.meeting:
        return False
    return bool(_OPEN_LINE.search(scan.last_text.rstrip("*")))


def _operative_cut(text: str, number: int, start: int = 0) -> re.Match[str] | None:
    """`` N. <Verb>`` after a clause end ("; 2. Requests", ". 4. Decides", ", 1. Reiterates")."""
    pattern = re.compile(rf"(?<=[;.,:])\s+{number}\.\s+(?=[A-Z])")
    for m in pattern.finditer(text, start):
        if is_en_operative_verb(text, m.end()):
            return m
    return None


def _split_overflow(text: str, scan: _BodyScan) -> tuple[str, list[str]]:
    """A footnote text and the body text that ran into it ("A/79/88. 4. Decides …")."""
    if scan.meeting:
        return text, []  # the body is already closed
    number = scan.last_number + 1
    cuts = [m.start() for m in (_operative_cut(text, number), _CLOSING_TAIL.search(text)) if m]
    cut = min(cuts, default=0)
    if cut == 0 or not text[:cut].strip():
        return text, []
    return text[:cut].rstrip(), split_run(text[cut:], number)


def split_run(text: str, next_number: int = 1) -> list[str]:
    """Cut a flattened run of paragraphs back into paragraph lines.

    Cuts at ", <Preambular lead>" ("…, 1981, Recognizing that …") before the first
    operative paragraph, at "; N. <Verb>" / ". N. <Verb>" / ", N. <Verb>" for the next
    operative numbers from ``next_number`` on, and before a trailing
    "52nd plenary meeting 1 December 2025" (meeting and date become lines of their own).
    """
    text = re.sub(r"\s+", " ", text).strip()
    tail: list[str] = []
    m = _CLOSING_TAIL.search(text)
    if m:
        text = text[: m.start()].rstrip()
        tail = [g for g in m.groups() if g]
    cuts: list[int] = []
    number = next_number
    m_op = _operative_cut(text, number)
    first_operative = m_op.start() if m_op else len(text)
    while m_op:
        cuts.append(m_op.start())
        number += 1
        m_op = _operative_cut(text, number, m_op.end())
    for m in _LEAD_CUT.finditer(text, 0, first_operative):
        if looks_like_en_lead(text, m.end()):
            cuts.append(m.start() + 1)
    pieces = []
    begin = 0
    for cut in sorted(cuts):
        pieces.append(text[begin:cut])
        begin = cut
    pieces.append(text[begin:])
    return [p.strip() for p in pieces if p.strip()] + tail


def _strip_markup(text: str) -> str:
    return text.replace("**", "").strip()


def trailing_footnotes(
    lines: list[Line], lettered: bool = False
) -> tuple[list[Line], list[Footnote]]:
    """``1 A/65/382-S/2010/490.`` lines after the closing lines (Word extractions).

    Markers run up from 1 or, for a lettered resolution (``lettered``: "75/242 B"),
    from where the notes of the resolutions before it in the same document stopped
    ("3 A/75/793.").  A few skipped numbers are tolerated (notes printed in an annex)
    when the text after the number starts like a note, not a sentence.
    """
    footnotes = _Notes()
    rest: list[Line] = []
    last = 0
    for no, text in lines:
        m = _MARKER_TEXT.match(text.replace("\t", " "))
        value = int(m.group(1)) if m and m.group(1).isdigit() else None
        next_note = value is not None and (
            value == last + 1
            or (
                last < value <= (last + 10 if footnotes else 200 if lettered else 0)
                and not re.match(r"^\d{1,3}\s+(?:[a-z]|per cent|and\b)", text.strip())
            )
        )
        if m and value is not None and next_note:
            footnotes.append(Footnote(m.group(1), _join_footnote([m.group(2)])))
            last = value
        elif footnotes and text.strip() and not m and not rest:
            footnotes.carry_on(text)
        else:
            rest.append((no, text))
    return rest, footnotes.finish()
