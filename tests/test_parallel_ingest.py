"""Two ingest processes loading the same session at once leave no duplicates."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

import pytest

from resolutions.models import Clause, Resolution, ResolutionText, Vote
from tests.conftest import ROOT, UNXML, child_database_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not UNXML.is_dir(), reason="../shared/corpus/unxml is not here"),
]


def test_loading_one_session_twice_in_parallel_leaves_no_duplicates():
    env = {**os.environ, "DATABASE_URL": child_database_url()}
    paths = [
        str(UNXML / "75session-English.tar.xz"),
        str(UNXML / "75session-Chinese.tar.xz"),
        str(UNXML / "75session-metadata.jsonl"),
    ]
    command = [sys.executable, str(ROOT / "manage.py"), "ingest", "--verbosity", "0", *paths]
    procs = [
        subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=1200) for p in procs]
    for proc, (_out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err[-2000:]

    texts = Counter(ResolutionText.objects.values_list("resolution__symbol", "language"))
    assert texts and max(texts.values()) == 1
    symbols = Counter(Resolution.objects.values_list("symbol", flat=True))
    assert max(symbols.values()) == 1
    assert Resolution.objects.filter(session=75).count() >= 300
    positions = Counter(Clause.objects.values_list("text_id", "position"))
    assert max(positions.values()) == 1
    votes = Counter(Vote.objects.values_list("resolution_id", "state_id"))
    assert max(votes.values()) == 1
