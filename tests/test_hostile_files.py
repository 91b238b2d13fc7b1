"""Hostile files: each is one failed file with a line naming it, and the run goes on.

The suite runs on SQLite and on PostgreSQL; the outcomes pinned here are the same on both,
so the two databases accept the same archive.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from resolutions import ingestion
from resolutions.models import MemberState, Resolution, ResolutionText
from tests.conftest import SAMPLES, seed
from tests.search_fixtures import indexing_on_ingest

pytestmark = pytest.mark.django_db(transaction=True)

GOOD_EN = SAMPLES / "en" / "A_RES_80_2.txt"


def _metadata(**fields) -> str:
    record = {
        "symbol": "A/RES/80/2",
        "adoption_date": "14 October 2025",
        "adoption_type": "Recorded vote",
        "MS_in_favour_count": "2",
        "MS_against_count": "0",
        "MS_abstaining_count": "0",
        "MS_in_favour": ["CHINA", "FRANCE"],
        **fields,
    }
    return json.dumps(record) + "\n"


def _hostile_set(folder: Path) -> dict[str, str]:
    """Write the hostile files; returns file name → what its error line must say."""
    folder.mkdir()
    expected = {}

    def write(name: str, data: bytes | str, says: str) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expected[name] = says

    english = GOOD_EN.read_text(encoding="utf-8")
    # a NUL inside a clause of a UTF-16 text (PostgreSQL refuses NUL in text columns)
    write(
        "b01_nul_utf16.txt",
        english.replace("Reaffirming", "Reaff\x00irming", 1).encode("utf-16"),
        "control character U+0000",
    )
    huge = _metadata(MS_in_favour_count=str(10**20))
    write("b02_votes_huge.jsonl", huge, "b02_votes_huge.jsonl:1: bad metadata line: MS_in_favour")
    write("b02_votes_negative.jsonl", _metadata(MS_against_count="-5"), "MS_against_count")
    write("b02_votes_float.jsonl", _metadata(MS_abstaining_count="1e9"), "MS_abstaining_count")
    write("b03_invented_state.jsonl", _metadata(MS_in_favour=["FREEDONIA"]), "FREEDONIA")
    write("b04_offsite_symbol.jsonl", _metadata(symbol="//evil.example/x"), "symbol")
    write("b05_long_committee.jsonl", _metadata(committee="x" * 300), "committee has 300")
    nested = '{"symbol": "A/RES/80/2", "subjects": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    write("b06_nested.jsonl", nested, "b06_nested.jsonl")
    write("b07_long_agenda.jsonl", _metadata(agenda_item="Agenda item " + "9" * 250), "agenda item")
    # a zip whose first member is damaged (bad CRC) and whose second is good
    archive = folder / "b08_bad_crc.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("damaged.txt", english)
        zf.writestr("good.txt", seed("004").read_bytes())
    data = bytearray(archive.read_bytes())
    at = data.index(b"Reaffirming")
    data[at] ^= 0x20  # flips a letter's case: the member's CRC no longer matches
    archive.write_bytes(bytes(data))
    expected["b08_bad_crc.zip:damaged.txt"] = "damaged.txt"
    return expected


def test_each_hostile_file_fails_alone_and_the_run_stores_everything_else(tmp_path):
    folder = tmp_path / "files"
    expected = _hostile_set(folder)
    (folder / "a_good.txt").write_bytes(GOOD_EN.read_bytes())
    (folder / "z_good.txt").write_bytes(seed("000").read_bytes())
    with indexing_on_ingest(tmp_path / "index"):
        summary = ingestion.ingest_paths([folder], jobs=1)
        report = io.StringIO()
        call_command("check_archive", stdout=report)
    outcomes = {Path(o.source).name: o for o in summary.outcomes}
    failed = {name: o.detail for name, o in outcomes.items() if o.status == "failed"}
    assert set(failed) == set(expected), failed
    for name, says in expected.items():
        assert says in failed[name], (name, failed[name])
        assert name.split(":")[0] in failed[name]  # the line names the file (and member)
        assert "Traceback" not in failed[name]
    assert outcomes["a_good.txt"].status == "created"
    assert outcomes["z_good.txt"].status == "created"
    assert outcomes["b08_bad_crc.zip:good.txt"].status == "created"
    assert ResolutionText.objects.count() == 3
    assert not MemberState.objects.filter(name="FREEDONIA").exists()
    assert not Resolution.objects.filter(symbol__contains="evil").exists()
    assert report.getvalue().strip().endswith("archive and index agree")


def test_hostile_files_make_ingest_exit_non_zero_naming_each(tmp_path, capsys):
    folder = tmp_path / "files"
    expected = _hostile_set(folder)
    err = io.StringIO()
    with pytest.raises(CommandError, match=f"{len(expected)} file"):
        call_command("ingest", str(folder), stdout=io.StringIO(), stderr=err)
    said = err.getvalue() + capsys.readouterr().err  # the progress bar writes to stderr
    for name in expected:
        assert f"error: {folder / name}" in said


def test_a_text_of_another_resolution_is_refused_with_the_reason(tmp_path):
    """The Chinese text of 72/278, relabelled 65/123, is not attached to 65/123."""
    call_command("ingest", str(seed("002")), stdout=io.StringIO())  # 65/123 in English
    impostor = tmp_path / "impostor.txt"
    zh = seed("001").read_text(encoding="utf-8")
    impostor.write_text(zh.replace("72/278.", "65/123.", 1), encoding="utf-8")
    summary = ingestion.ingest_paths([impostor], jobs=1)
    (outcome,) = summary.outcomes
    assert outcome.status == "failed"
    assert "2018-05-22" in outcome.detail and "2010-12-13" in outcome.detail
    assert "another resolution" in outcome.detail
    assert not ResolutionText.objects.filter(language="zh").exists()


def test_a_file_whose_symbol_changed_moves_its_text_and_leaves_no_phantom(tmp_path):
    path = tmp_path / "res.txt"
    text = seed("004").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    call_command("ingest", str(path), stdout=io.StringIO())
    assert Resolution.objects.filter(symbol="A/RES/65/140").exists()
    path.write_text(text.replace("65/140.", "65/141.", 1), encoding="utf-8")
    call_command("ingest", str(path), stdout=io.StringIO())
    assert not Resolution.objects.filter(symbol="A/RES/65/140").exists()
    (moved,) = ResolutionText.objects.all()
    assert moved.resolution.symbol == "A/RES/65/141"
