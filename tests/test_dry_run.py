"""``ingest --dry-run --json`` over the seeds agrees with what a person reads in them."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from resolutions.models import Resolution
from tests.conftest import GOLD, SEEDS


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
