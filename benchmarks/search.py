"""Time the search page against a plain ``icontains`` scan of the clause table.

    UNRES_DATA_DIR=DIR .venv/bin/python benchmarks/search.py [--queries 50] [--seed 7]
        [--passes 1] [--json-out FILE]

DIR holds an archive and its index: sessions 75–78 (``manage.py ingest
../shared/corpus/unxml``) or a synthetic one (``benchmarks/ingest.py --keep DIR``).
``--queries`` Chinese strings (2–4 characters) and as many English words are cut from
random clauses (fixed seed: the same archive gives the same queries).  Each is fetched as
``/search/?q=…`` (the whole page: query, facets, snippets, template) unfiltered and
filtered (its language and a span of ten sessions' years), and scanned with
``Clause.objects.filter(body__icontains=q)`` (all matching ids; filtered: the same
language and years).  Prints median and 95th percentile of each, and the ratio
scan / page (how many times faster the page is).  With ``--passes 2`` the same searches run
again in the same process: the second pass finds the postings of frequent terms in the
cache, as a running server does for the searches its readers repeat (the scan is timed in
the first pass only).
"""

from __future__ import annotations

import argparse
import json
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

from django.db import connection  # noqa: E402
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


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--passes", type=int, default=1, help="run the queries again: later passes find warm caches"
    )
    parser.add_argument("--json-out", type=Path, default=ROOT / "var/benchmarks/search.json")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    client = Client(HTTP_HOST="localhost")
    clauses = Clause.objects.count()
    print(f"archive: {clauses} clauses, {connection.vendor}")
    # A running server has opened the index and loaded its per-segment columns: one search
    # with hits per language first, outside the figures.
    for warm_up in ("development", "发展"):
        client.get("/search/", {"q": warm_up})
    print(
        f"{'':26}{'page median':>12}{'page p95':>10}{'scan median':>12}{'scan p95':>10}"
        f"{'scan/page median':>18}{'scan/page p95':>15}"
    )
    results = {"clauses": clauses, "database": connection.vendor, "rows": []}
    cases = []  # (name, [(page params, scan queryset)]) — the same for every pass
    for language in ("zh", "en"):
        queries = sample(language, args.queries, rng)
        for filtered in (False, True):
            runs = []
            for q in queries:
                params: dict = {"q": q}
                scan_qs = Clause.objects.filter(body__icontains=q)
                if filtered:
                    year = 1946 + rng.randrange(70)
                    params.update(language=language, year_from=year, year_to=year + 9)
                    scan_qs = scan_qs.filter(
                        text__language=language,
                        text__resolution__adopted__year__gte=year,
                        text__resolution__adopted__year__lte=year + 9,
                    )
                runs.append((params, scan_qs))
            cases.append((f"{language} {'filtered' if filtered else 'unfiltered'}", runs))
    scans: dict[str, list[float]] = {}
    for number in range(1, args.passes + 1):
        for name, runs in cases:
            page = []
            for params, scan_qs in runs:

                def fetch(params=params) -> None:
                    response = client.get("/search/", params)
                    assert response.status_code == 200, (params, response.status_code)

                page.append(timed(fetch))
                if number == 1:
                    scans.setdefault(name, []).append(
                        timed(lambda qs=scan_qs: list(qs.values_list("pk", flat=True)))
                    )
            (pm, p95), (sm, s95) = percentiles(page), percentiles(scans[name])
            label = name if args.passes == 1 else f"{name}, pass {number}"
            print(
                f"{label:26}{pm * 1000:10.0f}ms{p95 * 1000:8.0f}ms{sm * 1000:10.0f}ms"
                f"{s95 * 1000:8.0f}ms{sm / pm:18.1f}{s95 / p95:15.1f}",
                flush=True,
            )
            results["rows"].append(
                {
                    "queries": name,
                    "pass": number,
                    "page_median_ms": pm * 1000,
                    "page_p95_ms": p95 * 1000,
                    "scan_median_ms": sm * 1000,
                    "scan_p95_ms": s95 * 1000,
                    "speedup_median": sm / pm,
                    "speedup_p95": s95 / p95,
                }
            )
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written: {args.json_out}")


if __name__ == "__main__":
    main()
