"""A highlighter that knows Chinese: literal CJK strings and stemmed English words.

The clause text is escaped piece by piece and only this module's own ``<mark>`` tags are
inserted, so a clause containing ``<script>`` shows as text.  haystack's ``{% highlight %}``
uses :class:`JiebaHighlighter` through ``HAYSTACK_CUSTOM_HIGHLIGHTER``.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from haystack.utils.highlighting import Highlighter

from .analysis import CJK_RUN, MIXED
from .query import ParsedQuery, parse

SNIPPET_CHARS = 280
LEAD_IN = 60  # characters shown before the match a snippet is built around
PHRASE_WEIGHT = 100  # a quoted phrase shown whole outweighs any number of single terms

Span = tuple[int, int]


def _tokens(text: str) -> list[Span]:
    """The (start, end) of every word: jieba's words in Chinese, regex words elsewhere."""
    return [(t.startchar, t.endchar) for t in MIXED(text, chars=True, removestops=False)]


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def find_spans(text: str, needles: list[str], terms: set[str]) -> list[Span]:
    """Sorted, merged (start, end) spans: every literal needle, every token of ``terms``."""
    spans: list[Span] = []
    for needle in needles:
        start = text.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = text.find(needle, start + len(needle))
    if terms:
        analysed = MIXED(text, chars=True, removestops=False)
        spans.extend((t.startchar, t.endchar) for t in analysed if t.text in terms)
    return _merge(spans)


def _phrase_spans(text: str, phrases: list[str]) -> list[Span]:
    """Where each quoted (non-CJK) phrase occurs, case and spacing aside."""
    found = []
    for phrase in phrases:
        words = phrase.split()
        if len(words) < 2:
            continue
        pattern = re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", re.I)
        found.extend(m.span() for m in pattern.finditer(text))
    return found


def _window(text: str, spans: list[Span], size: int, phrases: list[Span] | None = None) -> Span:
    """The stretch of about ``size`` characters showing the most distinct matched terms (a
    quoted phrase whole first), built around a match ``LEAD_IN`` characters in (at most a
    quarter of the window)."""
    if len(text) <= size:
        return 0, len(text)
    phrases = phrases or []
    anchors = [(s, e) for s, e in phrases] + spans
    if not anchors:
        return 0, size
    lead = min(LEAD_IN, size // 4)
    best: tuple[int, int] | None = None
    chosen: Span = anchors[0]
    for anchor in anchors:
        lo = max(0, anchor[0] - lead)
        hi = min(len(text), max(lo + size, anchor[1]))
        lo = max(0, min(lo, hi - size))
        inside = {text[s:e].lower() for s, e in spans if lo <= s and e <= hi}
        whole = sum(1 for s, e in phrases if lo <= s and e <= hi)
        score = (whole * PHRASE_WEIGHT + len(inside), -anchor[0])
        if best is None or score > best:
            best, chosen = score, (lo, hi)
    return chosen


def _snap(text: str, lo: int, hi: int, spans: list[Span], tokens: list[Span]) -> Span:
    """Move the window's ends onto word boundaries, never through a matched span: the start
    back to the start of the word it falls in, the end back to the end of the last whole word
    (or on to the end of a match it would cut)."""
    if lo > 0:
        for s, e in tokens:
            if s < lo < e:
                lo = s
                break
        for s, e in spans:
            if s < lo < e:
                lo = s
        while lo < hi and text[lo].isspace():
            lo += 1
    if hi < len(text):
        for s, e in spans:
            if s < hi < e:
                hi = e
        for s, e in tokens:
            if s < hi < e:
                hi = s if s > lo else e
                break
        for s, e in spans:  # stepping back must not cut a match either
            if s < hi < e:
                hi = e
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
    return lo, hi


def render(
    text: str,
    needles: list[str],
    terms: set[str],
    *,
    size: int = SNIPPET_CHARS,
    tag: str = "mark",
    css_class: str = "",
    phrases: list[str] | None = None,
) -> SafeString:
    """An escaped snippet of ``text`` around its best match, matches wrapped in ``tag``.

    The snippet starts and ends on a word (a jieba word in Chinese) or the text's own ends,
    every cut is marked with an ellipsis, and the window chosen holds a quoted phrase whole
    where there is one, else the most distinct matched terms.
    """
    spans = find_spans(text, needles, terms)
    lo, hi = _window(text, spans, size, _phrase_spans(text, phrases or []))
    if lo > 0 or hi < len(text):
        lo, hi = _snap(text, lo, hi, spans, _tokens(text))
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
    phrases = [c.text for c in parsed.chunks if c.quoted and not CJK_RUN.search(c.text)]
    return render(text, parsed.needles, parsed.terms, size=size, phrases=phrases)


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
