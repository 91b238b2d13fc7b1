"""What one search may cost: query terms, postings decoded, seconds of a worker.

Limits, so that no query can hold a worker for long and a few long searches cannot slow
every other one down (issue 21):

* :data:`MAX_QUERY_TERMS` — a query keeps its first terms (an English word, a Chinese
  character bigram, a lone Chinese character: one each; repeated words count once); the
  rest is cut and the page says so;
* :data:`MAX_COST` — the postings a search may decode, estimated from each term's
  document frequency *before* it is read (a term whose arrays are cached costs nothing).
  A lone character such as 的 expands to every bigram holding it (thousands of terms):
  the terms that do not fit are skipped;
* ``settings.SEARCH_TIME_BUDGET`` (seconds, :data:`TIME_BUDGET` by default) — past it no
  further term is read;
* **lanes** — every search may spend a first slice freely (:data:`SLICE_COST` of the cost
  cap, :data:`SLICE_TIME` of the time budget: the time share is the larger so that a short
  search slowed by a busy machine is not cut for it).  To go on past it, a search must hold
  one of the machine's :func:`lanes` for long searches: a lock file under
  ``DATA_DIR/search-lanes/``, shared by every worker process, released when the search ends
  or its process dies.  When every lane is taken the search stops at its slice with what it
  found and says so.  So at most ``lanes`` workers are ever busy with long searches, and the
  others stay free for the short ones.

A search that hit a limit returns what it found so far — every hit shown matches, some
matching clauses may be missing, the ranking may be off — and says so; one that did not is
exact.  The first term read always goes ahead, so a search never comes back empty-handed
only because the budget is tiny.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from django.conf import settings

MAX_QUERY_TERMS = 32
TIME_BUDGET = 1.0  # seconds, unless settings.SEARCH_TIME_BUDGET says otherwise
# Reading a posting costs ~0.7 µs, decoding its positions ~0.4 µs, opening a term ~100 µs
# (measured at 2,000 resolutions): MAX_COST is about a second of one core.
MAX_COST = 1_500_000  # postings, unless settings.SEARCH_MAX_COST says otherwise
TERM_COST = 150  # the fixed cost of reading one term, in postings
SLICE_COST = 0.1  # of the cost cap: what a search may decode without a lane
SLICE_TIME = 0.3  # of the time budget: how long it may run without a lane
LANES_DIR = "search-lanes"  # under settings.DATA_DIR


def lanes() -> int:
    """How many long searches may run at once on this machine (settings.SEARCH_LANES)."""
    configured = getattr(settings, "SEARCH_LANES", None)
    return max(1, configured if configured else (os.cpu_count() or 2) // 2)


class Lane:
    """One of the machine's lanes for long searches: an exclusive ``flock`` on a file."""

    def __init__(self, folder: Path, count: int):
        self.folder, self.count = folder, count
        self.fd: int | None = None

    def take(self) -> bool:
        """Take a free lane without waiting; False when all are held."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for n in range(self.count):
            fd = os.open(self.folder / f"lane-{n}.lock", os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            self.fd = fd
            return True
        return False

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the file releases its lock
            self.fd = None


class Budget:
    """The limits of one search and what it has spent of them.

    Use it as a context manager (``with Budget.from_settings() as budget:``) so that a lane
    it took is released when the search ends.
    """

    def __init__(
        self,
        seconds: float | None = None,
        cost: int | None = None,
        *,
        lane: Lane | None = None,
    ):
        self.started = time.monotonic()
        self.seconds, self.cost = seconds, cost
        self.lane = lane
        self.in_lane = lane is None  # without lanes, the whole budget is there at once
        if lane is None:
            self._limits(1.0, 1.0)
        else:
            self._limits(SLICE_TIME, SLICE_COST)
        self.spent = 0
        self.reads = 0
        self.exceeded = False
        self.busy = False  # True: cut at the slice because every lane was taken

    def _limits(self, time_share: float, cost_share: float) -> None:
        self.deadline = None if self.seconds is None else self.started + self.seconds * time_share
        self.limit = None if self.cost is None else int(self.cost * cost_share)

    @classmethod
    def from_settings(cls) -> Budget:
        seconds = getattr(settings, "SEARCH_TIME_BUDGET", TIME_BUDGET)
        cost = getattr(settings, "SEARCH_MAX_COST", MAX_COST)
        lane = Lane(Path(settings.DATA_DIR) / LANES_DIR, lanes())
        return cls(TIME_BUDGET if seconds is None else float(seconds), cost, lane=lane)

    def __enter__(self) -> Budget:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.lane is not None:
            self.lane.release()

    def _over(self, cost: int = 0) -> bool:
        late = self.deadline is not None and time.monotonic() > self.deadline
        return late or (self.limit is not None and self.spent + cost > self.limit)

    def _may_go_on(self, cost: int = 0) -> bool:
        """Whether the search may spend ``cost`` more: within its limits, or past its slice
        with a lane it holds or can take now."""
        if not self.reads or not self._over(cost):
            return True
        if not self.in_lane:
            assert self.lane is not None
            if self.lane.take():
                self.in_lane = True
                self._limits(1.0, 1.0)
                if not self._over(cost):
                    return True
            else:
                self.busy = True
        self.exceeded = True
        return False

    def expired(self) -> bool:
        """Past the deadline (after the first read): the search must stop."""
        return not self._may_go_on()

    def allows(self, cost: int) -> bool:
        """Whether a read of about ``cost`` postings may go ahead (then it is charged)."""
        if not self._may_go_on(cost):
            return False
        self.spent += cost
        self.reads += 1
        return True
