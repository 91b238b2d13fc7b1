"""Hostile input (issue 21): huge texts, broken and oversized archives, wrong encodings,
XML with a DTD or nested without end, JSON too deep, vote counts out of range.

Every reader must answer with a result or a clear ParseError naming the line where it
can, promptly: nothing here may hang, exhaust memory or raise anything else.  The hostile
files are built here, in ``tmp_path``; no timing is asserted (``benchmarks/parse_large.py``
shows how time grows).  The huge texts take a few seconds each; before issue 21 each took
from many minutes to hours (quadratic), past the test timeout.
"""

from __future__ import annotations

import io
import struct
import tarfile
import zipfile

import pytest

from resolutions.parsing import formats
from resolutions.parsing.akn import parse_akn
from resolutions.parsing.encoding import decode_text
from resolutions.parsing.formats import MAX_SOURCE_BYTES, detect_format, iter_archive
from resolutions.parsing.metadata import MAX_VOTE_COUNT, parse_metadata
from resolutions.parsing.structure import ParseError
from resolutions.parsing.text import parse_text

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AKN = (
    f'<akomaNtoso xmlns="{NS}"><statement name="resolution"><mainBody>'
    "<p>x</p></mainBody></statement></akomaNtoso>"
)

# --------------------------------------------------------------------------- encodings

LATIN = (
    "The General Assembly,\n\n"
    "Welcoming the statements of Türkiye, Côte d'Ivoire, Curaçao and Réunion Island,\n"
)


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_latin1_text_is_not_read_as_gb18030(codec):
    data = LATIN.encode(codec)
    data.decode("gb18030")  # the trap: these bytes are valid GB18030 ("T黵kiye")
    assert decode_text(data) == LATIN


def test_a_single_latin_name_is_not_read_as_chinese():
    assert decode_text("Türkiye".encode("cp1252")) == "Türkiye"


def test_cp1252_typographic_quotes_and_dashes_are_read():
    text = "Recalling the “Pact for the Future” — adopted on 22 September 2024 …\n"
    assert decode_text(text.encode("cp1252")) == text


def test_latin_text_written_in_gb18030_still_reads():
    assert decode_text(LATIN.encode("gb18030")) == LATIN


@pytest.mark.parametrize(
    "data",
    [
        "Привет, это текст на русском языке".encode("cp1251"),
        "Ελληνικό κείμενο για δοκιμή".encode("cp1253"),
        bytes(range(0x80, 0x100)) * 4,
    ],
    ids=["cp1251", "cp1253", "high-bytes"],
)
def test_text_in_no_supported_encoding_is_refused_clearly(data):
    with pytest.raises(ParseError, match="not plausible text in UTF-8, UTF-16, GB18030") as err:
        decode_text(data)
    assert err.value.line == 1


# --------------------------------------------------------------------------- XML


@pytest.mark.parametrize(
    "data,line",
    [
        (b"<!DOCTYPE akomaNtoso>\n" + AKN.encode(), 1),
        (b'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso SYSTEM "akn.dtd">\n' + AKN.encode(), 2),
        (b'<?xml version="1.0"?>\n<!-- a\ncomment -->\n<?pi x?>\n<!doctype a>' + AKN.encode(), 5),
        (b'\xef\xbb\xbf<!-- c -->\n\n<!DOCTYPE akomaNtoso [<!ENTITY x "y">]>\n' + AKN.encode(), 3),
    ],
    ids=["first", "after-declaration", "after-comment-and-pi", "bom-and-internal-subset"],
)
def test_xml_with_doctype_is_refused_naming_the_line(data, line):
    with pytest.raises(ParseError, match=r"XML with a DTD \(DOCTYPE\) is not accepted") as err:
        detect_format(data)
    assert err.value.line == line


