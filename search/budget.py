"""What one search may cost: query terms, postings decoded, seconds of a worker.

Three limits, so that no query can hold a worker for long (issue 21):

* :data:`MAX_QUERY_TERMS` — a query keeps its first terms (an English word, a Chinese
  character bigram, a lone Chinese character: one each; repeated words count once); the
  rest is cut and the page says so;
* :data:`MAX_COST` — the postings a search may decode, estimated from each term's
  document frequency *before* it is read (a term whose arrays are cached costs nothing).
  A lone character such as 的 expands to every bigram holding it (thousands of terms):
  the terms that do not fit are skipped;
* ``settings.SEARCH_TIME_BUDGET`` (seconds, :data:`TIME_BUDGET` by default) — past it no
  further term is read.

A search that hit a limit returns what it found so far — every hit shown matches, some
matching clauses may be missing, the ranking may be off — and says so; one that did not is
exact.  The first term read always goes ahead, so a search never comes back empty-handed
only because the budget is tiny.
"""

from __future__ import annotations

import time

from django.conf import settings

MAX_QUERY_TERMS = 32
TIME_BUDGET = 1.0  # seconds, unless settings.SEARCH_TIME_BUDGET says otherwise
# Reading a posting costs ~0.7 µs, decoding its positions ~0.4 µs, opening a term ~100 µs
# (measured at 2,000 resolutions): MAX_COST is about a second of one core.
MAX_COST = 1_500_000  # postings, unless settings.SEARCH_MAX_COST says otherwise
TERM_COST = 150  # the fixed cost of reading one term, in postings


class Budget:
    """The limits of one search and what it has spent of them."""

    def __init__(self, seconds: float | None = None, cost: int | None = None):
        self.deadline = None if seconds is None else time.monotonic() + seconds
        self.left = cost
        self.reads = 0
        self.exceeded = False

    @classmethod
    def from_settings(cls) -> Budget:
        seconds = getattr(settings, "SEARCH_TIME_BUDGET", TIME_BUDGET)
        cost = getattr(settings, "SEARCH_MAX_COST", MAX_COST)
        return cls(TIME_BUDGET if seconds is None else float(seconds), cost)

    def _late(self) -> bool:
        return self.deadline is not None and time.monotonic() > self.deadline

    def expired(self) -> bool:
        """Past the deadline (after the first read): the search must stop."""
        if self.reads and self._late():
            self.exceeded = True
            return True
        return False

    def allows(self, cost: int) -> bool:
        """Whether a read of about ``cost`` postings may go ahead (then it is charged)."""
        if self.reads and (self._late() or (self.left is not None and cost > self.left)):
            self.exceeded = True
            return False
        if self.left is not None:
            self.left -= cost
        self.reads += 1
        return True
