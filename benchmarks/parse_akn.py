"""Time to parse every AKN file of the 8 UN XML archives: median of 3 runs.

Run from the project root: ``.venv/bin/python benchmarks/parse_akn.py [corpus/unxml]``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from resolutions.parsing.akn import parse_akn  # noqa: E402
from resolutions.parsing.formats import iter_archive  # noqa: E402
from resolutions.parsing.structure import ParseError  # noqa: E402


def run(folder: Path) -> tuple[float, int, int]:
    """Parse all archives once (decompression included); return (seconds, texts, clauses)."""
    started = time.perf_counter()
    texts = clauses = 0
    for archive in sorted(folder.glob("*.tar.xz")):
        for name, data in iter_archive(archive):
            if not name.endswith(".xml"):
                continue
            try:
                docs = parse_akn(data)
            except ParseError:
                continue
            texts += len(docs)
            clauses += sum(len(d.clauses) for d in docs)
    return time.perf_counter() - started, texts, clauses


def main() -> None:
    folder = Path(
        sys.argv[1]
        if len(sys.argv) > 1
        else str(Path(__file__).resolve().parents[2] / "shared/corpus/unxml")
    )
    runs = [run(folder) for _ in range(3)]
    _, texts, clauses = runs[0]
    median = statistics.median(r[0] for r in runs)
    print(f"{texts} texts, {clauses} clauses: median {median:.2f} s of 3 runs")


if __name__ == "__main__":
    main()
