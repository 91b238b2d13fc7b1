"""Lead phrases: the mined vocabulary, the longest match, and agreement with the XML's markup.

The corpus check renders every AKN file of sessions 75–78 as text
(:func:`render_word_text`), reads it back with :func:`parse_text` and compares each
paragraph's lead with the lead the XML marks (bold or italic, read by :func:`parse_akn`).
A paragraph the text parser does not find counts as a miss.  At least 98 % must agree per
language; the test prints the rate and the 20 most frequent misses.
"""

from __future__ import annotations

import tarfile
from collections import Counter
from pathlib import Path

import pytest

from resolutions.data.mine_leads import mine, write
from resolutions.parsing.akn import parse_akn
from resolutions.parsing.leads import (
    COLUMNS,
    LEAD,
    PREFIX,
    Vocabulary,
    data_file,
    en_lead,
    read_rows,
    zh_lead,
)
from resolutions.parsing.render import render_word_text
from resolutions.parsing.structure import ParsedDocument, ParseError, UnsupportedLanguage
from resolutions.parsing.text import parse_text
from tests.conftest import SHARED

UNXML = SHARED / "corpus" / "unxml"
REQUIRED = 0.98
NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
PAIRING = 24  # characters that pair a paragraph of the XML with one of the text: past any lead


def _mined_leads(language: str) -> set[str]:
    return {phrase for kind, phrase, _, _ in read_rows(data_file(language)) if kind == LEAD}


# ------------------------------------------------------------------ longest match


@pytest.mark.parametrize(
    "text, lead",
    [
        ("Also calls upon all States to", "Also calls upon"),
        ("Further calls upon the parties", "Further calls upon"),
        ("Calling upon all Member States", "Calling upon"),
        ("Ever mindful of the need", "Ever mindful"),
        ("Notes with appreciation the work", "Notes with appreciation"),
        ("Recalling also its resolution 75/1,", "Recalling also"),
        ("Encourages further efforts to", "Encourages"),  # "further" is no suffix of a verb in -s
    ],
)
def test_english_lead_is_the_longest_known_phrase(text, lead):
    assert en_lead(text) == lead


@pytest.mark.parametrize(
    "lead",
    [
        *("强调指出", "表示赞赏地注意到", "表示深为关切", "表示严重关切", "特别指出", "重点指出"),
        *("知悉", "审查了", "肯定", "提及", "再次承诺", "感到震惊的是", "最强烈地谴责"),
        "在这方面欢迎",
    ],
)
def test_chinese_lead_is_the_longest_known_phrase(lead):
    assert zh_lead(lead + "秘书长的报告，") == lead


@pytest.mark.parametrize(
    "text, lead, language",
    [
        ("Further strongly condemns the attacks", "Further strongly condemns", "en"),
        ("Also urgently calls upon all States", "Also urgently calls upon", "en"),
        ("Reaffirming also with concern that", "Reaffirming also with concern", "en"),
        ("又再次表示深为关切的是，", "又再次表示深为关切的是", "zh"),
        ("在这方面又表示严重关切地注意到报告，", "在这方面又表示严重关切地注意到", "zh"),
        ("还最强烈地谴责袭击；", "还最强烈地谴责", "zh"),
        ("为此又邀请各国；", "为此又邀请", "zh"),
        ("痛惜地回顾其决议，", "痛惜地回顾", "zh"),  # a lead made an adverb with 地
    ],
)
def test_unseen_combinations_of_mined_parts_are_leads(text, lead, language):
    assert lead not in _mined_leads(language)  # the corpus never shows this one
    assert (zh_lead if language == "zh" else en_lead)(text) == lead


def test_unknown_first_word_is_a_lead_only_when_shaped_like_a_verb():
    assert en_lead("Commiserating with the victims") == "Commiserating"
    assert en_lead("Also pledges its support") == "Also pledges"
    assert en_lead("The Secretary-General shall report") == ""
    assert zh_lead("大会第七十八届会议") == ""
    assert zh_lead("鼓励地方政府") == "鼓励"  # 地 makes no adverb before a non-lead


def test_bold_lead_of_markdown_wins():
    assert zh_lead("**欢迎**各国") == "欢迎"
    assert en_lead("*Also calls upon* all States") == "Also calls upon"


def test_vocabulary_keeps_what_is_marked_more_often_than_left_out():
    rows = [
        (LEAD, "Encourages", 10, 0),
        (LEAD, "Encourages further", 1, 5),  # mostly left out of the lead: refused
        (PREFIX, "Also", 9, 1),
        (PREFIX, "Anew", 3, 2),  # a part needs twice the evidence
        ("suffix-s", "with appreciation", 4, 0),
    ]
    words = Vocabulary.from_rows(rows, "en")
    assert words.lead("Encourages further efforts") == "Encourages"
    assert (
        words.lead("Also encourages with appreciation the") == "Also encourages with appreciation"
    )
    assert words.lead("Anew encourages") == ""


# ------------------------------------------------------------------ mining


