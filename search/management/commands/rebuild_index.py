"""``manage.py rebuild_index``: clear the search index and rebuild it from the database.

Replaces haystack's command of the same name (``search`` comes before ``haystack`` in
INSTALLED_APPS): haystack commits once per batch of objects, which merges Whoosh segments
over and over and does not finish on the full archive, while :func:`update_texts` writes
everything through one Whoosh writer.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from resolutions.models import ResolutionText
from search.indexing import get_backend, schema_is_current, update_texts
from search.management.confirm import add_noinput, confirm


class Command(BaseCommand):
    help = "Clear the search index and rebuild it from the archive."

    def add_arguments(self, parser):
        add_noinput(parser)

    def handle(self, *args, interactive: bool = True, verbosity: int = 1, **options):
        confirm(interactive, "This clears the search index and rebuilds it.", "rebuild")
        if not schema_is_current():
            get_backend().clear(commit=True)  # a new schema: a new, empty index first
        ids = list(ResolutionText.objects.values_list("pk", flat=True))
        added = update_texts(ids, replace_all=True)  # one commit: searches never see it empty
        if verbosity >= 1:
            self.stdout.write(f"indexed {len(ids)} texts: {added} documents")
