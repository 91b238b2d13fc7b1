"""The AKN4UN XML reader, checked against the UN's real files (read from the archives)."""

from __future__ import annotations

import functools
import tarfile
import time

import pytest

from resolutions.parsing.akn import parse_akn
from resolutions.parsing.structure import ParseError
from tests.conftest import SHARED

UNXML = SHARED / "corpus" / "unxml"
pytestmark = pytest.mark.skipif(not UNXML.is_dir(), reason="UN XML corpus not available")


@functools.lru_cache(maxsize=8)
def _archive(name: str) -> dict[str, bytes]:
    with tarfile.open(UNXML / name) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}  # type: ignore[union-attr]


def _file(archive: str, contains: str) -> bytes:
    matches = [data for name, data in _archive(archive).items() if contains in name]
    assert len(matches) == 1, f"{contains!r} matches {len(matches)} files in {archive}"
    return matches[0]


def _one(archive: str, contains: str):
    docs = parse_akn(_file(archive, contains))
    assert len(docs) == 1
    return docs[0]


# ------------------------------------------------------------------ 78/247, sectioned


@pytest.fixture(scope="module")
def res_78_247():
    return _one("78session-English.tar.xz", "A_RES_78_247-")


def test_metadata_comes_from_cover_page_conclusions_and_workflow(res_78_247):
    doc = res_78_247
    assert doc.symbol == "A/RES/78/247"
    assert doc.language == "en"
    assert doc.session == 78
    assert doc.title == "Report on the activities of the Office of Internal Oversight Services"
    assert str(doc.adopted) == "2023-12-22"
    assert doc.meeting == 50
    assert doc.agenda_item == "132 and 143"
    assert doc.base_document == "A/C.5/78/L.13"
    assert doc.source_format == "akn"


def test_sectioned_resolution_keeps_sections_and_restarting_numbers(res_78_247):
    doc = res_78_247
    assert [c.element_id for c in doc.preambular] == [
        "preamble_4",
        "preamble_5",
        "preamble_54",
        "preamble_55",
    ]
    assert [c.number for c in doc.operative] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2]
    first = "I. Activities of the Office of Internal Oversight Services"
    second = "II. Activities of the Independent Audit Advisory Committee"
    assert [c.section for c in doc.clauses] == [first] * 12 + [second] * 4
    # document order: section I preamble, its paragraphs, then section II
    assert [c.kind for c in doc.clauses[:3]] == ["preambular", "preambular", "operative"]


def test_crossheading_preamble_has_lead_and_clean_text(res_78_247):
    clause = res_78_247.preambular[1]
    assert clause.lead == "Having considered"
    assert clause.text == (
        "Having considered the report of the Office of Internal Oversight Services on its "
        "activities for the period from 1 July 2022 to 30 June 2023,"
    )
    assert res_78_247.operative[7].lead == "Takes note"


def test_footnote_is_tied_to_the_clause_citing_it(res_78_247):
    doc = res_78_247
    assert doc.preambular[1].footnotes == ["1"]
    assert doc.preambular[3].footnotes == ["2"]
    assert all(not c.footnotes for c in doc.operative)
    notes = {f.marker: f.text for f in doc.footnotes}
    assert notes == {"1": "A/78/301 (Part I) and A/78/301 (Part I)/Add.1.", "2": "A/78/286."}
    # the footnote text is not part of the clause text
    assert "A/78/301" not in doc.preambular[1].text


def test_references_by_clause_position_and_footnote(res_78_247):
    refs = {(r.symbol, r.cited_in) for r in res_78_247.references}
    assert ("A/RES/48/218 B", "preambular:1") in refs  # <a href=".../48/218b">48/218</a> B
    assert ("A/RES/77/278", "preambular:3") in refs
    assert ("A/RES/61/275", "operative:12") in refs  # the 2nd paragraph of section II
    assert ("A/78/301(Part I)/Add.1", "footnote:1") in refs
    assert ("A/78/286", "footnote:2") in refs
    cited = [(r.symbol, r.cited_in) for r in res_78_247.references]
    assert len(cited) == len(set(cited)), "references are de-duplicated per citing part"


# ------------------------------------------------------------------ sub-paragraphs


