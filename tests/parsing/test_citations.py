"""find_citations: which resolutions, decisions and documents a text cites.

Inputs are quoted from the real documents named in the comments: the seeds in
samples/seeds/, the PDF extractions in samples/en/ and the AKN XML resolutions of the
75th–78th sessions (text of the <p> element, footnote text as it appears there).
"""

import json
from pathlib import Path

import pytest

from resolutions.parsing.citations import Citation, find_citations

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "samples" / "seeds"
GOLD = json.loads((ROOT / "tests" / "data" / "seeds_gold.json").read_text(encoding="utf-8"))


def symbols(text: str, language: str, kind: str | None = None) -> list[str]:
    return [c.symbol for c in find_citations(text, language) if kind is None or c.kind == kind]


# --- the API ---------------------------------------------------------------------------


def test_returns_citations_with_kinds_in_order_of_first_appearance():
    # samples/seeds/000: footnote 5 and the paragraph after footnote 1
    text = "见第 55/2 号决议。见 A/65/289，附件一。又见第 55/2 号决议。"
    assert find_citations(text, "zh") == [
        Citation("A/RES/55/2", "resolution"),
        Citation("A/65/289", "document"),
    ]


def test_citation_is_frozen():
    citation = Citation("A/RES/55/2", "resolution")
    with pytest.raises(AttributeError):
        citation.symbol = "A/RES/60/1"  # type: ignore[misc]


def test_text_without_citations_gives_empty_list():
    # samples/seeds/000: operative paragraph 1
    assert (
        find_citations("欢迎各国议会联盟作出努力，加强各国议会对联合国的贡献和支持；", "zh") == []
    )


# --- Chinese resolutions and decisions ---------------------------------------------------


@pytest.mark.parametrize(
    "text", ["第57/32号决议", "第 57/32 号决议", "其 2002 年 11 月 19 日第 57/32 号决议"]
)
def test_chinese_resolution_with_or_without_spaces(text):
    # samples/seeds/000 and 001: "又回顾其 2002 年 11 月 19 日第 57/32 号决议"
    assert symbols(text, "zh") == ["A/RES/57/32"]


def test_chinese_recalls_list_yields_each_resolution():
    # samples/seeds/000
    text = (
        "并回顾 2002 年 11 月 21 日第 57/47 号、2004 年 11 月 8 日第 59/19 号、2006 年 10 月 20 日"
        "第 61/6 号和 2008 年 11 月 18 日第 63/24 号决议，"
    )
    assert symbols(text, "zh", "resolution") == [
        "A/RES/57/47",
        "A/RES/59/19",
        "A/RES/61/6",
        "A/RES/63/24",
    ]


def test_decision_after_resolution_list_is_a_decision():
    # samples/seeds/003
    text = (
        "回顾其 1978 年 11 月 10 日第 33/18 号、1995 年 10 月 16 日第 50/3 号、"
        "2008 年 12 月 22 日第 63/236 号和 2011 年 1 月 14 日第 65/263 号决议，"
        "以及 1998 年 12 月 18 日第 53/453 号决定，"
    )
    found = find_citations(text, "zh")
    assert [c.symbol for c in found if c.kind == "resolution"] == [
        "A/RES/33/18",
        "A/RES/50/3",
        "A/RES/63/236",
        "A/RES/65/263",
    ]
    assert [c.symbol for c in found if c.kind == "decision"] == ["A/DEC/53/453"]


def test_cop_decision_is_not_a_ga_decision():
    # samples/seeds/001, footnote 5
    found = find_citations("见 FCCC/CP/2015/10/Add.1，第 1/CP.21 号决定，附件。", "zh")
    assert found == [Citation("FCCC/CP/2015/10/Add.1", "document")]


def test_chinese_see_footnote_is_a_resolution():
    # samples/seeds/000, footnote 5; samples/seeds/001, footnote 4
    assert symbols("⁵ 见第 55/2 号决议。", "zh") == ["A/RES/55/2"]
    assert symbols("4 第 69/283 号决议，附件二。", "zh") == ["A/RES/69/283"]


def test_chinese_roman_session_resolution():
    # samples/seeds/004
    text = "又回顾大会在1975年10月10日第3369(XXX)号决议中决定邀请伊斯兰会议组织以观察员身份参加"
    assert symbols(text, "zh") == ["A/RES/3369(XXX)"]