@pytest.mark.parametrize(
    "prefix", [b"", b"<!-- generated -->\n", b"<?xml-stylesheet href='a.xsl'?>\n", b"\n  "]
)
def test_xml_without_a_declaration_is_recognised(prefix):
    assert detect_format(prefix + AKN.encode()) == "akn"


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b"]>\n<akomaNtoso>&lol9;</akomaNtoso>\n"
)


def test_billion_laughs_fails_cleanly():
    with pytest.raises(ParseError, match="DTD") as err:
        detect_format(BILLION_LAUGHS)
    assert err.value.line == 2
    with pytest.raises(ParseError, match="DTD"):
        parse_akn(BILLION_LAUGHS)


def _nested(depth: int) -> bytes:
    opening = f'<akomaNtoso xmlns="{NS}"><statement name="resolution"><mainBody>'
    return (opening + "<p>\n" * depth + "x" + "</p>" * depth + "</mainBody></statement>").encode()


def test_xml_nested_100000_deep_is_a_parse_error_naming_the_line():
    data = _nested(100_000) + b"</akomaNtoso>"
    for read in (detect_format, parse_akn):
        with pytest.raises(ParseError, match="depth") as err:
            read(data)
        assert err.value.line and err.value.line > 1


# --------------------------------------------------------------------------- archives