def test_list_points_nest_sublists_under_their_point():
    doc = _one("75session-English.tar.xz", "75_325_E")
    clause = doc.operative[3]
    assert (clause.number, clause.element_id, clause.lead) == (4, "para_18", "Decides")
    assert [s.label for s in clause.subparagraphs] == ["a", "b"]
    assert [s.label for s in clause.subparagraphs[0].children] == ["i", "ii"]
    assert clause.subparagraphs[0].children[0].text == (
        "During the seventy-sixth session: role and authority of the General Assembly, "
        "and working methods;"
    )
    assert "To identify further ways" not in clause.text


def test_flat_labelled_paragraphs_become_nested_subparagraphs():
    """75/101 A marks (a)…(f) and (i)…(iv) up as separate paragraphs, some labelled in text."""
    en, zh = (
        parse_akn(_file(f"75session-{lang}.tar.xz", "75_101A-B"))[0]
        for lang in ("English", "Chinese")
    )
    for doc in (en, zh):
        (urges,) = doc.operative
        assert urges.number is None
        assert [s.label for s in urges.subparagraphs] == ["a", "b", "c", "d", "e", "f"]
        assert [s.label for s in urges.subparagraphs[4].children] == ["i", "ii", "iii", "iv"]
    assert en.operative[0].subparagraphs[1].text.startswith("To ensure for journalists")
    assert zh.operative[0].subparagraphs[4].children[2].text.startswith("协助建立")  # ㈢


# ------------------------------------------------------------------ zh and en twins


def test_chinese_file_pairs_with_its_english_twin():
    en = _one("75session-English.tar.xz", "75_325_E")
    zh = _one("75session-Chinese.tar.xz", "75_325_C")
    assert zh.language == "zh" and zh.symbol == en.symbol == "A/RES/75/325"
    assert (len(en.preambular), len(en.operative)) == (len(zh.preambular), len(zh.operative))
    assert (len(en.preambular), len(en.operative)) == (10, 82)
    assert [c.element_id for c in zh.clauses] == [c.element_id for c in en.clauses]
    assert [c.number for c in zh.operative] == list(range(1, 83))
    assert zh.operative[3].lead == "决定"
    assert [a.title for a in en.annexes] == ["Annex"]
    assert [a.title for a in zh.annexes] == ["附件"]


# ------------------------------------------------------------------ collections


def test_lettered_collection_becomes_one_document_per_letter():
    docs = parse_akn(_file("75session-English.tar.xz", "75_101A-B"))
    assert [d.symbol for d in docs] == ["A/RES/75/101 A", "A/RES/75/101 B"]
    a, b = docs
    assert a.title == "Information in the service of humanity"
    assert b.title == "United Nations global communications policies and activities"
    assert [c.lead for c in a.preambular] == ["Taking note", "Taking note also"]
    assert a.preambular[0].footnotes == ["1"]
    assert len(b.preambular) == 10
    for doc in docs:
        assert doc.session == 75 and str(doc.adopted) == "2020-12-10" and doc.meeting == 41


def test_collection_with_three_letters():
    docs = parse_akn(_file("78session-Chinese.tar.xz", "A_RES_78_254AC"))
    assert [d.symbol for d in docs] == ["A/RES/78/254 A", "A/RES/78/254 B", "A/RES/78/254 C"]
    assert {d.language for d in docs} == {"zh"}


# ------------------------------------------------------------------ errors


def test_malformed_xml_reports_its_line():
    data = _file("78session-English.tar.xz", "A_RES_78_247-")
    broken = data.replace(b"</crossHeading>", b"</crossHeadin>", 1)
    line = data[: data.index(b"</crossHeading>")].count(b"\n") + 1
    with pytest.raises(ParseError) as err:
        parse_akn(broken)
    assert err.value.line == line


def test_xml_that_is_not_akoma_ntoso_is_refused():
    with pytest.raises(ParseError, match="not Akoma Ntoso"):
        parse_akn(b'<?xml version="1.0"?>\n<udhr><title>x</title></udhr>')


def test_language_other_than_chinese_or_english_is_refused():
    # 75_274_F.xml sits in the English archive but is the French text
    with pytest.raises(ParseError, match="fra"):
        parse_akn(_file("75session-English.tar.xz", "75_274_F"))


# ------------------------------------------------------------------ the whole corpus

# Files in the archives that hold neither Chinese nor English (source errors).
WRONG_LANGUAGE = {
    "75session/Chinese/75_274_C.xml",  # Spanish
    "75session/English/75_274_F.xml",  # French
    "77session/Chinese/A_RES_77_336-2317569A.xml",  # Arabic
}


