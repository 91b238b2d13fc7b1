"""The Akoma Ntoso export is valid AKN 3.0 and reads back to the same structure (issue 20).

Every resolution of session 78 in both languages (``../shared/corpus/unxml``) is read with the
XML reader, written with :func:`write_akn`, validated against the OASIS schema
(``../shared/schemas/akn30``) and read again: symbol, language, date, meeting, title, every
preambular and operative paragraph (lead, text, footnotes, sub-paragraphs), the footnotes and
the references must come back as they went out.  Every export must be valid; at least 96 % of
each language must read back identical (the rest: preambular paragraphs inside the sections of
a sectioned resolution, which the writer puts in the preamble, and a few links to other bodies'
documents whose anchor text the export does not know).  The test prints how many did and lists
the others.
"""

from __future__ import annotations

import tarfile

import pytest
from lxml import etree

from resolutions.parsing.akn import parse_akn
from resolutions.parsing.akn_write import write_akn
from resolutions.parsing.structure import ParseError
from tests.conftest import SHARED

UNXML = SHARED / "corpus" / "unxml"
SCHEMA = SHARED / "schemas" / "akn30" / "akomantoso30.xsd"
ROUND_TRIP = 0.96
FIELDS = ("symbol", "language", "adopted", "meeting", "title", "preambular", "operative")


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    if not SCHEMA.is_file():
        pytest.skip("../shared/schemas/akn30 is not beside the checkout")
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def _documents(language: str):
    with tarfile.open(UNXML / f"78session-{language}.tar.xz") as archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".xml"):
                try:
                    docs = parse_akn(archive.extractfile(member).read())
                except ParseError:  # a file in another language
                    continue
                for doc in docs:
                    yield member.name, doc.to_json(file=member.name)


def _differences(out: dict, back: dict) -> list[str]:
    found = [name for name in FIELDS if out.get(name) != back.get(name)]
    if out["footnotes"] != back["footnotes"]:
        found.append("footnotes")
    key = lambda r: (r["symbol"], r["kind"], r["cited_in"])  # noqa: E731
    if sorted(map(key, out["references"])) != sorted(map(key, back["references"])):
        found.append("references")
    return found


@pytest.mark.parametrize("language", ["English", "Chinese"])
def test_export_is_valid_akn_and_reads_back_the_same(schema, language):
    if not UNXML.is_dir():
        pytest.skip("../shared/corpus/unxml is not beside the checkout")
    total, invalid, differing = 0, [], []
    for name, out in _documents(language):
        total += 1
        xml = write_akn(out)
        if not schema.validate(etree.fromstring(xml)):
            invalid.append(f"{name}: {schema.error_log.last_error}")
            continue
        (back,) = parse_akn(xml)
        wrong = _differences(out, back.to_json(file=name))
        if wrong:
            differing.append(f"{name}: {', '.join(wrong)}")
    same = total - len(invalid) - len(differing)
    print(f"\n{language}: {same}/{total} exports valid and read back the same")
    for line in (invalid + differing)[:15]:
        print("  ", line)
    assert total > 300
    assert not invalid
    assert same / total >= ROUND_TRIP


def test_export_of_a_text_without_date_or_body_is_still_valid(schema):
    out = {
        "symbol": None,
        "language": "en",
        "adopted": None,
        "meeting": None,
        "title": "A draft <with> markup & ampersands",
        "preambular": [],
        "operative": [],
        "footnotes": [],
        "references": [],
    }
    xml = write_akn(out)
    assert schema.validate(etree.fromstring(xml)), schema.error_log.last_error
    assert b"A draft &lt;with&gt; markup &amp; ampersands" in xml
