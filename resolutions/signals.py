"""What the archive announces, so that other apps follow it without ingestion knowing them.

``archive_changed`` is sent once at the end of every ``ingest`` run, after the texts are
stored and their references resolved, with the ids of the texts the run created or replaced
(``changed_text_ids``).  The search app listens (``search.apps``) and brings its index in
line with the database; whatever a receiver returns that has a ``line()`` is the run's index
report, and an exception it raises is the run's index error: the texts stay stored, the
command exits 1 and says so.
"""

from __future__ import annotations

from typing import Protocol

from django.dispatch import Signal

archive_changed = Signal()  # sent with changed_text_ids: list[int]


class IndexReport(Protocol):
    """What a receiver of :data:`archive_changed` reports (``search.indexing.SyncReport``)."""

    rebuilt: bool
    orphan_files: int

    def line(self) -> str: ...