def test_chinese_security_council_resolution():
    # 75_100_C.xml
    text = (
        "承认依照大会第70/262号决议和安全理事会第2282(2016)号决议，安全理事会和大会与建设和平委员会"
    )
    assert symbols(text, "zh") == ["A/RES/70/262", "S/RES/2282(2016)"]


def test_chinese_lettered_resolution():
    # 75_100_C.xml
    text = "注意到根据大会2018年7月5日第72/262 C号决议，批准秘书处内部重建和平与安全架构"
    assert symbols(text, "zh") == ["A/RES/72/262 C"]


def test_chinese_numbers_sharing_one_hao():
    # A_RES_78_298-2412117C.xml
    text = "请秘书长确保充分执行大会第59/296、60/266、61/276、64/269和76/274号决议的相关规定；"
    assert symbols(text, "zh") == [
        "A/RES/59/296",
        "A/RES/60/266",
        "A/RES/61/276",
        "A/RES/64/269",
        "A/RES/76/274",
    ]


def test_chinese_security_council_list_sharing_one_hao():
    # 75_87_C.xml, footnote
    text = "包括安全理事会第1718(2006)、1874(2009)、2094(2013)和2375(2017)号决议。"
    assert symbols(text, "zh") == [
        "S/RES/1718(2006)",
        "S/RES/1874(2009)",
        "S/RES/2094(2013)",
        "S/RES/2375(2017)",
    ]


def test_chinese_identical_ga_and_sc_resolutions():
    # 75_201_C.xml
    text = "重申大会和安全理事会2016年4月27日第70/262和2282(2016)号决议、"
    assert symbols(text, "zh") == ["A/RES/70/262", "S/RES/2282(2016)"]


def test_chinese_human_rights_council_resolution_is_skipped():
    # 75_152_C.xml
    text = "表示注意到独立专家根据人权理事会第42/12号决议发布的报告， 见A/75/205。"
    assert symbols(text, "zh") == ["A/75/205"]


def test_chinese_list_with_titles_between_numbers():
    # A_RES_77_296-C.xml (shortened)
    text = (
        "又回顾大会通过了题为“贯彻落实《和平文化宣言》和《和平文化行动纲领》”的2021年12月9日"
        "第76/68号、题为“关于否认大屠杀的言行”的2022年1月20日第76/250号决议"
    )
    assert symbols(text, "zh") == ["A/RES/76/68", "A/RES/76/250"]


def test_chinese_subject_between_number_and_keyword():
    # 75_10_C.xml
    text = (
        "回顾其2016年11月21日第71/19号和2018年11月26日第73/11号关于联合国同国际刑警组织的合作的决议"
    )
    assert symbols(text, "zh") == ["A/RES/71/19", "A/RES/73/11"]


def test_chinese_special_session_resolutions_with_letter_range():
    # A_RES_76_188-2119245C.xml, footnote
    assert symbols("S-20/1、S-20/2和S-20/4 A-C号决议。", "zh") == [
        "A/RES/S-20/1",
        "A/RES/S-20/2",
        "A/RES/S-20/4 A",
        "A/RES/S-20/4 B",
        "A/RES/S-20/4 C",
    ]


def test_chinese_number_without_keyword_is_not_cited():
    # samples/seeds/000: the resolution's own heading, and a meeting number
    assert symbols("65/123. 联合国同各国议会和各国议会联盟的合作", "zh") == []
    assert symbols("第64次全体会议", "zh") == []


# --- English resolutions and decisions ---------------------------------------------------


def test_english_resolution_with_date():
    # samples/seeds/002
    text = (
        "Recalling also its resolution 57/32 of 19 November 2002, in which the Inter-Parliamentary"
    )
    assert symbols(text, "en") == ["A/RES/57/32"]


def test_recalls_list_yields_each_resolution():
    # samples/seeds/002
    text = (
        "as well as resolutions 57/47 of 21 November 2002, 59/19 of 8 November 2004, "
        "61/6 of 20 October 2006 and 63/24 of 18 November 2008,"
    )
    assert symbols(text, "en") == ["A/RES/57/47", "A/RES/59/19", "A/RES/61/6", "A/RES/63/24"]


def test_bare_list_of_resolutions():
    # samples/en/A_RES_73_8.txt
    text = "Concerned that, since the adoption of its resolutions 47/19, 48/16, 49/9, 50/10,"
    assert symbols(text, "en") == ["A/RES/47/19", "A/RES/48/16", "A/RES/49/9", "A/RES/50/10"]


