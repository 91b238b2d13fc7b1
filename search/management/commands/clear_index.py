"""``manage.py clear_index``: empty the search index (the database keeps every text).

Replaces haystack's command of the same name, so that clearing goes through the project's
index backend; ``rebuild_index`` or the next ``ingest`` / ``update_index`` fills it again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from search.indexing import get_backend
from search.management.confirm import add_noinput, confirm


class Command(BaseCommand):
    help = "Remove every document from the search index (rebuild_index fills it again)."

    def add_arguments(self, parser):
        add_noinput(parser)

    def handle(self, *args, interactive: bool = True, verbosity: int = 1, **options):
        confirm(interactive, "This empties the search index.", "clear")
        get_backend().clear(commit=True)
        if verbosity >= 1:
            self.stdout.write("search index cleared (rebuild_index or update_index fills it)")
