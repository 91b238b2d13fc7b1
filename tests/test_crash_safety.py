"""An ingest killed with SIGKILL leaves whole documents only, and a re-run completes the job."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from resolutions.models import Clause, ResolutionText
from resolutions.parsing.akn import parse_akn
from resolutions.parsing.encoding import decode_text
from resolutions.parsing.formats import detect_format, iter_archive
from resolutions.parsing.text import parse_text
from tests.conftest import ROOT, SAMPLES, UNXML, child_database_url
from tests.search_fixtures import indexing_on_ingest

pytestmark = pytest.mark.django_db(transaction=True)


def _members(archive: str) -> dict[str, bytes]:
    return dict(iter_archive(archive))


def _expected_clauses(source_name: str, symbol: str | None) -> int:
    """How many clauses the source file of a stored text holds, parsed afresh."""
    if ".tar.xz:" in source_name:
        archive, member = source_name.split(":", 1)
        data = _members(archive)[member]
    else:
        data = Path(source_name).read_bytes()
    if detect_format(data) == "akn":
        (doc,) = [d for d in parse_akn(data) if d.symbol == symbol]
        return len(doc.clauses)
    return len(parse_text(decode_text(data)).clauses)


def _assert_whole_documents() -> None:
    for text in ResolutionText.objects.select_related("resolution"):
        stored = Clause.objects.filter(text=text).count()
        expected = _expected_clauses(text.source_name, text.resolution.symbol)
        assert stored == expected, text.source_name


def _survivors(index: Path) -> list[int]:
    """Processes still running with this test's index in their environment (after 2 s)."""
    marker = f"UNRES_SEARCH_INDEX={index}".encode()
    deadline = time.monotonic() + 2
    while True:
        alive = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            except OSError:
                continue
            if marker in environ and int(pid) != os.getpid():
                alive.append(int(pid))
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


@pytest.mark.skipif(not UNXML.is_dir(), reason="../shared/corpus/unxml is not here")
def test_ingest_killed_at_five_points_leaves_whole_documents_and_a_rerun_completes(tmp_path):
    """SIGKILL a load of samples/ plus one session of XML five times, each run resuming the last.

    After every kill the archive holds whole documents only; the sixth run completes the job,
    and ``check_archive --fix`` brings the search index in line (a killed run never reached
    its index update, and the resumed run finds those texts unchanged).
    """
    index = tmp_path / "index"
    env = {
        **os.environ,
        "DATABASE_URL": child_database_url(),
        "SEARCH_INDEX_ON_INGEST": "1",
        "UNRES_SEARCH_INDEX": str(index),
    }
    paths = [str(SAMPLES), str(UNXML / "76session-English.tar.xz")]
    command = [sys.executable, str(ROOT / "manage.py"), "ingest", "-v", "0", *paths]
    stored = [0]
    for _kill in range(5):
        # Kill once at least 40 more texts are stored (or after 20 s): five points spread
        # over the load however fast this machine parses.
        proc = subprocess.Popen(command, env=env, cwd=ROOT)
        deadline = time.monotonic() + 20
        while ResolutionText.objects.count() < stored[-1] + 40 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "ingest finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        _assert_whole_documents()
        stored.append(ResolutionText.objects.count())
        assert not _survivors(index), "a helper process outlived the killed ingest"
    stored = stored[1:]

    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    _assert_whole_documents()
    total = ResolutionText.objects.count()
    print(f"texts stored after each kill: {stored}; after the last run: {total}")
    assert stored == sorted(stored) and stored[-1] < total
    archive_texts = sum(
        len(parse_akn(data)) for data in _members(str(UNXML / "76session-English.tar.xz")).values()
    )
    # every sample file is one text (the zh/en pair of A/RES/65/123 gives two of one resolution)
    assert total == len(list(SAMPLES.rglob("*.txt"))) + archive_texts

    with indexing_on_ingest(index):
        out = io.StringIO()
        call_command("check_archive", "--fix", stdout=out)
        out = io.StringIO()
        call_command("check_archive", stdout=out)
    assert out.getvalue().strip().endswith("archive and index agree")
    assert f"index:    {Clause.objects.count()} clauses, {total} texts" in out.getvalue()
