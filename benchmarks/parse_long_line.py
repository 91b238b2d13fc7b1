"""How parse time grows with the length of one unbroken line (linear is the goal).

    .venv/bin/python benchmarks/parse_long_line.py

Prints the median of 3 runs for lines of 0.5, 1, 2 and 4 MB and the time per MB.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import contextlib

from resolutions.parsing.structure import ParseError  # noqa: E402
from resolutions.parsing.text import parse_text  # noqa: E402

UNIT = "Recalling its resolution 57/32 of 19 November 2002, "


def once(size: int) -> float:
    text = "The General Assembly,\n" + (UNIT * (size // len(UNIT) + 1))[:size]
    start = time.perf_counter()
    with contextlib.suppress(ParseError):
        parse_text(text)
    return time.perf_counter() - start


def main() -> None:
    print(f"{'MB':>5} {'median s':>9} {'s per MB':>9}")
    for mb in (0.5, 1, 2, 4):
        median = statistics.median(once(int(mb * 1_000_000)) for _ in range(3))
        print(f"{mb:>5} {median:>9.2f} {median / mb:>9.2f}")


if __name__ == "__main__":
    main()
