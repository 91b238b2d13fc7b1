"""Read the UN's Akoma Ntoso (AKN4UN) XML of General Assembly resolutions.

:func:`parse_akn` turns one XML file into :class:`ParsedDocument` objects: one for a
plain ``statement``, one per lettered resolution for a ``documentCollection``
(``A/RES/75/101 A-B`` gives ``A/RES/75/101 A`` and ``A/RES/75/101 B``).

What the real files hold (sessions 75–78), and how it is read:

* preambular paragraphs: ``preamble/container`` (a ``blockList`` inside or right after
  it holds lettered sub-paragraphs) and ``crossHeading refersTo="#preamble"`` inside
  ``mainBody`` and its ``section`` elements;
* operative paragraphs: ``paragraph`` with ``num`` ``1.``; sub-paragraphs are either
  ``list/point`` (with ``sublist`` for the next level) or separate ``paragraph``
  elements labelled ``(a)`` / ``(iii)`` in ``num`` or at the start of the text;
  an unnumbered paragraph after a numbered one continues it, an unnumbered one before
  any numbered paragraph is an operative paragraph of its own (number None);
* section headings: ``section`` (``num`` + ``subheading``), bare ``subheading``s, and
  heading-only ``paragraph`` elements (``num`` ``I``, a ``subheading``, all-bold text);
* annexes: ``attachments/attachment/doc`` and everything in ``mainBody`` from a heading
  ``Annex`` / ``附件`` on; tables in ``mainBody`` are kept as annex text too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from .citations import find_citations
from .leads import is_en_operative_verb
from .structure import (
    Annex,
    Clause,
    Footnote,
    ParsedDocument,
    ParseError,
    Reference,
    Subparagraph,
    UnsupportedLanguage,
    mark_last_paragraph_operative,
)
from .symbols import (
    canonical,
    canonical_resolution,
    from_href,
    kind_of_canonical,
    parse_resolution,
)

__all__ = ["parse_akn"]

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_LANGUAGES = {"eng": "en", "en": "en", "zho": "zh", "chi": "zh", "zh": "zh"}
# No entity expansion, no network, no DTD loading, and libxml2's limits on depth (256
# levels: deeper nesting is a ParseError naming the line) and node size left on.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)
# AKN files never declare a DTD; one that does is refused before lxml sees it (entity bombs).
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)

_WS = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200e\u200f\ufeff]")
_NUMBERED_TEXT = re.compile(r"^(\d{1,3})\.\s+")
_OPERATIVE_NUM = re.compile(r"^(\d{1,3})\s*\.?$")
_LABEL = re.compile(r"^(?:\(\s*([a-z]{1,4}|\d{1,2})\s*\)|([\u3220-\u3229]))$")
_TEXT_LABEL = re.compile(r"^(?:\(\s*([a-z]{1,4})\s*\)|([\u3220-\u3229]))\s*")
# Chinese texts number the second level ㈠ ㈡ ㈢ … where English has (i) (ii) (iii)
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
_PARENTHESIZED = {chr(0x3220 + i): r for i, r in enumerate(_ROMANS)}
_HEADING_NUM = re.compile(r"^(?:[IVXLC]+|[A-Z]|[一二三四五六七八九十]+)\s*[.、]?$")
_ROMAN_LOWER = re.compile(r"^(?:x{0,3})(?:ix|iv|v?i{0,3})$")
_ANNEX = re.compile(
    r"^(?:Annex(?:es)?(?:\s+[IVXLC\d]+)?|附件(?:[一二三四五六七八九十]+)?)\s*[.:：]?$"
)
_ROMAN_UNIT = re.compile(r"^(?:[IVX]+|[IVXLC]{2,})[.\s]")
_ZH_HEADING = re.compile(r"^[一二三四五六七八九十]+\s*[、.]?\s+\S[^。；;，,]*$")
_SEPARATOR = re.compile(r"^[*\s]+$")
# The hierarchical containers of the AKN 3.0 schema (ANhier, hcontainer and the like): read
# as sections, their num and headings starting a new section, their children in order.
_CONTAINERS = frozenset(
    [
        "section",
        "part",
        "chapter",
        "subsection",
        "title",
        "subtitle",
        "book",
        "tome",
        "division",
        "subdivision",
        "subpart",
        "subchapter",
        "article",
        "clause",
        "subclause",
        "level",
        "rule",
        "subrule",
        "proviso",
        "transitional",
        "hcontainer",
        "alinea",
        "indent",
        "blockContainer",
    ]
)
# Elements that hold a paragraph of the resolution; each must end up read (see _check_read).
_PARAGRAPH_LIKE = frozenset(["paragraph", "subparagraph", "point", "item", "crossHeading"])


def _clean(text: str) -> str:
    """Collapse whitespace (tabs, newlines, non-breaking spaces) to single spaces."""
    return _WS.sub(" ", _INVISIBLE.sub("", text)).strip()


@dataclass
class _Part:
    """A clause being built, with the links of every element it was read from."""

    clause: Clause
    links: list[etree._Element] = field(default_factory=list)  # the <a> elements in it


class _Reader:
    """Reads one ``statement`` element into a :class:`ParsedDocument`."""

    def __init__(self, ns: str, language: str):
        self.ns = ns
        self.language = language
        self.parts: list[_Part] = []
        self.footnotes: dict[str, Footnote] = {}
        self.annexes: list[Annex] = []
        self.annex_lines: list[str] | None = None  # set while inside a mainBody annex
        self.stack: list[str] = []  # section headings, outermost first
        self.pending: list[str] = []  # headings read since the last clause
        self.last_operative: _Part | None = None
        self.last_sub: list[Subparagraph] = []  # open sub-paragraphs, by level
        self.read_elements: set[etree._Element] = set()  # whose text went into the result

    # ---------------------------------------------------------------- helpers

    def q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name

    def local(self, el: etree._Element) -> str:
        tag = el.tag
        if not isinstance(tag, str):
            return ""
        return tag.rsplit("}", 1)[-1]

    def text(self, el: etree._Element | None, skip: Iterable[str] = ()) -> str:
        """Clean text of ``el`` without footnotes and without the elements named in ``skip``."""
        if el is None:
            return ""
        skipped = {"authorialNote", *skip}
        out: list[str] = []

        def walk(node: etree._Element) -> None:
            if node.text:
                out.append(node.text)
            for child in node:
                name = self.local(child)
                if name in ("eol", "br", "p", "item", "point", "td", "th"):
                    out.append(" ")  # block boundaries separate words
                if name and name not in skipped:
                    walk(child)
                if child.tail:
                    out.append(child.tail)

        walk(el)
        return _clean("".join(out))

    def notes(self, el: etree._Element) -> list[str]:
        """Register the footnotes inside ``el`` and return their markers in order."""
        markers: list[str] = []
        for note in el.iter(self.q("authorialNote")):
            marker = (note.get("marker") or "").strip() or str(len(self.footnotes) + 1)
            if marker not in self.footnotes:
                self.footnotes[marker] = Footnote(marker, self.text(note))
            if marker not in markers:
                markers.append(marker)
        return markers

    def links(self, el: etree._Element) -> list[etree._Element]:
        """The links (``a`` elements) in ``el`` outside its footnotes."""
        found = []
        for a in el.iter(self.q("a")):
            parent = a.getparent()
            inside_note = False
            while parent is not None and parent is not el:
                if self.local(parent) == "authorialNote":
                    inside_note = True
                    break
                parent = parent.getparent()
            if not inside_note and a.get("href"):
                found.append(a)
        return found

    def lead(self, el: etree._Element | None, text: str, fallback: str = "") -> str:
        """The italic or bold lead phrase the paragraph text starts with, with the short
        phrase before it when it is marked a few characters in ("在这方面欢迎")."""
        context = 6  # "在这方面<b>欢迎</b>", "为此<b>重申</b>", "本着合作精神<b>赞扬</b>"
        if el is not None:
            for span in el.iter(self.q("span")):
                if (span.get("class") or "") in ("italic", "bold"):
                    lead = self.text(span).rstrip(",，:：")
                    at = text.find(lead, 0, context + len(lead)) if lead else -1
                    if 0 <= at <= context and not any(c.isdigit() for c in text[: at + len(lead)]):
                        return text[: at + len(lead)]
                    break
        fallback = _clean(fallback)
        return fallback if fallback and text.startswith(fallback) else ""

    @property
    def section(self) -> str:
        return " / ".join(self.stack)

    def _apply_headings(self) -> None:
        """Turn the headings read since the last clause into the current section."""
        units: list[str] = []
        bare: str | None = None
        for heading in self.pending:
            if _HEADING_NUM.match(heading):
                bare = heading.rstrip(".、 ")
                continue
            if bare is not None:
                if not heading.startswith(bare):
                    heading = f"{bare}. {heading}" if bare.isascii() else f"{bare} {heading}"
                bare = None
                units.append(heading)
            elif units and not re.match(r"^(?:[IVXLC]+|[A-Z])[.\s]", heading):
                units[-1] = f"{units[-1]} — {heading}"
            else:
                units.append(heading)
        if bare is not None:
            units.append(bare)
        for unit in units:
            # "C. Danger pay" is a lettered sub-section: Roman numerals of one letter are
            # I, V and X (a resolution does not run to section L or C)
            if re.match(r"^[A-Z][.\s]", unit) and not _ROMAN_UNIT.match(unit):
                self.stack = self.stack[:1] + [unit]
            else:
                self.stack = [unit]
        self.pending = []

    # ---------------------------------------------------------------- clauses

    def add_clause(self, kind: str, el: etree._Element, text: str, lead: str) -> _Part:
        self._apply_headings()
        self.annex_lines = None
        clause = Clause(
            kind=kind,  # type: ignore[arg-type]
            text=text,
            lead=lead,
            section=self.section,
            element_id=el.get("eId") or "",
        )
        part = _Part(clause)
        self.parts.append(part)
        self.absorb(part, el)
        self.last_sub = []
        # an unnumbered paragraph continues the operative paragraph right before it, not
        # one that a preambular paragraph (in a later section) came after
        self.last_operative = part if kind == "operative" else None
        return part

    def absorb(self, part: _Part, el: etree._Element, sub: Subparagraph | None = None) -> None:
        """Record the footnotes and links of ``el`` on ``part`` (and ``sub``)."""
        for marker in self.notes(el):
            if marker not in part.clause.footnotes:
                part.clause.footnotes.append(marker)
            if sub is not None and marker not in sub.footnotes:
                sub.footnotes.append(marker)
        part.links.extend(self.links(el))

    def add_sub(self, part: _Part, label: str, text: str, el: etree._Element) -> Subparagraph:
        """Attach a flat, labelled sub-paragraph at the level its label implies."""
        sub = Subparagraph(label=label, text=text)
        level = 0
        if self.last_sub and _ROMAN_LOWER.match(label) and label:
            previous = self.last_sub[0].label
            # "(i)" after "(h)" is a letter, after anything else a roman numeral
            if not (len(previous) == 1 and len(label) == 1 and ord(label) == ord(previous) + 1):
                level = 1
        if level == 0:
            part.clause.subparagraphs.append(sub)
            self.last_sub = [sub]
        else:
            self.last_sub[0].children.append(sub)
            self.last_sub = [self.last_sub[0], sub]
        self.absorb(part, el, sub)
        return sub

    def read_list(
        self, part: _Part, lst: etree._Element, into: list[Subparagraph], intro: bool = True
    ) -> None:
        """``list``/``blockList`` points, ``sublist`` nesting under the point before it."""
        previous: Subparagraph | None = None
        for child in lst:
            name = self.local(child)
            if name in ("point", "item"):
                label = self.text(child.find(self.q("num"))).strip("() ")
                label = _PARENTHESIZED.get(label, label)
                sub = Subparagraph(label=label, text=self.text(child, skip=("num",)))
                into.append(sub)
                self.absorb(part, child, sub)
                previous = sub
            elif name in ("sublist", "list", "blockList"):
                target = previous.children if previous is not None else into
                self.read_list(part, child, target)
            elif name in ("intro", "listIntroduction", "wrapUp", "listWrapUp") and intro:
                text = self.text(child)
                if text:
                    part.clause.text = _clean(f"{part.clause.text} {text}")
                self.absorb(part, child)

    # ---------------------------------------------------------------- preamble

    def read_preamble(self, preamble: etree._Element) -> None:
        last: _Part | None = None
        for child in preamble:
            name = self.local(child)
            self.read_elements.add(child)
            if name == "container":
                blocks = child.findall(self.q("blockList"))
                text = self.text(child, skip=("blockList",))
                numbered = _NUMBERED_TEXT.match(text)
                if numbered:  # an operative paragraph marked up as preambular (zh files)
                    text = text[numbered.end() :]
                    part = self.add_clause("operative", child, text, self.lead(child, text))
                    part.clause.number = int(numbered.group(1))
                    for block in blocks:
                        self.read_list(part, block, part.clause.subparagraphs)
                    continue
                if self.numbered_items(blocks):
                    last = None
                    self.read_numbered_blocks(child, blocks)
                    continue
                last = self.add_clause("preambular", child, text, "")
                for block in blocks:
                    self.read_list(last, block, last.clause.subparagraphs)
                last.clause.lead = self.lead(child, last.clause.text, child.get("name") or "")
            elif name == "blockList" and last is not None:
                self.read_list(last, child, last.clause.subparagraphs)
            elif name == "p":
                text = self.text(child)
                if text and not _SEPARATOR.match(text):
                    last = self.add_clause("preambular", child, text, self.lead(child, text))
            elif name == "crossHeading" or name in _CONTAINERS:
                self.read_elements.discard(child)
                self.read_child(child)  # a preambular crossHeading, a container of them
                last = None
            else:
                self.read_elements.discard(child)

    def unread(self, root: etree._Element) -> list[etree._Element]:
        """Paragraph-like elements under ``root`` (footnotes aside) whose text the reading
        did not take in: neither they nor an element around them was read."""
        lost: list[etree._Element] = []
        note = self.q("authorialNote")
        for el in root.iter(*(self.q(name) for name in _PARAGRAPH_LIKE)):
            if el in self.read_elements:
                continue
            around = list(el.iterancestors())
            if any(a in self.read_elements or a.tag == note for a in around):
                continue
            if self.text(el):
                lost.append(el)
        return lost

    def numbered_items(self, blocks: list[etree._Element]) -> bool:
        """Do these preamble ``blockList``s hold numbered operative paragraphs ("1.")?"""
        nums = [
            self.text(item.find(self.q("num")))
            for block in blocks
            for item in block
            if self.local(item) in ("item", "point")
        ]
        return bool(nums) and all(re.fullmatch(r"\d{1,3}\.", n) for n in nums)

    def read_numbered_blocks(self, container: etree._Element, blocks: list[etree._Element]) -> None:
        """ "正式决定，对于2024年：" + "1. 核准批款 …" marked up as a preamble list (zh files):
        the introduction is an unnumbered operative paragraph, the items numbered ones."""
        for block in blocks:
            intro = block.find(self.q("listIntroduction"))
            if intro is None:
                intro = block.find(self.q("intro"))
            if intro is not None and self.text(intro):
                text = self.text(intro)
                self.add_clause("operative", intro, text, self.lead(intro, text))
            part: _Part | None = None
            for item in block:
                name = self.local(item)
                if name in ("item", "point"):
                    text = self.text(item, skip=("num", "sublist", "list", "blockList"))
                    part = self.add_clause("operative", item, text, self.lead(item, text))
                    part.clause.number = int(self.text(item.find(self.q("num"))).rstrip("."))
                    for lst in item:
                        if self.local(lst) in ("sublist", "list", "blockList"):
                            self.read_list(part, lst, part.clause.subparagraphs)
                elif name in ("sublist", "list") and part is not None:
                    self.read_list(part, item, part.clause.subparagraphs)
        del container

    # ---------------------------------------------------------------- main body

    def heading(self, text: str) -> None:
        if not text or _SEPARATOR.match(text):
            return
        if _ANNEX.match(text):
            self.annexes.append(Annex(title=text, text=""))
            self.annex_lines = []
            return
        if self.annex_lines is not None:
            self.annex_line(text)
            return
        self.pending.append(text)

    def annex_line(self, text: str) -> None:
        assert self.annex_lines is not None
        if text:
            self.annex_lines.append(text)
            self.annexes[-1].text = "\n".join(self.annex_lines)

    def table_text(self, el: etree._Element) -> str:
        rows = []
        for tr in el.iter(self.q("tr")):
            cells = [self.text(cell) for cell in tr if self.local(cell) in ("td", "th")]
            rows.append(" | ".join(cells))
        return "\n".join(r for r in rows if r.strip(" |"))

    def read_body(self, body: etree._Element) -> None:
        for child in body:
            self.read_child(child)

    def read_child(self, child: etree._Element) -> None:
        """One element of ``mainBody`` or of a container, in document order."""
        name = self.local(child)
        if name not in _CONTAINERS and name not in ("intro", "wrapUp"):
            self.read_elements.add(child)
        if self.annex_lines is not None and name not in _CONTAINERS:
            text = self.table_text(child) if name == "container" else self.text(child)
            if name == "paragraph" and _ANNEX.match(text):
                self.heading(text)
            else:
                self.notes(child)
                self.annex_line(text)
        elif name in _CONTAINERS:
            self.read_section(child)
        elif name in ("intro", "wrapUp"):  # a container's opening or closing words
            for block in child:
                self.read_child(block)
        elif name in ("subheading", "heading", "num"):
            self.heading(self.text(child))
        elif name == "crossHeading":
            text = self.text(child)
            if (child.get("refersTo") or "") == "#preamble":
                self.add_clause("preambular", child, text, self.lead(child, text))
            else:
                self.heading(text)
        elif name == "paragraph":
            self.read_paragraph(child)
        elif name == "container":
            self.read_table(child)
        elif name == "p":
            self.heading(self.text(child))
        elif name in ("blockList", "list") and self.parts:
            self.read_list(self.parts[-1], child, self.parts[-1].clause.subparagraphs)
        else:
            self.read_elements.discard(child)

    def read_section(self, section: etree._Element) -> None:
        """A ``section`` (or any container): its number and heading start a new section of
        the resolution, its children are read in order."""
        self._apply_headings()
        for child in section:
            name = self.local(child)
            heading = name in ("num", "heading", "subheading") or (
                name == "p" and child.find(self.q("num")) is not None
            )
            if heading and self.annex_lines is None:
                text = self.text(child)
                if text:
                    self.pending.append(text)
            else:
                self.read_child(child)

    def read_table(self, container: etree._Element) -> None:
        title = " ".join(self.pending) or "Table"
        self.pending = []
        self.notes(container)
        self.annexes.append(Annex(title=title, text=self.table_text(container)))

    def read_paragraph(self, para: etree._Element) -> None:
        """A ``paragraph``; one that holds ``subparagraph``s or ``paragraph``s of its own
        ("1." + ``intro`` "Decides:" + "(a)", "(b)") is read first, then each of them."""
        nested = [c for c in para if self.local(c) in _PARAGRAPH_LIKE]
        self.read_own_paragraph(para, nested)
        for child in nested:
            self.read_elements.add(child)
            self.read_paragraph(child)
        wrap_up = para.find(self.q("wrapUp"))
        if nested and wrap_up is not None and self.parts and self.text(wrap_up):
            self.parts[-1].clause.text = _clean(
                f"{self.parts[-1].clause.text} {self.text(wrap_up)}"
            )
            self.absorb(self.parts[-1], wrap_up)

    def read_own_paragraph(self, para: etree._Element, nested: list[etree._Element]) -> None:
        num_el = para.find(self.q("num"))
        num = self.text(num_el)
        content = para.find(self.q("content"))
        lst = para.find(self.q("list"))
        if nested and content is None and lst is None:  # its own words are its intro
            content = para.find(self.q("intro"))
            if content is None:
                content = etree.Element(self.q("content"))
        titles = [self.text(h) for h in para if self.local(h) in ("heading", "subheading")]
        klass = para.get("class") or ""

        if content is None and lst is None:  # a heading: "I", a subheading, both
            inner = self.text(para, skip=("heading", "subheading"))
            for text in [inner, *titles] if inner else titles:
                self.heading(text)
            return
        if content is not None:
            body_text = self.text(content, skip=("list",))
        else:  # the list's intro (and wrap-up) is the paragraph's own text
            body_text = self.text(lst, skip=("point", "sublist", "item", "num"))
        if titles and content is not None and not num:  # "Article 10" + text
            body_text = _clean(" ".join([*titles, body_text]))
        numbered = _NUMBERED_TEXT.match(body_text) if not num and not titles else None
        if numbered:  # "6.<tab>Reaffirms …" with the number in the text, not in <num>
            num, body_text = f"{numbered.group(1)}.", body_text[numbered.end() :]
        zh_heading = not num and _ZH_HEADING.match(body_text) and len(body_text) < 100
        # "四" / "D" alone, then its title without closing punctuation, as plain paragraphs
        bare_heading = not num and (
            _HEADING_NUM.match(body_text)
            or (
                self.pending
                and _HEADING_NUM.match(self.pending[-1])
                and len(body_text) < 200
                and not re.search(r"[.;:,。；：，]$", body_text)
            )
        )
        if (
            _HEADING_NUM.match(num)
            or zh_heading
            or bare_heading
            or (not num and self._all_bold(para) and len(body_text) < 300)
        ):
            for text in [num, body_text]:
                self.heading(text.lstrip(". "))
            return
        if not num and klass == "FootnoteText":
            if self.annexes:
                self.annexes[-1].text = _clean(self.annexes[-1].text) + "\n" + body_text
            return
        if not num and _SEPARATOR.match(body_text or "*"):
            return
        if not num and _ANNEX.match(body_text):
            self.heading(body_text)
            return

        label = ""
        m = _LABEL.match(num)
        if m:
            label = m.group(1) or _PARENTHESIZED[m.group(2)]
        elif not num:
            m = _TEXT_LABEL.match(body_text)
            if m:
                label = m.group(1) or _PARENTHESIZED[m.group(2)]
                body_text = body_text[m.end() :]
        if label and self.last_operative is not None and not self.pending:
            self.add_sub(self.last_operative, label, body_text, para)
            return
        if label and self.parts and self.parts[-1].clause.subparagraphs and not self.pending:
            # "㈠ …" continuing the lettered list of the paragraph before (a preamble list)
            part = self.parts[-1]
            if not self.last_sub:
                self.last_sub = [part.clause.subparagraphs[-1]]
            self.add_sub(part, label, body_text, para)
            return

        operative = _OPERATIVE_NUM.match(num)
        if not num and self.last_operative is not None and not self.pending:
            last = self.last_operative
            if last.clause.number is not None and not label:  # continuation
                target = last.clause.subparagraphs and self.last_sub
                if target:
                    target[-1].text = _clean(f"{target[-1].text} {body_text}")
                    self.absorb(last, para, target[-1])
                else:
                    last.clause.text = _clean(f"{last.clause.text} {body_text}")
                    self.absorb(last, para)
                return
        source = content if content is not None else lst
        # an unnumbered paragraph closed by a comma is preambular ("深表遗憾地注意到 …，"
        # in the main body of some Chinese files, before paragraph 1), unless it opens
        # with an operative verb ("Approves resources …, " before its table) or opens
        # the text an "Adopts the following declaration:" introduces ("We, Heads …,")
        preambular = (
            not num
            and lst is None
            and re.search(r"[,，]$", body_text)
            and not (self.language == "en" and is_en_operative_verb(body_text))
            and not (self.parts and re.search(r"[:：]$", self.parts[-1].clause.text))
        )
        kind = "preambular" if preambular else "operative"
        part = self.add_clause(kind, para, body_text, self.lead(source, body_text))
        if operative:
            part.clause.number = int(operative.group(1))
        elif num:
            part.clause.text = _clean(f"{num} {body_text}")
        if lst is not None:
            self.read_list(part, lst, part.clause.subparagraphs, intro=content is not None)

    def _all_bold(self, para: etree._Element) -> bool:
        """True when every piece of text in the paragraph sits in a bold span."""
        spans = [s for s in para.iter(self.q("span")) if (s.get("class") or "") == "bold"]
        if not spans:
            return False
        bold = _clean(" ".join(self.text(s) for s in spans))
        return bold == self.text(para, skip=("num",))

    def read_attachment(self, doc: etree._Element) -> None:
        lines = []
        body = doc.find(self.q("mainBody"))
        for child in body if body is not None else []:
            self.notes(child)
            name = self.local(child)
            text = self.table_text(child) if name == "container" else self.text(child)
            if text:
                lines.append(text)
        title = (doc.get("name") or "annex").capitalize()
        if lines and len(lines[0]) < 300:
            title = lines.pop(0)
        self.annexes.append(Annex(title=title, text="\n".join(lines)))

    # ---------------------------------------------------------------- result

    def references(self) -> list[Reference]:
        refs: list[Reference] = []
        counters = {"preambular": 0, "operative": 0}
        for part in self.parts:
            counters[part.clause.kind] += 1
            cited_in = f"{part.clause.kind}:{counters[part.clause.kind]}"
            texts = [part.clause.text, *_sub_texts(part.clause.subparagraphs)]
            refs.extend(self._refs(" ".join(texts), part.links, cited_in))
        return refs

    def footnote_references(self, notes: dict[str, etree._Element]) -> list[Reference]:
        refs: list[Reference] = []
        for marker, note in notes.items():
            links = [a for a in note.iter(self.q("a")) if a.get("href")]
            refs.extend(self._refs(self.footnotes[marker].text, links, f"footnote:{marker}"))
        return refs

    def annex_references(self) -> list[Reference]:
        """What the annexes cite, like footnotes: ``annex:1`` for the first annex."""
        refs: list[Reference] = []
        for i, annex in enumerate(self.annexes, start=1):
            refs.extend(self._refs(f"{annex.title}\n{annex.text}", [], f"annex:{i}"))
        return refs

    def _refs(self, text: str, links: list[etree._Element], cited_in: str) -> list[Reference]:
        """What ``text`` cites: the symbols read in it, and the links that agree with it."""
        seen: dict[str, Reference] = {}
        citations = find_citations(text, self.language)
        for a in links:
            symbol = from_href(a.get("href") or "")
            if symbol and symbol not in seen and _link_agrees(symbol, "".join(a.itertext())):
                seen[symbol] = Reference(symbol, kind_of_canonical(symbol), cited_in)  # type: ignore[arg-type]
        for citation in citations:
            if citation.symbol not in seen:
                seen[citation.symbol] = Reference(
                    citation.symbol,
                    citation.kind,  # type: ignore[arg-type]
                    cited_in,
                )
        return list(seen.values())


_WORDS = re.compile(r"[A-Za-z]{2,}\W+[A-Za-z]{2,}|[\u4e00-\u9fff]{4}")
_SLASHES = str.maketrans({"\uff0f": "/", "\uff08": "(", "\uff09": ")"})
_LINKED_SYMBOL = re.compile(r"[A-Za-z0-9.()\-]+(?:\s?/\s?[A-Za-z0-9.()\-]+)+")


def _link_agrees(symbol: str, covered: str) -> bool:
    """Whether a link to ``symbol`` says what the text it covers says.

    A link over words alone ("the Universal Declaration of Human Rights" → 217 (III)) is
    the UN's own reference, taken as it is.  Over a number or a symbol, the text decides:
    a resolution or decision is cited when the text reads one (whose resolution a number
    is, and its letter, are read from the words around it: "人权理事会…第44/18号决议" linked
    to A/RES/44/18 is not the Assembly's), and another document when the link ends with
    the symbol covered ("5/1" → A/HRC/RES/5/1; not "MSC 84/24/Add.1" → A/RES/84/24, not
    "A/75/24" → A/75/246).
    """
    if not re.search(r"\d", covered):
        # words, not a piece of a number split over several links ("52/169 " + "M", "(XV)")
        return bool(_WORDS.search(covered))
    if kind_of_canonical(symbol) != "document":
        return False
    printed = _LINKED_SYMBOL.search(covered.translate(_SLASHES))
    if not printed:
        return False
    printed_symbol = canonical(printed.group(0))
    return symbol == printed_symbol or symbol.endswith("/" + printed_symbol)


def _sub_texts(subs: list[Subparagraph]) -> list[str]:
    out = []
    for sub in subs:
        out.append(sub.text)
        out.extend(_sub_texts(sub.children))
    return out


# -------------------------------------------------------------------- metadata


def _first(el: etree._Element, path: str, ns: dict[str, str]) -> etree._Element | None:
    found = el.xpath(path, namespaces=ns)
    return found[0] if found else None


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        date = dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
    return None if date.year < 1900 else date


def _split_sponsors(text: str) -> list[str]:
    """Split a list of States at commas outside parentheses."""
    text = _clean(text)
    if not text or re.match(r"^(?:submitted|introduced)\b", text, re.I):
        return []
    names, depth, current = [], 0, []
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            names.append("".join(current))
            current = []
        else:
            current.append(ch)
    names.append("".join(current))
    return [re.sub(r"^and\s+", "", n.strip()) for n in names if n.strip()]


def _symbol_from_uri(uri: str) -> str | None:
    """``/akn/un/statement/deliberation/unga/2023-12-22/78-247/`` → ``A/RES/78/247``."""
    m = re.search(r"/unga/[^/]+/(\d+)-(\d+)([A-Z]?)(?:-[A-Z])?/", uri or "")
    return canonical_resolution(f"{m.group(1)}/{m.group(2)}{m.group(3)}") if m else None


class _Meta:
    """Metadata read from one ``statement`` or ``documentCollection``."""

    def __init__(self, el: etree._Element, ns: str):
        n = {"a": ns} if ns else {}
        p = "a:" if ns else ""

        def val(path: str) -> str:
            found = _first(el, path, n)
            if found is None:
                return ""
            return _clean(found if isinstance(found, str) else "".join(found.itertext()))

        self.language = val(
            f"{p}meta/{p}identification/{p}FRBRExpression/{p}FRBRlanguage/@language"
        )
        self.uri = val(f"{p}meta/{p}identification/{p}FRBRWork/{p}FRBRuri/@value")
        self.doc_number = val(f"{p}coverPage//{p}docNumber[@refersTo='#symbol']")
        self.preface_number = val(f"{p}preface//{p}docNumber")
        self.title = val(f"{p}preface//{p}docTitle")
        self.adopted = _date(val(f"{p}conclusions//{p}docDate/@date")) or _date(
            val(f"{p}meta/{p}identification/{p}FRBRWork/{p}FRBRdate[@name='adoption']/@date")
        )
        meeting = val(
            f"{p}conclusions//*[@name='adoptionMeeting' or @refersTo='#adoptionMeeting']/@title"
        ) or val(f"{p}conclusions//*[@name='adoptionMeeting' or @refersTo='#adoptionMeeting']")
        m = re.search(r"\d+", meeting)
        self.meeting = int(m.group(0)) if m else None
        self.session = val(f"{p}coverPage//{p}session/@value")
        agenda = val(f"{p}coverPage//{p}inline[@name='agenda item']/@title") or val(
            f"{p}coverPage//{p}inline[@name='agenda item']"
        )
        self.agenda_item = re.sub(r"^(?:Agenda items?|议程项目)\s*", "", agenda)
        draft = val(f"{p}meta/{p}workflow/{p}step[@outcome='draftResolution']/@as")
        self.base_document = canonical(draft) if draft else ""
        self.sponsors = _split_sponsors(
            val(f"{p}meta/{p}workflow/{p}step[@outcome='draftResolution']/@by")
        ) + _split_sponsors(
            val(f"{p}meta/{p}workflow/{p}step[@outcome='draftResolutionAdditionalSponsors']/@by")
        )


def _statement_symbol(meta: _Meta) -> str | None:
    """The symbol the cover page, the preface and the FRBR URI agree on.

    The cover page is the only one that carries the letter of a lettered resolution
    (``A/RES/75/257 B`` where the preface says ``75/257.``), so it wins whenever it names
    the same resolution as the preface or the URI.  Where it names another one and the
    preface and URI agree, they win: ``75_269_C.xml`` carries ``A/RES/75/268`` on its
    cover page while its preface and URI say 75/269.
    """
    cover = canonical_resolution(meta.doc_number) if meta.doc_number else None
    preface = meta.preface_number.rstrip(".")
    preface = canonical_resolution(preface) if preface else None
    uri = _symbol_from_uri(meta.uri)

    def base(symbol: str | None) -> tuple | None:
        parsed = parse_resolution(symbol) if symbol else None
        return (parsed.session_kind, parsed.session, parsed.number) if parsed else None

    if cover and base(cover) in {base(preface), base(uri)} - {None}:
        return cover
    if preface and base(preface) == base(uri):
        return preface
    return cover or preface or uri


def _parse_statement(st: etree._Element, ns: str, outer: _Meta | None) -> ParsedDocument:
    meta = _Meta(st, ns)
    language = _LANGUAGES.get((meta.language or (outer.language if outer else "")).lower())
    if language is None:
        raise UnsupportedLanguage(
            f"language {meta.language or 'unknown'!r} is not Chinese or English",
            line=st.sourceline,
        )
    symbol = None
    if outer is None:
        symbol = _statement_symbol(meta)
    else:
        symbol = _symbol_from_uri(meta.uri)
        base = canonical_resolution(outer.preface_number.rstrip(".")) or _symbol_from_uri(outer.uri)
        letter = meta.preface_number.strip(". ")
        if (not symbol or " " not in symbol) and base and re.fullmatch(r"[A-Z]", letter):
            symbol = f"{base.split(' ')[0]} {letter}"
    parsed = parse_resolution(symbol) if symbol else None
    session = parsed.session if parsed else None
    if session is None and (meta.session or (outer and outer.session)):
        digits = re.sub(r"\D", "", meta.session or (outer.session if outer else ""))
        session = int(digits) if digits else None

    reader = _Reader(ns, language)
    q = reader.q
    bodies = []
    for child in st:  # some files hold several preamble / mainBody elements
        if child.tag == q("preface"):
            reader.notes(child)  # a footnote on the title or the number
        elif child.tag == q("preamble"):
            reader.read_preamble(child)
            bodies.append(child)
        elif child.tag == q("mainBody"):
            reader.read_body(child)
            bodies.append(child)
    _check_read(reader, bodies)
    for doc in st.iterfind(f"{q('attachments')}/{q('attachment')}/{q('doc')}"):
        reader.read_attachment(doc)
    notes = {}
    for note in st.iter(q("authorialNote")):
        marker = (note.get("marker") or "").strip()
        if marker in reader.footnotes and marker not in notes:
            notes[marker] = note

    def pick(name: str):
        value = getattr(meta, name)
        return value if value or outer is None else getattr(outer, name)

    clauses = [p.clause for p in reader.parts]
    _introductions_are_operative(clauses)
    mark_last_paragraph_operative(clauses)
    return ParsedDocument(
        language=language,  # type: ignore[arg-type]
        symbol=symbol,
        session=session,
        adopted=pick("adopted"),
        meeting=pick("meeting"),
        title=meta.title,
        agenda_item=pick("agenda_item"),
        base_document=pick("base_document"),
        sponsors=pick("sponsors"),
        clauses=clauses,
        footnotes=list(reader.footnotes.values()),
        references=reader.references()
        + reader.footnote_references(notes)
        + reader.annex_references(),
        annexes=reader.annexes,
        source_format="akn",
    )


def _check_read(reader: _Reader, bodies: list[etree._Element]) -> None:
    """Refuse a document whose preamble or body holds paragraphs the reading did not take
    in (inside an element the reader does not know), rather than store it with clauses
    missing.  The paragraphs are counted in the XML, apart from the reading."""
    lost = [el for body in bodies for el in reader.unread(body)]
    if not lost:
        return
    total = sum(
        1
        for body in bodies
        for el in body.iter()
        if reader.local(el) in _PARAGRAPH_LIKE and not _in_note(reader, el)
    )
    first = lost[0]
    culprit = first.getparent()
    ancestor = culprit
    while ancestor is not None and reader.local(ancestor) not in ("mainBody", "preamble"):
        if reader.local(ancestor) not in _CONTAINERS | {"intro", "wrapUp", "paragraph"}:
            culprit = ancestor
        ancestor = ancestor.getparent()
    where = reader.local(culprit) if culprit is not None else "?"
    raise ParseError(
        f"{len(lost)} of the {total} paragraphs of the XML were not read: "
        f"<{reader.local(first)}> inside <{where}>, which the reader does not read",
        line=first.sourceline,
    )


def _in_note(reader: _Reader, el: etree._Element) -> bool:
    return any(reader.local(a) == "authorialNote" for a in el.iterancestors())


def _introductions_are_operative(clauses: list[Clause]) -> None:
    """ "正式决定，对于2021年：" marked up as preamble before paragraph "1." introduces the
    operative paragraphs ("Resolves that, for 2021:" in the English file)."""
    for clause, following in zip(clauses, clauses[1:], strict=False):
        if (
            clause.kind == "preambular"
            and not clause.subparagraphs
            and re.search(r"[:：]$", clause.text)
            and following.kind == "operative"
            and following.number == 1
        ):
            clause.kind = "operative"


def parse_akn(data: bytes) -> list[ParsedDocument]:
    """Parse one AKN4UN XML file into one document per resolution it holds.

    Raises :class:`ParseError` (with the line number) for malformed XML, XML that is
    not Akoma Ntoso, and documents in a language other than Chinese or English.
    """
    dtd = _DTD.search(data)
    if dtd:
        line = data.count(b"\n", 0, dtd.start()) + 1
        raise ParseError(
            "XML with a DTD (DOCTYPE) or entity declarations is not accepted", line=line
        )
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"malformed XML: {exc.msg}", line=exc.lineno or None) from exc
    if root is None:
        raise ParseError("empty XML document")
    qname = etree.QName(root)
    if qname.localname != "akomaNtoso":
        raise ParseError(f"not Akoma Ntoso XML (root element <{qname.localname}>)", line=1)
    ns = qname.namespace or ""

    def q(name: str) -> str:
        return f"{{{ns}}}{name}" if ns else name

    collection = root.find(q("documentCollection"))
    if collection is not None:
        outer = _Meta(collection, ns)
        statements = root.findall(f"{q('components')}/{q('component')}/{q('statement')}")
        if not statements:
            raise ParseError("document collection without resolutions", line=collection.sourceline)
        return [_parse_statement(st, ns, outer) for st in statements]
    docs = [child for child in root if isinstance(child.tag, str)]
    if not docs:
        raise ParseError("Akoma Ntoso file without a document", line=root.sourceline)
    return [_parse_statement(docs[0], ns, None)]
