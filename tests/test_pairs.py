"""A resolution's Chinese and English texts are compared (issue 15: the archive checks itself).

The pair is real: A/RES/78/10 in both languages from the UN's XML (``../shared/corpus/unxml``),
whose two texts agree — 9 operative paragraphs each (``<num>1.</num>`` to ``<num>9.</num>`` in
the English XML's body), adopted at the 38th plenary meeting.  The
disagreeing English text is made from the XML the way a user's extraction would differ:
rendered as plain text with one operative paragraph lost and another meeting number.
"""

from __future__ import annotations

import io
import re
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command

from resolutions import pairs
from resolutions.links import resolution_path
from resolutions.models import Resolution
from resolutions.parsing.akn import parse_akn
from resolutions.parsing.render import render_word_text
from tests.conftest import clear_archive, html

pytestmark = pytest.mark.django_db
SYMBOL = "A/RES/78/10"
OPERATIVE, MEETING = 9, 38  # read off the English XML


def _member(unxml: Path, language: str, tmp_path: Path) -> Path:
    """The XML file of A/RES/78/10 in ``language`` ("Chinese", "English"), copied out."""
    with tarfile.open(unxml / f"78session-{language}.tar.xz") as archive:
        for member in archive:
            if re.search(r"/A_RES_78_10-", member.name):
                out = tmp_path / Path(member.name).name
                out.write_bytes(archive.extractfile(member).read())
                return out
    raise AssertionError(f"A/RES/78/10 not in the {language} archive")


@pytest.fixture
def pair(unxml, tmp_path):
    clear_archive()
    zh, en = _member(unxml, "Chinese", tmp_path), _member(unxml, "English", tmp_path)
    call_command("ingest", str(zh), str(en), stdout=io.StringIO(), stderr=io.StringIO())
    yield zh, en
    clear_archive()


def _english_text_losing_a_paragraph(en: Path, out: Path) -> Path:
    (doc,) = parse_akn(en.read_bytes())
    assert [c.kind for c in doc.clauses].count("operative") == OPERATIVE
    assert doc.meeting == MEETING
    text = render_word_text(doc)
    last = next(c for c in doc.clauses if c.kind == "operative" and c.number == OPERATIVE)
    lines = text.splitlines()
    lost = [i for i, line in enumerate(lines) if last.text[:40] in line]
    assert len(lost) == 1
    del lines[lost[0]]
    closing = re.compile(rf"^{doc.meeting}(?:st|nd|rd|th) plenary meeting$")
    (at,) = [i for i, line in enumerate(lines) if closing.match(line.strip())]
    lines[at] = f"{doc.meeting + 1}th plenary meeting"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def test_agreeing_pair_has_no_difference(pair):
    resolution = Resolution.objects.get(symbol=SYMBOL)
    assert pairs.difference_of(resolution) is None
    out = io.StringIO()
    call_command("check_archive", "--pairs", stdout=out)
    assert out.getvalue().strip() == "zh/en pairs that disagree: 0 of 1"


def test_pair_differences_name_counts_meeting_and_first_place(pair, tmp_path):
    _, en = pair
    text = _english_text_losing_a_paragraph(en, tmp_path / "A_RES_78_10_en.txt")
    err = io.StringIO()
    ingest_out = io.StringIO()
    call_command("ingest", str(text), stdout=ingest_out, stderr=err)
    assert "plenary meeting" in err.getvalue()  # warned, not refused: one fact differs
    assert "zh/en pairs that disagree: 1 of 1" in ingest_out.getvalue()

    resolution = Resolution.objects.get(symbol=SYMBOL)
    difference = pairs.difference_of(resolution)
    assert difference is not None
    assert difference.counts == {"operative": (OPERATIVE, OPERATIVE - 1)}
    assert difference.metadata == {"meeting": (MEETING, MEETING + 1)}
    # where they part: the first place a citation differs, else past the shorter text
    assert difference.first_part == "operative 9", difference.first_part

    out = io.StringIO()
    call_command("check_archive", "--pairs", stdout=out)
    listed = out.getvalue().splitlines()
    assert listed[0] == difference.line()
    assert listed[0].startswith(f"{SYMBOL}: operative zh 9 / en 8; ")
    assert "meeting zh 38 / en 39" in listed[0]
    assert listed[-1] == "zh/en pairs that disagree: 1 of 1"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Operative paragraphs: 9 in Chinese, 8 in English", "Plenary meeting: 38 in"]),
        ("zh-hans", ["执行部分段落：中文本 9 段，英文本 8 段", "全体会议：中文本为第 38 次"]),
    ],
)
def test_resolution_page_notes_how_the_texts_differ(client, pair, tmp_path, language, expected):
    _, en = pair
    text = _english_text_losing_a_paragraph(en, tmp_path / "A_RES_78_10_en.txt")
    call_command("ingest", str(text), stdout=io.StringIO(), stderr=io.StringIO())
    url = resolution_path(Resolution.objects.get(symbol=SYMBOL))
    page = html(client.get(url, HTTP_ACCEPT_LANGUAGE=language))
    assert 'class="pair-note"' in page
    for phrase in expected:
        assert phrase in page


def test_resolution_page_of_agreeing_pair_has_no_note(client, pair):
    url = resolution_path(Resolution.objects.get(symbol=SYMBOL))
    page = html(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
    assert "pair-note" not in page
