"""The search index follows the database: every ingest repairs what diverged, or fails saying so."""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from whoosh.filedb.filestore import FileStorage

from resolutions.models import Clause, ResolutionText
from resolutions.parsing.encoding import decode_text
from resolutions.parsing.text import parse_text
from search import segments
from tests.conftest import ROOT, SEEDS, child_database_url, synthetic_corpus
from tests.search_fixtures import indexing_on_ingest

pytestmark = pytest.mark.django_db(transaction=True)


def _check_archive() -> str:
    out = io.StringIO()
    with contextlib.suppress(CommandError):  # a disagreement is in the report
        call_command("check_archive", stdout=out)
    return out.getvalue()


def _unreferenced_files(index: Path) -> list[str]:
    """Files in the index folder that the current table of contents does not use."""
    storage = FileStorage(str(index))
    ix = storage.open_index()
    toc = ix._read_toc()
    used = {s.segment_id() for s in toc.segments}
    stray = []
    for name in os.listdir(index):
        if name == "MAIN_WRITELOCK" or name == f"_MAIN_{toc.generation}.toc":
            continue
        if not any(name.startswith(segment + ".") for segment in used):
            stray.append(name)
    return stray


def _ingest(*paths: Path | str) -> str:
    out = io.StringIO()
    call_command("ingest", *map(str, paths), stdout=out, stderr=io.StringIO(), verbosity=2)
    return out.getvalue()


def test_ingest_killed_at_ten_points_including_indexing_then_one_ingest_agrees(tmp_path):
    """SIGKILL ten runs, half while they store texts and half while they write the index.

    After the kills, one plain ``ingest`` exits 0, and ``check_archive`` (not ``--fix``)
    finds the index holding exactly the database, with no file of a killed writer left.
    """
    corpus = synthetic_corpus(tmp_path / "corpus", 120, seed=7)
    index = tmp_path / "index"
    env = {
        **os.environ,
        "DATABASE_URL": child_database_url(),
        "SEARCH_INDEX_ON_INGEST": "1",
        "UNRES_SEARCH_INDEX": str(index),
        "UNRES_INDEX_PROCS": "2",
    }
    command = [sys.executable, str(ROOT / "manage.py"), "ingest", "-v", "0", str(corpus)]
    rng = random.Random(21)
    in_index_phase = 0
    for kill in range(10):
        proc = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
        before = ResolutionText.objects.count()
        deadline = time.monotonic() + 60
        if kill % 2 == 0:  # while storing: once some more texts are in
            wanted = before + rng.randint(5, 60)
            while ResolutionText.objects.count() < wanted and proc.poll() is None:
                time.sleep(0.01)
                assert time.monotonic() < deadline
        else:  # while indexing: once a writer is at work, a random moment later
            while not (index / "MAIN.tmp").exists() and proc.poll() is None:
                time.sleep(0.005)
                assert time.monotonic() < deadline
            time.sleep(rng.uniform(0, 0.6))
        if proc.poll() is None:
            in_index_phase += (index / "MAIN.tmp").exists()
            proc.send_signal(signal.SIGKILL)
        proc.wait()
    print(f"kills that hit a writer at work: {in_index_phase} of 10")
    assert in_index_phase >= 1

    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    total = ResolutionText.objects.count()
    assert total == 240
    for text in ResolutionText.objects.all():
        expected = len(parse_text(decode_text(text.raw_text.encode("utf-8"))).clauses)
        assert Clause.objects.filter(text=text).count() == expected, text.source_name
    with indexing_on_ingest(index):
        report = _check_archive()
    assert report.strip().endswith("archive and index agree"), report
    assert f"index:    {Clause.objects.count()} clauses, {total} texts" in report
    assert _unreferenced_files(index) == []


def test_ingest_rebuilds_a_missing_index_folder_from_the_database(tmp_path):
    index = tmp_path / "index"
    with indexing_on_ingest(index):
        _ingest(SEEDS)
        shutil.rmtree(index)
        out = _ingest(next(SEEDS.glob("000_*.txt")))  # unchanged: nothing stored
        assert "0 created, 0 updated, 1 unchanged" in out
        assert "search index rebuilt from the database: 5 texts" in out
        report = _check_archive()
    assert report.strip().endswith("archive and index agree"), report
    assert ", 5 texts" in report.splitlines()[1]


def test_texts_stored_without_indexing_are_indexed_by_the_next_ingest(tmp_path, settings):
    settings.SEARCH_INDEX_ON_INGEST = False
    _ingest(SEEDS)
    index = tmp_path / "index"
    with indexing_on_ingest(index):
        _ingest(SEEDS)  # every file unchanged, yet the index is brought in line
        report = _check_archive()
    assert report.strip().endswith("archive and index agree"), report
    assert ", 5 texts" in report.splitlines()[1]


def test_ingest_that_cannot_write_the_index_fails_saying_so_and_the_next_repairs(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the index folder should be")
    with indexing_on_ingest(blocked):
        err = io.StringIO()
        with pytest.raises(CommandError) as failure:
            call_command("ingest", str(SEEDS), stdout=io.StringIO(), stderr=err)
        assert failure.value.returncode == 1
        assert "search index" in str(failure.value)
        assert "error: search index not updated" in err.getvalue()
    assert ResolutionText.objects.count() == 5  # the texts themselves are stored
    with indexing_on_ingest(tmp_path / "index"):
        _ingest(SEEDS)
        report = _check_archive()
    assert report.strip().endswith("archive and index agree"), report


def test_reingesting_changed_texts_again_and_again_keeps_the_index_its_size(tmp_path, monkeypatch):
    """Each run replaces every text; deleted documents are purged, not kept for ever."""
    monkeypatch.setattr(segments, "SMALL_SEGMENT", 50)  # the seeds' segments count as big
    folder = tmp_path / "texts"
    folder.mkdir()
    sources = sorted(SEEDS.glob("*.txt"))
    index = tmp_path / "index"
    with indexing_on_ingest(index):
        for run in range(6):
            for source in sources:  # the same texts, new bytes: every text is "updated"
                data = source.read_bytes().rstrip(b"\n") + b"\n" * (run + 1)
                (folder / source.name).write_bytes(data)
            out = _ingest(folder)
            assert ("5 updated" if run else "5 created") in out
        ix = FileStorage(str(index)).open_index()
        live, held = ix.doc_count(), ix.doc_count_all()
    print(f"index after 6 runs: {held} documents held for {live} live")
    assert live == Clause.objects.count() + ResolutionText.objects.count()
    assert held <= 1.5 * live


def test_a_web_process_repairs_the_index_when_it_starts(tmp_path, settings):
    """Texts stored with indexing off; a fresh WSGI process indexes them in the background."""
    settings.SEARCH_INDEX_ON_INGEST = False
    _ingest(SEEDS)
    index = tmp_path / "index"
    env = {
        **os.environ,
        "DATABASE_URL": child_database_url(),
        "UNRES_SEARCH_INDEX": str(index),
        "SEARCH_INDEX_ON_INGEST": "1",
        "UNRES_SEARCH_SYNC_ON_START": "1",
    }
    script = "import unres_site.wsgi as w; w.index_sync.join(300); print(w.index_sync.is_alive())"
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.strip() == "False", done.stderr[-2000:]
    assert "search index rebuilt from the database: 5 texts" in done.stderr
    with indexing_on_ingest(index):
        report = _check_archive()
    assert report.strip().endswith("archive and index agree"), report
