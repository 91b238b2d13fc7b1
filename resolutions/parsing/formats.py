"""Tell input formats apart by their content, and read archives without unpacking them."""

from __future__ import annotations

import json
import lzma
import re
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from os import PathLike

from lxml import etree

from .encoding import decode_text
from .structure import ParseError

__all__ = ["MAX_SOURCE_BYTES", "detect_format", "iter_archive"]

#: The largest file (or archive member) read, in bytes.  UN resolutions are at most a few
#: MB, a whole session's AKN file in an archive a few more; anything larger is refused
#: before it is read.
MAX_SOURCE_BYTES = 64 * 1024 * 1024

_CHUNK = 1024 * 1024
# What a damaged archive raises while it is read: tarfile's own errors, EOFError and
# OSError for truncated or corrupt gzip/bz2/xz streams, zlib's and lzma's errors.
_STREAM_ERRORS = (tarfile.TarError, OSError, EOFError, zlib.error, lzma.LZMAError)
# XML opens with its declaration, a comment, a processing instruction, a DOCTYPE or the
# root element, after an optional BOM and white space.
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:\?|!--|!DOCTYPE|[A-Za-z_])", re.IGNORECASE)
# A DTD anywhere before the root element: comments and processing instructions may come
# first ("<!-- … --><!DOCTYPE …>"), so look through the whole prolog.
_PROLOG_ITEM = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)
_SYMBOL_FIRST = re.compile(r'\s*\{\s*"symbol"\s*:')
_DOCTYPE = re.compile(rb"\s*<!\s*DOCTYPE\b", re.IGNORECASE)


def _size(size: int) -> str:
    """``7.5 GB``, ``65 MB``, ``800 bytes``: a size for an error message."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _over_limit(size: int) -> str:
    return f"{_size(size)} is over the {_size(MAX_SOURCE_BYTES)} limit"


def _refuse_dtd(data: bytes) -> None:
    """Raise :class:`ParseError` naming the line when the prolog declares a DTD.

    No resolution needs one, and DTDs are how entity bombs ("billion laughs") and
    external entities get in.
    """
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while True:
        item = _PROLOG_ITEM.match(data, start)
        if item is None:
            break
        start = item.end()
    doctype = _DOCTYPE.match(data, start)
    if doctype is None:
        return
    at = data.index(b"<", start)
    raise ParseError("XML with a DTD (DOCTYPE) is not accepted", line=data.count(b"\n", 0, at) + 1)


def _root_name(data: bytes) -> str:
    """Local name of the root element, reading no further than the root's start tag."""
    parser = etree.XMLPullParser(
        events=("start",), resolve_entities=False, no_network=True, load_dtd=False
    )
    try:
        for start in range(0, len(data), 65536):
            parser.feed(data[start : start + 65536])
            for _event, element in parser.read_events():
                return etree.QName(element).localname
        parser.close()
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"malformed XML: {exc.msg}", line=exc.lineno or None) from exc
    raise ParseError("XML without a root element")


def _is_metadata(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()][:5]
    if not lines:
        return False
    for line in lines:
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            # too deep for json: parse_metadata names the line if it does hold records
            return bool(_SYMBOL_FIRST.match(line))
        if not isinstance(record, dict) or "symbol" not in record:
            return False
    return True


def detect_format(data: bytes) -> str:
    """``"akn"``, ``"metadata"`` or ``"text"``, from what the bytes hold (not the file name).

    Raises :class:`ParseError` for empty and binary data, and for XML that is not
    Akoma Ntoso (another XML vocabulary is no resolution text either).
    """
    if not data.strip():
        raise ParseError("empty file")
    if len(data) > MAX_SOURCE_BYTES:
        raise ParseError(f"file of {_over_limit(len(data))}")
    if _XML_START.match(data):
        _refuse_dtd(data)
        root = _root_name(data)
        if root != "akomaNtoso":
            raise ParseError(f"XML but not Akoma Ntoso (root element <{root}>)", line=1)
        return "akn"
    text = decode_text(data)  # raises ParseError for binary data
    if text.lstrip("\ufeff").lstrip().startswith("{") and _is_metadata(text):
        return "metadata"
    return "text"


