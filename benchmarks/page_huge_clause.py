"""Time the page of a resolution whose one operative paragraph is many megabytes long.

    .venv/bin/python benchmarks/page_huge_clause.py [--mb 10] [--runs 5]

Writes a resolution in the project's plain-text format whose paragraph 1 is ``--mb`` MB of
citing text (two cited symbols every 80 characters), ingests it through the real ingest into
a fresh ``UNRES_DATA_DIR`` (no search index), then renders with the Django test client, each
``--runs`` times after one warm-up: the resolution's page, part 2 of the paragraph
(``?clause=op1&part=2``) and its last part.  Prints the median seconds and the response
size of each.  Several ``--mb`` values may be given (``--mb 0.1 0.2 0.4``).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UNIT = "Recalling its resolutions 57/32 of 19 November 2002 and 72/278 of 10 May 2018, "


def resolution_text(chars: int) -> str:
    body = (UNIT * (chars // len(UNIT) + 1))[:chars]
    return f"""United Nations
A/RES/79/999

General Assembly
Distr.: General
1 December 2024

Seventy-ninth session
Agenda item 7

Resolution adopted by the General Assembly on 1 December 2024

79/999. A resolution with one enormous paragraph

The General Assembly,

Recalling its resolution 57/32 of 19 November 2002,

1. Decides {body}end of the paragraph;

2. Decides to remain seized of the matter.

50th plenary meeting
1 December 2024
"""


def timed(client, url: str, runs: int) -> tuple[float, int, int]:
    response = client.get(url)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
    return statistics.median(times), response.status_code, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[10.0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="unres-huge-"))
    os.environ["UNRES_DATA_DIR"] = str(work / "data")
    os.environ["SEARCH_INDEX_ON_INGEST"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unres_site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    print(f"{'MB':>6} {'what':<22} {'status':>6} {'KB':>9} {'median s':>9}")
    try:
        run(args, work, client)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path, client) -> None:
    from django.core.management import call_command
    from django.db.models.functions import Length

    from resolutions.models import Clause
    from resolutions.rendering import SHOWN_CHARS

    for mb in args.mb:
        folder = work / f"texts-{mb}"
        folder.mkdir()
        (folder / "A_RES_79_999.txt").write_text(resolution_text(int(mb * 1_000_000)))
        call_command("ingest", str(folder), stdout=io.StringIO())
        chars = Clause.objects.filter(
            text__resolution__symbol="A/RES/79/999", kind="operative", ordinal=1
        ).values_list(Length("body"), flat=True)[0]
        parts = -(-chars // SHOWN_CHARS)
        urls = {"page": "/A/RES/79/999/"}
        if parts > 1:
            urls["part 2"] = "/A/RES/79/999/?clause=op1&part=2"
            urls[f"part {parts} (last)"] = f"/A/RES/79/999/?clause=op1&part={parts}"
        for what, url in urls.items():
            median, status, size = timed(client, url, args.runs)
            print(f"{mb:>6} {what:<22} {status:>6} {size / 1000:>9.1f} {median:>9.3f}", flush=True)


if __name__ == "__main__":
    main()
