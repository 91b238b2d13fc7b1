"""Files arrive as UTF-8 (with or without BOM), UTF-16 or GB18030; binary and empty are refused."""

import tarfile

import pytest

from resolutions.parsing.encoding import decode_text
from resolutions.parsing.structure import ParseError
from tests.conftest import SEEDS, SHARED

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


# --- real texts in the encodings they may come in (issue 21) ---------------------------

_UNXML = SHARED / "corpus" / "unxml"
needs_unxml = pytest.mark.skipif(not _UNXML.is_dir(), reason="corpus not available")


def _members(name: str) -> list[tuple[str, str]]:
    with tarfile.open(_UNXML / name) as archive:
        return [
            (m.name, archive.extractfile(m).read().decode("utf-8")) for m in archive if m.isfile()
        ]


def _expected(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def test_real_chinese_seeds_decode_identically_from_gb18030_and_utf16():
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        for codec in ("gb18030", "utf-16"):
            assert decode_text(text.encode(codec)) == _expected(text), (path.name, codec)


@needs_unxml
@pytest.mark.parametrize("session", [75, 76, 77, 78])
def test_every_real_chinese_text_in_gb18030_decodes_identically(session):
    members = _members(f"{session}session-Chinese.tar.xz")
    assert members
    for name, text in members:
        assert decode_text(text.encode("gb18030")) == _expected(text), name


@needs_unxml
def test_real_english_texts_in_cp1252_are_not_read_as_chinese():
    members = _members("78session-English.tar.xz")
    accented = 0
    for name, text in members:
        data = text.encode("cp1252", errors="replace")
        accented += not data.isascii()
        assert decode_text(data) == _expected(data.decode("cp1252")), name
        assert decode_text(text.encode("gb18030")) == _expected(text), name
    assert accented > 100  # the check saw texts with “quotes”, dashes and accents
