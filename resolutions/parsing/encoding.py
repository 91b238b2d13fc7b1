"""Turn the bytes of a file into text: UTF-8 (with or without BOM), UTF-16, GB18030, cp1252.

Bytes that are not UTF-8 are read as GB18030 only when the result is plausible Chinese,
and otherwise as Windows-1252 (Latin-1 plus typographic quotes and dashes) only when
that is plausible Latin-script text.  Both codecs accept most byte strings, so a strict
decode alone says nothing: a cp1252 "Türkiye" (``54 FC 72 6B …``) is valid GB18030 and
reads "T黵kiye".  What tells them apart:

* Real Chinese text in GB18030 is made of GB2312 characters (the two bytes ``A1``–``F7``
  and ``A1``–``FE``) next to each other; less than 0.5 % of the two-byte characters in
  the UN's Chinese resolutions lie outside that area.  Latin text read as GB18030 gives
  rare GBK-extension ideographs (an accented letter followed by an ASCII letter, as in
  ``FC 72``), each alone between ASCII letters.  Characters GB18030 writes in four bytes
  (superscript digits, Arabic, "ô" in a Chinese text) are no evidence either way: Latin
  text practically never forms their ``[81-FE][30-39][81-FE][30-39]`` pattern.
* Latin text read as cp1252 has letters with diacritics and typographic punctuation,
  mostly one at a time inside ASCII words; Chinese read as cp1252 gives long runs of
  symbols and accented letters ("´ó»á").

Anything else is refused with a clear :class:`ParseError`.
"""

from __future__ import annotations

import codecs
import functools
import re

from .structure import ParseError

__all__ = ["decode_text"]

_CONTROL = {b for b in range(32)} - {9, 10, 12, 13}
_DROP_CONTROLS = dict.fromkeys(_CONTROL)  # str.translate table deleting them

# How much of a long text the plausibility checks look at: slices spread over the text.
_SAMPLE_WHOLE = 400_000
_SAMPLE_SLICES = 200
_SAMPLE_SLICE = 2_000
# Largest share of rare (GBK-extension) characters among the two-byte ones, and of
# non-ASCII characters standing alone between ASCII ones, in plausible Chinese.
_MAX_RARE_SHARE = 0.05
_MAX_ISOLATED_SHARE = 0.5  # of the ideographs
# Largest share of unusual symbols among the non-ASCII characters, and longest average
# run of non-ASCII characters ("Ñáñez" has one of 3), in plausible Latin text.
_MAX_ODD_SHARE = 0.1
_MAX_AVERAGE_RUN = 3

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_IDEOGRAPHS = re.compile(f"[{_IDEOGRAPH}]")
# an ideograph alone between ASCII characters: "T黵kiye" is cp1252 "Türkiye"
_ISOLATED = re.compile(f"(?<=[\x00-\x7f])[{_IDEOGRAPH}](?=[\x00-\x7f])")
# What cp1252 text may hold besides ASCII: letters (all of cp1252's are Latin) and these.
_LATIN_PUNCTUATION = frozenset("‘’‚“”„–—…•€£¥¢§©®™°·«»¹²³±×÷½¼¾\xa0\xad")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from the zero bytes of ASCII characters."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_zeros > 0.3 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.3 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    return None


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE_WHOLE:
        return text
    step = len(text) // _SAMPLE_SLICES
    return "\n".join(text[i : i + _SAMPLE_SLICE] for i in range(0, len(text), step))


@functools.cache
def _gb_classes() -> tuple[frozenset[str], frozenset[str]]:
    """(GB2312-area characters, rare ones: the other two-byte ideographs and private use).

    The other two-byte characters that are not ideographs ("–", "〇") count for neither.
    """
    common: set[str] = set()
    rare: set[str] = set()
    for lead in range(0x81, 0xFF):
        for trail in (*range(0x40, 0x7F), *range(0x80, 0xFF)):
            char = bytes((lead, trail)).decode("gb18030", errors="ignore")
            if len(char) != 1:
                continue
            gb2312 = 0xA1 <= lead <= 0xF7 and trail >= 0xA1
            private = "\ue000" <= char <= "\uf8ff"
            if gb2312 and not private:
                common.add(char)
            elif private or _IDEOGRAPHS.match(char):
                rare.add(char)
    return frozenset(common), frozenset(rare - common)


def _plausible_chinese(text: str) -> bool:
    """Is ``text`` (read as GB18030) Chinese, not Latin-script bytes taken for it?"""
    sample = _sample(text)
    common_chars, rare_chars = _gb_classes()
    common = rare = 0
    for char in sample:
        if char > "\x7f":
            if char in common_chars:
                common += 1
            elif char in rare_chars:
                rare += 1
    if rare > _MAX_RARE_SHARE * (common + rare):
        return False
    isolated = len(_ISOLATED.findall(sample))
    return isolated <= _MAX_ISOLATED_SHARE * len(_IDEOGRAPHS.findall(sample))


def _plausible_latin(text: str) -> bool:
    """Is ``text`` (read as cp1252) Latin-script text: accented letters inside words?"""
    sample = _sample(text)
    runs = _NON_ASCII_RUN.findall(sample)
    non_ascii = sum(len(run) for run in runs)
    if not non_ascii:
        return True
    odd = sum(1 for run in runs for c in run if not c.isalpha() and c not in _LATIN_PUNCTUATION)
    return odd <= _MAX_ODD_SHARE * non_ascii and non_ascii <= _MAX_AVERAGE_RUN * len(runs)


def _decode_legacy(data: bytes, utf8_error: UnicodeDecodeError) -> str:
    """GB18030 if it reads as Chinese, else cp1252 if it reads as Latin text, else refuse."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_chinese(text):
            return text
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_latin(text):
            return text
    raise ParseError(
        "not plausible text in UTF-8, UTF-16, GB18030 or Windows-1252 (cp1252) "
        "(another encoding, or a binary file?)",
        line=_line_of(data, utf8_error.start),
    ) from utf8_error


def decode_text(data: bytes) -> str:
    """Decode a text file, refusing empty and binary data with a clear :class:`ParseError`."""
    if not data.strip():
        raise ParseError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    else:
        encoding = _looks_utf16(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ParseError(f"invalid {encoding} text at byte {exc.start}") from exc
    else:
        if b"\x00" in data:
            raise ParseError("binary file, not text", line=_line_of(data, data.index(b"\x00")))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as utf8_error:
            text = _decode_legacy(data, utf8_error)
    controls = len(text[:10000]) - len(text[:10000].translate(_DROP_CONTROLS))
    if controls > max(8, len(text[:10000]) // 100):
        raise ParseError("binary file, not text")
    if not text.replace("\ufeff", "").strip():
        raise ParseError("empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")
