"""Analyzers for the Whoosh index: jieba for Chinese, stemming for English, CJK bigrams.

They are module-level classes so that Whoosh can pickle the schema that names them.

* :data:`MIXED` cuts CJK runs with jieba (its dictionary extended with the UN terms in
  ``search/data/un_terms_zh.txt``) and Latin words with a regular expression, lower-cases,
  drops English stop words and stems English words (Porter).  Both languages share it, so
  a mixed query needs no language switch.
* :data:`BIGRAMS` emits the overlapping character bigrams of every CJK run, numbered by
  their character offset: a phrase of the query's bigrams matches exactly the clauses that
  contain the query literally, however jieba cut them.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import jieba
from whoosh.analysis import Filter, LowercaseFilter, StopFilter, Token, Tokenizer
from whoosh.lang.porter import stem

from resolutions.parsing.scripts import CJK, CJK_RUN

TERMS_FILE = Path(__file__).resolve().parent / "data" / "un_terms_zh.txt"

# A CJK run, or a Latin/digit word (apostrophes inside a word kept: "States'" → "states").
_TOKEN = re.compile(f"(?P<cjk>[{CJK}]+)|(?P<word>[^\\W_{CJK}]+(?:['’][^\\W_{CJK}]+)*)")

_jieba_lock = threading.Lock()
_jieba_ready = False


def ensure_jieba() -> None:
    """Initialise jieba once per process, quietly, with the UN terms added."""
    global _jieba_ready
    if _jieba_ready:
        return
    with _jieba_lock:
        if _jieba_ready:
            return
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        for term in un_terms():
            jieba.add_word(term, freq=max(jieba.get_FREQ(term) or 0, 20000))
        _jieba_ready = True


def un_terms() -> list[str]:
    """The extra dictionary words (comments and blank lines skipped)."""
    lines = TERMS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip() and not line.startswith("#")]


def cut(text: str) -> list[str]:
    """jieba's words of a CJK string (the same cut the index makes)."""
    ensure_jieba()
    return [word for word, _start, _end in jieba.tokenize(text)]


class MixedTokenizer(Tokenizer):
    """jieba words for CJK runs, regular-expression words for everything else."""

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        ensure_jieba()
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for match in _TOKEN.finditer(value):
            if match.group("cjk"):
                base = match.start()
                pieces = [(w, base + s, base + e) for w, s, e in jieba.tokenize(match.group())]
            else:
                pieces = [(match.group(), match.start(), match.end())]
            for word, start, end in pieces:
                t.text = word
                t.boost = 1.0
                t.stopped = False
                if keeporiginal:
                    t.original = word
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar, t.endchar = start_char + start, start_char + end
                pos += 1
                yield t


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    return stem(word)


class LatinStemFilter(Filter):
    """Porter-stems ASCII words and leaves everything else (Chinese words) alone."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if t.text.isascii() and t.text.isalpha():
                t.text = _stem(t.text)
            yield t


class BigramTokenizer(Tokenizer):
    """Overlapping bigrams of CJK runs (a lone CJK character as itself), position = offset."""

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for match in CJK_RUN.finditer(value):
            run, base = match.group(), match.start()
            grams = [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
            for i, gram in enumerate(grams):
                t.text = gram
                t.boost = 1.0
                t.stopped = False
                if keeporiginal:
                    t.original = gram
                if positions:
                    t.pos = start_pos + base + i
                if chars:
                    t.startchar = start_char + base + i
                    t.endchar = t.startchar + len(gram)
                yield t


def bigrams(text: str) -> list[str]:
    """The bigrams of one CJK string, in order ("议会联盟" → 议会, 会联, 联盟)."""
    return [text] if len(text) == 1 else [text[i : i + 2] for i in range(len(text) - 1)]


MIXED = MixedTokenizer() | LowercaseFilter() | StopFilter(minsize=1) | LatinStemFilter()
BIGRAMS = BigramTokenizer()


def analyze(text: str) -> list[str]:
    """The terms :data:`MIXED` makes of ``text`` (for queries)."""
    return [t.text for t in MIXED(text)]


# The analysers above, as one loop each: what the index writer needs of a text (every
# term with its positions), without a Token object and a generator per filter.  The
# segment writer uses them when a field's analyser is exactly MIXED or BIGRAMS; a test
# holds them to the analysers' own output.

_STOPS = frozenset(MIXED.items[2].stops)


def mixed_positions(value: str) -> dict[str, list[int]]:
    """Each term :data:`MIXED` makes of ``value``, with its positions (stop words renumbered)."""
    ensure_jieba()
    found: dict[str, list[int]] = {}
    raw = 0  # the tokenizer's position
    pos = None  # the last kept token's position (StopFilter renumbers after the first)
    stops = _STOPS
    for match in _TOKEN.finditer(value):
        word = match.group("word")
        pieces = [w for w, _s, _e in jieba.tokenize(match.group())] if word is None else [word]
        for piece in pieces:
            text = piece.lower()
            if text and text not in stops:
                pos = raw if pos is None else pos + 1
                if text.isascii() and text.isalpha():
                    text = _stem(text)
                found.setdefault(text, []).append(pos)
            raw += 1
    return found


def bigram_positions(value: str) -> dict[str, list[int]]:
    """Each bigram :data:`BIGRAMS` makes of ``value``, with its positions (character offsets)."""
    found: dict[str, list[int]] = {}
    for match in CJK_RUN.finditer(value):
        run, base = match.group(), match.start()
        if len(run) == 1:
            found.setdefault(run, []).append(base)
            continue
        for i in range(len(run) - 1):
            found.setdefault(run[i : i + 2], []).append(base + i)
    return found
