"""Search fixtures: a throw-away Whoosh index per test session or module, never var/.

``conftest`` imports :func:`search_index_session` (autouse): the whole run writes its index
in a temporary directory, and ingest does not index unless a test asks for it — other
modules' bulk loads would otherwise spend minutes in Whoosh.  Child processes (parallel
ingest) inherit the same choice through the environment.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from haystack import connections

from search import engine


def use_index(path: Path | str) -> None:
    """Point haystack and the search engine at the index in ``path``."""
    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = str(path)
    os.environ["UNRES_SEARCH_INDEX"] = str(path)
    connections.reload("default")
    engine.reset()


@contextmanager
def indexing_on_ingest(path: Path | str) -> Iterator[None]:
    """Within: ingest updates the index in ``path``; after: back to the session index."""
    before = settings.HAYSTACK_CONNECTIONS["default"]["PATH"], settings.SEARCH_INDEX_ON_INGEST
    use_index(path)
    settings.SEARCH_INDEX_ON_INGEST = True
    os.environ["SEARCH_INDEX_ON_INGEST"] = "1"
    try:
        yield
    finally:
        use_index(before[0])
        settings.SEARCH_INDEX_ON_INGEST = before[1]
        os.environ["SEARCH_INDEX_ON_INGEST"] = "1" if before[1] else "0"


@pytest.fixture(scope="session", autouse=True)
def search_index_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("whoosh") / "index"
    saved = settings.HAYSTACK_CONNECTIONS["default"]["PATH"], settings.SEARCH_INDEX_ON_INGEST
    saved_env = {k: os.environ.get(k) for k in ("UNRES_SEARCH_INDEX", "SEARCH_INDEX_ON_INGEST")}
    use_index(path)
    settings.SEARCH_INDEX_ON_INGEST = False
    os.environ["SEARCH_INDEX_ON_INGEST"] = "0"
    yield path
    use_index(saved[0])
    settings.SEARCH_INDEX_ON_INGEST = saved[1]
    for key, value in saved_env.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
