"""``manage.py update_index``: bring the search index in line with the database.

Replaces haystack's command of the same name (``search`` comes before ``haystack`` in
INSTALLED_APPS), which would write the index past the project's writer and the versions it
keeps: this one runs :func:`search.indexing.sync`, as every ``ingest`` does — the texts
missing or stale in the index are indexed, those gone are dropped, orphan files removed.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from search.indexing import IndexUpdateError, sync


class Command(BaseCommand):
    help = "Index what the search index lacks or holds stale, drop what is gone."

    def handle(self, *args, verbosity: int = 1, **options):
        try:
            report = sync()
        except IndexUpdateError as exc:
            raise CommandError(f"search index not updated: {exc}") from exc
        if verbosity >= 1:
            self.stdout.write(report.line())
