"""Every English sample in samples/en parses, with its symbol, date, paragraphs and footnotes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from resolutions.parsing.text import parse_text

ROOT = Path(__file__).resolve().parents[2]
EN = sorted((ROOT / "samples" / "en").glob("*.txt"))

# Footnote bodies counted by reading the page bottoms of the files that are not cleaned
# markdown (those are counted from their "[^n]:" lines below).
FOOTNOTES_READ = {
    "A_RES_73_3.txt": 7,
    "A_RES_73_6.txt": 6,
    "A_RES_73_8.txt": 1,
    "A_RES_80_1.txt": 1,
    "A_RES_80_2.txt": 1,
    "A_RES_80_3.txt": 16,
    "A_RES_80_5.txt": 15,
    "A_RES_80_6.txt": 10,
    "A_RES_80_7.txt": 3,
    "A_RES_80_8.txt": 6,
    "A_RES_80_10.txt": 13,
    "draft_A_C.3_56_right_to_development_UNDL453500.txt": 0,
    # Cleaned markdown whose extractor made "[^n]:" lines out of text (counted by reading):
    # "[^7]: February 1984." ends footnote 2 ("… as from 7 February 1984.");
    "A_RES_80_18.txt": 7,
    # "[^3]: A/79/88. 4. Decides …" holds operative paragraph 4 and the closing lines;
    "A_RES_80_57.txt": 3,
    # "[^1653]: (XVI) of 24 November 1961, …" is the rest of the preamble and the operatives;
    "A_RES_80_59.txt": 2,
    # "[^2321]: (2016) and 2375 (2017)." ends footnote 4.
    "A_RES_80_70.txt": 4,
}


def footnote_bodies(path: Path, text: str) -> int:
    if path.name in FOOTNOTES_READ:
        return FOOTNOTES_READ[path.name]
    return len(re.findall(r"^\[\^\w+\]:", text, re.M))


@pytest.mark.parametrize("path", EN, ids=lambda p: p.name)
def test_sample_parses_with_symbol_date_operatives_and_footnotes(path):
    text = path.read_text(encoding="utf-8")
    doc = parse_text(text)
    assert doc.language == "en"
    assert doc.operative, "at least one operative paragraph"
    assert len(doc.footnotes) == footnote_bodies(path, text)
    if path.name.startswith("draft_"):
        assert doc.draft and doc.symbol is None
        return
    expected = "A/RES/" + "/".join(path.stem.split("_")[2:4])
    assert doc.symbol == expected
    assert doc.adopted is not None
    assert doc.meeting is not None
    assert doc.session == int(path.stem.split("_")[2])


def test_footnote_markers_after_their_text_are_paired_in_order():
    doc = parse_text((ROOT / "samples/en/A_RES_73_6.txt").read_text(encoding="utf-8"))
    assert [f.marker for f in doc.footnotes] == ["1", "2", "3", "4", "5", "6"]
    assert doc.footnotes[1].text == "Resolution 70/1."
    assert doc.footnotes[3].text == "See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex."
    # footnote 6 runs over onto the next page
    assert doc.footnotes[5].text.endswith("A/AC.105/1180 and A/AC.105/1181.")


def test_spaced_pdftotext_markers_are_removed_and_recorded():
    doc = parse_text((ROOT / "samples/en/A_RES_73_6.txt").read_text(encoding="utf-8"))
    fifth = doc.preambular[4]
    assert fifth.footnotes == ["2", "3", "4"]
    assert fifth.text.startswith(
        "Convinced that the fulfilment of the 2030 Agenda for Sustainable Development, of the "
        "Sendai Framework for Disaster Risk Reduction 2015–2030 and of the commitments by States "
        "parties to the Paris Agreement requires stronger coordination"
    )


def test_page_furniture_is_not_in_clause_text():
    doc = parse_text((ROOT / "samples/en/A_RES_80_8.txt").read_text(encoding="utf-8"))
    body = " ".join(c.text for c in doc.clauses)
    assert "25-18947" not in body and "A/RES/80/8" not in body and "2/6" not in body
    assert "Olympic ideal" not in doc.footnotes[0].text


def test_paragraph_numbers_on_their_own_line_and_sub_paragraphs():
    doc = parse_text((ROOT / "samples/en/A_RES_80_1.txt").read_text(encoding="utf-8"))
    assert [c.number for c in doc.operative] == [1, 2, 3]
    assert doc.operative[0].lead == "Decides"
    assert [s.label for s in doc.operative[0].subparagraphs] == ["a", "b", "c"]
    assert doc.operative[0].subparagraphs[0].text == (
        "The State of Palestine may submit a pre‑recorded statement of its President, which "
        "will be played in the General Assembly Hall during the general debate of the Assembly "
        "at its eightieth session after introduction by its representative who is physically "
        "present in the Assembly Hall;"
    )
    assert doc.preambular[0].footnotes == ["1"]
    assert "Headquarters of the United Nations are prevented" in doc.preambular[0].text


def test_letter_i_after_h_is_a_letter_not_a_roman_numeral():
    doc = parse_text((ROOT / "samples/en/A_RES_80_12.txt").read_text(encoding="utf-8"))
    seventh = doc.operative[6]
    labels = [s.label for s in seventh.subparagraphs]
    assert labels == ["a", "b", "c", "d", "e", "f", "g", "h", "i"]


def test_political_declaration_paragraphs_are_operative_clauses():
    doc = parse_text((ROOT / "samples/en/A_RES_73_3.txt").read_text(encoding="utf-8"))
    assert doc.operative[0].lead == "Adopts" and doc.operative[0].number is None
    numbered = [c.number for c in doc.operative[1:]]
    assert numbered == list(range(1, 54))
    assert doc.operative[1].section.startswith("Political declaration of the high-level meeting")
    assert doc.annexes and doc.annexes[0].text.startswith("Political declaration")
    assert doc.meeting == 18


def test_layout_extraction_with_columns():
    doc = parse_text((ROOT / "samples/en/A_RES_73_8.txt").read_text(encoding="utf-8"))
    assert doc.title == (
        "Necessity of ending the economic, commercial and financial embargo imposed by the "
        "United States of America against Cuba"
    )
    assert len(doc.preambular) == 8 and len(doc.operative) == 5
    assert doc.operative[0].text == (
        "Takes note of the report of the Secretary-General on the implementation of "
        "resolution 72/4;"
    )
    assert doc.operative[0].footnotes == ["1"]


def test_annexed_declaration_stays_in_annexes():
    doc = parse_text((ROOT / "samples/en/A_RES_80_3.txt").read_text(encoding="utf-8"))
    assert len(doc.operative) == 2
    assert doc.annexes[0].title == "Awaza Political Declaration"
    assert "Diversity and the Kunming-Montreal Global Biodiversity Framework" in doc.annexes[0].text


def test_draft_without_symbol_has_sponsor_and_agenda_item():
    path = ROOT / "samples/en/draft_A_C.3_56_right_to_development_UNDL453500.txt"
    doc = parse_text(path.read_text(encoding="utf-8"))
    assert doc.draft and doc.symbol is None and doc.adopted is None
    assert doc.sponsors == ["South Africa"]
    assert doc.session == 56
    assert doc.agenda_item == "119 (b)"
    assert doc.title == "The right to development"
    assert len(doc.operative) == 25


def test_out_of_sequence_footnote_in_80_59_is_the_rest_of_the_resolution():
    # "[^1653]: (XVI) of 24 November 1961, …, Recognizing …, 1. Reiterates …; 2. Requests …"
    doc = parse_text((ROOT / "samples/en/A_RES_80_59.txt").read_text(encoding="utf-8"))
    assert doc.symbol == "A/RES/80/59"
    assert doc.adopted == dt.date(2025, 12, 1)
    assert doc.meeting == 52
    assert [c.lead for c in doc.preambular] == [
        "Convinced",
        "Bearing in mind",
        "Convinced",
        "Conscious",
        "Recalling",
        "Reaffirming",
        "Recognizing",
        "Stressing",
        "Noting with regret",
    ]
    assert doc.preambular[5].text.endswith(
        "as declared in its resolutions 1653 (XVI) of 24 November 1961, 33/71 B of "
        "14 December 1978, 34/83 G of 11 December 1979, 35/152 D of 12 December 1980 and "
        "36/92 I of 9 December 1981,"
    )
    assert doc.preambular[8].text.endswith("resolution 79/64 of 2 December 2024,")
    # the lead as the UN's XML of this resolution in sessions 75-78 marks it
    assert [(c.number, c.lead) for c in doc.operative] == [
        (1, "Reiterates its request"),
        (2, "Requests"),
    ]
    assert doc.operative[1].text == (
        "Requests the Conference on Disarmament to report to the General Assembly on the "
        "results of those negotiations."
    )
    assert [(f.marker, f.text) for f in doc.footnotes] == [
        ("1", "A/51/218, annex."),
        ("2", "Resolution S-10/2."),
    ]
    cited = {r.symbol for r in doc.references if r.cited_in == "preambular:6"}
    assert {"A/RES/1653(XVI)", "A/RES/36/92 I"} <= cited


def test_footnote_overflow_in_80_57_is_operative_paragraph_4_and_the_closing():
    # "[^3]: A/79/88. 4. Decides to include … 52nd plenary meeting 1 December 2025"
    doc = parse_text((ROOT / "samples/en/A_RES_80_57.txt").read_text(encoding="utf-8"))
    assert doc.symbol == "A/RES/80/57"
    assert doc.adopted == dt.date(2025, 12, 1)
    assert doc.meeting == 52
    assert len(doc.preambular) == 13
    assert [c.number for c in doc.operative] == [1, 2, 3, 4]
    assert doc.operative[3].text == (
        "Decides to include in the provisional agenda of its eighty-first session the item "
        "entitled “Lethal autonomous weapons systems”."
    )
    assert [f.marker for f in doc.footnotes] == ["1", "2", "3"]
    assert doc.footnotes[2].text == "A/79/88."


def test_out_of_sequence_footnote_numbers_continue_the_footnote_before():
    doc = parse_text((ROOT / "samples/en/A_RES_80_18.txt").read_text(encoding="utf-8"))
    assert [f.marker for f in doc.footnotes] == ["1", "2", "3", "4", "5", "6", "7"]
    assert doc.footnotes[1].text == (
        "The Committee on Disarmament was redesignated the Conference on Disarmament as from "
        "7 February 1984."
    )
    assert doc.footnotes[2].text.endswith("(A/S-12/2), sect. III.C.")  # indented line
    doc = parse_text((ROOT / "samples/en/A_RES_80_70.txt").read_text(encoding="utf-8"))
    assert [f.marker for f in doc.footnotes] == ["1", "2", "3", "4"]
    assert doc.footnotes[3].text.endswith("2270 (2016), 2321 (2016) and 2375 (2017).")
