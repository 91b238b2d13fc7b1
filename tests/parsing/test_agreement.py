"""Agreement check between our two readers: the AKN XML reader and the plain-text parser.

Every resolution of the UN's AKN XML corpus (sessions 75–78) is read with
:func:`parse_akn`, rendered to the plain text a Word export of it would give
(:func:`tests.parsing.render.render_word_text`) and read back with :func:`parse_text`.
The two readings must agree on:

* the number of preambular and of operative paragraphs;
* the number of footnotes;
* the resolutions cited.  "Cited" means the citations visible in the text: on the text
  side the resolution references ``parse_text`` finds, on the XML side
  :func:`find_citations` over the XML reader's clause, sub-paragraph and footnote texts.
  The XML reader's own references also hold hyperlinks whose anchor text has no symbol
  (the title of the Universal Declaration of Human Rights links to resolution 217 (III)
  A); no reader of the text can see those, so they are not part of the comparison.

At least 98 % of the texts of each language must agree; the test prints the rate and
every text that does not, with what differs.  Texts in other languages (three files are
French, Spanish and Arabic) are skipped.
"""

from __future__ import annotations

import tarfile
from dataclasses import dataclass

import pytest

from resolutions.parsing.akn import parse_akn
from resolutions.parsing.citations import find_citations
from resolutions.parsing.render import render_word_text
from resolutions.parsing.structure import (
    ParsedDocument,
    ParseError,
    Subparagraph,
    UnsupportedLanguage,
)
from resolutions.parsing.text import parse_text
from tests.conftest import SHARED

UNXML = SHARED / "corpus" / "unxml"
REQUIRED = 0.98


@dataclass(frozen=True)
class Reading:
    preambular: int
    operative: int
    footnotes: int
    resolutions: frozenset[str]


def _resolutions(text: str, language: str) -> set[str]:
    return {c.symbol for c in find_citations(text, language) if c.kind == "resolution"}


def _sub_texts(subs: list[Subparagraph]) -> list[str]:
    out = []
    for sub in subs:
        out.append(sub.text)
        out.extend(_sub_texts(sub.children))
    return out


def xml_reading(doc: ParsedDocument) -> Reading:
    """What the XML reader found, with the citations visible in its texts."""
    cited: set[str] = set()
    for clause in doc.clauses:
        for text in [clause.text, *_sub_texts(clause.subparagraphs)]:
            cited |= _resolutions(text, doc.language)
    for note in doc.footnotes:
        cited |= _resolutions(note.text, doc.language)
    return Reading(len(doc.preambular), len(doc.operative), len(doc.footnotes), frozenset(cited))


def text_reading(doc: ParsedDocument) -> Reading:
    cited = {r.symbol for r in doc.references if r.kind == "resolution"}
    return Reading(len(doc.preambular), len(doc.operative), len(doc.footnotes), frozenset(cited))


def differences(xml: Reading, text: Reading) -> str:
    out = []
    for name in ("preambular", "operative", "footnotes"):
        a, b = getattr(xml, name), getattr(text, name)
        if a != b:
            out.append(f"{name} xml {a} text {b}")
    if xml.resolutions != text.resolutions:
        only_xml = sorted(xml.resolutions - text.resolutions)
        only_text = sorted(text.resolutions - xml.resolutions)
        out.append(f"resolutions only in xml {only_xml}, only in text {only_text}")
    return "; ".join(out)


def compare(doc: ParsedDocument) -> str:
    """ "" when the text parser reads the rendered ``doc`` as the XML reader did."""
    try:
        parsed = parse_text(render_word_text(doc))
    except ParseError as exc:
        return f"text parser error: {exc}"
    return differences(xml_reading(doc), text_reading(parsed))


@pytest.mark.parametrize("language", ["English", "Chinese"])
def test_text_parser_agrees_with_xml_reader(language):
    archives = sorted(UNXML.glob(f"*session-{language}.tar.xz"))
    if not archives:
        pytest.skip(f"no {language} archives in {UNXML}")
    total = 0
    disagreements: list[str] = []
    for archive in archives:
        with tarfile.open(archive) as tar:
            for member in tar:
                if not member.isfile():
                    continue
                data = tar.extractfile(member).read()
                try:
                    docs = parse_akn(data)
                except UnsupportedLanguage:
                    continue
                for doc in docs:
                    total += 1
                    why = compare(doc)
                    if why:
                        disagreements.append(f"{member.name} {doc.symbol}: {why}")
    assert total, f"no {language} resolutions read"
    rate = 1 - len(disagreements) / total
    print(f"\n{language}: {total - len(disagreements)}/{total} texts agree ({rate:.2%})")
    for line in disagreements:
        print("  ", line)
    assert rate >= REQUIRED, f"{language}: only {rate:.2%} of the texts agree"
