"""WSGI entry point of unres.

At start each web process brings the search index in line with the database, in the
background (``SEARCH_SYNC_ON_START``, on by default; off too when ``SEARCH_INDEX_ON_INGEST``
is): an index that a crash or an aborted run left behind is repaired before anyone has to
run ``check_archive --fix``.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unres_site.settings")
application = get_wsgi_application()

index_sync = None
if settings.SEARCH_SYNC_ON_START and settings.SEARCH_INDEX_ON_INGEST:
    from search.indexing import sync_in_background

    index_sync = sync_in_background()