def iter_archive(path: str | PathLike[str]) -> Iterator[tuple[str, bytes | ParseError]]:
    """Yield (member name, bytes) of each file in a .tar(.xz/.gz/.bz2) or .zip archive.

    Members are read in archive order, in memory; directories, links and other special
    members are skipped.  A member that cannot be read comes as (member name,
    :class:`ParseError` saying why) instead of its bytes: over :data:`MAX_SOURCE_BYTES`
    (by its header, checked before reading, or found while reading in chunks when the
    header lied), a bad CRC, a damaged compressed stream, a truncated archive.  Reading
    goes on with the next member where the format allows it (a zip's central directory
    lists every member; a tar is read front to back, so after a truncated or corrupt
    stream nothing more can be read and iteration ends after that error).

    Raises :class:`ParseError` for anything that is no such archive.
    """
    if zipfile.is_zipfile(path):
        yield from _iter_zip(path)
        return
    yield from _iter_tar(path)


def _read_limited(handle) -> bytes | None:
    """The bytes of ``handle``, or None once more than MAX_SOURCE_BYTES came out."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = handle.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > MAX_SOURCE_BYTES:
            return None
        chunks.append(chunk)


def _iter_zip(path: str | PathLike[str]) -> Iterator[tuple[str, bytes | ParseError]]:
    try:
        archive = zipfile.ZipFile(path)  # noqa: SIM115 (closed by the with below)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ParseError(f"unreadable zip archive: {exc}") from exc
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            name = info.filename
            if info.file_size > MAX_SOURCE_BYTES:
                yield name, ParseError(f"member of {_over_limit(info.file_size)}")
                continue
            try:
                with archive.open(info) as handle:
                    data = _read_limited(handle)
            except zipfile.BadZipFile as exc:
                reason = "bad CRC" if "CRC" in str(exc) else f"damaged member: {exc}"
                yield name, ParseError(reason)
                continue
            except (*_STREAM_ERRORS, ValueError, NotImplementedError, RuntimeError) as exc:
                # corrupt compressed data, unsupported compression, an encrypted member
                yield name, ParseError(f"unreadable member: {exc}")
                continue
            if data is None:
                yield (
                    name,
                    ParseError(
                        f"member larger than its header says ({_size(info.file_size)}), "
                        f"over the {_size(MAX_SOURCE_BYTES)} limit"
                    ),
                )
                continue
            yield name, data


def _iter_tar(path: str | PathLike[str]) -> Iterator[tuple[str, bytes | ParseError]]:
    try:
        archive = tarfile.open(path, mode="r:*")  # noqa: SIM115 (closed by the with below)
    except _STREAM_ERRORS as exc:
        raise ParseError(f"not a tar or zip archive: {exc}") from exc
    last = ""
    with archive:
        members = iter(archive)
        while True:
            try:
                member = next(members)
            except StopIteration:
                return
            except _STREAM_ERRORS as exc:
                # damage between members: nothing after it can be found
                where = f" after member {last!r}" if last else ""
                yield "", ParseError(f"truncated or damaged archive{where}: {exc}")
                return
            last = member.name
            if not member.isfile():
                continue
            if member.size > MAX_SOURCE_BYTES:
                yield member.name, ParseError(f"member of {_over_limit(member.size)}")
                continue
            try:
                handle = archive.extractfile(member)
                if handle is None:
                    continue
                data = _read_limited(handle)
            except _STREAM_ERRORS as exc:
                # a tar is one stream: after damage inside a member nothing more is read
                yield member.name, ParseError(f"truncated or damaged member: {exc}")
                return
            if data is None:  # cannot happen by tarfile's reading, kept as a guard
                yield member.name, ParseError(f"member of more than {_size(MAX_SOURCE_BYTES)}")
                continue
            yield member.name, data
