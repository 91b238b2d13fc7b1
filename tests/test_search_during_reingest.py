"""The search page keeps answering while another process re-ingests and rewrites the index.

samples/ is ingested and indexed in this process; then ``manage.py`` in child processes,
one after the other, re-ingests changed copies of every sample (each text is replaced, so
its index documents are deleted and written again), the originals again, and finally
rebuilds the whole index — while this process asks the search page for zh and en queries
in a loop.  Every answer must be a 200, and the loop must have overlapped the writers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from resolutions.ingestion import ingest_paths
from resolutions.models import ResolutionText
from tests.conftest import ROOT, SAMPLES, child_database_url
from tests.search_fixtures import indexing_on_ingest

pytestmark = pytest.mark.django_db(transaction=True)

QUERIES = [
    {"q": "各国议会联盟"},
    {"q": "Inter-Parliamentary Union"},
    {"q": "决定", "sort": "date"},
    {"q": "Decides", "language": "en", "kind": "operative"},
    {"q": "cites:A/RES/60/1"},
]
MIN_OVERLAPPING = 20  # requests answered while a writer was running, at least


def changed_copies(target: Path) -> Path:
    """Every sample with a final line added, the English ones with a sentence changed too."""
    target.mkdir()
    for path in sorted(SAMPLES.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        text = text.replace(" and ", " and also ", 1)
        (target / path.name).write_text(text + "\n", encoding="utf-8")
    return target


def test_search_page_answers_200_while_a_reingest_rewrites_the_index(tmp_path):
    index = tmp_path / "index"
    copies = changed_copies(tmp_path / "changed")
    manage = [sys.executable, str(ROOT / "manage.py")]
    writers = [
        [*manage, "ingest", "-v", "0", str(copies)],
        [*manage, "ingest", "-v", "0", str(SAMPLES)],
        [*manage, "ingest", "-v", "0", str(copies)],
        [*manage, "rebuild_index", "--noinput", "-v", "0"],
    ]
    client = Client(HTTP_HOST="localhost")
    with indexing_on_ingest(index):
        assert ingest_paths([SAMPLES]).failed == 0
        env = {
            **os.environ,
            "DATABASE_URL": child_database_url(),
            "UNRES_SEARCH_INDEX": str(index),
            "SEARCH_INDEX_ON_INGEST": "1",
        }
        statuses: dict[int, int] = {}
        overlapping = 0
        for n, command in enumerate(writers):
            child = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            i = 0
            while child.poll() is None:
                response = client.get("/search/", QUERIES[i % len(QUERIES)])
                i += 1
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                assert response.status_code == 200, (command, response.status_code)
                if child.poll() is None:
                    overlapping += 1
            _out, err = child.communicate(timeout=600)
            assert child.returncode == 0, (command, err.decode()[-2000:])
            assert i > 0, f"writer {n} finished before the first request"

        assert overlapping >= MIN_OVERLAPPING, (overlapping, statuses)
        assert set(statuses) == {200}
        # the last ingest left every text from the changed copies; the rebuilt index finds them
        assert ResolutionText.objects.count() == len(list(SAMPLES.rglob("*.txt")))
        assert not ResolutionText.objects.exclude(source_name__startswith=str(copies)).exists()
        for params, symbol in (
            ({"q": "各国议会联盟"}, "A/RES/65/123"),
            ({"q": "Inter-Parliamentary Union"}, "A/RES/65/123"),
        ):
            response = client.get("/search/", params)
            assert response.status_code == 200
            assert response.context["total"] > 0
            assert symbol in {g.symbol for g in response.context["groups"]}
        changed = client.get("/search/", {"q": '"and also"', "language": "en"})
        assert changed.context["total"] > 0
