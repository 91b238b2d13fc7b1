"""Template helpers for the resolution pages: links, short symbols, titles.

Every helper returns plain strings (URLs or text); templates escape them as usual.  A link
helper returns ``""`` for a symbol that is no valid symbol (see :mod:`resolutions.links`):
templates then print the symbol as plain text instead of a link.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from resolutions import links

register = template.Library()


@register.filter
def page_url(resolution) -> str:
    """The page of an archived resolution or draft; ``""`` when it has none."""
    return links.resolution_path(resolution) or ""


@register.filter
def ref_url(ref, language: str = "en") -> str:
    """A cited symbol's link: our page when the archive has it, else undocs.org (or ``""``)."""
    if getattr(ref, "target_id", None):
        return links.symbol_path(ref.symbol) or ""
    return links.undocs_url(ref.symbol, language or "en") or ""


@register.filter
def is_internal(ref) -> bool:
    return bool(getattr(ref, "target_id", None))


@register.filter
def undocs(symbol: str, language: str = "en") -> str:
    """The undocs.org address of a document symbol; ``""`` when it is none."""
    return links.undocs_url(symbol, language or "en") or ""


@register.filter
def short_symbol(resolution_or_symbol) -> str:
    """``A/RES/65/123`` → ``65/123``; a draft shows its label."""
    symbol = getattr(resolution_or_symbol, "symbol", resolution_or_symbol)
    if not symbol:
        return getattr(resolution_or_symbol, "label", "")
    return symbol.removeprefix("A/RES/")


@register.filter
def title_in(resolution, language: str) -> str:
    """The title in ``language`` from the ``title_zh``/``title_en`` annotations, else the other."""
    first, second = ("zh", "en") if (language or "").startswith("zh") else ("en", "zh")
    return (
        getattr(resolution, f"title_{first}", None)
        or getattr(resolution, f"title_{second}", None)
        or ""
    )


@register.filter
def has_text(resolution, language: str) -> bool:
    return getattr(resolution, f"title_{language}", None) is not None


@register.filter
def text_lang(language_code: str) -> str:
    """The text language of an interface language code: ``zh-hans`` → ``zh``."""
    return "zh" if (language_code or "").startswith("zh") else "en"


@register.filter
def html_lang(language: str) -> str:
    """``zh`` → ``zh-Hans`` for the ``lang`` attribute (the font and line-breaking rules)."""
    return "zh-Hans" if (language or "").startswith("zh") else "en"


@register.simple_tag
def cited_text(segments, language: str = "en") -> SafeString:
    """Clause or note text with each cited symbol linked; every piece escaped.

    Links go to our page when the archive has the cited resolution, else to undocs.org,
    marked as external; a symbol that is no valid symbol stays plain text.  The pieces are
    joined once at the end (adding SafeStrings one by one copies the text so far each time,
    which made a clause of 250,000 citations take minutes).
    """
    parts: list[str] = []
    for segment in segments:
        ref = segment.ref
        internal = ref is not None and getattr(ref, "target_id", None)
        if ref is None:
            url = None
        elif internal:
            url = links.symbol_path(ref.symbol)
        else:
            url = links.undocs_url(ref.symbol, language or "en")
        if url is None:
            parts.append(conditional_escape(segment.text))
        elif internal:
            parts.append(
                format_html('<a class="cite internal" href="{}">{}</a>', url, segment.text)
            )
        else:
            parts.append(
                format_html(
                    '<a class="cite external" href="{}" rel="external noopener" title="{}">{}'
                    '<span class="ext" aria-hidden="true">↗</span></a>',
                    url,
                    _("%(symbol)s on undocs.org (not in this archive)") % {"symbol": ref.symbol},
                    segment.text,
                )
            )
    return mark_safe("".join(parts))  # every part is escaped above


@register.filter
def nth(number) -> str:
    """``89`` → ``89th`` in English; the bare number in Chinese (``第89次``)."""
    try:
        n = int(number)
    except (TypeError, ValueError):
        return ""
    if (get_language() or "").startswith("zh"):
        return str(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
