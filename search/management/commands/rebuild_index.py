"""``manage.py rebuild_index``: clear the search index and rebuild it from the database.

Replaces haystack's command of the same name (``search`` comes before ``haystack`` in
INSTALLED_APPS): haystack commits once per batch of objects, which merges Whoosh segments
over and over and does not finish on the full archive, while :func:`update_texts` writes
everything through one Whoosh writer.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from resolutions.models import ResolutionText
from search.indexing import get_backend, schema_is_current, update_texts


class Command(BaseCommand):
    help = "Clear the search index and rebuild it from the archive."

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
            answer = input("This clears the search index and rebuilds it. Continue? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("rebuild cancelled")
        if not schema_is_current():
            get_backend().clear(commit=True)  # a new schema: a new, empty index first
        ids = list(ResolutionText.objects.values_list("pk", flat=True))
        added = update_texts(ids, replace_all=True)  # one commit: searches never see it empty
        if verbosity >= 1:
            self.stdout.write(f"indexed {len(ids)} texts: {added} documents")
