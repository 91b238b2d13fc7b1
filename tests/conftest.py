"""Shared fixtures: where the sample documents and the UN corpus are."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEEDS = SAMPLES / "seeds"
SHARED = ROOT.parent / "shared"
UNXML = SHARED / "corpus" / "unxml"
GOLD = json.loads((ROOT / "tests" / "data" / "seeds_gold.json").read_text(encoding="utf-8"))


def child_database_url() -> str:
    """The URL of this test run's database, for ``manage.py`` in child processes."""
    from django.db import connection

    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


def clear_archive() -> None:
    """Delete every row a module-scoped load committed outside the test transactions."""
    from resolutions.models import MemberState, Reference, Resolution, ResolutionText

    Reference.objects.all().delete()
    ResolutionText.objects.all().delete()
    Resolution.objects.all().delete()
    MemberState.objects.all().delete()


def synthetic_corpus(out: Path, count: int, seed: int) -> Path:
    """``count`` synthetic resolutions, two texts each, in ``out`` (``make_corpus.py``)."""
    subprocess.run(
        [sys.executable, "benchmarks/make_corpus.py", str(count), "--out", str(out)]
        + ["--seed", str(seed)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out


def html(response) -> str:
    """The page's HTML, asserting it answered 200."""
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def seed(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ("000" …)."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture
def unxml() -> Path:
    if not UNXML.is_dir():
        pytest.skip("../shared/corpus/unxml is not beside the checkout")
    return UNXML


# The search index of the test run lives in a temporary directory (see search_fixtures).
from tests.search_fixtures import search_index_session  # noqa: E402, F401
