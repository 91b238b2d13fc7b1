"""``manage.py ingest PATH…``: load UN resolution files, folders and archives."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from resolutions import ingestion, pairs

# Above this many files the per-file lines give way to a progress bar.
PROGRESS_THRESHOLD = 30


class Command(BaseCommand):
    help = (
        "Ingest resolution texts (PDF/Word extractions, markdown, zh or en), AKN4UN XML, "
        "metadata JSON lines, and .tar.xz/.zip archives of them. Folders are read recursively."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files, folders or archives")
        parser.add_argument(
            "--dry-run", action="store_true", help="parse only; never touch the database"
        )
        parser.add_argument(
            "--json", action="store_true", help="with --dry-run: one JSON object per document"
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="parsing processes (default: UNRES_INGEST_JOBS, else one per core)",
        )
        parser.add_argument(
            "--stats-json",
            metavar="FILE",
            help="write the run's counts, timings and parsing processes as JSON to FILE",
        )

    def handle(self, *args, paths, dry_run, json, verbosity, jobs, stats_json, **options):
        if json and not dry_run:
            raise CommandError("--json needs --dry-run")
        if jobs is not None and jobs < 1:
            raise CommandError("--jobs must be at least 1")
        if dry_run:
            return self._dry_run(paths, as_json=json, verbosity=verbosity)

        files = ingestion.collect_paths(paths)
        long_run = len(files) > PROGRESS_THRESHOLD or any(ingestion.is_archive(f) for f in files)
        show_each = verbosity >= 2 or (verbosity >= 1 and not long_run)
        bar = None

        def progress(items):
            nonlocal bar
            bar = tqdm(items, desc="ingest", unit="file", file=sys.stderr, mininterval=1.0)
            return bar

        def say(message: str) -> None:
            if bar is not None:
                bar.write(message, file=sys.stderr)
            else:
                self.stderr.write(message)

        def on_outcome(outcome: ingestion.Outcome) -> None:
            for warning in outcome.warnings:
                say(f"warning: {outcome.source}: {warning}")
            if outcome.status in ("failed", "skipped"):
                say(f"{'error' if outcome.status == 'failed' else 'skipped'}: {outcome.detail}")
            elif show_each:
                self.stdout.write(outcome.line())

        summary = ingestion.ingest_paths(
            files,
            on_outcome=on_outcome,
            progress=progress if long_run and verbosity >= 1 else None,
            jobs=jobs,
        )
        if bar is not None:
            bar.close()
        if long_run or verbosity >= 2:
            counts = ingestion.archive_counts()
            self.stdout.write("archive: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        if verbosity >= 1:
            paired = pairs.paired_count()
            if paired:
                disagreeing = sum(1 for _ in pairs.differences())
                self.stdout.write(
                    f"zh/en pairs that disagree: {disagreeing} of {paired}"
                    + (" (manage.py check_archive --pairs lists them)" if disagreeing else "")
                )
            self.stdout.write(summary.line())
        if stats_json:
            Path(stats_json).write_text(ingestion.to_json_line(summary.stats()) + "\n")
        index = summary.index
        if index is not None and (index.rebuilt or index.orphan_files or verbosity >= 2):
            self.stdout.write(index.line())
        problems = []
        if summary.failed:
            problems.append(f"{summary.failed} file(s) failed")
        if summary.index_error:
            self.stderr.write(f"error: search index not updated: {summary.index_error}")
            problems.append("the search index is not up to date (the next ingest repairs it)")
        if problems:
            raise CommandError("; ".join(problems), returncode=1)

    def _dry_run(self, paths, *, as_json: bool, verbosity: int) -> None:
        failed = 0
        for item in ingestion.dry_run(paths):
            if isinstance(item, ingestion.Outcome):
                failed += item.status == "failed"
                label = "error" if item.status == "failed" else "skipped"
                self.stderr.write(f"{label}: {item.detail}")
            elif as_json:
                self.stdout.write(ingestion.to_json_line(item))
            elif "preambular" not in item:
                self.stdout.write(f"{item['file']}: metadata of {item['symbol']}")
            else:
                self.stdout.write(
                    f"{item['file']}: {item['symbol'] or 'draft'} [{item['language']}] "
                    f"{len(item['preambular'])} preambular, {len(item['operative'])} operative, "
                    f"{len(item['footnotes'])} footnotes, {len(item['references'])} references"
                )
        if failed:
            raise CommandError(f"{failed} file(s) failed", returncode=1)
