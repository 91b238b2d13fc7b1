"""Fuzzing the readers: they return a structure or raise our ParseError, nothing else.

Inputs are built from real fragments (lines of the seeds and corpus samples, AKN elements),
shuffled, truncated and corrupted, plus random bytes and malformed XML.  The example counts
are bounded for CI; set ``UNRES_FUZZ_EXAMPLES=5000`` for a longer run now and then.
Failures hypothesis found once are kept below as ``@example`` regression cases.
"""

from __future__ import annotations

import contextlib
import os
import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from resolutions.parsing.akn import parse_akn
from resolutions.parsing.citations import find_citations
from resolutions.parsing.encoding import decode_text
from resolutions.parsing.formats import detect_format
from resolutions.parsing.metadata import parse_metadata
from resolutions.parsing.structure import ParsedDocument, ParseError
from resolutions.parsing.text import parse_text
from tests.conftest import SAMPLES

EXAMPLES = int(os.environ.get("UNRES_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)

_rng = random.Random(7)
_LINES = sorted(
    {
        line
        for path in sorted(SAMPLES.rglob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
)
LINES = _rng.sample(_LINES, 600)
FRAGMENTS = [
    "The General Assembly,",
    "大会，",
    "Resolution adopted by the General Assembly on 13 December 2010",
    "2010年12月13日大会决议",
    "65/123.\tCooperation between the United Nations",
    "\t1.\tDecides to include in the provisional agenda;",
    "(a)\t",
    "㈠",
    "¹",
    "<sup>1</sup>",
    "[^1]: A/65/382-S/2010/490.",
    "第57/32号决议",
    "resolutions 57/47 of 21 November 2002, 59/19 of 8 November 2004 and",
    "__________________",
    "*1051992*",
    "10-51992 (E)",
    "---\nsymbol: A/RES/80/1\n---",
    "**鼓励**",
    "64th plenary meeting",
    "第 89次全体会议",
    "3369(XXX)",
    "https://undocs.org/ch/A/RES/57/32",
    "<<ODS JOB NO>>N1051992E<<ODS JOB NO>>",
]

pieces = st.sampled_from(LINES + FRAGMENTS)
separators = st.sampled_from(["\n", "\n\n", " ", "", "\t", "，", "\n \n"])


@st.composite
def resolution_like_text(draw) -> str:
    parts = draw(st.lists(st.tuples(pieces, separators), min_size=1, max_size=40))
    text = "".join(p + s for p, s in parts)
    if draw(st.booleans()):  # truncate
        text = text[: draw(st.integers(0, len(text)))]
    if draw(st.booleans()):  # corrupt: insert random characters
        for _ in range(draw(st.integers(1, 5))):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.text(min_size=1, max_size=3)) + text[at:]
    return text


def _parses_or_refuses(text: str) -> None:
    try:
        doc = parse_text(text)
    except ParseError as exc:
        assert str(exc)
        return
    assert isinstance(doc, ParsedDocument)
    assert doc.language in ("zh", "en")


@FUZZ
@given(resolution_like_text())
@example("大会，\n\n1.")
@example("The General Assembly,\n1.\n(a)\n[^1]:")
def test_text_parser_returns_a_document_or_a_parse_error(text):
    _parses_or_refuses(text)


@FUZZ
@given(st.text(max_size=2000))
def test_text_parser_survives_arbitrary_unicode(text):
    _parses_or_refuses(text)


@FUZZ
@given(resolution_like_text(), st.sampled_from(["zh", "en"]))
def test_citation_finder_never_raises(text, language):
    for citation in find_citations(text, language):
        assert citation.kind in ("resolution", "decision", "document")


@FUZZ
@given(st.binary(max_size=4000))
@example(b"\x00\x00\xfe\xff")
@example(b"\xef\xbb\xbf<")
def test_random_bytes_are_read_or_refused(data):
    try:
        fmt = detect_format(data)
    except ParseError:
        return
    assert fmt in ("akn", "metadata", "text")
    if fmt == "text":
        with contextlib.suppress(ParseError):
            _parses_or_refuses(decode_text(data))


AKN_PIECES = [
    '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">',
    "<statement>",
    '<meta><identification><FRBRWork><FRBRuri value="/akn/un/statement/deliberation/unga/'
    '2023-12-22/78-247/"/></FRBRWork><FRBRExpression><FRBRlanguage language="eng"/>'
    "</FRBRExpression></identification></meta>",
    "<preface><p><docNumber>78/247.</docNumber><docTitle>Report</docTitle></p></preface>",
    '<preamble><container name="Recalling" eId="container_1"><p>Recalling its resolution '
    '<a href="https://undocs.org/en/A/RES/75/247">75/247</a>,</p></container></preamble>',
    '<mainBody><paragraph eId="para_1"><num>1.</num><content><p>Decides;'
    '<authorialNote marker="1"><p>A/78/286.</p></authorialNote></p></content></paragraph>',
    "<list><point><num>(a)</num><content><p>first</p></content></point></list>",
    "</mainBody>",
    "<conclusions><p>50th plenary meeting</p></conclusions>",
    "</statement>",
    "</akomaNtoso>",
]


@FUZZ
@given(st.lists(st.sampled_from(AKN_PIECES), max_size=20), st.integers(0, 5000))
def test_malformed_akn_is_read_or_refused(pieces, cut):
    data = "".join(pieces).encode()[:cut]
    try:
        docs = parse_akn(data)
    except ParseError:
        return
    assert all(isinstance(d, ParsedDocument) for d in docs)


def test_entity_bomb_is_refused_without_expansion():
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        + b"".join(
            b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
            for i in range(1, 10)
        )
        + b']>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
        b"<statement>&lol9;</statement></akomaNtoso>\n"
    )
    try:
        parse_akn(bomb)
    except ParseError as exc:
        assert exc.line == 2
    else:
        raise AssertionError("a DTD with entities must be refused")


def test_external_entity_is_refused():
    xxe = (
        b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&e;</akomaNtoso>'
    )
    try:
        docs = parse_akn(xxe)
    except ParseError:
        return
    assert "root:" not in repr(docs)


@FUZZ
@given(st.lists(st.text(max_size=80), max_size=10))
def test_metadata_lines_are_read_or_refused(lines):
    with contextlib.suppress(ParseError):
        parse_metadata("\n".join(lines))


def test_ten_megabyte_line_parses_or_is_refused():
    """A single 10 MB line (no line breaks) returns or raises ParseError; never hangs."""
    line = ("Recalling its resolution 57/32 of 19 November 2002, " * 200_000)[:10_000_000]
    _parses_or_refuses("The General Assembly,\n" + line)