def test_english_decision_after_resolution_list_is_a_decision():
    # A_RES_75_307-2109409E.xml (shortened)
    text = (
        "Recalling its resolutions 33/18 of 10 November 1978, 50/3 of 16 October 1995 and "
        "73/290 of 15 April 2019, as well as its decision 53/453 of 18 December 1998,"
    )
    found = find_citations(text, "en")
    assert [c.symbol for c in found] == [
        "A/RES/33/18",
        "A/RES/50/3",
        "A/RES/73/290",
        "A/DEC/53/453",
    ]
    assert found[-1].kind == "decision"


def test_english_lettered_resolution():
    # samples/en/A_RES_80_12.txt
    text = (
        "Noting the role of the standardized reporting system, as instituted through its "
        "resolution 35/142 B, as an"
    )
    assert symbols(text, "en") == ["A/RES/35/142 B"]


def test_english_lettered_resolutions_joined_by_and():
    # 75_33_E.xml
    assert symbols("36/87 A and B of 9 December 1981", "en") == []
    assert symbols("its resolutions 36/87 A and B of 9 December 1981", "en") == [
        "A/RES/36/87 A",
        "A/RES/36/87 B",
    ]


def test_section_of_resolution():
    # samples/en/A_RES_80_12.txt style: "section II of its resolution 65/250"
    assert symbols("Recalling section II of its resolution 65/250,", "en") == ["A/RES/65/250"]


def test_english_security_council_resolution():
    # samples/en/A_RES_80_18.txt
    text = "Taking note of Security Council resolution 984 (1995) of 11 April 1995 and the views"
    assert find_citations(text, "en") == [Citation("S/RES/984(1995)", "resolution")]


def test_english_security_council_list_with_dates():
    # A_RES_78_85-2324946E.xml (shortened)
    text = (
        "Supports the process of negotiations initiated by Security Council resolution 1754 (2007) "
        "and further sustained by Council resolutions 1783 (2007), 1813 (2008) and 2602 (2021),"
    )
    assert symbols(text, "en") == [
        "S/RES/1754(2007)",
        "S/RES/1783(2007)",
        "S/RES/1813(2008)",
        "S/RES/2602(2021)",
    ]


def test_english_identical_ga_and_sc_resolutions():
    # 75_201_E.xml
    text = (
        "Reaffirming General Assembly and Security Council resolutions 70/262 and 2282 (2016) of "
        "27 April 2016, as well as 60/180 and 1645 (2005) of 20 December 2005,"
    )
    assert symbols(text, "en") == [
        "A/RES/70/262",
        "S/RES/2282(2016)",
        "A/RES/60/180",
        "S/RES/1645(2005)",
    ]


def test_english_roman_session_resolutions():
    # samples/en/A_RES_80_13.txt; A_RES_75_250 B-2109021E.xml
    assert symbols("contained in its resolution 2832 (XXVI) of 16 December 1971", "en") == [
        "A/RES/2832(XXVI)"
    ]
    text = "as stated in its resolutions 1874 (S-IV) of 27 June 1963, 3101 (XXVIII) of 11 December"
    assert symbols(text, "en") == ["A/RES/1874(S-IV)", "A/RES/3101(XXVIII)"]


def test_english_roman_resolution_with_letter():
    # samples/en/A_RES_80_10.txt, footnote 1
    assert symbols("1 See resolution 2200 A (XXI), annex.", "en") == ["A/RES/2200(XXI) A"]


def test_special_and_emergency_special_session_resolutions():
    # A_RES_77_154-2228769E.xml; A_RES_77_229-2228995E.xml
    assert symbols("Recalling its resolution S-32/1 of 2 June 2021 containing", "en") == [
        "A/RES/S-32/1"
    ]
    assert symbols("Recalling further its resolution ES-11/4 of 12 October 2022,", "en") == [
        "A/RES/ES-11/4"
    ]


def test_non_breaking_hyphen_in_emergency_session_number():
    # A_RES_78_76-2324928E.xml: "ES‑10/15" is printed with U+2011
    assert symbols(
        "recalling in this regard its resolution ES\u201110/15 of 20 July 2004,", "en"
    ) == ["A/RES/ES-10/15"]


def test_two_resolutions_joined_by_and():
    # A_RES_76_215-2119278E.xml
    text = "Calls upon the development system, in line with its resolutions 71/243 and 75/233, to"
    assert symbols(text, "en") == ["A/RES/71/243", "A/RES/75/233"]


