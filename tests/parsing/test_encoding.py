"""Files arrive as UTF-8 (with or without BOM), UTF-16 or GB18030; binary and empty are refused."""

import pytest

from resolutions.parsing.encoding import decode_text
from resolutions.parsing.structure import ParseError

SAMPLE = "大会，\n\n回顾其第57/32号决议，\nThe General Assembly,\n"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-8-sig"),
        SAMPLE.encode("utf-16"),
        SAMPLE.encode("utf-16-le"),
        SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "gb18030"],
)
def test_supported_encodings_decode_to_the_same_text(data):
    assert decode_text(data) == SAMPLE


def test_crlf_line_ends_become_newlines():
    assert decode_text(b"a\r\nb\r\n") == "a\nb\n"


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", "\ufeff".encode("utf-8-sig")])
def test_empty_file_is_refused(data):
    with pytest.raises(ParseError, match="empty"):
        decode_text(data)


def test_binary_file_is_refused_with_its_line():
    data = b"line one\nline two\n\x89PNG\x00\x00\x01\x02"
    with pytest.raises(ParseError, match="binary") as info:
        decode_text(data)
    assert info.value.line == 3


def test_random_bytes_are_refused():
    data = bytes(range(256)) * 8
    with pytest.raises(ParseError):
        decode_text(data)
