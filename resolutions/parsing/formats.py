"""Tell input formats apart by their content, and read archives without unpacking them."""

from __future__ import annotations

import json
import re
import tarfile
import zipfile
from collections.abc import Iterator
from os import PathLike

from lxml import etree

from .encoding import decode_text
from .structure import ParseError

__all__ = ["detect_format", "iter_archive"]

_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:\?xml|!--|[A-Za-z_])")


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
        except ValueError:
            return False
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
    if _XML_START.match(data[:1000]):
        root = _root_name(data)
        if root != "akomaNtoso":
            raise ParseError(f"XML but not Akoma Ntoso (root element <{root}>)", line=1)
        return "akn"
    text = decode_text(data)  # raises ParseError for binary data
    if text.lstrip("\ufeff").lstrip().startswith("{") and _is_metadata(text):
        return "metadata"
    return "text"


def iter_archive(path: str | PathLike[str]) -> Iterator[tuple[str, bytes]]:
    """Yield (member name, bytes) of each file in a .tar(.xz/.gz/.bz2) or .zip archive.

    Members are read in archive order, in memory; directories, links and other special
    members are skipped.  Raises :class:`ParseError` for anything that is no such archive.
    """
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.is_dir():
                    yield info.filename, archive.read(info)
        return
    try:
        archive = tarfile.open(path, mode="r:*")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, OSError) as exc:
        raise ParseError(f"not a tar or zip archive: {exc}") from exc
    with archive:
        for member in archive:
            if not member.isfile():
                continue
            handle = archive.extractfile(member)
            if handle is not None:
                yield member.name, handle.read()