def test_list_with_titles_between_numbers():
    # 75_104_E.xml
    text = (
        "Recalling also its resolutions 74/270 of 2 April 2020, entitled “Global solidarity to "
        "fight the coronavirus disease 2019 (COVID-19)”, and 74/274 of 20 April 2020, entitled "
        "“International cooperation to ensure global access to medicines”,"
    )
    assert symbols(text, "en") == ["A/RES/74/270", "A/RES/74/274"]


def test_footnote_list_with_sections_and_semicolons():
    # A_RES_76_229-2119660E.xml, footnote
    text = "Resolutions 52/214, sect. C, para. 3; 55/222, sect. III, para. 12; 56/64 B, sect. X;"
    assert symbols(text, "en") == ["A/RES/52/214", "A/RES/55/222", "A/RES/56/64 B"]


def test_human_rights_council_resolution_is_skipped():
    # samples/en/A_RES_73_3.txt
    text = (
        "and Human Rights Council resolution 33/11 of 29 September 2016 on preventable mortality "
        "and morbidity of children under 5 years of age"
    )
    assert symbols(text, "en") == []


def test_world_health_assembly_resolution_is_skipped():
    # samples/en/A_RES_73_3.txt
    text = "and take note of World Health Assembly resolution 69.2 of 28 May 2016, entitled"
    assert symbols(text, "en") == []


@pytest.mark.parametrize(
    "text",
    [
        # 75_198_E.xml
        "Notes with appreciation the adoption of Commission on Narcotic Drugs decision 63/15 "
        "of 4 March 2020",
        # A_RES_77_245-2300136E.xml
        "Welcomes resolution 5/14 adopted by the United Nations Environment Assembly at its "
        "resumed fifth session",
        # A_RES_78_203-2326031E.xml
        "as decided by the Human Rights Council in its resolution 42/23 of 27 September 2019,",
        # A_RES_78_229-2325976E.xml
        "and resolution 11/4 of 21 October 2022 of the Conference of the Parties to the United "
        "Nations Convention against Transnational Organized Crime,",
    ],
)
def test_other_bodies_named_before_or_after_are_skipped(text):
    assert symbols(text, "en") == []


def test_economic_and_social_council_numbers_are_not_ga_numbers():
    # samples/en/A_RES_80_10.txt
    text = (
        "Reaffirming also its resolutions 53/199 of 15 December 1998 and 61/185 of 20 December "
        "2006, and Economic and Social Council resolution 1980/67 of 25 July 1980"
    )
    assert symbols(text, "en") == ["A/RES/53/199", "A/RES/61/185"]


def test_ga_resolution_after_other_body_in_same_sentence():
    # samples/en/A_RES_73_3.txt: "Assembly" alone is the General Assembly
    text = (
        "in line with General Assembly resolution 71/3 on antimicrobial resistance and "
        "Assembly resolution 70/175 of 17 December 2015;"
    )
    assert symbols(text, "en") == ["A/RES/71/3", "A/RES/70/175"]


def test_cop_decision_in_english_is_not_a_ga_decision():
    # samples/en/A_RES_73_6.txt, footnote
    assert find_citations("See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex.", "en") == [
        Citation("FCCC/CP/2015/10/Add.1", "document")
    ]


def test_number_without_keyword_is_not_cited():
    # samples/seeds/002: heading, and fractions of dates
    assert (
        symbols("65/123.\tCooperation between the United Nations, national parliaments", "en") == []
    )


# --- documents ---------------------------------------------------------------------------


def test_joint_symbol_yields_both_documents():
    # samples/seeds/000 and 002, footnote 1
    assert find_citations("¹ A/65/382-S/2010/490。", "zh") == [
        Citation("A/65/382", "document"),
        Citation("S/2010/490", "document"),
    ]
    assert symbols("1 A/65/382-S/2010/490.", "en") == ["A/65/382", "S/2010/490"]


def test_trailing_punctuation_is_not_swallowed():
    # samples/seeds/000 and 002, footnotes 2 and 4
    assert symbols("² A/65/289，附件一。", "zh") == ["A/65/289"]
    assert symbols("4 A/51/402, annex.", "en") == ["A/51/402"]
    assert symbols("⁴ A/51/402，附件。", "zh") == ["A/51/402"]


def test_draft_with_addendum_counts_only_the_draft():
    # samples/seeds/000 and 002: adoption line
    assert symbols("[未经发交主要委员会而通过(A/65/L.11和Add.1)]", "zh") == ["A/65/L.11"]
    assert symbols("[without reference to a Main Committee (A/65/L.11 and Add.1)]", "en") == [
        "A/65/L.11"
    ]


