"""The ingest command and service against a real database."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from resolutions import ingestion
from resolutions.models import (
    Clause,
    Footnote,
    Reference,
    Resolution,
    ResolutionText,
    Subparagraph,
)
from resolutions.parsing.structure import Clause as ParsedClause
from resolutions.parsing.structure import ParsedDocument
from tests.conftest import SAMPLES, SEEDS, clear_archive, seed, synthetic_corpus

pytestmark = pytest.mark.django_db

MODELS = (Resolution, ResolutionText, Clause, Subparagraph, Footnote, Reference)


def row_counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS} | {
        "links": Clause.footnotes.through.objects.count()
    }


def ingest(*paths, verbosity: int = 1) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("ingest", *map(str, paths), stdout=out, stderr=err, verbosity=verbosity)
    except CommandError as exc:
        code = exc.returncode
        err.write(str(exc))
    return out.getvalue(), err.getvalue(), code


def test_zh_and_en_files_of_one_resolution_become_one_resolution_with_two_texts():
    ingest(seed("000"), seed("002"))
    resolution = Resolution.objects.get(symbol="A/RES/65/123")
    assert sorted(resolution.texts.values_list("language", flat=True)) == ["en", "zh"]
    assert Resolution.objects.count() == 1


def test_resolution_row_holds_the_header_facts():
    ingest(seed("000"))
    r = Resolution.objects.get(symbol="A/RES/65/123")
    assert (r.session, r.number, str(r.adopted), r.meeting) == (65, 123, "2010-12-13", 64)
    assert r.draft_symbol == "A/65/L.11"
    assert not r.is_draft


def test_draft_without_symbol_is_archived_as_a_draft():
    ingest(seed("003"))
    draft = Resolution.objects.get()
    assert draft.is_draft and draft.symbol is None and draft.session == 67
    text = draft.texts.get()
    assert text.title == "联合国同法语国家国际组织的合作"
    assert "阿尔巴尼亚" in text.sponsors and "越南" in text.sponsors


def test_text_keeps_the_raw_file_verbatim_with_checksum():
    ingest(seed("002"))
    text = ResolutionText.objects.get()
    assert text.raw_text == seed("002").read_text(encoding="utf-8")
    assert len(text.checksum) == 64


def test_footnote_one_of_65_123_is_cited_by_first_preambular_and_operative_2():
    ingest(seed("000"))
    note = Footnote.objects.get(text__language="zh", marker="1")
    cited = {(c.kind, c.ordinal) for c in note.cited_by.all()}
    assert cited == {("preambular", 1), ("operative", 2)}


def test_references_are_stored_per_citing_clause_and_footnote():
    ingest(seed("002"))
    text = ResolutionText.objects.get()
    recalling_also = text.clauses.get(kind="preambular", ordinal=8)
    assert set(recalling_also.references.values_list("symbol", flat=True)) == {
        "A/RES/57/32",
        "A/RES/57/47",
        "A/RES/59/19",
        "A/RES/61/6",
        "A/RES/63/24",
    }
    note5 = text.footnotes.get(marker="5")
    assert list(note5.references.values_list("symbol", "kind")) == [("A/RES/55/2", "resolution")]


def test_reference_resolves_when_a_later_file_brings_the_target(tmp_path):
    ingest(seed("002"))
    ref = Reference.objects.get(symbol="A/RES/57/32")
    assert ref.target is None
    target = tmp_path / "57_32.txt"
    target.write_text(
        "Resolution adopted by the General Assembly on 19 November 2002\n\n"
        "57/32. Observer status for the Inter-Parliamentary Union in the General Assembly\n\n"
        "The General Assembly,\n\n"
        "Recalling the Cooperation Agreement between the United Nations and the "
        "Inter-Parliamentary Union,\n\n"
        "1. Decides to invite the Inter-Parliamentary Union to participate in the work of "
        "the General Assembly in the capacity of observer;\n\n"
        "52nd plenary meeting\n19 November 2002\n",
        encoding="utf-8",
    )
    _, err, code = ingest(target)
    assert code == 0, err
    ref.refresh_from_db()
    assert ref.target == Resolution.objects.get(symbol="A/RES/57/32")
    assert ref.target.cited_by.filter(text__resolution__symbol="A/RES/65/123").exists()


def test_ingesting_all_samples_twice_leaves_row_counts_unchanged():
    out, err, code = ingest(SAMPLES)
    assert code == 0, err
    first = row_counts()
    assert first["Resolution"] > 60
    out, err, code = ingest(SAMPLES)
    assert code == 0, err
    assert row_counts() == first
    assert out.strip().splitlines()[-1].startswith("0 created, 0 updated,")


def test_reingesting_an_unchanged_file_says_unchanged():
    ingest(seed("000"))
    out, _, code = ingest(seed("000"))
    assert code == 0
    assert f"unchanged: {seed('000')}" in out
    assert out.strip().splitlines()[-1] == "0 created, 0 updated, 1 unchanged, 0 failed"


def test_changed_file_replaces_that_texts_clauses(tmp_path):
    path = tmp_path / "65_123_en.txt"
    shutil.copy(seed("002"), path)
    ingest(path)
    original = path.read_text(encoding="utf-8")
    path.write_text(
        original.replace("Decides more systematically", "Decides most systematically"),
        encoding="utf-8",
    )
    out, _, _ = ingest(path)
    assert out.strip().splitlines()[-1] == "0 created, 1 updated, 0 unchanged, 0 failed"
    text = ResolutionText.objects.get()
    assert text.clauses.count() == 27
    assert text.clauses.get(kind="operative", number=12).body.startswith(
        "Decides most systematically"
    )
    assert not Clause.objects.filter(body__contains="Decides more systematically").exists()


def test_second_language_attaches_without_touching_the_first():
    ingest(seed("000"))
    zh_clauses = list(Clause.objects.values_list("pk", "body"))
    ingest(seed("002"))
    assert list(Clause.objects.filter(text__language="zh").values_list("pk", "body")) == (
        zh_clauses
    )


def test_failing_file_in_the_middle_of_a_folder_leaves_no_row_behind(tmp_path):
    shutil.copy(seed("000"), tmp_path / "a.txt")
    (tmp_path / "b.xml").write_text(
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">\n'
        "<statement><meta>\n<preface><p><docNumber>78/1.</docNumber></p>\n",
        encoding="utf-8",
    )
    shutil.copy(seed("004"), tmp_path / "c.txt")
    out, err, code = ingest(tmp_path)
    assert code != 0
    assert "b.xml" in err
    assert out.strip().splitlines()[-1] == "2 created, 0 updated, 0 unchanged, 1 failed"
    assert set(Resolution.objects.values_list("symbol", flat=True)) == {
        "A/RES/65/123",
        "A/RES/65/140",
    }


def test_document_the_database_refuses_midway_leaves_nothing_of_its_file():
    """A source with two documents whose second violates a constraint stores neither."""
    good = ParsedDocument(
        language="en",
        symbol="A/RES/99/1",
        session=99,
        clauses=[ParsedClause(kind="operative", number=1, text="Decides to meet.")],
    )
    bad = ParsedDocument(language="fr", symbol="A/RES/99/2", session=99, clauses=[])
    parsed = ingestion.Parsed(
        ingestion.Source("collection.xml", b"<x/>"), "akn", documents=[good, bad]
    )
    before = row_counts()
    with pytest.raises(ingestion.IngestError, match="collection.xml"):
        ingestion.store(parsed)
    assert row_counts() == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n  \n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("novel.txt", b"It was a dark and stormy night.\n" * 20, "resolution"),
    ],
)
def test_hostile_file_gets_a_one_line_error_naming_it(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    _, err, code = ingest(path)
    assert code != 0
    error_lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1
    assert name in error_lines[0] and message in error_lines[0].lower()
    assert Resolution.objects.count() == 0


def test_other_files_go_on_after_a_failure(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"")
    shutil.copy(seed("002"), tmp_path / "good.txt")
    out, _, code = ingest(tmp_path)
    assert code == 1
    assert Resolution.objects.filter(symbol="A/RES/65/123").exists()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gb18030"])
def test_zh_seed_in_other_encodings_ingests_the_same(tmp_path, encoding):
    path = tmp_path / f"seed-{encoding}.txt"
    path.write_bytes(seed("000").read_text(encoding="utf-8").encode(encoding))
    _, err, code = ingest(path)
    assert code == 0, err
    text = ResolutionText.objects.get()
    assert (text.clauses.filter(kind="preambular").count(), text.footnotes.count()) == (13, 6)


def test_dry_run_json_touches_no_database_and_prints_one_object_per_file():
    out = io.StringIO()
    call_command("ingest", str(SEEDS), "--dry-run", "--json", stdout=out)
    objects = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(objects) == 5
    assert Resolution.objects.count() == 0
    keys = {"file", "symbol", "language", "session", "adopted", "meeting", "draft", "title"}
    assert keys | {"agenda_item", "preambular", "operative", "footnotes", "references"} <= set(
        objects[0]
    )


def planned_rows(table: str) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


def test_a_run_of_many_texts_gives_postgresql_planner_statistics_that_count_them(tmp_path):
    """Autovacuum can leave a table's statistics saying "empty" (it analysed it between
    two test modules); the indexing queries after a big run were then planned as nested
    loops over every clause, and CI stalled for an hour.  ``ingest`` analyses the tables."""
    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")
    clear_archive()
    ingestion.refresh_statistics()
    assert planned_rows(Clause._meta.db_table) == 0
    corpus = synthetic_corpus(tmp_path / "corpus", 60, seed=2)
    summary = ingestion.ingest_paths([corpus], jobs=1)
    assert summary.count("created") == 120 >= ingestion.ANALYZE_FROM
    clauses = Clause.objects.count()
    assert clauses > 1000
    assert planned_rows(Clause._meta.db_table) == clauses
    assert planned_rows(ResolutionText._meta.db_table) == 120
