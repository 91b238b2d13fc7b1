"""parse_text on the five seed documents agrees with what a person reads in them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from resolutions.parsing.structure import Clause, ParsedDocument
from resolutions.parsing.text import parse_text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "samples" / "seeds"
GOLD = json.loads((ROOT / "tests" / "data" / "seeds_gold.json").read_text(encoding="utf-8"))
SEED_FILES = sorted(k for k in GOLD if not k.startswith("_"))


def parse_seed(name: str) -> ParsedDocument:
    return parse_text((SEEDS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def docs() -> dict[str, ParsedDocument]:
    return {name: parse_seed(name) for name in SEED_FILES}


def _cited(doc: ParsedDocument, kind: str) -> set[str]:
    return {r.symbol for r in doc.references if r.kind == kind}


@pytest.mark.parametrize("name", SEED_FILES)
def test_masthead_matches_gold(docs, name):
    doc, gold = docs[name], GOLD[name]
    assert doc.symbol == gold["symbol"]
    assert doc.language == gold["language"]
    assert doc.session == gold["session"]
    adopted = dt.date.fromisoformat(gold["adopted"]) if gold["adopted"] else None
    assert doc.adopted == adopted
    assert doc.meeting == gold["meeting"]
    assert doc.draft == gold["draft"]
    assert doc.title == gold["title"]
    assert doc.agenda_item == gold.get("agenda_item", doc.agenda_item)
    assert doc.base_document == (gold.get("base_document") or "")


@pytest.mark.parametrize("name", SEED_FILES)
def test_paragraph_and_footnote_counts_match_gold(docs, name):
    doc, gold = docs[name], GOLD[name]
    assert len(doc.preambular) == gold["preambular"]
    assert len(doc.operative) == gold["operative"]
    assert len(doc.footnotes) == gold["footnotes"]


@pytest.mark.parametrize("name", SEED_FILES)
def test_subparagraph_labels_match_gold(docs, name):
    doc, gold = docs[name], GOLD[name]
    expected = gold.get("subparagraphs", {})
    found = {
        str(c.number): [s.label for s in c.subparagraphs] for c in doc.operative if c.subparagraphs
    }
    assert found == expected


@pytest.mark.parametrize("name", SEED_FILES)
def test_cited_symbols_match_gold(docs, name):
    doc, gold = docs[name], GOLD[name]
    assert _cited(doc, "resolution") == set(gold["resolutions"])
    assert _cited(doc, "decision") == set(gold["decisions"])
    assert _cited(doc, "document") == set(gold["documents"])


def test_base_document_is_a_header_reference(docs):
    doc = docs["000_62c69d06a15fe49f.txt"]
    assert [r.symbol for r in doc.references if r.cited_in == "header"] == ["A/65/L.11"]


def test_zh_and_en_of_65_123_agree(docs):
    zh, en = docs["000_62c69d06a15fe49f.txt"], docs["002_9bda989b8736b09f.txt"]
    assert len(zh.preambular) == len(en.preambular)
    assert len(zh.operative) == len(en.operative)
    assert len(zh.footnotes) == len(en.footnotes)
    assert _cited(zh, "resolution") == _cited(en, "resolution")
    assert [c.footnotes for c in zh.clauses] == [c.footnotes for c in en.clauses]


# --- clause texts, written by reading the files ----------------------------------------


def _texts(clauses: list[Clause]) -> list[str]:
    return [c.text for c in clauses]


def test_footnote_one_of_65_123_is_cited_twice(docs):
    doc = docs["000_62c69d06a15fe49f.txt"]
    assert doc.preambular[0].footnotes == ["1"]
    assert doc.operative[1].footnotes == ["1"]
    assert doc.preambular[0].text == (
        "审议了秘书长2010年9月20日的报告，报告表明联合国在过去两年中同各国议会联盟进行了"
        "广泛和实质性的合作，"
    )


def test_zh_first_and_last_paragraphs_of_65_123(docs):
    doc = docs["000_62c69d06a15fe49f.txt"]
    assert (
        doc.preambular[-1].text
        == "承认各国议会在制定国家计划和战略以及确保透明度和问责制方面的作用和责任，"
    )
    assert doc.operative[0].text == "欢迎各国议会联盟作出努力，加强各国议会对联合国的贡献和支持；"
    assert doc.operative[0].lead == "欢迎"
    assert doc.operative[5].lead == "又鼓励"
    assert doc.operative[-1].text.endswith("的项目列入大会第六十六届会议临时议程。")


def test_en_first_and_last_paragraphs_of_65_123(docs):
    doc = docs["002_9bda989b8736b09f.txt"]
    assert doc.preambular[0].text == (
        "Having considered the report of the Secretary-General of 20 September 2010, which "
        "attests to the broad and substantive cooperation between the United Nations and the "
        "Inter-Parliamentary Union over the past two years,"
    )
    assert doc.preambular[3].lead == "Taking note further"
    assert doc.preambular[7].lead == "Recalling also"
    assert doc.operative[5].lead == "Also encourages"
    assert doc.operative[-1].text == (
        "Decides, in recognition of the unique role of national parliaments in support of the "
        "work of the United Nations, to include in the provisional agenda of its sixty-sixth "
        'session an item entitled "Interaction between the United Nations, national parliaments '
        'and the Inter-Parliamentary Union".'
    )
    assert doc.operative[-1].number == 14


def test_hard_wrapped_zh_lines_join_without_spaces_and_drop_markers(docs):
    doc = docs["001_de73fd0f32c2fc63.txt"]
    assert doc.preambular[0].text == (
        "回顾各国国家元首和政府首脑在《2005 年世界首脑会议成果》中表示决心通过各国议会的世界性"
        "组织即各国议会联盟，进一步加强联合国同各国议会在联合国所有工作领域的合作，"
    )
    assert doc.preambular[0].footnotes == ["1"]


def test_zh_operative_broken_by_footnotes_and_page_is_rejoined(docs):
    doc = docs["001_de73fd0f32c2fc63.txt"]
    seventh = doc.operative[6]
    assert seventh.number == 7
    assert seventh.text == (
        "鼓励会员国考虑将联合国-各国议会联盟联合议会听证会的做法适用于配合联合国主要会议和"
        "进程召开的其他议会会议，例如在妇女地位委员会年度会议期间组织召开的议会会议，以期将"
        "这些议会会议的成果作为对联合国各相关进程的正式贡献；"
    )


def test_real_numbers_are_not_taken_for_bare_footnote_markers(docs):
    doc = docs["001_de73fd0f32c2fc63.txt"]
    fifteenth = doc.operative[14]
    assert "得到 96 个国家议会和 5 个议会大会的核可" in fifteenth.text
    assert fifteenth.footnotes == []
    assert doc.operative[13].footnotes == ["3"]  # 《2030 年可持续发展议程》3 cited again
    assert doc.operative[-1].footnotes == ["6"]
    assert doc.preambular[6].footnotes == ["3", "4", "5"]


def test_zh_draft_paragraph_across_page_break_is_rejoined(docs):
    doc = docs["003_ce367cf3594bc63b.txt"]
    assert doc.preambular[4].lead == "又铭记"
    assert doc.preambular[4].text == (
        "又铭记根据在塔那那利佛举行的法语国家部长级会议于 2005 年 11 月 23 日通过的《法语国家"
        "宪章》，法语国家国际组织的宗旨是协助建立和发展民主，预防、管理和解决冲突，支持法治与"
        "人权，加强不同文化和文明之间的对话，促进相互了解，在各国人民之间建立更密切的联系，开展"
        "多边合作活动，促进各国的经济增长，以加强各国人民的团结，并促进教育和培训，"
    )


def test_zh_draft_has_sponsors_and_subparagraphs(docs):
    doc = docs["003_ce367cf3594bc63b.txt"]
    assert doc.sponsors[0] == "阿尔巴尼亚"
    assert doc.sponsors[-2:] == ["乌克兰", "越南"]
    assert "中非共和国" in doc.sponsors and len(doc.sponsors) == 40
    fourteenth = doc.operative[13]
    assert fourteenth.subparagraphs[1].text == "促进民主治理和人权；"
    assert doc.operative[1].text.endswith(
        "促成国际合作，以解决经济、社会或人道主义性质的国际问题，并作为各国为实现这些共同目的协调行动的中心；"
    )


def test_markdown_page_break_inside_a_year_is_rejoined(docs):
    doc = docs["004_f81cf8e4b70bca3e.txt"]
    fourth = doc.preambular[3]
    assert "和2008年3月13日和14日在达喀尔举行" in fourth.text
    assert fourth.footnotes == ["1"]
    assert fourth.lead == "注意到"
    assert doc.preambular[4].lead == "审议了"  # bold lead
    assert doc.operative[13].lead == "又欢迎"
