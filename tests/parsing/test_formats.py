"""Telling formats apart by content, and reading archives in memory."""

from __future__ import annotations

import io
import tarfile
import zipfile

import pytest

from resolutions.parsing.formats import detect_format, iter_archive
from resolutions.parsing.structure import ParseError
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")

AKN = (
    b'<?xml version="1.0"?>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
    b'<statement name="resolution"/></akomaNtoso>'
)


def test_akn_is_recognised_by_its_root_element():
    assert detect_format(AKN) == "akn"
    assert detect_format(b"\xef\xbb\xbf" + AKN) == "akn"


def test_json_lines_with_symbols_are_metadata():
    data = b'{"symbol": "A/RES/78/1", "title": "x"}\n{"symbol": "A/RES/78/2"}\n'
    assert detect_format(data) == "metadata"


def test_other_json_and_prose_are_text():
    assert detect_format(b'{"name": "not a resolution"}\n') == "text"
    assert detect_format("大会，\n回顾其第 57/32 号决议，\n".encode()) == "text"
    assert detect_format(b"The General Assembly,\n\nRecalling ...\n") == "text"


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_empty_files_are_refused(data):
    with pytest.raises(ParseError, match="empty"):
        detect_format(data)


def test_binary_data_is_refused():
    with pytest.raises(ParseError, match="binary"):
        detect_format(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_malformed_xml_is_refused_with_its_line():
    with pytest.raises(ParseError) as err:
        detect_format(b"<?xml version='1.0'?>\n\n<akomaNtoso <oops>")
    assert err.value.line == 3


@needs_corpus
def test_xml_that_is_not_akn_is_refused():
    data = (CORPUS / "en" / "A_RES_217_A_III_UDHR.xml").read_bytes()
    with pytest.raises(ParseError, match="not Akoma Ntoso"):
        detect_format(data)


@needs_corpus
def test_real_files_are_told_apart():
    assert detect_format((CORPUS / "unxml" / "78session-metadata.jsonl").read_bytes()) == "metadata"
    members = iter_archive(CORPUS / "unxml" / "78session-English.tar.xz")
    data = next(data for name, data in members if name.endswith(".xml"))
    assert detect_format(data) == "akn"


def test_iter_archive_reads_a_zip_in_memory(tmp_path):
    path = tmp_path / "upload.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("texts/", "")
        archive.writestr("texts/a.txt", "The General Assembly,")
        archive.writestr("texts/b.xml", AKN)
    assert list(iter_archive(path)) == [
        ("texts/a.txt", b"The General Assembly,"),
        ("texts/b.xml", AKN),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["upload.zip"]  # nothing unpacked


@pytest.mark.parametrize("mode,suffix", [("w:gz", ".tar.gz"), ("w:xz", ".tar.xz"), ("w", ".tar")])
def test_iter_archive_reads_tar_archives_and_skips_directories(tmp_path, mode, suffix):
    path = tmp_path / f"upload{suffix}"
    with tarfile.open(path, mode) as archive:
        folder = tarfile.TarInfo("texts")
        folder.type = tarfile.DIRTYPE
        archive.addfile(folder)
        info = tarfile.TarInfo("texts/a.txt")
        info.size = 3
        archive.addfile(info, io.BytesIO(b"abc"))
    assert list(iter_archive(path)) == [("texts/a.txt", b"abc")]


def test_iter_archive_refuses_other_files(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not an archive")
    with pytest.raises(ParseError):
        list(iter_archive(path))
