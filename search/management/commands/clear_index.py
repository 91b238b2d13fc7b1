"""``manage.py clear_index``: empty the search index (the database keeps every text).

Replaces haystack's command of the same name, so that clearing goes through the project's
index backend; ``rebuild_index`` or the next ``ingest`` / ``update_index`` fills it again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from search.indexing import get_backend


class Command(BaseCommand):
    help = "Remove every document from the search index (rebuild_index fills it again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, interactive: bool = True, verbosity: int = 1, **options):
        if interactive:
            answer = input("This empties the search index. Continue? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("clear cancelled")
        get_backend().clear(commit=True)
        if verbosity >= 1:
            self.stdout.write("search index cleared (rebuild_index or update_index fills it)")
