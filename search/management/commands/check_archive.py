"""``manage.py check_archive [--fix] [--pairs]``: do the search index and the database agree?
Do the Chinese and English texts of each resolution agree?"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from resolutions import pairs
from search import consistency


class Command(BaseCommand):
    help = (
        "Compare the search index with the database (counts and ids); --fix repairs it. "
        "--pairs lists the resolutions whose zh and en texts disagree instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="repair what disagrees")
        parser.add_argument(
            "--pairs",
            action="store_true",
            help="list the resolutions whose Chinese and English texts disagree on paragraph "
            "counts, cited resolutions, adoption date or meeting, with where they first part",
        )

    def handle(self, *args, fix: bool, pairs: bool, **options):
        if pairs:
            return self._pairs()
        report = consistency.check()
        for line in report.lines():
            self.stdout.write(line)
        if report.ok:
            return
        if not fix:
            raise CommandError("the index and the database disagree (run with --fix)")
        consistency.repair(report)
        after = consistency.check()
        for line in after.lines():
            self.stdout.write(line)
        if not after.ok:
            raise CommandError("repair did not make them agree")

    def _pairs(self) -> None:
        count = 0
        for difference in pairs.differences():
            self.stdout.write(difference.line())
            count += 1
        self.stdout.write(f"zh/en pairs that disagree: {count} of {pairs.paired_count()}")
