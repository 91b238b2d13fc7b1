"""Ingest a synthetic archive of N resolutions: parse, store and index rates, memory, cores.

    .venv/bin/python benchmarks/ingest.py [--n 2000 20000] [--runs 3]
        [--database-url postgres://…] [--keep DIR] [--json-out FILE]

For each N the corpus ``var/synthetic/N`` is made first if missing (``make_corpus.py``).
Each run loads it into an empty archive with ``manage.py ingest`` (search index on) and
reads the command's own phase timings (``--stats-json``):

* parse — texts/s of a parse-only pass over the same files, with the same processes;
* store — texts/s of the storing process (parsing runs alongside it in the workers);
* index — clause and text documents/s of the index build at the end of the run;
* total — wall time of the ``ingest`` command;
* peak RSS — the largest sum of resident memory (VmRSS) of the command and all its
  processes, sampled every 0.2 s.  The index processes are forked from the command, so
  pages they still share with it are counted once per process;
* peak PSS — the same sum of proportional set sizes, where a shared page counts once in
  all (the memory the run takes from the machine);
* cores — CPU seconds of all of them divided by wall time.

SQLite runs use a fresh ``UNRES_DATA_DIR`` each; with ``--database-url`` the database is
flushed first.  ``--keep DIR`` keeps the last run's data directory (database, index) for
``search.py`` and ``pages.py``.  Prints a table (medians over runs) and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = ROOT / "var" / "synthetic"


def manage(*args: str, env: dict) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def tree_memory_mb(pid: int) -> tuple[float, float]:
    """Resident and proportional memory (VmRSS, Pss) of ``pid`` and its descendants, MB."""
    tree, todo, rss, pss = _children(), [pid], 0, 0
    while todo:
        current = todo.pop()
        todo.extend(tree.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1])
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, pss / 1024


def timed_ingest(corpus: Path, env: dict, stats: Path) -> dict:
    """Run ``ingest`` on the corpus; wall time, CPU time, peak RSS and PSS of its processes."""
    before = os.times()
    start = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "ingest",
            "--verbosity",
            "0",
            "--stats-json",
            str(stats),
            str(corpus),
        ],
        env=env,
    )
    peak_rss = peak_pss = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_rss, peak_pss
        while not stop.wait(0.2):
            rss, pss = tree_memory_mb(process.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    after = os.times()
    if code != 0:
        raise SystemExit(f"ingest failed with exit code {code}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return {
        "wall": wall,
        "cpu": cpu,
        "peak_rss_mb": peak_rss,
        "peak_pss_mb": peak_pss,
        **json.loads(stats.read_text()),
    }


def parse_only(corpus: Path, env: dict) -> float:
    """Seconds to parse every file of the corpus, as ingest does (same processes)."""
    code = (
        "import os, sys, time; sys.path.insert(0, sys.argv[1]);"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'unres_site.settings');"
        "import django; django.setup();"
        "from resolutions.ingestion import parse_paths;"
        "t = time.perf_counter(); n = sum(1 for _ in parse_paths([sys.argv[2]]));"
        "print(time.perf_counter() - t, n)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(corpus)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.split()[0])


def archive_size(env: dict) -> tuple[int, int]:
    """Texts and clauses the archive holds (the index has a document for each)."""
    code = (
        "from resolutions.models import Clause, ResolutionText;"
        "print(ResolutionText.objects.count(), Clause.objects.count())"
    )
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", code],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    texts, clauses = done.stdout.split()
    return int(texts), int(clauses)


def one_run(n: int, corpus: Path, options, data_dir: Path) -> dict:
    env = {**os.environ, "UNRES_DATA_DIR": str(data_dir), "SEARCH_INDEX_ON_INGEST": "1"}
    env.pop("UNRES_SEARCH_INDEX", None)
    if options.database_url:
        env["DATABASE_URL"] = options.database_url
    manage("migrate", "--noinput", env=env)
    if options.database_url:
        manage("flush", "--noinput", env=env)
    shutil.rmtree(data_dir / "whoosh_index", ignore_errors=True)
    parse_seconds = parse_only(corpus, env)
    run = timed_ingest(corpus, env, data_dir / "stats.json")
    texts, clauses = archive_size(env)
    seconds = run["seconds"]
    return {
        "n": n,
        "texts": texts,
        "clauses": clauses,
        "parse_texts_per_s": texts / parse_seconds,
        "store_texts_per_s": texts / seconds["store"],
        "index_docs_per_s": (clauses + texts) / seconds["index"],
        "index_seconds": seconds["index"],
        "total_seconds": run["wall"],
        "peak_rss_mb": run["peak_rss_mb"],
        "peak_pss_mb": run["peak_pss_mb"],
        "cores_used": run["cpu"] / run["wall"],
        "jobs": run["jobs"],
        "failed": run["failed"],
    }


COLUMNS = [
    ("parse_texts_per_s", "parse texts/s", "{:.0f}"),
    ("store_texts_per_s", "store texts/s", "{:.0f}"),
    ("index_docs_per_s", "index docs/s", "{:.0f}"),
    ("index_seconds", "index s", "{:.0f}"),
    ("total_seconds", "total s", "{:.0f}"),
    ("peak_rss_mb", "peak RSS MB", "{:.0f}"),
    ("peak_pss_mb", "peak PSS MB", "{:.0f}"),
    ("cores_used", "cores", "{:.2f}"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--keep", type=Path, help="keep the last run's data directory here")
    parser.add_argument("--json-out", type=Path, default=ROOT / "var/benchmarks/ingest.json")
    options = parser.parse_args()
    database = "PostgreSQL" if options.database_url else "SQLite"
    print(f"{database}, {os.cpu_count()} cores")
    print(f"{'N':>6} {'run':>4} " + " ".join(f"{label:>14}" for _, label, _ in COLUMNS))
    results = []
    for n in options.n:
        corpus = SYNTHETIC / str(n)
        if not corpus.is_dir():
            subprocess.run(
                [sys.executable, str(ROOT / "benchmarks/make_corpus.py"), str(n)], check=True
            )
        runs = []
        for i in range(1, options.runs + 1):
            last = i == options.runs and options.keep
            if last:
                shutil.rmtree(options.keep, ignore_errors=True)
                options.keep.mkdir(parents=True)
                data_dir = options.keep
                runs.append(one_run(n, corpus, options, data_dir))
            else:
                with tempfile.TemporaryDirectory(dir=ROOT / "var") as tmp:
                    runs.append(one_run(n, corpus, options, Path(tmp)))
            row = " ".join(f"{fmt.format(runs[-1][key]):>14}" for key, _, fmt in COLUMNS)
            print(f"{n:>6} {i:>4} {row}", flush=True)
        median = {key: statistics.median(r[key] for r in runs) for key, _, _ in COLUMNS}
        row = " ".join(f"{fmt.format(median[key]):>14}" for key, _, fmt in COLUMNS)
        print(f"{n:>6} {'med':>4} {row}", flush=True)
        results.append({"n": n, "database": database, "runs": runs, "median": median})
    options.json_out.parent.mkdir(parents=True, exist_ok=True)
    options.json_out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written: {options.json_out}")


if __name__ == "__main__":
    main()