def _zip(path, members: dict[str, bytes], compression=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_archive_with_bad_crc_member_yields_an_error_and_goes_on(tmp_path):
    path = _zip(tmp_path / "a.zip", {"a.txt": b"first", "b.txt": b"SECOND-MEMBER", "c.txt": b"3"})
    raw = bytearray(path.read_bytes())
    at = raw.index(b"SECOND-MEMBER")
    raw[at] = ord("X")  # the stored data no longer matches its CRC
    path.write_bytes(bytes(raw))
    items = list(iter_archive(path))
    assert [name for name, _ in items] == ["a.txt", "b.txt", "c.txt"]
    assert items[0][1] == b"first" and items[2][1] == b"3"
    error = items[1][1]
    assert isinstance(error, ParseError)
    assert "bad CRC" in str(error)


def test_zip_with_corrupt_compressed_member_yields_an_error_and_goes_on(tmp_path):
    members = {"a.txt": b"a" * 1000, "b.txt": bytes(range(256)) * 40, "c.txt": b"c"}
    path = _zip(tmp_path / "a.zip", members, zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("b.txt")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    raw = bytearray(path.read_bytes())
    for i in range(start, start + 40):
        raw[i] ^= 0xFF
    path.write_bytes(bytes(raw))
    items = dict(iter_archive(path))
    assert items["a.txt"] == b"a" * 1000 and items["c.txt"] == b"c"
    assert isinstance(items["b.txt"], ParseError)


def _claim_size(path, name: bytes, size: int) -> None:
    """Make the zip's central directory claim ``size`` bytes for member ``name``."""
    raw = bytearray(path.read_bytes())
    entry = raw.index(b"PK\x01\x02")  # the first central directory entry
    while True:
        name_length = struct.unpack_from("<H", raw, entry + 28)[0]
        if raw[entry + 46 : entry + 46 + name_length] == name:
            break
        entry = raw.index(b"PK\x01\x02", entry + 4)
    struct.pack_into("<I", raw, entry + 24, size)
    path.write_bytes(bytes(raw))


def test_member_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = _zip(tmp_path / "a.zip", {"big.xml": b"<small/>", "ok.txt": b"fine"})
    _claim_size(path, b"big.xml", 3_900_000_000)
    items = list(iter_archive(path))
    assert items[1] == ("ok.txt", b"fine")
    name, error = items[0]
    assert name == "big.xml" and isinstance(error, ParseError)
    # the header decided: reading the member would have found 8 bytes and a bad CRC
    assert str(error) == "member of 3.6 GB is over the 64 MB limit"


def test_tar_member_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "a.tar"
    with tarfile.open(path, "w") as archive:
        first = tarfile.TarInfo("ok.txt")
        first.size = 4
        archive.addfile(first, io.BytesIO(b"fine"))
        huge = tarfile.TarInfo("huge.xml")
        huge.size = int(7.5 * 1024**3)  # the header says 7.5 GB; no data follows
        archive.addfile(huge)
    items = list(iter_archive(path))
    assert items[0] == ("ok.txt", b"fine")
    name, error = items[1]
    assert name == "huge.xml" and isinstance(error, ParseError)
    assert str(error) == "member of 7.5 GB is over the 64 MB limit"


def test_zip_bomb_is_refused_without_being_inflated(tmp_path, monkeypatch):
    monkeypatch.setattr(formats, "MAX_SOURCE_BYTES", 1024 * 1024)
    path = _zip(tmp_path / "bomb.zip", {"bomb.txt": bytes(20 * 1024 * 1024)}, zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 100_000
    ((name, error),) = list(iter_archive(path))
    assert isinstance(error, ParseError) and "over the 1 MB limit" in str(error)


def test_zip_member_larger_than_its_header_is_not_read_past_it(tmp_path, monkeypatch):
    monkeypatch.setattr(formats, "MAX_SOURCE_BYTES", 1024 * 1024)
    path = _zip(tmp_path / "liar.zip", {"liar.txt": bytes(5 * 1024 * 1024)}, zipfile.ZIP_DEFLATED)
    _claim_size(path, b"liar.txt", 1000)  # the header lies: 1000 bytes
    ((name, error),) = list(iter_archive(path))
    assert name == "liar.txt" and isinstance(error, ParseError)


def test_read_in_chunks_stops_past_the_limit(monkeypatch):
    monkeypatch.setattr(formats, "MAX_SOURCE_BYTES", 10)
    monkeypatch.setattr(formats, "_CHUNK", 4)
    assert formats._read_limited(io.BytesIO(b"0123456789")) == b"0123456789"
    handle = io.BytesIO(b"x" * 1000)
    assert formats._read_limited(handle) is None
    assert handle.tell() == 12  # three chunks read, no more


@pytest.mark.parametrize("mode,suffix", [("w", ".tar"), ("w:gz", ".tar.gz"), ("w:xz", ".tar.xz")])
def test_truncated_tar_yields_the_members_before_and_an_error(tmp_path, mode, suffix):
    path = tmp_path / f"a{suffix}"
    second = bytes(range(256)) * 2000
    with tarfile.open(path, mode) as archive:
        for name, data in (("a.txt", b"first"), ("b.txt", second)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) * 2 // 3])
    items = list(iter_archive(path))
    assert items[0] == ("a.txt", b"first")
    assert len(items) == 2
    name, error = items[1]
    assert name in ("b.txt", "") and isinstance(error, ParseError)
    assert "truncated or damaged" in str(error)


def test_a_file_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(formats, "MAX_SOURCE_BYTES", 1000)
    with pytest.raises(ParseError, match="over the 1000 bytes limit"):
        detect_format(b"The General Assembly,\n" * 100)


def test_the_limit_is_64_mb():
    assert MAX_SOURCE_BYTES == 64 * 1024 * 1024


# --------------------------------------------------------------------------- metadata


def test_metadata_nested_deeply_is_a_parse_error():
    deep = '{"symbol": "A/RES/78/1", "subjects": ' + "[" * 100_000 + "]" * 100_000 + "}"
    text = '{"symbol": "A/RES/78/2"}\n' + deep + "\n"
    assert detect_format(text.encode()) == "metadata"
    with pytest.raises(ParseError, match="nested too deeply") as err:
        parse_metadata(text)
    assert err.value.line == 2


def test_metadata_nested_deeply_on_the_first_line_is_still_metadata():
    deep = '{"symbol": "A/RES/78/1", "x": ' + "{" * 100_000
    assert detect_format(deep.encode()) == "metadata"
    with pytest.raises(ParseError) as err:
        parse_metadata(deep)
    assert err.value.line == 1


def _vote(value: str) -> str:
    second = '{"symbol": "A/RES/78/2", "MS_in_favour_count": ' + value + "}"
    return '{"symbol": "A/RES/78/1"}\n' + second + "\n"


@pytest.mark.parametrize(
    "value", ["100000000000000000000", "-5", "1e9", "5.0", '"five"', '"-5"', "true", "1001", "[5]"]
)
def test_vote_count_out_of_range_is_refused(value):
    with pytest.raises(ParseError, match="MS_in_favour_count") as err:
        parse_metadata(_vote(value))
    assert err.value.line == 2


@pytest.mark.parametrize(
    "value,count", [('"0"', 0), ('"187"', 187), ("193", 193), ('" 5 "', 5), ('""', None)]
)
def test_vote_counts_as_the_un_prints_them_are_read(value, count):
    assert parse_metadata(_vote(value))[1].yes == count


def test_vote_count_bound_is_documented():
    assert MAX_VOTE_COUNT == 1000
    assert parse_metadata(_vote(str(MAX_VOTE_COUNT)))[1].yes == MAX_VOTE_COUNT


# --------------------------------------------------------------------------- huge texts

EN_HEAD = "99/1. Synthetic\n\nThe General Assembly,\n\n"
EN_END = "\n\n1. Decides to remain seized of the matter.\n\n52nd plenary meeting\n"


def test_hundred_thousand_line_paragraph_parses():
    line = "Recalling the work of the Organization in the field of the\n"
    text = EN_HEAD + line * 100_000 + "environment,\n" + EN_END
    doc = parse_text(text)
    assert [c.kind for c in doc.clauses] == ["preambular", "operative"]
    assert doc.clauses[0].text.startswith("Recalling the work of the Organization in the field")
    assert doc.clauses[0].text.count("Recalling") == 100_000
    assert doc.clauses[0].text.endswith("of the environment,")


def test_hundred_thousand_line_chinese_paragraph_parses():
    line = "回顾本组织在环境领域开展的工作以及\n"
    text = "大会，\n\n" + line * 100_000 + "其他工作，\n\n1. 决定继续处理此案。\n\n第52次全体会议\n"
    doc = parse_text(text)
    assert [c.kind for c in doc.clauses] == ["preambular", "operative"]
    assert doc.clauses[0].text == "回顾本组织在环境领域开展的工作以及" * 100_000 + "其他工作，"


def test_long_paragraph_with_footnote_markers_parses():
    line = "Noting the 2030 Agenda,1 the 53 million people in 193 States2 and the goals3 and\n"
    notes = "\n__________________\n1 Resolution 70/1.\n2 A/79/1.\n3 A/79/2.\n"
    doc = parse_text(EN_HEAD + line * 20_000 + "the rest,\n" + EN_END + notes)
    first = doc.clauses[0]
    assert first.footnotes == ["1", "2", "3"]
    assert first.text.count("the 2030 Agenda, the 53 million people in 193 States and") == 20_000


def test_an_operative_paragraph_continued_hundred_thousand_times_parses():
    body = "1. Decides that the programme shall continue.\n\n"
    body += "The programme shall report on its work.\n\n" * 100_000
    doc = parse_text(EN_HEAD + "Recalling its work,\n\n" + body + "52nd plenary meeting\n")
    (operative,) = doc.operative
    assert operative.text.count("The programme shall report on its work.") == 100_000


def test_many_markdown_notes_out_of_sequence_parse():
    notes = "[^1]: See the report of the Secretary-General on the work of the\n"
    notes += "".join(f"[^{900 + i % 50}]: Organization, page {i}, and\n" for i in range(100_000))
    text = EN_HEAD + "Recalling its work,[^1]\n" + EN_END + "\n" + notes
    doc = parse_text(text)
    (note,) = doc.footnotes
    assert note.text.startswith("See the report of the Secretary-General on the work of the 900")
    assert note.text.count("Organization, page") == 100_000
