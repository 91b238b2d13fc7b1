"""``manage.py check_archive [--fix]``: do the search index and the database agree?"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from search import consistency


class Command(BaseCommand):
    help = "Compare the search index with the database (counts and ids); --fix repairs it."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="repair what disagrees")

    def handle(self, *args, fix: bool, **options):
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
