"""Metadata lines attach to the resolutions the archive holds."""

from __future__ import annotations

import io
import json
import tarfile

import pytest
from django.core.management import call_command

from resolutions.models import Resolution
from tests.conftest import SHARED

UNXML = SHARED / "corpus" / "unxml"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not UNXML.is_dir(), reason="../shared/corpus/unxml is not here"),
]


def _member(archive: str, contains: str) -> bytes:
    with tarfile.open(UNXML / archive) as tar:
        (member,) = [m for m in tar if m.isfile() and contains in m.name]
        return tar.extractfile(member).read()  # type: ignore[union-attr]


def _ingest(*paths) -> None:
    call_command("ingest", *map(str, paths), stdout=io.StringIO(), stderr=io.StringIO())


def _line(symbol: str) -> str:
    return (
        json.dumps(
            {
                "symbol": symbol,
                "adoption_date": "9 December 2021",
                "adoption_meeting": "49th plenary meeting",
                "committee": "Fourth Committee",
                "adoption_type": "Recorded vote",
                "MS_in_favour_count": "2",
                "MS_against_count": "0",
                "MS_abstaining_count": "0",
                "MS_in_favour": ["CHINA", "FRANCE"],
            }
        )
        + "\n"
    )


def test_unlettered_metadata_line_attaches_to_the_lettered_parts(tmp_path):
    # A/RES/76/84 A-B: one AKN collection holding resolutions 76/84 A and 76/84 B
    (tmp_path / "76_84.xml").write_bytes(_member("76session-English.tar.xz", "A_RES_76_84 A-B"))
    _ingest(tmp_path / "76_84.xml")
    assert set(Resolution.objects.values_list("key", flat=True)) == {
        "A/RES/76/84 A",
        "A/RES/76/84 B",
    }
    (tmp_path / "meta.jsonl").write_text(_line("A/RES/76/84"), encoding="utf-8")
    _ingest(tmp_path / "meta.jsonl")
    assert not Resolution.objects.filter(key="A/RES/76/84").exists()
    for part in Resolution.objects.all():
        assert part.committee == "Fourth Committee"
        assert part.votes_yes == 2
        assert part.votes.count() == 2


def test_unlettered_metadata_line_without_lettered_parts_makes_its_resolution(tmp_path):
    (tmp_path / "meta.jsonl").write_text(_line("A/RES/76/84"), encoding="utf-8")
    _ingest(tmp_path / "meta.jsonl")
    assert list(Resolution.objects.values_list("key", flat=True)) == ["A/RES/76/84"]
