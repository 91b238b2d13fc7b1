"""Write a resolution text as Akoma Ntoso 3.0, shaped like the UN's AKN4UN files (issue 20).

The input is the JSON shape of ``ingest --dry-run --json`` and of the site's ``.json`` export
(:func:`resolutions.export.text_json`): symbol, language, adoption date, meeting, title,
preambular and operative paragraphs (lead, text, footnote markers, sub-paragraphs), footnotes
and references.  So every text the archive holds — read from XML, plain text, markdown, PDF
or Word — has an AKN export, valid against the OASIS schema (``../shared/schemas/akn30``), that
:func:`resolutions.parsing.akn.parse_akn` reads back to the same structure.

The shape follows the UN's files of sessions 75–78:

* ``statement name="resolution"`` with ``meta/identification`` (FRBR Work, Expression and
  Manifestation under ``/akn/un/statement/deliberation/unga/<date>/<session>-<number>/``,
  language ``eng`` or ``zho``) and ``meta/references`` naming the General Assembly;
* ``preface`` with ``docNumber`` ("78/10.") and ``docTitle``;
* ``preamble`` with the enacting formula and one ``container`` per preambular paragraph;
* ``mainBody`` with one ``paragraph`` per operative paragraph (``num``, ``content``, or
  ``list`` with ``intro`` and ``point`` for sub-paragraphs);
* the lead phrase in ``<span class="italic">`` (English) or ``<span class="bold">``
  (Chinese), as the UN marks it; footnotes as ``authorialNote`` at the end of the paragraph
  citing them; each cited resolution's first mention as ``<a href>`` to undocs.org;
* ``conclusions`` with the meeting and the date.

Element ids are the site's anchors (``pp3``, ``op14``, ``op14-a``, ``fn-2``), so a reader can go
from the export to the page and back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from lxml import etree

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LANGUAGES = {"en": "eng", "zh": "zho"}  # ISO 639-2, as the UN's files write them
UNDOCS_LANGUAGE = {"en": "en", "zh": "ch"}  # undocs.org's own codes, as in the UN's files
ENACTING = {"en": ("The General Assembly", ","), "zh": ("大会", "，")}
LEAD_CLASS = {"en": "italic", "zh": "bold"}
_SHORT = re.compile(r"^A/RES/")


def _e(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    """An AKN element (under ``parent``), its attributes from ``attrs``."""
    name = f"{{{AKN_NS}}}{tag}"
    if parent is None:
        el = etree.Element(name, nsmap={None: AKN_NS})
    else:
        el = etree.SubElement(parent, name)
    for key, value in attrs.items():
        el.set(key, value)
    return el


def _mentions(symbol: str) -> list[str]:
    """How a text may mention ``symbol``, most exact first: ``A/RES/76/13`` as "76/13";
    a document by its symbol, or by its last two parts ("A/HRC/RES/54/3" as "54/3")."""
    if _SHORT.match(symbol):
        return [_SHORT.sub("", symbol)]
    parts = symbol.split("/")
    return [symbol, "/".join(parts[-2:])] if len(parts) > 2 else [symbol]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _date_text(day: dt.date, language: str) -> str:
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day:%B} {day.year}"


class _Writer:
    def __init__(self, text: dict):
        self.text = text
        self.language = text["language"]
        self.notes = {n["marker"]: n["text"] for n in text.get("footnotes", [])}
        self.placed: set[str] = set()  # footnote markers already written
        # where each resolution is cited: "operative:3" → symbols, in order
        self.cites: dict[str, list[str]] = {}
        for ref in text.get("references", []):
            self.cites.setdefault(ref["cited_in"], []).append(ref["symbol"])

    # ------------------------------------------------------------------ inline content

    def _inline(self, p: etree._Element, text: str, symbols: Iterable[str]) -> None:
        """``text`` into ``p``, each symbol's first mention as a link to undocs.org."""
        spans = []
        for symbol in dict.fromkeys(symbols):
            for short in _mentions(symbol):
                at = text.find(short)
                if at >= 0 and not any(s < at + len(short) and at < e for s, e, _ in spans):
                    spans.append((at, at + len(short), symbol))
                    break
        cursor, last = 0, None
        p.text = ""
        for start, end, symbol in sorted(spans):
            piece = text[cursor:start]
            if last is None:
                p.text += piece
            else:
                last.tail = (last.tail or "") + piece
            lang = UNDOCS_LANGUAGE.get(self.language, "en")
            last = _e("a", p, href=f"https://undocs.org/{lang}/{symbol}")
            last.text = text[start:end]
            cursor = end
        rest = text[cursor:]
        if last is None:
            p.text += rest
        else:
            last.tail = (last.tail or "") + rest

    def _paragraph_text(
        self, parent: etree._Element, text: str, lead: str, place: str, markers: list[str]
    ) -> etree._Element:
        """A ``p`` holding the clause text (its lead marked as the UN marks it) and, at its
        end, the notes it cites."""
        p = _e("p", parent)
        symbols = self.cites.get(place, [])
        if lead and text.startswith(lead):
            span = _e("span", p, **{"class": LEAD_CLASS.get(self.language, "italic")})
            span.text = lead
            holder = etree.Element("holder")
            self._inline(holder, text[len(lead) :], symbols)
            span.tail = holder.text
            for child in list(holder):
                p.append(child)
        else:
            self._inline(p, text, symbols)
        for marker in markers:
            self._note(p, marker)
        return p

    def _note(self, p: etree._Element, marker: str) -> None:
        if marker in self.placed or marker not in self.notes:
            return
        self.placed.add(marker)
        note = _e("authorialNote", p, marker=marker, placement="bottom", eId=f"fn-{marker}")
        inner = _e("p", note)
        self._inline(inner, self.notes[marker], self.cites.get(f"footnote:{marker}", []))

    # ------------------------------------------------------------------ document parts

    def meta(self, statement: etree._Element) -> None:
        symbol = self.text.get("symbol") or ""
        session_number = _SHORT.sub("", symbol).replace("/", "-").replace(" ", "")
        adopted = self.text.get("adopted") or "0001-01-01"
        work = f"/akn/un/statement/deliberation/unga/{adopted}/{session_number or 'draft'}"
        lang = LANGUAGES.get(self.language, self.language)
        meta = _e("meta", statement)
        ident = _e("identification", meta, source="#unres")
        for level, this, uri, extra in (
            ("FRBRWork", f"{work}/!main", f"{work}/", None),
            ("FRBRExpression", f"{work}/{lang}@/!main", f"{work}/{lang}@/", lang),
            ("FRBRManifestation", f"{work}/{lang}@/!main.xml", f"{work}/{lang}@.xml", None),
        ):
            frbr = _e(level, ident)
            _e("FRBRthis", frbr, value=this)
            _e("FRBRuri", frbr, value=uri)
            _e("FRBRdate", frbr, date=adopted, name="adoption")
            _e("FRBRauthor", frbr, href="#ga", **{"as": "#author"})
            if level == "FRBRWork":
                _e("FRBRcountry", frbr, value="un")
            if extra:
                _e("FRBRlanguage", frbr, language=extra)
        refs = _e("references", meta, source="#unres")
        _e(
            "TLCOrganization",
            refs,
            eId="ga",
            href="/ontology/organization/un/ga",
            showAs="General Assembly",
        )
        _e(
            "TLCOrganization",
            refs,
            eId="unres",
            href="/ontology/organization/unres",
            showAs="unres",
        )
        _e("TLCRole", refs, eId="author", href="/ontology/role/author", showAs="Author")

    def preface(self, statement: etree._Element) -> None:
        preface = _e("preface", statement)
        p = _e("p", preface)
        symbol = self.text.get("symbol")
        if symbol:
            number = _e("docNumber", p)
            number.text = _SHORT.sub("", symbol) + "."
            number.tail = " "
        title = _e("docTitle", p)
        title.text = self.text.get("title") or ""

    def preamble(self, statement: etree._Element) -> None:
        preamble = _e("preamble", statement)
        formula = _e("formula", preamble, name="enactingFormula", eId="formula_1")
        p = _e("p", formula)
        words, comma = ENACTING.get(self.language, ENACTING["en"])
        span = _e("span", p, **{"class": LEAD_CLASS.get(self.language, "italic")})
        span.text, span.tail = words, comma
        for n, clause in enumerate(self.text.get("preambular", []), 1):
            container = _e("container", preamble, name=clause.get("lead") or "p", eId=f"pp{n}")
            self._paragraph_text(
                container,
                clause["text"],
                clause.get("lead", ""),
                f"preambular:{n}",
                clause.get("footnotes", []),
            )

    def _points(self, parent: etree._Element, subs: list[dict], anchor: str) -> None:
        """Sub-paragraphs as ``point``s; the points under one follow it in a ``sublist``, as
        the UN's files nest them."""
        for sub in subs:
            eid = f"{anchor}-{sub['label'].strip('()').strip()}"
            point = _e("point", parent, eId=eid)
            _e("num", point).text = sub["label"]
            self._paragraph_text(_e("content", point), sub["text"], "", "", [])
            if sub.get("subparagraphs"):
                sublist = _e("sublist", parent, eId=f"{eid}__sublist")
                self._points(sublist, sub["subparagraphs"], eid)

    def main_body(self, statement: etree._Element) -> None:
        body = _e("mainBody", statement)
        parent, section, sections = body, None, 0
        for n, clause in enumerate(self.text.get("operative", []), 1):
            if clause.get("section") and clause["section"] != section:
                sections += 1
                section = clause["section"]
                parent = _e("section", body, eId=f"sec_{sections}")
                _e("heading", parent).text = section
            elif not clause.get("section"):
                parent, section = body, None
            anchor = f"op{n}"
            paragraph = _e("paragraph", parent, eId=anchor)
            number = clause.get("number")
            _e("num", paragraph).text = f"{number}." if number is not None else ""
            place, lead = f"operative:{n}", clause.get("lead", "")
            markers = clause.get("footnotes", [])
            if clause.get("subparagraphs"):
                lst = _e("list", paragraph, eId=f"{anchor}__list")
                intro = _e("intro", lst)
                self._paragraph_text(intro, clause["text"], lead, place, markers)
                self._points(lst, clause["subparagraphs"], anchor)
            else:
                content = _e("content", paragraph)
                self._paragraph_text(content, clause["text"], lead, place, markers)
        if not len(body):
            _e("p", body)  # the schema wants something in the body

    def notes_on_title(self, statement: etree._Element) -> None:
        """The notes no paragraph cites (a note on the title or the symbol), after the title."""
        line = statement.find(f"{{{AKN_NS}}}preface/{{{AKN_NS}}}p")
        for marker in self.notes:
            if marker not in self.placed and line is not None:
                self._note(line, marker)

    def conclusions(self, statement: etree._Element) -> None:
        meeting, adopted = self.text.get("meeting"), self.text.get("adopted")
        if not (meeting or adopted):
            return
        conclusions = _e("conclusions", statement, eId="conclusions")
        p = _e("p", conclusions)
        if meeting:
            words = (
                f"第{meeting}次全体会议"
                if self.language == "zh"
                else (f"{_ordinal(meeting)} plenary meeting")
            )
            location = _e("location", p, refersTo="#adoptionMeeting")
            location.text = words
            if adopted:
                _e("eol", p)
        if adopted:
            day = dt.date.fromisoformat(adopted)
            date = _e("docDate", p, date=adopted, refersTo="#adoptionDate")
            date.text = _date_text(day, self.language)


def write_akn(text: dict) -> bytes:
    """The AKN 3.0 XML of one resolution text (the dry-run / export JSON shape)."""
    writer = _Writer(text)
    root = _e("akomaNtoso")
    statement = _e("statement", root, name="resolution")
    writer.meta(statement)
    writer.preface(statement)
    writer.preamble(statement)
    writer.main_body(statement)
    writer.notes_on_title(statement)
    writer.conclusions(statement)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
