from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        # The index follows every ingest run; ingestion announces it and never imports search.
        from resolutions.signals import archive_changed

        from .indexing import on_archive_changed

        archive_changed.connect(on_archive_changed, dispatch_uid="search.index-follows-ingest")
