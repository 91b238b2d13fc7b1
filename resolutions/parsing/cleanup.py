"""Page furniture and footnotes of PDF-, Word- and markdown-extracted resolution texts.

Everything here works on numbered lines (``Line``: 1-based line number and text) so
that later steps can still name the line a problem is on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_URL_LINE = re.compile(r"^\s*https?://\S+\s*$")
_SEPARATOR = re.compile(r"^\s*_{5,}\s*$")
_ODS = re.compile(r"<<ODS")
_WORD_COMMENT = re.compile(r"^\s*\[DU\d*\]\s*$")
_WORD = re.compile(r"[A-Za-z]+")


def is_furniture(text: str, symbol: str | None = None) -> bool:
    """A page header/footer line: running symbol, job number, barcode, page number.

    ``-layout`` extractions put several of these on one line, separated by wide gaps.
    """
    s = text.strip()
    if not s:
        return False
    tokens = re.split(r"\s{2,}", s)
    if all(_FURNITURE_TOKEN.match(t) for t in tokens):
        return True
    # "A/RES/73/8                 imposed by the United States …" (symbol + running title)
    return bool(re.match(rf"^{_SYMBOL}\s{{3,}}\S", s))


def is_symbol_line(text: str) -> bool:
    s = text.strip()
    return bool(re.match(rf"^{_SYMBOL}(?:$|\s{{3,}})", s))


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
    near = set()
    for i in furniture_at:
        near.update(range(i - 3, i + 4))
    for i, (no, text) in enumerate(lines):
        if _ODS.search(text):
            break  # Word extractions end with ODS markers and the first-page furniture
        if is_furniture(text, symbol) or is_url_line(text) or _WORD_COMMENT.match(text):
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


@dataclass
class _Body:
    marker: str | None
    lines: list[str]


def _join_footnote(parts: list[str]) -> str:
    text = ""
    for part in parts:
        part = part.strip()
        if not text:
            text = part
        elif text.endswith("-") or (_is_cjk(text[-1]) and _is_cjk(part[:1])):
            text += part
        else:
            text += " " + part
    return re.sub(r"\s+", " ", text).strip()


def _is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")


def _zone_bodies(zone: list[str], words: set[str]) -> list[Footnote]:
    """Pair the markers and texts of one page-bottom footnote block.

    pdftotext sometimes prints a marker after its text ("Resolution 70/1." … "1"), so
    bodies without a marker of their own get the left-over markers in numeric order.
    """
    bodies: list[_Body] = []
    pending: list[str] = []
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
            bodies.append(_Body(pending.pop(0), [s]))
        elif bodies and not (
            re.search(r"[.。]\s*$", bodies[-1].lines[-1]) and re.match(r"^[A-Z\u4e00-\u9fff]", s)
        ):
            bodies[-1].lines.append(s)
        else:
            bodies.append(_Body(None, [s]))
        prev_was_marker = False
    leftovers = sorted(pending, key=lambda x: int(x) if x.isdigit() else 0)
    for body in bodies:
        if body.marker is None and leftovers:
            body.marker = leftovers.pop(0)
    return [Footnote(b.marker or "", _join_footnote(b.lines)) for b in bodies]


def extract_footnotes(lines: list[Line], title: str = "") -> tuple[list[Line], list[Footnote]]:
    """Split footnote bodies from the text.

    Recognises page-bottom blocks after a ``_____`` rule (ending at the next page's
    running symbol, at the undocs URL lines, or at the end of the text), lines that
    start with a superscript or ``<sup>`` marker, and markdown ``[^n]:`` bodies.
    """
    words = title_words(title)
    content: list[Line] = []
    footnotes: list[Footnote] = []
    i = 0
    while i < len(lines):
        no, text = lines[i]
        if _ODS.search(text):
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
                    footnotes[-1].text = _join_footnote([footnotes[-1].text, fn.text])
                else:
                    footnotes.append(fn)
            i = j
            continue
        for pattern in (_SUP_LINE, _HTML_SUP_LINE, _MD_FOOTNOTE):
            m = pattern.match(text)
            if m:
                marker = m.group(1).translate(_SUP_TO_DIGIT)
                footnotes.append(Footnote(marker, _join_footnote([_strip_markup(m.group(2))])))
                break
        else:
            content.append((no, text))
        i += 1
    return content, footnotes


def _strip_markup(text: str) -> str:
    return text.replace("**", "").strip()


def trailing_footnotes(lines: list[Line]) -> tuple[list[Line], list[Footnote]]:
    """``1 A/65/382-S/2010/490.`` lines after the closing lines (Word extractions)."""
    footnotes: list[Footnote] = []
    rest: list[Line] = []
    expected = 1
    for no, text in lines:
        m = _MARKER_TEXT.match(text.replace("\t", " "))
        if m and m.group(1) == str(expected):
            footnotes.append(Footnote(m.group(1), _join_footnote([m.group(2)])))
            expected += 1
        elif footnotes and text.strip() and not m and not rest:
            footnotes[-1].text = _join_footnote([footnotes[-1].text, text])
        else:
            rest.append((no, text))
    return rest, footnotes
