"""Time the main pages against an existing archive and count their SQL queries.

    UNRES_DATA_DIR=/tmp/corpus .venv/bin/python benchmarks/pages.py [--runs 5]

Load the archive first (``manage.py ingest ../shared/corpus/unxml``).  Prints, per page,
the median wall time of ``--runs`` renders with the Django test client and the number of
queries of one render; the most-cited resolution's page is among them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unres_site.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from resolutions import queries
    from resolutions.links import resolution_path
    from resolutions.models import Resolution

    setup_test_environment()
    top = queries.most_cited_resolution()
    if top is None:
        sys.exit("the archive holds no citation: ingest ../shared/corpus/unxml first")
    both = Resolution.objects.filter(texts__language="zh").filter(texts__language="en").first()
    urls = {
        "home": "/",
        "browse": "/resolutions/",
        "browse, session 78 by symbol": "/resolutions/?session=78&sort=symbol",
        f"most cited ({top.symbol}, cited by {top.cited_count})": resolution_path(top),
        "most cited, side by side": resolution_path(top) + "?view=parallel",
        "most cited, JSON": resolution_path(top).rstrip("/") + ".json",
        "citations CSV": "/export/citations.csv",
    }
    if both:
        urls[f"side by side ({both.symbol})"] = resolution_path(both) + "?view=parallel"
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    print(f"{'page':55} {'median ms':>10} {'queries':>8}")
    for name, url in urls.items():
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        print(f"{name[:55]:55} {statistics.median(times):10.1f} {len(ctx.captured_queries):8d}")


if __name__ == "__main__":
    main()