def test_every_archive_parses(capsys):
    started = time.perf_counter()
    failures: dict[str, str] = {}
    texts = clauses = 0
    symbols: set[str] = set()
    for archive in sorted(p.name for p in UNXML.glob("*.tar.xz")):
        with tarfile.open(UNXML / archive) as tar:
            for member in tar:
                if not member.isfile() or not member.name.endswith(".xml"):
                    continue
                data = tar.extractfile(member).read()  # type: ignore[union-attr]
                try:
                    docs = parse_akn(data)
                except ParseError as exc:
                    failures[member.name] = str(exc)
                    continue
                for doc in docs:
                    texts += 1
                    clauses += len(doc.clauses)
                    symbols.add(doc.symbol or "")
                    assert doc.symbol and doc.symbol.startswith("A/RES/"), member.name
                    assert doc.clauses, member.name
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(
            f"\nAKN corpus: {len(symbols)} resolutions, {texts} texts, {clauses} clauses, "
            f"{len(failures)} refused, {elapsed:.1f} s"
        )
    assert set(failures) == WRONG_LANGUAGE, failures
    assert 1300 <= len(symbols) <= 1400
    assert 2550 <= texts <= 2700
    assert clauses > 100_000  # the time is printed; benchmarks/parse_akn.py measures it


def test_cover_page_symbol_loses_when_preface_and_uri_agree_on_another():
    """75_269_C.xml: cover page says A/RES/75/268, preface "75/269." and the FRBR URI 75-269."""
    with tarfile.open(UNXML / "75session-Chinese.tar.xz") as tar:
        data = tar.extractfile("75session/Chinese/75_269_C.xml").read()
    (doc,) = parse_akn(data)
    assert doc.symbol == "A/RES/75/269"
    assert doc.title == "联合国同经济合作与发展组织(经合组织)的合作"


def test_lettered_resolution_takes_its_letter_from_the_cover_page():
    """A_RES_75_257 B-2109408E.xml: cover "A/RES/75/257 B", preface "75/257.", URI 75-257."""
    with tarfile.open(UNXML / "75session-English.tar.xz") as tar:
        data = tar.extractfile("75session/English/A_RES_75_257 B-2109408E.xml").read()
    (doc,) = parse_akn(data)
    assert doc.symbol == "A/RES/75/257 B"


# ------------------------------------------------------------------ markup quirks


def _pair(archive_en: str, archive_zh: str, contains_en: str, contains_zh: str, symbol: str):
    en = [d for d in parse_akn(_file(archive_en, contains_en)) if d.symbol == symbol]
    zh = [d for d in parse_akn(_file(archive_zh, contains_zh)) if d.symbol == symbol]
    assert len(en) == len(zh) == 1
    return en[0], zh[0]


def _shape(doc):
    return [(c.kind, c.number) for c in doc.clauses]


def test_unnumbered_paragraph_after_a_section_preamble_is_its_own_operative():
    # 75/245 section A: "Recalling …," then the unnumbered "Approves, with effect from …"
    # belongs to section A, not to paragraph 10 before the section heading
    doc = _one("75session-English.tar.xz", "75_245_E")
    approves = [c for c in doc.operative if c.text.startswith("Approves, with effect from")]
    assert len(approves) == 1 and approves[0].number is None
    assert approves[0].section.endswith("A. Base/floor salary scale")
    assert not any("Approves, with effect" in c.text for c in doc.operative if c.number == 10)
    # "C." is section C (a letter), not Roman 100: it nests under the unnumbered heading
    danger = [c for c in doc.clauses if "Danger pay" in c.section]
    assert danger and all(c.section.startswith("Conditions of service") for c in danger)


def test_number_printed_in_the_text_instead_of_num():
    # 75/248: paragraph 6 has "6.<tab>Reaffirms …" in its text and no <num>
    doc = _one("75session-English.tar.xz", "75_248_E")
    assert [c.number for c in doc.operative][:8] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert doc.operative[5].text.startswith("Reaffirms its decision")


def test_bare_chinese_section_numbers_are_headings():
    # 76/246 zh: "四" and its title as plain paragraphs, not operative paragraphs
    en, zh = _pair(
        "76session-English.tar.xz",
        "76session-Chinese.tar.xz",
        "A_RES_76_246-",
        "A_RES_76_246-",
        "A/RES/76/246",
    )
    assert not any(c.text in ("四", "二十四") for c in zh.clauses)
    assert any(c.section.startswith("四 ") for c in zh.clauses)


