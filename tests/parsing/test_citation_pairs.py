"""The Chinese and the English text of one resolution cite the same General Assembly
resolutions.

Every resolution of the UN's AKN corpus (sessions 75–78) that has both a Chinese and an
English file is read with :func:`parse_akn`; the two sets of cited ``A/RES/…`` symbols
(the XML reader's references: clauses, sub-paragraphs, footnotes, annexes, and the links
that agree with their text) must be equal in at least 97 % of the resolutions.  The test
prints the rate and, for every other resolution, the symbols only one side has and where
that side cites them — the reason to look at first.
"""

from __future__ import annotations

import tarfile
from collections import defaultdict

import pytest

from resolutions.parsing.akn import parse_akn
from resolutions.parsing.structure import ParsedDocument, ParseError
from tests.conftest import SHARED

UNXML = SHARED / "corpus" / "unxml"
REQUIRED = 0.97

pytestmark = pytest.mark.skipif(not UNXML.is_dir(), reason="../shared/corpus/unxml is not here")


def cited_resolutions(doc: ParsedDocument) -> dict[str, str]:
    """The General Assembly resolutions ``doc`` cites, each with the first place citing it."""
    cited: dict[str, str] = {}
    for ref in doc.references:
        if ref.symbol.startswith("A/RES/"):
            cited.setdefault(ref.symbol, ref.cited_in)
    return cited


def read_corpus() -> dict[str, dict[str, tuple[str, ParsedDocument]]]:
    """symbol → language → (file name, document), for every resolution read."""
    by_symbol: dict[str, dict[str, tuple[str, ParsedDocument]]] = defaultdict(dict)
    for archive in sorted(UNXML.glob("*session-*.tar.xz")):
        with tarfile.open(archive) as tar:
            for member in tar:
                if not member.isfile() or not member.name.endswith(".xml"):
                    continue
                try:
                    docs = parse_akn(tar.extractfile(member).read())  # type: ignore[union-attr]
                except ParseError:
                    continue
                for doc in docs:
                    if doc.symbol:
                        by_symbol[doc.symbol][doc.language] = (member.name.rsplit("/", 1)[-1], doc)
    return by_symbol


def difference(zh: ParsedDocument, en: ParsedDocument) -> str:
    """'' when both texts cite the same resolutions, else what only one side cites."""
    zh_cited, en_cited = cited_resolutions(zh), cited_resolutions(en)
    out = []
    for side, mine, other in (("zh", zh_cited, en_cited), ("en", en_cited, zh_cited)):
        only = sorted(set(mine) - set(other))
        if only:
            out.append(f"only {side}: " + ", ".join(f"{s} ({mine[s]})" for s in only))
    return "; ".join(out)


def test_chinese_and_english_texts_cite_the_same_resolutions():
    corpus = read_corpus()
    pairs = {s: langs for s, langs in corpus.items() if {"zh", "en"} <= set(langs)}
    assert len(pairs) > 1000, f"only {len(pairs)} resolutions have both languages"
    others = []
    for symbol in sorted(pairs):
        (zh_name, zh), (en_name, en) = pairs[symbol]["zh"], pairs[symbol]["en"]
        why = difference(zh, en)
        if why:
            others.append(f"{symbol} [{zh_name} | {en_name}]: {why}")
    rate = 1 - len(others) / len(pairs)
    print(f"\nzh/en pairs citing the same resolutions: {len(pairs) - len(others)}/{len(pairs)}")
    print(f"rate {rate:.2%}")
    for line in others:
        print("  ", line)
    assert rate >= REQUIRED, f"only {rate:.2%} of the zh/en pairs cite the same resolutions"
