"""The JSON-lines metadata reader, on the UN's real files and on odd values they hold."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from resolutions.parsing.metadata import parse_metadata, parse_metadata_line
from resolutions.parsing.structure import ParseError
from tests.conftest import SHARED

UNXML = SHARED / "corpus" / "unxml"
needs_corpus = pytest.mark.skipif(not UNXML.is_dir(), reason="UN XML corpus not available")


def _line(session: int, symbol: str) -> str:
    path = UNXML / f"{session}session-metadata.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        if json.loads(line)["symbol"] == symbol:
            return line
    raise LookupError(symbol)


@needs_corpus
def test_recorded_vote_counts_and_named_states():
    # 78/7 (embargo against Cuba): 187 in favour, Israel and the United States against,
    # Ukraine abstaining
    meta = parse_metadata_line(_line(78, "A/RES/78/7"))
    assert meta.symbol == "A/RES/78/7"
    assert meta.adoption_type == "recorded vote"
    assert (meta.yes, meta.no, meta.abstain) == (187, 2, 1)
    assert meta.voting_no == ["ISRAEL", "UNITED STATES"]
    assert meta.voting_abstaining == ["UKRAINE"]
    assert "CUBA" in meta.voting_yes and len(meta.voting_yes) == 187
    assert meta.adopted == dt.date(2023, 11, 2)
    assert meta.meeting == 26
    assert meta.session == 78
    assert (meta.draft, meta.draft_raw) == ("A/78/L.5", "A/78/L.5")
    assert meta.agenda_items == ["38"]
    assert meta.committee == "Without reference to a Main Committee"


@needs_corpus
def test_committee_report_draft_keeps_the_raw_string():
    meta = parse_metadata_line(_line(78, "A/RES/78/2"))
    assert (meta.draft, meta.draft_raw, meta.report_paragraph) == (
        "A/78/383",
        "A/78/383, para. 7",
        "7",
    )
    assert meta.adoption_type == "without a vote"
    assert (meta.yes, meta.no, meta.abstain) == (0, 0, 0)
    assert meta.committee == "Fifth Committee"


@needs_corpus
def test_several_agenda_items_sdgs_and_subjects():
    meta = parse_metadata_line(_line(78, "A/RES/78/1"))
    assert meta.agenda_items == ["13", "117"]
    assert meta.agenda_item == "13 and 117"
    assert meta.sdgs == [17, 16, 3, 2, 5]
    assert ("SUSTAINABLE DEVELOPMENT", "UNBIS Thesaurus") in meta.subjects
    assert meta.report_paragraph == ""  # "N.A."
    assert meta.sponsors == ["SUBMITTED BY THE PRESIDENT OF THE GENERAL ASSEMBLY"]


@needs_corpus
def test_sdg_targets_count_as_their_goals():
    meta = parse_metadata_line(_line(75, "A/RES/75/5"))
    assert meta.sdgs == [16, 17, 14, 4, 15, 3]
    assert meta.sdg_targets[:2] == ["16.a", "16.9"]
    assert "4.a" in meta.sdg_targets  # printed " 4.a"


@needs_corpus
def test_collection_symbol_and_timestamp_date():
    meta = parse_metadata_line(_line(75, "A/RES/75/101 A-B"))
    assert meta.symbol == "A/RES/75/101 A-B"
    assert meta.letters == ["A", "B"]
    assert meta.symbols == ["A/RES/75/101 A", "A/RES/75/101 B"]
    assert meta.adopted == dt.date(2020, 12, 10)  # printed "2020-12-10 00:00:00"


@needs_corpus
def test_committee_written_as_an_akn_reference_is_named():
    assert parse_metadata_line(_line(78, "A/RES/78/245")).committee == "Fifth Committee"


@needs_corpus
def test_repeated_state_lists_are_deduplicated():
    meta = parse_metadata_line(_line(75, "A/RES/75/290 A"))
    assert meta.yes == 90
    assert len(meta.voting_yes) == 90  # the file lists the 90 States twice


@needs_corpus
def test_all_four_files_parse():
    total = 0
    for path in sorted(UNXML.glob("*-metadata.jsonl")):
        records = parse_metadata(path.read_text(encoding="utf-8"))
        total += len(records)
        assert all(r.symbol.startswith("A/RES/") and r.adopted for r in records)
        assert {r.adoption_type for r in records} <= {"without a vote", "recorded vote"}
    assert total == 1318


def test_empty_and_not_available_counts_become_none():
    meta = parse_metadata_line(
        json.dumps(
            {
                "symbol": "a/res/72/262c",
                "adoption_date": "24\u00a0December 2017",
                "MS_in_favour_count": "",
                "MS_against_count": "N.A.",
                "adoption_type": "adoptedRecordedVote",
            }
        )
    )
    assert meta.symbol == "A/RES/72/262 C"
    assert (meta.yes, meta.no, meta.abstain) == (None, None, None)
    assert meta.adopted == dt.date(2017, 12, 24)
    assert meta.adoption_type == "recorded vote"


def test_bad_line_raises_parse_error_with_its_number():
    good = json.dumps({"symbol": "A/RES/78/1", "adoption_date": "29 September 2023"})
    with pytest.raises(ParseError) as err:
        parse_metadata(f"{good}\n\n{{not json\n")
    assert err.value.line == 3
    with pytest.raises(ParseError) as err:
        parse_metadata(f'{good}\n{{"title": "no symbol"}}\n')
    assert err.value.line == 2