def test_mined_rows_count_marked_and_unmarked_and_find_parts(tmp_path: Path):
    paras = [
        ("Recalling", "Recalling its resolution,"),
        ("Recalling also", "Recalling also its resolution,"),
        ("Noting", "Noting the report,"),
        ("Noting", "Noting the report,"),
        ("Noting also", "Noting also the report,"),
        ("Encourages", "Encourages States,"),
        ("Encourages", "Encourages States,"),
        ("Encourages", "Encourages further States,"),  # "further" left out of the lead
        ("Encourages further", "Encourages further action,"),
        ("Also encourages", "Also encourages States,"),
        ("Decides", "Decides to act;"),
        ("Decides", "Decides to act;"),
        ("Also decides", "Also decides to act;"),
    ]
    paras.append(("Recalling", "Recalling its resolution,"))
    paras.append(("Recalling", "Recalling its resolution,"))
    rows = mine(paras, "en")
    as_dict = {(kind, phrase): (marked, unmarked) for kind, phrase, marked, unmarked in rows}
    assert as_dict[LEAD, "Recalling"] == (3, 0)
    assert as_dict[LEAD, "Encourages further"] == (1, 1)
    assert as_dict[PREFIX, "Also"] == (2, 0)
    assert as_dict["suffix-ing", "also"] == (2, 0)
    path = tmp_path / "leads_en.tsv"
    write(path, rows, ["75session-English.tar.xz"])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Lead phrases")
    assert any("from: 75session-English.tar.xz" in line for line in lines)
    assert any(
        line.startswith("# Rebuild: python -m resolutions.data.mine_leads") for line in lines
    )
    assert "\t".join(COLUMNS) in lines
    assert sorted(read_rows(path)) == sorted(rows)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_shipped_vocabulary_names_its_sources_and_holds_every_kind(language):
    text = data_file(language).read_text(encoding="utf-8")
    assert "mine_leads.py" in text and "75session" in text and "78session" in text
    kinds = Counter(kind.split("-")[0] for kind, *_ in read_rows(data_file(language)))
    assert kinds[LEAD] > 300 and kinds[PREFIX] > 10 and kinds["suffix"] > 10


# ------------------------------------------------------------------ the XML reader


def _akn(body: str, language: str = "zho") -> bytes:
    return (
        f'<akomaNtoso xmlns="{NS}"><statement name="resolution"><meta><identification>'
        '<FRBRWork><FRBRuri value="/akn/un/statement/deliberation/unga/2023-12-22/78-247/"/>'
        f'</FRBRWork><FRBRExpression><FRBRlanguage language="{language}"/></FRBRExpression>'
        "</identification></meta>"
        f"<preamble>{body}</preamble><mainBody><paragraph><num>1.</num><content><p>"
        '<span class="bold">决定</span>继续处理此案。</p></content></paragraph></mainBody>'
        "</statement></akomaNtoso>"
    ).encode()


def test_xml_lead_marked_after_a_short_phrase_keeps_the_phrase():
    body = (
        '<container name="x"><p>\t在这方面<span class="bold">欢迎</span>各国，</p></container>'
        '<container name="y"><p>为此<span class="bold">重申</span>其承诺，</p></container>'
        '<container name="z"><p>回顾其第<span class="bold">75/1</span>号决议，</p></container>'
        '<container name="w"><p>第75/1号<span class="bold">决议</span>，</p></container>'
    )
    (doc,) = parse_akn(_akn(body))
    assert [c.lead for c in doc.preambular] == ["在这方面欢迎", "为此重申", "", ""]


# ------------------------------------------------------------------ the corpus


def _pairs(doc: ParsedDocument) -> list[tuple[str, str | None]]:
    """``(XML lead, text parser's lead)`` of every paragraph; ``None``: not found in the text."""
    try:
        parsed = parse_text(render_word_text(doc))
    except ParseError:
        return [(c.lead, None) for c in doc.clauses]
    if len(parsed.clauses) == len(doc.clauses):
        return [(x.lead, t.lead) for x, t in zip(doc.clauses, parsed.clauses, strict=True)]
    # counts differ (a paragraph merged or split): pair the paragraphs by how they open
    found = {c.text[:PAIRING]: c.lead for c in parsed.clauses}
    return [(c.lead, found.get(c.text[:PAIRING])) for c in doc.clauses]


@pytest.mark.parametrize("language", ["English", "Chinese"])
def test_text_parser_leads_agree_with_the_xml_markup(language):
    archives = sorted(UNXML.glob(f"*session-{language}.tar.xz"))
    if not archives:
        pytest.skip(f"no {language} archives in {UNXML}")
    total = 0
    misses: Counter[tuple[str, str | None]] = Counter()
    for archive in archives:
        with tarfile.open(archive) as tar:
            for member in tar:
                if not member.isfile():
                    continue
                try:
                    docs = parse_akn(tar.extractfile(member).read())  # type: ignore[union-attr]
                except (UnsupportedLanguage, ParseError):
                    continue
                for doc in docs:
                    for xml, text in _pairs(doc):
                        total += 1
                        if xml != text:
                            misses[xml, text] += 1
    assert total, f"no {language} paragraphs read"
    rate = 1 - sum(misses.values()) / total
    print(f"\n{language}: leads agree in {total - sum(misses.values())}/{total} ({rate:.2%})")
    for (xml, text), n in misses.most_common(20):
        print(f"   {n:5}  xml {xml!r}  text {text!r}")
    assert rate >= REQUIRED, f"{language}: only {rate:.2%} of the leads agree"
