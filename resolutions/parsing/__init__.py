"""Pure parsing of UN resolution texts: no Django import anywhere in this package.

Every reader returns :class:`~resolutions.parsing.structure.ParsedDocument` objects,
which the ingestion service stores and ``ingest --dry-run --json`` prints.
"""