def test_chinese_resolves_that_list_is_operative_like_english():
    # 78/254 A zh marks "正式决定，对于2024年：" + "1. 核准批款 …" up as a preamble list
    en, zh = _pair(
        "78session-English.tar.xz",
        "78session-Chinese.tar.xz",
        "A_RES_78_254AC-",
        "A_RES_78_254AC-",
        "A/RES/78/254 A",
    )
    assert (
        _shape(zh)
        == _shape(en)
        == [
            ("operative", None),
            ("operative", 1),
            ("operative", 2),
            ("operative", 3),
        ]
    )


def test_chinese_single_operative_paragraph_with_its_list_like_english():
    # 78/80 A zh: "敦促所有国家 …：" (a)–(e) in the preamble, ㈠–㈣ and (f) in the body
    en, zh = _pair(
        "78session-English.tar.xz",
        "78session-Chinese.tar.xz",
        "A_RES_78_80AB-",
        "A_RES_78_80AB-",
        "A/RES/78/80 A",
    )
    assert _shape(zh) == _shape(en) == [("preambular", None)] * 2 + [("operative", None)]
    urges = zh.operative[0]
    assert [s.label for s in urges.subparagraphs] == ["a", "b", "c", "d", "e", "f"]
    assert [s.label for s in urges.subparagraphs[4].children] == ["i", "ii", "iii", "iv"]


def test_unnumbered_paragraph_closed_by_a_comma_is_preambular():
    # 78/45 zh: "深表遗憾地注意到 …，" sits in the main body before paragraph 1
    en, zh = _pair(
        "78session-English.tar.xz",
        "78session-Chinese.tar.xz",
        "A_RES_78_45-",
        "A_RES_78_45-",
        "A/RES/78/45",
    )
    assert (len(zh.preambular), len(zh.operative)) == (len(en.preambular), len(en.operative))
    assert (len(zh.preambular), len(zh.operative)) == (12, 12)


# ------------------------------------------------------------------ containers, no silent loss

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_HEADINGS = ("num", "heading", "subheading")


def _reading(doc) -> list[tuple]:
    """What a reader got from a document: every clause's kind, number, text, section,
    sub-paragraph labels and footnotes."""
    return [
        (c.kind, c.number, c.text, c.section, [s.label for s in c.subparagraphs], c.footnotes)
        for c in doc.clauses
    ]


def _rewritten(data: bytes, rewrite) -> bytes:
    """``data`` with ``rewrite(mainBody)`` applied to its main body."""
    from lxml import etree

    root = etree.fromstring(data)
    body = root.find(f".//{{{AKN}}}mainBody")
    rewrite(body)
    return etree.tostring(root, encoding="utf-8")


def _wrap(parent, children, *names: str) -> None:
    """Move ``children`` of ``parent`` into nested new elements ``names`` (outermost first)."""
    from lxml import etree

    if not children:
        return
    at = parent.index(children[0])
    outer = inner = etree.Element(f"{{{AKN}}}{names[0]}")
    for name in names[1:]:
        inner = etree.SubElement(inner, f"{{{AKN}}}{name}")
    for child in children:
        inner.append(child)
    parent.insert(at, outer)


def _sections_as_chapters_of_nested_containers(body) -> None:
    """section → chapter; its paragraphs inside subsection/hcontainer/division/title."""
    for section in body.findall(f"{{{AKN}}}section"):
        section.tag = f"{{{AKN}}}chapter"
        rest = [c for c in section if c.tag.rsplit("}", 1)[-1] not in _HEADINGS]
        _wrap(section, rest, "subsection", "hcontainer", "division", "title")


def _every_paragraph_in_its_own_part(body) -> None:
    for para in list(body.iter(f"{{{AKN}}}paragraph")):
        _wrap(para.getparent(), [para], "part", "level")


def _sections_renamed(name: str):
    def rewrite(body) -> None:
        for section in body.findall(f"{{{AKN}}}section"):
            section.tag = f"{{{AKN}}}{name}"

    return rewrite