def test_document_symbols_with_suffixes():
    # samples/seeds/001; 75_168_E.xml; samples/en/A_RES_80_16.txt
    assert symbols("见 FCCC/CP/2015/10/Add.1，", "zh") == ["FCCC/CP/2015/10/Add.1"]
    assert symbols("(A/71/53/Add.1 and A/71/53/Add.1/Corr.1), chap. II.", "en") == [
        "A/71/53/Add.1",
        "A/71/53/Add.1/Corr.1",
    ]
    assert symbols("A/AC.292/2025/INF/5/Rev.1", "en") == ["A/AC.292/2025/INF/5/Rev.1"]
    assert symbols("(A/C.3/56/L.10)", "en") == ["A/C.3/56/L.10"]
    assert symbols("E/2019/68", "en") == ["E/2019/68"]


def test_document_symbol_with_part_in_brackets():
    # A_RES_78_184-2326027E.xml
    text = "Supplement No. 12 (A/78/12 (Part I) and A/78/12 (Part II))."
    assert symbols(text, "en") == ["A/78/12(Part I)", "A/78/12(Part II)"]


def test_full_resolution_symbol_counts_as_resolution():
    # samples/seeds/002 page furniture; A/RES/… written in full
    assert find_citations("<<ODS DOC SYMBOL1>>A/RES/65/123<<ODS DOC SYMBOL1>>", "en") == [
        Citation("A/RES/65/123", "resolution")
    ]
    assert find_citations("A/RES/3369 (XXX)", "en") == [Citation("A/RES/3369(XXX)", "resolution")]
    assert find_citations("S/RES/2282 (2016)", "en") == [Citation("S/RES/2282(2016)", "resolution")]


def test_footnote_digit_after_full_stop_is_not_part_of_symbol():
    # PDF extractions glue the next footnote number on: "…490.2 A/65/289"
    assert symbols("1 A/65/382-S/2010/490.2 A/65/289, annex I.", "en") == [
        "A/65/382",
        "S/2010/490",
        "A/65/289",
    ]


def test_symbol_glued_to_chinese_text():
    # A_RES_76_206-2119286C.xml style: "见A/60/633-S/2005/826，附件三。" (seed 004, footnote 1)
    assert symbols("见A/60/633-S/2005/826，附件三。", "zh") == ["A/60/633", "S/2005/826"]


# --- whole seeds ---------------------------------------------------------------------------


def _seed_text(name: str) -> str:
    """The raw seed text minus URL lines (page furniture and footnote digits stay)."""
    lines = (SEEDS / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("http"))


SEED_NAMES = sorted(name for name in GOLD if not name.startswith("_"))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_citations_match_gold(name):
    """Resolutions and decisions over the whole raw seed equal the gold sets.

    The resolution's own symbol (page furniture such as "A/RES/65/123" in seed 002's
    running head) is not a citation and is left out before comparing.
    """
    gold = GOLD[name]
    own = gold["symbol"]
    found = [c for c in find_citations(_seed_text(name), gold["language"]) if c.symbol != own]
    assert {c.symbol for c in found if c.kind == "resolution"} == set(gold["resolutions"])
    assert {c.symbol for c in found if c.kind == "decision"} == set(gold["decisions"])


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_documents_match_gold(name):
    gold = GOLD[name]
    found = find_citations(_seed_text(name), gold["language"])
    assert {c.symbol for c in found if c.kind == "document"} == set(gold["documents"])


# --- other bodies' resolutions are never the Assembly's (AKN sessions 75–78) ------------


@pytest.mark.parametrize(
    "text",
    [
        # A/RES/75/178 (zh): date and "关于…的" between the body and the number
        "回顾人权理事会2007年6月18日关于理事会体制建设的第5/1号决议和关于理事会特别程序任务"
        "负责人行为守则的第5/2号决议，",
        # A/RES/75/177 (zh): a title in between, then a list
        "以及人权理事会题为“增进享有和平的权利”的2012年7月5日第20/15号、"
        " 2013年6月13日第23/16号决议",
        # A/RES/75/263 (zh): the FAO Conference, a session in between
        "回顾2019年6月28日联合国粮食及农业组织大会第四十一届会议通过的第10/2019号决议，",
        # A/RES/75/194 (zh): a conference of States parties
        "并在这方面回顾公约缔约国会议2009年11月13日第3/1号决议，",
        # (zh) a topic that cites a Security Council resolution, then "最近的是"
        "还回顾其2009年4月7日关于安全理事会第1863(2009)号决议所引起活动经费筹措的第63/275 A号"
        "决议及其后各项有关决议，最近的是2020年6月30日第74/295号决议",
        # (zh) the body named after the number
        "在这方面，注意到2016年5月27日第2/17号决议 所述联合国环境大会作出的贡献",
    ],
)
def test_chinese_other_bodies_resolutions_are_not_the_assemblys(text):
    found = set(symbols(text, "zh"))
    for other in ("A/RES/5/1", "A/RES/5/2", "A/RES/20/15", "A/RES/23/16", "A/RES/10/2019"):
        assert other not in found
    assert not {"A/RES/3/1", "A/RES/2/17"} & found


