"""Page furniture, footnote bodies, footnote markers, dates and hostile input."""

from __future__ import annotations

import datetime as dt

import pytest

from resolutions.parsing import dates
from resolutions.parsing.cleanup import extract_footnotes, is_furniture, split_run
from resolutions.parsing.markers import MarkerScanner
from resolutions.parsing.structure import ParseError
from resolutions.parsing.text import parse_text


@pytest.mark.parametrize(
    "line",
    ["25-15106 (E)", "*2515106*", "2/6", "A/RES/80/8", "021118", "2/2      18-18418"],
)
def test_job_numbers_barcodes_and_page_numbers_are_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["Recalling its resolution 70/1,", "2015–2030", "1."])
def test_body_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_page_bottom_footnotes_end_at_the_next_page_header():
    lines = list(
        enumerate(
            ["text,", "_______________", "", "1 Resolution 60/1.", "", "A/RES/80/8", "more;"],
            start=1,
        )
    )
    content, footnotes = extract_footnotes(lines)
    assert [(f.marker, f.text) for f in footnotes] == [("1", "Resolution 60/1.")]
    assert [t for _, t in content] == ["text,", "A/RES/80/8", "more;"]


def test_bare_marker_glued_to_a_word_or_comma_is_removed():
    scanner = MarkerScanner(["1", "2"], "en", "plain")
    assert scanner.remove("the Charter of the United Nations1 are") == (
        "the Charter of the United Nations are",
        ["1"],
    )
    assert scanner.remove("adopted on 24 December 2024,2 which") == (
        "adopted on 24 December 2024, which",
        ["2"],
    )


def test_numbers_that_are_not_markers_stay():
    scanner = MarkerScanner(["1", "2", "3", "4", "5"], "en", "plain")
    text = "resolution 70/1 saved 53 million lives, 5 per cent, under 5 years of age"
    assert scanner.remove(text) == (text, [])


def test_first_citation_must_be_the_next_footnote():
    scanner = MarkerScanner(["1", "2"], "en", "plain")
    assert scanner.remove("Goal 2 of the Agenda") == ("Goal 2 of the Agenda", [])


def test_zh_bare_markers_follow_a_character_without_a_space():
    scanner = MarkerScanner(["1", "2"], "zh", "plain")
    assert scanner.remove("《2005 年世界首脑会议成果》1 中表示") == (
        "《2005 年世界首脑会议成果》中表示",
        ["1"],
    )
    assert scanner.remove("得到 96 个国家议会和 2 个议会大会") == (
        "得到 96 个国家议会和 2 个议会大会",
        [],
    )


def test_superscript_markers_are_always_markers():
    scanner = MarkerScanner(["1"], "zh", "报告，¹ 报告")
    assert scanner.remove("审议了秘书长的报告，¹ 报告表明") == (
        "审议了秘书长的报告，报告表明",
        ["1"],
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2010年12月13日", dt.date(2010, 12, 13)),
        ("2018年 5月 22日", dt.date(2018, 5, 22)),
        ("13 December 2010", dt.date(2010, 12, 13)),
    ],
)
def test_dates_in_both_languages(text, expected):
    assert dates.parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("第64次全体会议", 64), ("第 89次全体会议", 89), ("64th plenary meeting", 64)],
)
def test_plenary_meeting_numbers(text, expected):
    assert dates.parse_meeting(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("第六十五届会议", 65), ("Sixty-fifth session", 65), ("Eightieth session", 80)],
)
def test_session_numbers(text, expected):
    assert dates.parse_session(text) == expected


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_is_refused(text):
    with pytest.raises(ParseError, match="empty"):
        parse_text(text)


def test_text_without_resolution_structure_is_refused_with_a_line_number():
    with pytest.raises(ParseError) as info:
        parse_text("\n\nMinutes of the meeting\nThe chair opened the meeting.\n")
    assert "General Assembly" in info.value.message
    assert info.value.line == 3


def test_opening_without_paragraphs_is_refused_at_the_opening_line():
    with pytest.raises(ParseError) as info:
        parse_text("65/1. Title\n\nThe General Assembly,\n\n")
    assert info.value.line == 3
    assert "paragraph" in str(info.value)


# --- "[^n]:" bodies that are not footnotes (cleaned markdown) ------------------------------

_MD_HEAD = "80/99. Test resolution\n\nThe General Assembly,\n\nRecalling its resolution 70/1,1\n\n"


