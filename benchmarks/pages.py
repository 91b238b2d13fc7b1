"""Time the main pages against an existing archive and count their SQL queries.

    UNRES_DATA_DIR=DIR .venv/bin/python benchmarks/pages.py [--runs 20] [--json-out FILE]

DIR holds a loaded archive (``manage.py ingest ../shared/corpus/unxml``, or a synthetic
one kept by ``benchmarks/ingest.py --keep DIR``).  Each page is rendered ``--runs`` times
with the Django test client (whole response: queries, template); prints the median and
95th percentile and the number of SQL queries of one render:

* resolution pages — 30 resolutions drawn with a fixed seed, each ``--runs`` / 2 times;
* the page of the resolution cited by the number of clauses and footnotes nearest 1,000;
* the most cited resolution's page (its first page of Cited by), the second page of its
  Cited by, its side-by-side view and its JSON;
* browse: unfiltered, one session by symbol, one year in Chinese, a deep page;
* the home page.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unres_site.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json-out", type=Path, default=ROOT / "var/benchmarks/pages.json")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from resolutions import queries
    from resolutions.links import resolution_path
    from resolutions.models import Reference, Resolution

    setup_test_environment()
    top = queries.most_cited_resolution()
    if top is None:
        sys.exit("the archive holds no citation: ingest ../shared/corpus/unxml first")
    citing_clauses = Reference.objects.filter(target=top).count()
    rng = random.Random(args.seed)
    symbols = list(Resolution.objects.exclude(symbol=None).values_list("pk", flat=True))
    sample = Resolution.objects.filter(pk__in=rng.sample(symbols, min(30, len(symbols))))
    session = rng.choice(list(Resolution.objects.values_list("session", flat=True).distinct()))
    year = Resolution.objects.filter(session=session).values_list("adopted", flat=True).first()
    top_path = resolution_path(top)
    per_target = (
        Reference.objects.filter(target__isnull=False)
        .values("target")
        .annotate(n=Count("id"))
        .values_list("target", "n")
    )
    near, near_refs = min(per_target, key=lambda row: abs(row[1] - 1000))
    near_path = resolution_path(Resolution.objects.get(pk=near))
    pages: dict[str, list[str]] = {
        "resolution page (30 resolutions)": [resolution_path(r) for r in sample],
        f"cited by ~1,000 ({near_refs} citing refs)": [near_path],
        f"most cited {top.symbol} ({citing_clauses} citing refs)": [top_path],
        "  its Cited by, page 2": [top_path + "?cited_page=2"],
        "  side by side": [top_path + "?view=parallel"],
        "  JSON": [top_path.rstrip("/") + ".json"],
        "browse": ["/resolutions/"],
        f"browse session {session} by symbol": [f"/resolutions/?session={session}&sort=symbol"],
        f"browse {year.year if year else ''} in Chinese": [
            f"/resolutions/?year={year.year if year else ''}&language=zh"
        ],
        "browse page 20": ["/resolutions/?page=20"],
        "home": ["/"],
    }
    client = Client(HTTP_ACCEPT_LANGUAGE="en", HTTP_HOST="localhost")
    print(f"archive: {Resolution.objects.count()} resolutions, {connection.vendor}")
    print(f"{'page':52} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    rows = []
    for name, urls in pages.items():
        times = []
        repeats = max(1, args.runs // 2) if len(urls) > 1 else args.runs
        for url in urls:
            for _ in range(repeats):
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as ctx:
            client.get(urls[0])
        ordered = sorted(times)
        median, p95 = statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]
        print(f"{name[:52]:52} {median:10.1f} {p95:8.1f} {len(ctx.captured_queries):8d}")
        rows.append(
            {"page": name, "median_ms": median, "p95_ms": p95, "queries": len(ctx.captured_queries)}
        )
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps({"database": connection.vendor, "rows": rows}, indent=2))
    print(f"written: {args.json_out}")


if __name__ == "__main__":
    main()
