"""A highlighter that knows Chinese: literal CJK strings and stemmed English words.

The clause text is escaped piece by piece and only this module's own ``<mark>`` tags are
inserted, so a clause containing ``<script>`` shows as text.  haystack's ``{% highlight %}``
uses :class:`JiebaHighlighter` through ``HAYSTACK_CUSTOM_HIGHLIGHTER``.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from haystack.utils.highlighting import Highlighter

from .analysis import MIXED
from .query import ParsedQuery, parse

SNIPPET_CHARS = 280
LEAD_IN = 60  # characters shown before the first match


def find_spans(text: str, needles: list[str], terms: set[str]) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) spans: every literal needle, every token of ``terms``."""
    spans: list[tuple[int, int]] = []
    for needle in needles:
        start = text.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = text.find(needle, start + len(needle))
    if terms:
        for token in MIXED(text, chars=True, removestops=False):
            if token.text in terms:
                spans.append((token.startchar, token.endchar))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _window(text: str, spans: list[tuple[int, int]], size: int) -> tuple[int, int]:
    if len(text) <= size:
        return 0, len(text)
    start = max(0, spans[0][0] - LEAD_IN) if spans else 0
    start = min(start, len(text) - size)
    return start, start + size


def render(
    text: str,
    needles: list[str],
    terms: set[str],
    *,
    size: int = SNIPPET_CHARS,
    tag: str = "mark",
    css_class: str = "",
) -> SafeString:
    """An escaped snippet of ``text`` around its first match, matches wrapped in ``tag``."""
    spans = find_spans(text, needles, terms)
    lo, hi = _window(text, spans, size)
    attrs = f' class="{escape(css_class)}"' if css_class else ""
    out = ["…" if lo > 0 else ""]
    cursor = lo
    for start, end in spans:
        start, end = max(start, lo), min(end, hi)
        if start >= end:
            continue
        out.append(escape(text[cursor:start]))
        out.append(f"<{tag}{attrs}>{escape(text[start:end])}</{tag}>")
        cursor = end
    out.append(escape(text[cursor:hi]))
    out.append("…" if hi < len(text) else "")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def snippet(text: str, parsed: ParsedQuery, size: int = SNIPPET_CHARS) -> SafeString:
    """The snippet of a clause for a parsed query."""
    return render(text, parsed.needles, parsed.terms, size=size)


class JiebaHighlighter(Highlighter):
    """haystack's highlighter interface over :func:`render` (``{% highlight %}``)."""

    html_tag = "mark"
    css_class = ""
    max_length = SNIPPET_CHARS

    def __init__(self, query: str, **kwargs) -> None:
        super().__init__(query, **kwargs)
        self.parsed = parse(query)

    def highlight(self, text_block: str) -> SafeString:
        return render(
            str(text_block),
            self.parsed.needles,
            self.parsed.terms,
            size=self.max_length,
            tag=self.html_tag,
            css_class=self.css_class,
        )
