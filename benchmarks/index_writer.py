"""Whoosh's segment writer against ours (``search/segments.py``) on the same documents.

    .venv/bin/python benchmarks/index_writer.py [--n 200] [--runs 3] [--json-out FILE]

Loads the synthetic archive of N resolutions (``make_corpus.py``; made if missing) into a
temporary SQLite database without indexing it, reads its clause and text documents once,
then, in one process, writes them into an empty index ``--runs`` times with each writer in
turn (Whoosh's ``SegmentWriter``, then ``BulkSegmentWriter``; one process, one segment,
Whoosh's default 128 MB pool), timing only the writing.  Prints documents/s (median of
the runs) and the ratio of the two medians, and writes them as JSON.
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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = ROOT / "var" / "synthetic"


def load_archive(n: int, data_dir: Path) -> None:
    corpus = SYNTHETIC / str(n)
    if not corpus.is_dir():
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks/make_corpus.py"), str(n)], check=True
        )
    env = {**os.environ, "UNRES_DATA_DIR": str(data_dir), "SEARCH_INDEX_ON_INGEST": "0"}
    env.pop("DATABASE_URL", None)
    for args in (["migrate", "--noinput"], ["ingest", "--verbosity", "0", str(corpus)]):
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def archive_documents(n: int, data_dir: Path) -> list[dict]:
    """The clause and text documents of the synthetic archive of ``n`` resolutions.

    Loads it into a SQLite database in ``data_dir`` without indexing it, then sets Django
    up on that database in this process (jieba initialised) and reads every document once.
    """
    load_archive(n, data_dir)
    os.environ.update(UNRES_DATA_DIR=str(data_dir), SEARCH_INDEX_ON_INGEST="0")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unres_site.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from resolutions.models import ResolutionText
    from search.analysis import ensure_jieba
    from search.indexing import ResolutionTextIndex, _documents, text_queryset
    from search.search_indexes import clause_documents

    ensure_jieba()
    ids = list(ResolutionText.objects.order_by("pk").values_list("pk", flat=True))
    return list(_documents(ResolutionTextIndex(), text_queryset())) + list(clause_documents(ids))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json-out", type=Path, default=ROOT / "var/benchmarks/index_writer.json")
    options = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="unres-writer-"))
    try:
        docs = archive_documents(options.n, data_dir)
        from whoosh.writing import SegmentWriter

        from search.indexing import get_backend
        from search.segments import BulkSegmentWriter

        backend = get_backend()
        writers = {"whoosh": SegmentWriter, "bulk": BulkSegmentWriter}
        rates: dict[str, list[float]] = {name: [] for name in writers}
        print(f"{len(docs)} documents ({options.n} resolutions), {options.runs} runs")
        print(f"{'run':>4} {'writer':>8} {'seconds':>9} {'docs/s':>9}")
        for run in range(1, options.runs + 1):
            for name, writer_class in writers.items():
                shutil.rmtree(backend.path, ignore_errors=True)
                backend.setup_complete = False
                ix = get_backend().index
                start = time.perf_counter()
                writer = writer_class(ix)
                for doc in docs:
                    writer.add_document(**doc)
                writer.commit()
                seconds = time.perf_counter() - start
                rates[name].append(len(docs) / seconds)
                print(f"{run:>4} {name:>8} {seconds:>9.1f} {len(docs) / seconds:>9.0f}")
        medians = {name: statistics.median(r) for name, r in rates.items()}
        ratio = medians["bulk"] / medians["whoosh"]
        for name, median in medians.items():
            print(f" med {name:>8} {'':>9} {median:>9.0f}")
        print(f"bulk / whoosh (medians): {ratio:.2f}")
        options.json_out.parent.mkdir(parents=True, exist_ok=True)
        options.json_out.write_text(
            json.dumps(
                {"n": options.n, "documents": len(docs), "runs": rates, "ratio": ratio}, indent=2
            )
        )
        print(f"written: {options.json_out}")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