@pytest.mark.parametrize(
    "rewrite",
    [
        _sections_renamed("part"),
        _sections_renamed("title"),
        _sections_renamed("hcontainer"),
        _sections_as_chapters_of_nested_containers,
        _every_paragraph_in_its_own_part,
    ],
    ids=["part", "title", "hcontainer", "chapter/subsection/hcontainer/division", "part/level"],
)
def test_paragraphs_in_any_schema_container_are_all_read(res_78_247, rewrite):
    data = _rewritten(_file("78session-English.tar.xz", "A_RES_78_247-"), rewrite)
    (doc,) = parse_akn(data)
    assert _reading(doc) == _reading(res_78_247)
    assert len(doc.operative) == len(res_78_247.operative) > 10


def test_paragraph_with_subparagraph_elements_keeps_its_points():
    """ "1." + intro + subparagraph (a), (b) (the schema's nesting, not a list) reads like
    the same paragraph with a list."""
    para = (
        f'<paragraph xmlns="{AKN}" eId="para_1"><num>1.</num>'
        "<intro><p>Decides:</p></intro>"
        "<subparagraph><num>(a)</num><content><p>To do the first thing;</p></content>"
        "</subparagraph><subparagraph><num>(b)</num><content><p>To do the second thing;</p>"
        "</content></subparagraph>"
        "<wrapUp><p>and to report on both.</p></wrapUp></paragraph>"
    )

    def rewrite(body) -> None:
        from lxml import etree

        first = body.find(f".//{{{AKN}}}paragraph")
        first.getparent().replace(first, etree.fromstring(para))

    (doc,) = parse_akn(_rewritten(_file("78session-English.tar.xz", "A_RES_78_247-"), rewrite))
    first = doc.operative[0]
    assert first.number == 1
    assert first.text == "Decides: and to report on both."
    assert [(s.label, s.text) for s in first.subparagraphs] == [
        ("a", "To do the first thing;"),
        ("b", "To do the second thing;"),
    ]


def test_file_whose_paragraphs_the_reader_cannot_reach_is_refused(res_78_247):
    """Paragraphs inside an element the reader does not read (``foreign``) fail the file
    with a ParseError naming the element and its line, instead of a document stored with
    clauses missing."""
    data = _rewritten(
        _file("78session-English.tar.xz", "A_RES_78_247-"),
        lambda body: _wrap(body, list(body)[1:], "foreign"),
    )
    with pytest.raises(ParseError) as raised:
        parse_akn(data)
    assert "were not read" in raised.value.message
    assert "inside <foreign>" in raised.value.message
    assert raised.value.line


def test_footnote_on_the_preface_number_is_kept():
    # 75/245 B: footnote 1 sits on the letter "B" of the preface number
    doc = _one("75session-English.tar.xz", "75_245B_E")
    notes = {f.marker: f.text for f in doc.footnotes}
    assert notes["1"].startswith("Resolution 75/245, in section VI")
    assert "footnote:1" in {r.cited_in for r in doc.references}


# ------------------------------------------------------------------ links against their text


def _with_sentence(xml_sentence: str):
    """78/247 with ``xml_sentence`` appended to the text of its first operative paragraph."""

    def rewrite(body) -> None:
        from lxml import etree

        p = body.find(f".//{{{AKN}}}paragraph/{{{AKN}}}content/{{{AKN}}}p")
        p.append(etree.fromstring(f'<span xmlns="{AKN}"> {xml_sentence}</span>'))

    (doc,) = parse_akn(_rewritten(_file("78session-English.tar.xz", "A_RES_78_247-"), rewrite))
    return {r.symbol for r in doc.references if r.cited_in == "operative:1"}


def test_link_whose_target_disagrees_with_its_text_is_not_a_citation():
    cited = _with_sentence(
        'See <a href="https://undocs.org/en/A/RES/84/24">MSC 84/24/Add.1</a> and'
        ' <a href="https://undocs.org/en/A/RES/73/137">74/116</a>.'
    )
    assert "A/RES/84/24" not in cited
    assert "A/RES/73/137" not in cited


def test_link_to_another_bodys_symbol_over_its_number_is_kept_but_not_as_the_assemblys():
    cited = _with_sentence(
        'Recalls Human Rights Council resolution <a href="https://undocs.org/en/A/HRC/RES/5/1">'
        '5/1</a> and its resolution <a href="https://undocs.org/en/A/RES/72/262c">72/262</a> C.'
    )
    assert "A/HRC/RES/5/1" in cited
    assert "A/RES/5/1" not in cited
    assert "A/RES/72/262 C" in cited
    assert "A/RES/72/262" not in cited