def test_chinese_topic_citing_a_security_council_resolution_leaves_the_list_the_assemblys():
    text = (
        "还回顾其2009年4月7日关于安全理事会第1863(2009)号决议所引起活动经费筹措的第63/275 A号"
        "决议及其后各项有关决议，最近的是2020年6月30日第74/295号决议"
    )
    assert symbols(text, "zh", "resolution") == [
        "S/RES/1863(2009)",
        "A/RES/63/275 A",
        "A/RES/74/295",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Environment Assembly resolutions 5/2, 5/7 and 5/8", []),
        (
            "Human Rights Council resolutions 5/1 and 5/2 and General Assembly resolution 60/251",
            ["A/RES/60/251"],
        ),
        # A/RES/75/104: "of its resolution" after the body
        (
            "Recalls the adoption by the Economic Commission for Latin America and the Caribbean"
            " of its resolution 574 (XXVII) of 16 May 1998",
            [],
        ),
        # A/RES/76/296 annex: the body far before "in resolution"
        (
            "We welcome the decision by the United Nations Environment Assembly of the United"
            " Nations Environment Programme at its resumed fifth session, in resolution 5/14 of"
            " 2 March 2022, to convene",
            [],
        ),
        # A/RES/75/198: another body's decision, then "and resolutions" going on
        (
            "and Human Rights Council decision 18/120 of 30 September 2011 and resolutions 24/14"
            " of 27 September 2013",
            [],
        ),
        # A/RES/78/123: the body after the title
        (
            "Welcoming resolution 3/2023 of 7 July 2023, entitled “International Day of the"
            " Potato”, adopted by the Conference of the Food and Agriculture Organization",
            [],
        ),
        # A/RES/76/1: the same number again, no body named
        (
            "Recall Human Rights Council resolutions 43/1 of 19 June 2020, and take note of the"
            " report submitted pursuant to resolution 43/1;",
            [],
        ),
        # A/RES/75/75: "in its resolutions" without a comma is the Assembly's
        (
            "a crime against humanity, as declared in its resolutions 1653 (XVI) of 24 November"
            " 1961, 33/71 B of 14 December 1978",
            ["A/RES/1653(XVI)", "A/RES/33/71 B"],
        ),
        # A/RES/75/199 footnote: a Human Rights Council report
        (
            "See Official Records of the General Assembly, Sixty-ninth Session, Supplement No."
            " 53A (A/69/53/Add.1), chap. IV, sect. A, resolution 27/12.",
            [],
        ),
    ],
)
def test_english_other_bodies_resolutions_are_not_the_assemblys(text, expected):
    assert symbols(text, "en", "resolution") == expected


# --- lettered parts keep their letters --------------------------------------------------


@pytest.mark.parametrize(
    "text, language, expected",
    [
        (
            "Recalling its resolutions 48/75 J and 53/77 AA of 4 December 1998 and 57/130 A and B",
            "en",
            ["A/RES/48/75 J", "A/RES/53/77 AA", "A/RES/57/130 A", "A/RES/57/130 B"],
        ),
        (
            "回顾其第53/77 AA号、第57/130 A和B号决议",
            "zh",
            ["A/RES/53/77 AA", "A/RES/57/130 A", "A/RES/57/130 B"],
        ),
        # A/RES/75/65 (zh): the first session in Chinese numerals
        (
            "回顾其1946年1月24日第一㈠号、2016年12月5日第71/54号决议",
            "zh",
            ["A/RES/1(I)", "A/RES/71/54"],
        ),
        # A/RES/76/239 (zh): "S IV" without its hyphen
        ("重申其1963年6月27日第1874(S IV)号决议", "zh", ["A/RES/1874(S-IV)"]),
    ],
)
def test_lettered_and_old_numbers_keep_their_form(text, language, expected):
    assert symbols(text, language, "resolution") == expected
