"""Time the bulk load of ../shared/corpus/unxml into a fresh archive, and the re-run.

    .venv/bin/python benchmarks/ingest_corpus.py [--runs 3] [--database-url URL]

Each run uses a new SQLite file in a temporary UNRES_DATA_DIR (or the given PostgreSQL
database, flushed first) and prints the wall time of a fresh load and of an unchanged
re-run; the last line gives the medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNXML = ROOT.parent / "shared" / "corpus" / "unxml"


def manage(*args: str, env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default="")
    parser.add_argument("paths", nargs="*", default=[str(UNXML)])
    options = parser.parse_args()

    fresh, rerun = [], []
    for run in range(1, options.runs + 1):
        with tempfile.TemporaryDirectory() as data_dir:
            env = {**os.environ, "UNRES_DATA_DIR": data_dir}
            if options.database_url:
                env["DATABASE_URL"] = options.database_url
            manage("migrate", "--noinput", env=env)
            if options.database_url:
                manage("flush", "--noinput", env=env)
            fresh.append(manage("ingest", "--verbosity", "0", *options.paths, env=env))
            rerun.append(manage("ingest", "--verbosity", "0", *options.paths, env=env))
        print(f"run {run}: fresh load {fresh[-1]:.1f} s, unchanged re-run {rerun[-1]:.1f} s")
    print(
        f"median of {options.runs}: fresh load {statistics.median(fresh):.1f} s, "
        f"unchanged re-run {statistics.median(rerun):.1f} s"
    )


if __name__ == "__main__":
    main()
