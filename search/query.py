"""From what a user typed to a Whoosh query: cleaning, symbols, phrases, both languages.

Every input parses: control characters go, the length is clamped, unbalanced quotes and
operator words are ignored; a repeated word counts once and a query keeps its first
:data:`~search.budget.MAX_QUERY_TERMS` terms (``terms_cut`` says it lost some).  A CJK
string becomes a phrase of its character bigrams (it matches exactly the clauses
containing it literally), boosted where jieba cut the clause the same way; English words
are stemmed and all required, a multi-word query boosted where its words stand together.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from whoosh import query as wq

from resolutions.parsing.symbols import canonical, canonical_resolution

from .analysis import CJK, CJK_RUN, analyze, bigrams, cut
from .budget import MAX_QUERY_TERMS

MAX_QUERY_CHARS = 200
OPERATORS = {"AND", "OR", "NOT", "TO"}
PHRASE_BOOST = 3.0  # the exact phrase (or jieba's whole word) over scattered matches

_QUOTED = re.compile(r'"([^"]*)"')
_CITES = re.compile(r"(?i)\bcites:\s*(\S+(?:\s+[A-Z](?![\w/]))?)")
_SYMBOL_FORMS = (
    re.compile(r"(?i)^(?:A\s*/\s*RES\s*/\s*)?(?P<s>(?:E?S-)?\d{1,3}\s*/\s*\d{1,4}(?:\s*[A-Z])?)$"),
    re.compile(r"(?i)^(?:GA\s+)?res(?:olution|\.)?\s*(?P<s>.+)$"),
    re.compile(r"^(?:大会)?第?\s*(?P<s>[^第号]+?)\s*号\s*决议$"),
    re.compile(r"^决议\s*(?P<s>.+)$"),
)
_DOC_SYMBOL = re.compile(r"^[A-Z]{1,6}(?:/[\w.()\-]+){2,}$")
_CJK_PART = re.compile(f"([{CJK}]+)")
_SPACED_CJK = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")
_LATIN_WORD = re.compile(r"\S+")


@dataclass
class Chunk:
    """A bare word or a quoted phrase of the query."""

    text: str
    quoted: bool = False


@dataclass
class ParsedQuery:
    text: str  # cleaned and clamped
    chunks: list[Chunk] = field(default_factory=list)
    symbol: str | None = None  # the whole query names this resolution
    cites: str | None = None  # list the clauses citing this symbol
    truncated: bool = False
    terms_cut: bool = False  # more than MAX_QUERY_TERMS terms: the rest was left out

    @property
    def needles(self) -> list[str]:
        """CJK strings the clauses must contain literally (what the highlighter marks)."""
        found: list[str] = []
        for chunk in self.chunks:
            text = re.sub(rf"(?<=[{CJK}])\s+(?=[{CJK}])", "", chunk.text)
            found.extend(CJK_RUN.findall(text))
        return list(dict.fromkeys(found))

    @property
    def terms(self) -> set[str]:
        """The analysed non-CJK terms (stems) of the query."""
        return {t for c in self.chunks for t in analyze(CJK_RUN.sub(" ", c.text))}

    @property
    def is_empty(self) -> bool:
        return not self.needles and not self.terms and not self.cites


def clean(raw: str) -> tuple[str, bool]:
    """NFKC, control characters replaced by spaces, whitespace collapsed, clamped."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_CHARS:
        return text[:MAX_QUERY_CHARS].rstrip(), True
    return text, False


def resolution_symbol(text: str) -> str | None:
    """``57/32``, ``A/RES/57/32``, ``resolution 57/32``, ``第57/32号决议`` → ``A/RES/57/32``."""
    for pattern in _SYMBOL_FORMS:
        m = pattern.match(text.strip())
        if m:
            symbol = canonical_resolution(m.group("s"))
            if symbol:
                return symbol
    return None


def cited_symbol(text: str) -> str:
    """The canonical symbol after ``cites:`` (a bare ``60/1`` is a GA resolution)."""
    return canonical_resolution(text) or canonical(text)


def _part_terms(part: str) -> int:
    """How many query terms one piece (a CJK run or Latin text) makes: its bigrams (a lone
    character: one) or its analysed words."""
    if CJK_RUN.fullmatch(part):
        return max(1, len(part) - 1)
    return len(analyze(part)) if part.strip() else 0


def _cut_chunk(text: str, room: int) -> tuple[str, int]:
    """The longest start of ``text`` making at most ``room`` terms, and how many it makes."""
    kept, used = "", 0
    for part in _CJK_PART.split(text):
        if not part:
            continue
        terms = _part_terms(part)
        if used + terms <= room:
            kept, used = kept + part, used + terms
            continue
        if CJK_RUN.fullmatch(part):
            if room - used:
                kept += part[: room - used + 1]  # room - used bigrams
                used = room
            return kept, used
        end = 0
        for m in _LATIN_WORD.finditer(part):  # word by word
            terms = len(analyze(m.group()))
            if used + terms > room:
                break
            end, used = m.end(), used + terms
        return kept + part[:end], used
    return kept, used