def test_out_of_sequence_footnote_number_is_body_text():
    # footnotes run 1, 2 …: "[^1514]:" is the body's "1514 (XV) of …", not footnote 1514
    text = _MD_HEAD + (
        "Reaffirming the principles declared in its resolutions\n\n---\n\n"
        "[^1]: Resolution 70/1.\n\n"
        "[^1514]: (XV) of 14 December 1960, Noting with concern the situation, "
        "1. Decides to remain seized of the matter; 2. Requests a report. "
        "10th plenary meeting 5 October 2025"
    )
    doc = parse_text(text)
    assert [(f.marker, f.text) for f in doc.footnotes] == [("1", "Resolution 70/1.")]
    assert [c.text for c in doc.preambular] == [
        "Recalling its resolution 70/1,",
        "Reaffirming the principles declared in its resolutions 1514 (XV) of 14 December 1960,",
        "Noting with concern the situation,",
    ]
    assert [(c.number, c.text) for c in doc.operative] == [
        (1, "Decides to remain seized of the matter;"),
        (2, "Requests a report."),
    ]
    assert doc.meeting == 10
    assert doc.adopted == dt.date(2025, 10, 5)


def test_out_of_sequence_footnote_number_continues_an_unfinished_footnote():
    lines = list(
        enumerate(
            [
                "1. Decides to act.",
                "10th plenary meeting",
                "[^1]: Renamed as from",
                "[^7]: February 1984.",
                "[^2]: Resolution 70/1.",
            ],
            start=1,
        )
    )
    content, footnotes = extract_footnotes(lines)
    assert [(f.marker, f.text) for f in footnotes] == [
        ("1", "Renamed as from 7 February 1984."),
        ("2", "Resolution 70/1."),
    ]
    assert [t for _, t in content] == ["1. Decides to act.", "10th plenary meeting"]


def test_missing_footnote_number_with_nothing_to_continue_stays_a_footnote():
    lines = list(
        enumerate(
            ["1. Decides to act.", "10th plenary meeting", "[^1]: A/1.", "[^3]: A/3."], start=1
        )
    )
    _, footnotes = extract_footnotes(lines)
    assert [f.marker for f in footnotes] == ["1", "3"]


def test_footnote_overflow_returns_to_the_body():
    lines = list(
        enumerate(
            [
                "1. Decides to act;",
                "2. Requests a report;",
                "---",
                "[^1]: A/79/88. 3. Decides to include the item “Weapons”. "
                "52nd plenary meeting 1 December 2025",
            ],
            start=1,
        )
    )
    content, footnotes = extract_footnotes(lines)
    assert [(f.marker, f.text) for f in footnotes] == [("1", "A/79/88.")]
    assert [t for _, t in content][-3:] == [
        "3. Decides to include the item “Weapons”.",
        "52nd plenary meeting",
        "1 December 2025",
    ]
    assert {no for no, _ in content[-3:]} == {4}


def test_trailing_plenary_meeting_in_a_footnote_is_the_closing():
    lines = list(enumerate(["1. Decides to act.", "[^1]: A/79/88. 52nd plenary meeting"], start=1))
    content, footnotes = extract_footnotes(lines)
    assert footnotes[0].text == "A/79/88."
    assert [t for _, t in content] == ["1. Decides to act.", "52nd plenary meeting"]


def test_footnotes_after_the_closing_lines_are_left_alone():
    # "para. 2. Requests" is no overflow once the body is closed, nor the wrong number
    lines = list(
        enumerate(
            [
                "1. Decides to act.",
                "52nd plenary meeting",
                "[^1]: See A/79/1, para. 2. Requests of 2024 were noted.",
            ],
            start=1,
        )
    )
    content, footnotes = extract_footnotes(lines)
    assert footnotes[0].text == "See A/79/1, para. 2. Requests of 2024 were noted."
    assert len(content) == 2


def test_indented_lines_carry_on_a_markdown_footnote():
    lines = list(
        enumerate(["1. Decides.", "[^1]: Official Records, Supplement No. 2,", "    sect. III."], 1)
    )
    content, footnotes = extract_footnotes(lines)
    assert footnotes[0].text == "Official Records, Supplement No. 2, sect. III."
    assert [t for _, t in content] == ["1. Decides."]


def test_flattened_run_is_split_at_leads_operative_numbers_and_the_closing():
    run = (
        "36/92 I of 9 December 1981, Recognizing that the United Nations, Member States "
        "and General Assembly resolution 1 agree, Stressing that, 3. Reiterates its request; "
        "4. Requests a report, 5. Also decides to act. 52nd plenary meeting 1 December 2025"
    )
    assert split_run(run, 3) == [
        "36/92 I of 9 December 1981,",
        "Recognizing that the United Nations, Member States and General Assembly "
        "resolution 1 agree,",
        "Stressing that,",
        "3. Reiterates its request;",
        "4. Requests a report,",
        "5. Also decides to act.",
        "52nd plenary meeting",
        "1 December 2025",
    ]


def test_operative_number_out_of_order_or_without_a_verb_is_not_cut():
    assert split_run("see paragraph 2. Reiterates, and para. 1. Noting", 1) == [
        "see paragraph 2. Reiterates, and para. 1. Noting"
    ]
