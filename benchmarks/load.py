"""Load: the search and resolution pages from several processes during a concurrent re-ingest.

    .venv/bin/python benchmarks/load.py [--seconds 60] [--clients 4] [--expensive-clients 0]
        [--workers 4] [--database-url postgres://…] [--data samples]
        [--json-out var/benchmarks/load.json]

Starts the site as production does — gunicorn, ``UNRES_PRODUCTION=1`` with a random
``SECRET_KEY``, ``DEBUG`` off, ``ALLOWED_HOSTS``, ``UNRES_HTTPS=0`` (no TLS on 127.0.0.1),
static files from whitenoise — on PostgreSQL: ``--database-url``, or by default a throwaway
PostgreSQL 15 cluster the script starts (``initdb`` + ``pg_ctl`` as ``.ci/run`` does) and
removes.  It migrates, ingests ``--data`` (default ``samples/``) and builds the index, then
``--clients`` processes, each over one keep-alive ``http.client`` connection, ask for
Chinese and English searches and resolution pages for ``--seconds`` while ``manage.py
ingest`` runs again and again: changed copies of the plain-text files (every text replaced,
its index documents rewritten), then the originals, and so on; the originals are ingested
last.  ``--expensive-clients`` more processes send nothing but the most expensive
searches the script can make of ``--data`` (issue 21): its most frequent Chinese characters
alone and repeated (``的``, ``的 的 的 的``), 200-character queries of single common
characters and of English stop words and frequent words, many-term queries.  Prints
requests, requests/s, median and p95 latency, errors (any status other than 2xx/3xx, or a
connection error) and partial answers (the page's "results are incomplete" note) per page
type and per group of clients (cheap, expensive), the load average before and after, each
gunicorn worker's resident memory at the start and the end (sampled every 5 s, so that
growth across the re-ingests shows) and how many workers were replaced (a killed or
timed-out worker is replaced), writes the same as JSON, and exits 1 when there was any
error, any ingest failed or a worker was replaced.

A small archive to run it on: ``benchmarks/make_corpus.py 300 --out DIR`` then
``--data DIR`` (or the default ``samples/``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
PGBIN = Path("/usr/lib/postgresql/15/bin")
HOST = "127.0.0.1"
QUERIES = {
    "search zh": ["各国议会联盟", "可持续发展", "人权", "决定", "国际合作", "第65/123号决议"],
    "search en": [
        "Inter-Parliamentary Union",
        "sustainable development",
        "human rights",
        "Decides",
        '"General Assembly"',
        "cites:A/RES/60/1",
    ],
}
TEXT_SUFFIXES = (".txt", ".md")
STOP_WORDS = ("the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "by", "with", "as")
PARTIAL = "Results are incomplete"  # the search page's note when the query budget ran out
# What gunicorn's and Django's logs say about a failed request or a lost worker.
SERVER_ERROR = re.compile(r"Internal Server Error|\[(?:ERROR|CRITICAL)\]|Traceback")


# --------------------------------------------------------------------------- processes


def as_postgres(command: str) -> None:
    """Run a PostgreSQL server command, as the ``postgres`` user when we are root."""
    argv = ["su", "postgres", "-s", "/bin/sh", "-c", command] if os.getuid() == 0 else None
    subprocess.run(argv or ["sh", "-c", command], check=True, stdout=subprocess.DEVNULL)


def start_postgres(port: int) -> tuple[str, Callable[[], None]]:
    """A throwaway PostgreSQL 15 cluster on ``port``: its URL and the function stopping it."""
    root = Path(tempfile.mkdtemp(prefix="unres-load-pg."))
    if os.getuid() == 0:
        shutil.chown(root, "postgres")
    data = root / "data"
    as_postgres(f"{PGBIN}/initdb -D {data} -A trust -U postgres -E UTF8 --locale=C.UTF-8")
    options = (
        f"-p {port} -k {root} -c listen_addresses={HOST} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    as_postgres(f"{PGBIN}/pg_ctl -D {data} -l {root}/server.log -w start -o '{options}'")

    def stop() -> None:
        with_log = subprocess.run(
            ["su", "postgres", "-s", "/bin/sh", "-c", f"{PGBIN}/pg_ctl -D {data} -m fast -w stop"]
            if os.getuid() == 0
            else [str(PGBIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            capture_output=True,
        )
        if with_log.returncode == 0:
            shutil.rmtree(root, ignore_errors=True)

    return f"postgres://postgres@{HOST}:{port}/unres", stop


def create_database(url: str) -> None:
    """``CREATE DATABASE`` of the URL's database when it does not exist yet."""
    import dj_database_url
    import psycopg2
    from psycopg2 import sql

    s = dj_database_url.parse(url)
    conn = psycopg2.connect(
        dbname="postgres", user=s["USER"], password=s["PASSWORD"], host=s["HOST"], port=s["PORT"]
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [s["NAME"]])
        if cur.fetchone() is None:
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(s["NAME"])))
    conn.close()


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_for(port: int, server: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit("gunicorn did not answer within a minute")


def workers_rss(server_pid: int) -> dict[int, float]:
    """The resident memory (MB) of each gunicorn worker: the server's child processes."""
    out = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != server_pid:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
        rss = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        if rss:
            out[int(stat.parent.name)] = round(int(rss.group(1)) / 1024, 1)
    return out


def sample_memory(server_pid: int, stop: threading.Event, samples: list) -> None:
    """Every few seconds until ``stop``: the workers' resident memory, by pid."""
    while not stop.wait(5.0):
        samples.append(workers_rss(server_pid))


def memory_figures(samples: list[dict[int, float]]) -> dict:
    """Each worker's first and last resident memory and how many workers were replaced."""
    if not samples:
        return {}
    first, last = samples[0], samples[-1]
    seen = set().union(*samples)
    return {
        "first_mb": sorted(first.values()),
        "last_mb": sorted(last.values()),
        "max_mb": max(max(s.values(), default=0.0) for s in samples),
        "growth_mb": [round(last[p] - first[p], 1) for p in sorted(first) if p in last],
        "workers_replaced": len(seen - set(first)),
        # the largest worker at ten moments spread over the run: flat at the end is bounded
        "largest_mb_over_time": [
            max(samples[round(i * (len(samples) - 1) / 9)].values(), default=0.0) for i in range(10)
        ],
    }


def changed_copies(data: Path, target: Path) -> int:
    """Copies of the plain-text documents under ``data``, each with its text changed."""
    files = [data] if data.is_file() else sorted(data.rglob("*"))
    count = 0
    for path in files:
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8-sig")
            text = text.replace(" and ", " and also ", 1) + "\n"
            (target / f"{count:05d}_{path.name}").write_text(text, encoding="utf-8")
            count += 1
    return count


def expensive_queries(data: Path) -> list[str]:
    """The costliest searches of the archive in ``data``: its most frequent Chinese characters
    (alone, repeated, 200 characters of them with and without spaces), 200 characters of
    English stop words and frequent words, and queries of many frequent terms."""
    files = [data] if data.is_file() else sorted(data.rglob("*"))
    chars: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for path in files:
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8-sig", errors="replace")
            chars.update(re.findall(r"[\u4e00-\u9fff]", text))
            words.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", text))
    common = [c for c, _ in chars.most_common(120)] or list("的国和在发展")
    frequent = [w for w, _ in words.most_common(80) if w not in STOP_WORDS] or ["nations"]
    spaced = " ".join(common)[:200]
    pairs = zip(STOP_WORDS * 4, frequent, strict=False)
    stops_and_words = " ".join(w for pair in pairs for w in pair)
    return [
        common[0],
        " ".join([common[0]] * 4),
        common[1],
        " ".join(common[:8]),
        spaced,
        "".join(common)[:200],
        stops_and_words[:200],
        " ".join(frequent[:40])[:200],
        " ".join(frequent[:12]),
        f"{common[0]} {common[1]} {frequent[0]} {frequent[1]} {common[2]}",
    ]


# --------------------------------------------------------------------------- the writer


@dataclass
class Reingest:
    runs: int = 0
    during_load: int = 0  # runs started while the clients were still asking
    failures: int = 0
    seconds: list[float] = field(default_factory=list)
    summaries: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def reingest_loop(env: dict[str, str], sources: list[Path], stop: threading.Event) -> Reingest:
    """Ingest ``sources`` in turn until ``stop`` is set, ending on the first (the originals)."""
    done = Reingest()
    turn = 1  # the originals are already in: start with the changed copies
    while not stop.is_set() or (turn - 1) % len(sources) != 0:
        started = time.monotonic()
        if not stop.is_set():
            done.during_load += 1
        result = manage(env, "ingest", str(sources[turn % len(sources)]))
        done.seconds.append(round(time.monotonic() - started, 2))
        done.runs += 1
        lines = result.stdout.strip().splitlines()
        done.summaries.append(lines[-1] if lines else "")
        if result.returncode != 0:
            done.failures += 1
            done.errors.append(result.stderr[-2000:])
        turn += 1
    return done


# --------------------------------------------------------------------------- the clients


def drive(
    job: tuple[int, int, float, list[str], list[str]],
) -> list[tuple[str, float, int | str, bool]]:
    """One client: ``(page type, seconds, status or error, partial)`` for every request it
    made; a client given ``expensive`` queries asks for nothing else."""
    index, port, until, resolutions, expensive = job
    rng = random.Random(index)
    kinds = ["expensive"] if expensive else ["search zh", "search en", "resolution"]
    records: list[tuple[str, float, int | str, bool]] = []
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    headers = {"Accept-Language": "en", "Connection": "keep-alive"}
    n = index
    while time.monotonic() < until:
        kind = kinds[n % len(kinds)]
        n += 1
        if kind == "resolution":
            url = rng.choice(resolutions) + "?" + urlencode({"lang": rng.choice(["zh", "en"])})
        elif kind == "expensive":
            url = "/search/?" + urlencode({"q": expensive[n % len(expensive)]})
        else:
            url = "/search/?" + urlencode({"q": rng.choice(QUERIES[kind])})
        started = time.perf_counter()
        partial = False
        try:
            conn.request("GET", url, headers=headers)
            response = conn.getresponse()
            partial = PARTIAL.encode() in response.read()
            outcome: int | str = response.status
        except (OSError, http.client.HTTPException) as exc:
            outcome = f"{type(exc).__name__}: {exc}"
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
        records.append((kind, time.perf_counter() - started, outcome, partial))
    conn.close()
    return records


def resolution_urls(port: int) -> list[str]:
    """The resolution pages listed by browse (its first pages)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    urls: set[str] = set()
    for page in range(1, 6):
        conn.request("GET", f"/resolutions/?page={page}")
        response = conn.getresponse()
        body = response.read().decode()
        if response.status != 200:
            break
        urls.update(re.findall(r'class="res-symbol" href="(/A/RES/[^"?#]+/)"', body))
    conn.request("GET", "/static/css/unres.css")
    static = conn.getresponse()
    static.read()
    if static.status != 200:
        sys.exit(f"whitenoise did not serve the stylesheet: {static.status}")
    conn.close()
    if not urls:
        sys.exit("browse lists no resolution")
    return sorted(quote(u, safe="/()") for u in urls)


# --------------------------------------------------------------------------- figures


def figures(records: list[tuple[str, float, int | str, bool]], seconds: float) -> dict:
    def row(items: list[tuple[str, float, int | str, bool]]) -> dict:
        times = sorted(t for _, t, _, _ in items)
        errors = [o for _, _, o, _ in items if not (isinstance(o, int) and 200 <= o < 400)]
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else 0.0
        return {
            "requests": len(items),
            "requests_per_s": round(len(items) / seconds, 1),
            "median_ms": round(statistics.median(times) * 1000, 1) if times else 0.0,
            "p95_ms": round(p95 * 1000, 1),
            "errors": len(errors),
            "partial": sum(1 for *_, p in items if p),
            "error_examples": sorted({str(e) for e in errors})[:5],
        }

    kinds = sorted({k for k, *_ in records})
    groups = {
        "cheap clients": [r for r in records if r[0] != "expensive"],
        "expensive clients": [r for r in records if r[0] == "expensive"],
    }
    return {
        "pages": {k: row([r for r in records if r[0] == k]) for k in kinds},
        "groups": {name: row(items) for name, items in groups.items() if items},
        "all": row(records),
    }


def table(result: dict) -> str:
    lines = [
        f"{'page':17} {'requests':>9} {'req/s':>7} {'median ms':>10} {'p95 ms':>8} "
        f"{'errors':>7} {'partial':>8}"
    ]
    rows = [*result["pages"].items(), *result.get("groups", {}).items(), ("all", result["all"])]
    for name, r in rows:
        lines.append(
            f"{name:17} {r['requests']:>9} {r['requests_per_s']:>7} {r['median_ms']:>10} "
            f"{r['p95_ms']:>8} {r['errors']:>7} {r['partial']:>8}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=4, help="client processes")
    parser.add_argument(
        "--expensive-clients",
        type=int,
        default=0,
        help="more client processes sending only the most expensive searches",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (>1: gthread workers)"
    )
    parser.add_argument("--database-url", help="default: a throwaway PostgreSQL 15 cluster")
    parser.add_argument("--pg-port", type=int, default=55433, help="the throwaway cluster's")
    parser.add_argument("--data", type=Path, default=ROOT / "samples", help="what to ingest")
    parser.add_argument("--json-out", type=Path, default=ROOT / "var" / "benchmarks" / "load.json")
    args = parser.parse_args()

    stop_postgres: Callable[[], None] | None = None
    server: subprocess.Popen | None = None
    work = Path(tempfile.mkdtemp(prefix="unres-load."))
    try:
        if args.database_url:
            url = args.database_url
        else:
            url, stop_postgres = start_postgres(args.pg_port)
        create_database(url)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "unres_site.settings",
            "DATABASE_URL": url,
            "UNRES_DATA_DIR": str(work / "data"),
            "SEARCH_INDEX_ON_INGEST": "1",
            "UNRES_PRODUCTION": "1",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "UNRES_HTTPS": "0",
            "DEBUG": "0",
            "ALLOWED_HOSTS": f"{HOST},localhost",
        }
        copies = work / "changed"
        copies.mkdir()
        changed = changed_copies(args.data.resolve(), copies)
        for step in (
            ("migrate", "--noinput", "-v", "0"),
            ("ingest", "-v", "0", str(args.data.resolve())),
            ("rebuild_index", "--noinput", "-v", "0"),
        ):
            result = manage(env, *step)
            if result.returncode != 0:
                sys.exit(f"manage.py {' '.join(step)} failed:\n{result.stderr[-3000:]}")

        port = free_port()
        server_log = (work / "server.log").open("wb")
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "unres_site.wsgi:application",
                f"--workers={args.workers}",
                f"--threads={args.threads}",
                f"--bind={HOST}:{port}",
                "--keep-alive=5",
                "--error-logfile=-",
            ],
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        wait_for(port, server)
        resolutions = resolution_urls(port)
        expensive = expensive_queries(args.data.resolve()) if args.expensive_clients else []
        load_before = os.getloadavg()
        print(
            f"gunicorn: {args.workers} workers × {args.threads} threads on {HOST}:{port}; "
            f"{len(resolutions)} resolution pages; {args.clients} clients "
            f"+ {args.expensive_clients} expensive for {args.seconds:g} s; "
            f"re-ingesting {changed} changed copies and the originals of {args.data} in turn"
        )
        for q in expensive:
            print(f"  expensive: {q[:60]}{'…' if len(q) > 60 else ''} ({len(q)} chars)")

        stop = threading.Event()
        memory: list[dict[int, float]] = [workers_rss(server.pid)]
        sampler = threading.Thread(target=sample_memory, args=(server.pid, stop, memory))
        sampler.start()
        holder: dict[str, Reingest] = {}
        writer = threading.Thread(
            target=lambda: holder.update(
                done=reingest_loop(env, [args.data.resolve(), copies], stop)
            )
        )
        clients = args.clients + args.expensive_clients
        with multiprocessing.get_context("fork").Pool(clients) as pool:
            started = time.monotonic()
            until = started + args.seconds
            writer.start()
            jobs = [
                (i, port, until, resolutions, expensive if i >= args.clients else [])
                for i in range(clients)
            ]
            per_client = pool.map(drive, jobs)
            elapsed = time.monotonic() - started
            load_after = os.getloadavg()
        memory.append(workers_rss(server.pid))
        stop.set()
        writer.join()
        sampler.join()
        reingest = holder["done"]
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
            server_log.close()
        if stop_postgres is not None:
            stop_postgres()

    log = (work / "server.log").read_text(errors="replace") if server else ""
    shutil.rmtree(work, ignore_errors=True)
    result = {
        "seconds": round(elapsed, 1),
        "clients": args.clients,
        "expensive_clients": args.expensive_clients,
        "expensive_queries": expensive,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "workers": args.workers,
        "threads": args.threads,
        "database": "postgresql" + ("" if args.database_url else " (throwaway cluster)"),
        **figures([r for records in per_client for r in records], elapsed),
        "reingest": asdict(reingest),
        "worker_memory": memory_figures(memory),
        "server_errors_logged": len(SERVER_ERROR.findall(log)),
    }
    print(table(result))
    print(
        "load average (1, 5, 15 min): before "
        + ", ".join(f"{x:.2f}" for x in load_before)
        + "; after "
        + ", ".join(f"{x:.2f}" for x in load_after)
    )
    print(
        f"re-ingest: {reingest.runs} runs ({reingest.during_load} started during the load), "
        f"{reingest.failures} failed "
        f"(seconds per run: {', '.join(f'{s:g}' for s in reingest.seconds)})"
    )
    mem = result["worker_memory"]
    if mem:
        print(
            f"worker memory (MB): first {mem['first_mb']}, last {mem['last_mb']}, "
            f"growth {mem['growth_mb']}, max {mem['max_mb']}; "
            f"workers replaced: {mem['workers_replaced']}\n"
            f"largest worker over the run (MB): {mem['largest_mb_over_time']}"
        )
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {args.json_out}")
    if result["server_errors_logged"]:
        print(log[-4000:], file=sys.stderr)
    failed = (
        result["all"]["errors"]
        or reingest.failures
        or result["server_errors_logged"]
        or mem.get("workers_replaced")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