def _within_term_cap(parsed: ParsedQuery) -> None:
    """Repeated chunks once; chunks kept while their terms fit in MAX_QUERY_TERMS."""
    unique = list(dict.fromkeys((c.text, c.quoted) for c in parsed.chunks))
    chunks: list[Chunk] = []
    used = 0
    for text, quoted in unique:
        if quoted:  # spaces between CJK characters are dropped in a phrase
            text = _SPACED_CJK.sub("", text)
        kept, terms = _cut_chunk(text, MAX_QUERY_TERMS - used)
        if kept != text:
            parsed.terms_cut = True
        if kept.strip() and terms:
            chunks.append(Chunk(kept.strip(), quoted))
            used += terms
        elif not terms and not parsed.terms_cut:
            chunks.append(Chunk(text, quoted))  # stop words only: harmless, kept as typed
        if parsed.terms_cut:
            break
    parsed.chunks = chunks


def parse(raw: str) -> ParsedQuery:
    """Parse any input; never raises."""
    text, truncated = clean(raw)
    parsed = ParsedQuery(text=text, truncated=truncated)
    rest = text
    m = _CITES.search(rest)
    if m:
        parsed.cites = cited_symbol(m.group(1))
        rest = (rest[: m.start()] + " " + rest[m.end() :]).strip()
    elif (symbol := resolution_symbol(rest)) is not None:
        parsed.symbol = symbol
        return parsed
    elif _DOC_SYMBOL.match(rest):
        parsed.cites = canonical(rest)
        return parsed
    for i, piece in enumerate(_QUOTED.split(rest)):
        if i % 2:  # inside a pair of quotes
            if piece.strip():
                parsed.chunks.append(Chunk(piece.strip(), quoted=True))
            continue
        for word in piece.replace('"', " ").split():
            if word not in OPERATORS:
                parsed.chunks.append(Chunk(word))
    _within_term_cap(parsed)
    return parsed


def _cjk_query(run: str) -> wq.Query:
    """Literal match of a CJK string, boosted where jieba made the same words."""
    grams = bigrams(run)
    if len(run) == 1:  # a lone character: a bigram starting or ending with it
        literal: wq.Query = wq.Or(
            [wq.Term("bigrams", run), wq.Prefix("bigrams", run), wq.Wildcard("bigrams", "?" + run)]
        )
    elif len(grams) == 1:
        literal = wq.Term("bigrams", grams[0])
    else:
        literal = wq.Phrase("bigrams", grams)
    words = cut(run)
    # The boost is for clauses that jieba cut into the same words.  A one-character word
    # (的, 年, 号, 在 …) says nothing about the cut and is in nearly every clause: a phrase
    # with one would cost a scan of its postings for no difference in the order.
    if len(run) == 1 or not words or any(len(w) == 1 for w in words):
        return literal
    same_cut = wq.Term("text", words[0]) if len(words) == 1 else wq.Phrase("text", words)
    same_cut.boost = PHRASE_BOOST
    return wq.AndMaybe(literal, same_cut)


def _latin_query(text: str, phrase: bool) -> tuple[wq.Query | None, list[str]]:
    terms = analyze(text)
    if not terms:
        return None, []
    if len(terms) == 1:
        return wq.Term("text", terms[0]), terms
    if phrase:
        return wq.Phrase("text", terms), terms
    return wq.And([wq.Term("text", t) for t in terms]), terms


def _chunk_query(chunk: Chunk) -> tuple[list[wq.Query], list[str]]:
    """Required queries of one chunk, and its Latin terms (for the phrase boost)."""
    text = chunk.text
    if chunk.quoted:
        text = re.sub(rf"(?<=[{CJK}])\s+(?=[{CJK}])", "", text)
    required: list[wq.Query] = []
    latin_terms: list[str] = []
    for part in re.split(f"([{CJK}]+)", text):
        if not part.strip():
            continue
        if CJK_RUN.fullmatch(part):
            required.append(_cjk_query(part))
        else:
            # Words joined by hyphens or slashes stand together ("Inter-Parliamentary").
            q, terms = _latin_query(part, phrase=chunk.quoted or len(analyze(part)) > 1)
            if q is not None:
                required.append(q)
                latin_terms.extend(terms)
    return required, latin_terms


def build(parsed: ParsedQuery) -> wq.Query | None:
    """The Whoosh query of the text part (None when nothing searchable is left)."""
    required: list[wq.Query] = []
    latin: list[str] = []
    for chunk in parsed.chunks:
        parts, terms = _chunk_query(chunk)
        required.extend(parts)
        latin.extend(terms)
    if parsed.cites:
        required.append(wq.Term("cites", parsed.cites))
    if not required:
        return None
    main = required[0] if len(required) == 1 else wq.And(required)
    unquoted_words = [c for c in parsed.chunks if not c.quoted]
    if len(latin) > 1 and len(unquoted_words) > 1:
        boost = wq.Phrase("text", latin, boost=PHRASE_BOOST)
        return wq.AndMaybe(main, boost)
    return main
