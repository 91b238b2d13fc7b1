"""The one canonical symbol form every reader uses."""

import pytest

from resolutions.parsing.symbols import (
    canonical,
    canonical_decision,
    canonical_resolution,
    canonical_sc_resolution,
    from_href,
    kind_of,
    parse_resolution,
    split_joint,
)


@pytest.mark.parametrize(
    "printed",
    [
        "72/262c",
        "72/262 C",
        "A/RES/72/262C",
        "A/RES/72/262 C",
        "a/res/72/262 c",
        "A / RES / 72/262 C",
    ],
)
def test_lettered_resolution_forms_share_one_symbol(printed):
    assert canonical_resolution(printed) == "A/RES/72/262 C"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("65/123", "A/RES/65/123"),
        ("3369(XXX)", "A/RES/3369(XXX)"),
        ("3369 (XXX)", "A/RES/3369(XXX)"),
        ("A/RES/3369 (XXX)", "A/RES/3369(XXX)"),
        ("217 A (III)", "A/RES/217(III) A"),
        ("S-32/1", "A/RES/S-32/1"),
        ("ES-11/1", "A/RES/ES-11/1"),
        ("A/RES/ES-10/2", "A/RES/ES-10/2"),
    ],
)
def test_resolution_forms_canonicalise(printed, expected):
    assert canonical_resolution(printed) == expected


def test_roman_session_is_decoded():
    parsed = parse_resolution("3369 (XXX)")
    assert (parsed.session, parsed.number, parsed.roman) == (30, 3369, "XXX")


def test_emergency_special_session_is_marked():
    parsed = parse_resolution("A/RES/ES-11/1")
    assert (parsed.session, parsed.session_kind) == (11, "emergency special")


@pytest.mark.parametrize("printed", ["2282(2016)", "2282 (2016)", "S/RES/2282 (2016)"])
def test_security_council_resolution_forms(printed):
    assert canonical_sc_resolution(printed) == "S/RES/2282(2016)"


def test_decision_forms():
    assert canonical_decision("53/453") == canonical_decision("A/DEC/53/453") == "A/DEC/53/453"


def test_not_a_resolution_symbol_gives_none():
    assert canonical_resolution("A/65/382") is None
    assert canonical_resolution("2010") is None


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://undocs.org/ch/A/RES/67/123", "A/RES/67/123"),
        ("https://undocs.org/zh/A/RES/67/123", "A/RES/67/123"),
        ("https://undocs.org/en/A/RES/48/218b", "A/RES/48/218 B"),
        ("https://undocs.org/A/72/L.54/Add.1", "A/72/L.54/Add.1"),
        ("https://undocs.org/en/A/78/301(parti)/add.1", "A/78/301(Part I)/Add.1"),
        ("https://undocs.org/en/S/RES/2282(2016)", "S/RES/2282(2016)"),
        ("https://www.un.org/en/", None),
    ],
)
def test_undocs_links_give_canonical_symbols(href, expected):
    assert from_href(href) == expected


def test_document_symbols_keep_suffix_case():
    assert canonical("fccc/cp/2015/10/add.1") == "FCCC/CP/2015/10/Add.1"
    assert canonical("A/65/L.11") == "A/65/L.11"


def test_kinds():
    assert kind_of("A/RES/65/123") == "resolution"
    assert kind_of("A/DEC/53/453") == "decision"
    assert kind_of("A/65/382") == "document"


def test_joint_document_splits_in_two():
    assert split_joint("A/65/382-S/2010/490") == ["A/65/382", "S/2010/490"]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("1874 (S-IV)", "A/RES/1874(S-IV)"),
        ("A/RES/3201(S-VI)", "A/RES/3201(S-VI)"),
        ("2252 (ES-V)", "A/RES/2252(ES-V)"),
        ("2341 B (XXII)", "A/RES/2341(XXII) B"),
    ],
)
def test_roman_special_session_resolutions(printed, expected):
    assert canonical_resolution(printed) == expected


def test_roman_special_session_is_marked():
    parsed = parse_resolution("1874 (S-IV)")
    assert (parsed.session, parsed.session_kind, parsed.roman) == (4, "special", "IV")


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("A/78/12 (Part I)", "A/78/12(Part I)"),
        ("NPT/CONF.2010/50 (Vol. I)", "NPT/CONF.2010/50(Vol.I)"),
        ("A/77/6 (Sect. 4)", "A/77/6(Sect.4)"),
        ("A/77/6 (Sect. 8)/Corr.1", "A/77/6(Sect.8)/Corr.1"),
    ],
)
def test_qualifier_in_brackets_is_glued_to_the_symbol(printed, expected):
    assert canonical(printed) == expected


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://undocs.org/en/NPT/CONF.2010/50(Vol.I)", "NPT/CONF.2010/50(Vol.I)"),
        ("https://undocs.org/en/A/77/6(SECT.4)", "A/77/6(Sect.4)"),
        ("https://undocs.org/en/A/RES/1874(S-IV)", "A/RES/1874(S-IV)"),
    ],
)
def test_bracketed_qualifiers_in_links_match_the_printed_form(href, expected):
    assert from_href(href) == expected
