"""Time the search page against a plain ``icontains`` scan of the clause table.

    UNRES_DATA_DIR=DIR .venv/bin/python benchmarks/search.py [--queries 50] [--seed 7]

DIR must hold an archive of sessions 75–78 and its index (``manage.py ingest
../shared/corpus/unxml``; ``manage.py rebuild_index`` if it was loaded without one).
50 Chinese strings (2–4 characters) and 50 English words are cut from random clauses;
each is fetched once as ``/search/?q=…`` (whole page: query, facets, snippets, template)
and once as ``Clause.objects.filter(body__icontains=q)`` (all matching ids).  Prints the
median and 95th percentile of each and their ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unres_site.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from resolutions.models import Clause  # noqa: E402
from search.analysis import CJK_RUN  # noqa: E402


def sample(language: str, n: int, rng: random.Random) -> list[str]:
    ids = list(Clause.objects.filter(text__language=language).values_list("pk", flat=True))
    found: list[str] = []
    while len(found) < n:
        body = Clause.objects.get(pk=rng.choice(ids)).body
        if language == "zh":
            runs = [r for r in CJK_RUN.findall(body) if len(r) >= 2]
            if runs:
                run = rng.choice(runs)
                size = rng.randint(2, min(4, len(run)))
                start = rng.randrange(len(run) - size + 1)
                found.append(run[start : start + size])
        else:
            words = [w for w in re.findall(r"[A-Za-z]{5,}", body)]
            if words:
                found.append(rng.choice(words).lower())
    return found


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    client = Client(HTTP_HOST="localhost")
    print(f"archive: {Clause.objects.count()} clauses")
    client.get("/search/", {"q": "warm up 预热"})
    for language in ("zh", "en"):
        queries = sample(language, args.queries, rng)
        page, scan = [], []
        for q in queries:
            start = time.perf_counter()
            response = client.get("/search/", {"q": q})
            page.append(time.perf_counter() - start)
            assert response.status_code == 200, (q, response.status_code)
            start = time.perf_counter()
            list(Clause.objects.filter(body__icontains=q).values_list("pk", flat=True))
            scan.append(time.perf_counter() - start)
        (pm, p95), (sm, s95) = percentiles(page), percentiles(scan)
        print(
            f"{language}: search page median {pm * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms | "
            f"icontains scan median {sm * 1000:.0f} ms, p95 {s95 * 1000:.0f} ms | "
            f"ratio page/scan median {pm / sm:.2f}, p95 {p95 / s95:.2f}"
        )


if __name__ == "__main__":
    main()
