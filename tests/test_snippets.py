"""Snippets show why a clause matched (issue 18): whole words, marked cuts, the matches inside.

500 queries are drawn with a fixed seed from the clauses of session 78 in both languages
(``../shared/corpus/unxml``): one to three words of a clause (English), a two- to four-character
span of it (Chinese), or a quoted phrase of three to five consecutive English words.  Each
query's snippet is made for the clause it was drawn from and for up to four other clauses that
contain it, and every snippet is checked against the rules:

* it is the clause text from one place to another, with "…" exactly where it was cut;
* each cut falls on a word boundary (a jieba word in Chinese, punctuation or space elsewhere);
* it holds the query's Chinese strings and a quoted phrase whole, and marks an English word of
  the query, wherever the clause has them.

The test prints the share of snippets that keep every rule and the first that do not.
"""

from __future__ import annotations

import html
import random
import re
import tarfile

import pytest

from resolutions.parsing.akn import parse_akn
from search.analysis import MIXED
from search.highlight import SNIPPET_CHARS, snippet
from search.query import parse
from tests.conftest import UNXML

QUERIES = 500
SEED = 18
MARK = re.compile(r"</?mark>")
WORD = re.compile(r"[A-Za-z]{4,}")
CJK = re.compile(r"[\u4e00-\u9fff]{2,}")


@pytest.fixture(scope="module")
def clauses() -> dict[str, list[str]]:
    if not UNXML.is_dir():
        pytest.skip("../shared/corpus/unxml is not beside the checkout")
    found: dict[str, list[str]] = {"en": [], "zh": []}
    for language, name in (("en", "English"), ("zh", "Chinese")):
        with tarfile.open(UNXML / f"78session-{name}.tar.xz") as archive:
            for member in archive:
                if not member.isfile() or not member.name.endswith(".xml"):
                    continue
                try:
                    docs = parse_akn(archive.extractfile(member).read())
                except Exception:  # noqa: BLE001 - a file in another language
                    continue
                found[language].extend(c.text for d in docs for c in d.clauses if c.text)
    return found


def _query(rng: random.Random, text: str, language: str) -> str | None:
    if language == "zh":
        runs = [m for m in CJK.finditer(text) if len(m.group()) >= 2]
        if not runs:
            return None
        run = rng.choice(runs).group()
        size = rng.randint(2, min(4, len(run)))
        start = rng.randrange(len(run) - size + 1)
        return run[start : start + size]
    words = WORD.findall(text)
    if len(words) < 5:
        return None
    if rng.random() < 0.3:
        all_words = text.split()
        size = rng.randint(3, 5)
        start = rng.randrange(max(1, len(all_words) - size))
        phrase = " ".join(w.strip(",.;:()") for w in all_words[start : start + size])
        return f'"{phrase}"' if len(phrase.split()) >= 3 else None
    return " ".join(rng.sample(words, rng.randint(1, 3)))


def _boundaries(text: str) -> tuple[set[int], set[int]]:
    tokens = [(t.startchar, t.endchar) for t in MIXED(text, chars=True, removestops=False)]
    return {s for s, _ in tokens} | {0}, {e for _, e in tokens} | {len(text)}


def _broken_rules(text: str, query: str, shown: str) -> list[str]:
    """What is wrong with this snippet of ``text`` (nothing: an empty list)."""
    parsed = parse(query)
    inner = html.unescape(MARK.sub("", shown))
    cut_before, cut_after = inner.startswith("…"), inner.endswith("…")
    inner = inner.removeprefix("…").removesuffix("…")
    lo = text.find(inner)
    if lo < 0:
        return ["not a stretch of the clause"]
    hi = lo + len(inner)
    broken = []
    if cut_before != (lo > 0) or cut_after != (hi < len(text)):
        broken.append("an ellipsis where nothing was cut, or a cut without one")
    starts, ends = _boundaries(text)
    if lo not in starts and text[lo - 1].isalnum() and text[lo].isalnum():
        broken.append(f"starts inside a word: …{text[max(0, lo - 8) : lo + 8]!r}")
    if hi not in ends and text[hi - 1].isalnum() and text[hi].isalnum():
        broken.append(f"ends inside a word: {text[max(0, hi - 8) : hi + 8]!r}…")
    for needle in parsed.needles:
        if needle in text and needle not in inner and len(needle) <= SNIPPET_CHARS:
            broken.append(f"misses {needle!r}")
    for chunk in parsed.chunks:
        if chunk.quoted and not CJK.search(chunk.text):
            words = chunk.text.split()
            pattern = re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", re.I)
            if pattern.search(text) and not pattern.search(inner):
                broken.append(f"cuts the phrase {chunk.text!r}")
    if parsed.terms and "<mark>" not in shown:
        analysed = {t.text for t in MIXED(text, chars=True, removestops=False)}
        if analysed & parsed.terms:
            broken.append("marks no word of the query")
    return broken


def test_snippets_start_and_end_on_words_and_hold_the_matches(clauses):
    rng = random.Random(SEED)
    checked, failures = 0, []
    queries = 0
    while queries < QUERIES:
        language = "zh" if queries % 2 else "en"
        text = rng.choice(clauses[language])
        query = _query(rng, text, language)
        if not query:
            continue
        queries += 1
        probe = query.strip('"').split()[0].lower()
        others = [t for t in rng.sample(clauses[language], 200) if probe in t.lower()][:4]
        for clause in [text, *others]:
            checked += 1
            broken = _broken_rules(clause, query, str(snippet(clause, parse(query))))
            if broken:
                failures.append(f"{query!r}: {'; '.join(broken)}")
    rate = 1 - len(failures) / checked
    print(f"\nsnippets keeping every rule: {checked - len(failures)}/{checked} ({rate:.2%})")
    for line in failures[:20]:
        print("  ", line)
    assert not failures
