"""``ingest --dry-run --json`` over the seeds agrees with what a person reads in them."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from resolutions.models import Resolution
from tests.conftest import GOLD, SEEDS, UNXML


@pytest.fixture(scope="module")
def exported() -> dict[str, dict]:
    out = io.StringIO()
    call_command("ingest", str(SEEDS), "--dry-run", "--json", stdout=out)
    objects = [json.loads(line) for line in out.getvalue().splitlines()]
    return {obj["file"].rsplit("/", 1)[-1]: obj for obj in objects}


SEED_NAMES = sorted(k for k in GOLD if not k.startswith("_"))


def test_one_json_object_per_seed_file(exported):
    assert sorted(exported) == SEED_NAMES


@pytest.mark.parametrize("name", SEED_NAMES)
def test_export_agrees_with_gold(exported, name):
    got, gold = exported[name], GOLD[name]
    for key in ("symbol", "language", "session", "adopted", "meeting", "draft", "title"):
        assert got[key] == gold[key], key
    if "agenda_item" in gold:
        assert got["agenda_item"] == gold["agenda_item"]
    if "base_document" in gold:
        assert got["base_document"] == gold["base_document"]
    assert len(got["preambular"]) == gold["preambular"]
    assert len(got["operative"]) == gold["operative"]
    assert len(got["footnotes"]) == gold["footnotes"]
    for number, labels in gold.get("subparagraphs", {}).items():
        (para,) = [p for p in got["operative"] if p["number"] == int(number)]
        assert [s["label"] for s in para["subparagraphs"]] == labels
    for kind, key in (
        ("resolution", "resolutions"),
        ("decision", "decisions"),
        ("document", "documents"),
    ):
        cited = {r["symbol"] for r in got["references"] if r["kind"] == kind}
        assert cited == set(gold[key]), kind


def test_export_clause_objects_carry_the_documented_keys(exported):
    doc = exported["002_9bda989b8736b09f.txt"]
    assert set(doc["preambular"][0]) >= {"lead", "text", "footnotes"}
    assert set(doc["operative"][0]) >= {"number", "lead", "text", "footnotes", "subparagraphs"}
    assert doc["preambular"][0]["lead"] == "Having considered"
    assert doc["preambular"][0]["footnotes"] == ["1"]
    assert doc["footnotes"][0] == {"marker": "1", "text": "A/65/382-S/2010/490."}
    assert {"symbol": "A/RES/55/2", "kind": "resolution", "cited_in": "footnote:5"} in doc[
        "references"
    ]


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    call_command("ingest", str(SEEDS), "--dry-run", "--json", stdout=io.StringIO())
    assert Resolution.objects.count() == 0


def _run(*args: str) -> tuple[list[str], int]:
    """The error and skip lines ``ingest`` prints, and its exit code."""
    err = io.StringIO()
    try:
        call_command("ingest", *args, stdout=io.StringIO(), stderr=err)
    except CommandError as exc:
        return sorted(err.getvalue().splitlines()), exc.returncode
    return sorted(err.getvalue().splitlines()), 0


def _bad_files(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (folder / "no_structure.txt").write_text("hello world\n", encoding="utf-8")
    # A real file in another language: the Arabic text filed among the Chinese of session 77.
    with tarfile.open(UNXML / "77session-Chinese.tar.xz") as archive:
        member = archive.getmember("77session/Chinese/A_RES_77_336-2317569A.xml")
        (folder / "arabic.xml").write_bytes(archive.extractfile(member).read())
    return folder


@pytest.mark.django_db
def test_dry_run_reports_what_ingest_would_with_file_names_and_exit_code(tmp_path, unxml):
    folder = _bad_files(tmp_path)
    dry_lines, dry_code = _run(str(folder), "--dry-run")
    lines, code = _run(str(folder))
    assert (dry_code, code) == (1, 1)
    assert dry_lines == lines
    assert any(line.startswith(f"error: {folder / 'binary.txt'}:") for line in dry_lines)
    assert any(line.startswith(f"error: {folder / 'no_structure.txt'}:") for line in dry_lines)


@pytest.mark.django_db
def test_dry_run_of_another_language_only_is_skipped_with_exit_zero(tmp_path, unxml):
    folder = _bad_files(tmp_path)
    (folder / "binary.txt").unlink()
    (folder / "no_structure.txt").unlink()
    dry_lines, dry_code = _run(str(folder), "--dry-run")
    assert dry_code == 0
    assert len(dry_lines) == 1 and dry_lines[0].startswith(f"skipped: {folder / 'arabic.xml'}")
    assert _run(str(folder)) == (dry_lines, 0)
