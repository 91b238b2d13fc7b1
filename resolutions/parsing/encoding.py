"""Turn the bytes of a file into text: UTF-8 (with or without BOM), UTF-16, GB18030."""

from __future__ import annotations

import codecs

from .structure import ParseError

_CONTROL = {b for b in range(32)} - {9, 10, 12, 13}
_DROP_CONTROLS = dict.fromkeys(_CONTROL)  # str.translate table deleting them


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
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise ParseError(
                    "not text in UTF-8, UTF-16 or GB18030 (binary file?)",
                    line=_line_of(data, utf8_error.start),
                ) from utf8_error
    controls = len(text[:10000]) - len(text[:10000].translate(_DROP_CONTROLS))
    if controls > max(8, len(text[:10000]) // 100):
        raise ParseError("binary file, not text")
    if not text.replace("\ufeff", "").strip():
        raise ParseError("empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")
