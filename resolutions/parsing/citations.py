"""Find the resolutions, decisions and documents a paragraph or footnote cites.

One entry point, :func:`find_citations`, for Chinese and English text.  What counts:

* General Assembly resolutions and decisions cited by number: ``第 57/32 号决议``,
  ``resolutions 57/47 of 21 November 2002, 59/19 of … and 63/24 of …`` (every item of a
  list), ``第 53/453 号决定`` / ``decision 53/453``, Roman-numeral sessions
  (``3369 (XXX)``), special and emergency special sessions (``S-32/1``, ``ES-11/1``),
  lettered resolutions (``72/262 C``);
* Security Council resolutions (``resolution 2282 (2016)``, ``第2282(2016)号决议``);
* any explicit symbol (``A/65/382``, ``FCCC/CP/2015/10/Add.1``, ``A/RES/65/123``);
  joint symbols (``A/65/382-S/2010/490``) count as each of their parts.

Resolutions and decisions of other bodies (Human Rights Council, Economic and Social
Council, a Conference of the Parties, the World Health Assembly …) are skipped when cited
by number only: their numbers look like General Assembly numbers but are not.  When one of
them is cited by its full symbol (``A/HRC/RES/33/11``) it is an ordinary document.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from resolutions.parsing.symbols import (
    canonical,
    canonical_decision,
    canonical_resolution,
    canonical_sc_resolution,
    kind_of_canonical,
    split_joint,
)

__all__ = ["Citation", "find_citations"]

BODIES = Path(__file__).resolve().parent.parent / "data" / "bodies.txt"


def _mined_bodies(language: str) -> list[str]:
    """The names of other bodies mined from the corpus (``resolutions/data/bodies.txt``),
    longest first so that a regex alternation tries the fullest name."""
    names = []
    for line in BODIES.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) == 3 and fields[0] == language:
            names.append(fields[1])
    return sorted(names, key=len, reverse=True)


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in names) or "(?!)"


# Look-alike characters, replaced one for one so that positions keep their meaning.
_SAME_LENGTH = str.maketrans(
    {
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen: "ES‑10/15"
        "\u2012": "-",
        "\u2013": "-",  # en dash
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u3000": " ",
        "\u200b": " ",  # zero-width space
        "\u200e": " ",  # left-to-right mark: "第75/265\u200e号决议"
        "\u200f": " ",
        "\uff0f": "/",  # full-width solidus
        "\uff08": "(",
        "\uff09": ")",
    }
)


@dataclass(frozen=True)
class Citation:
    """One cited symbol, canonical, and what it is."""

    symbol: str  # canonical, see resolutions.parsing.symbols
    kind: str  # "resolution" | "decision" | "document"


# --------------------------------------------------------------------------------------
# Explicit symbols: A/65/382, A/C.3/56/L.10, FCCC/CP/2015/10/Add.1, A/RES/72/262 C, …

# A segment between slashes: "65", "L.11", "C.3", "Add.1", "ES-11", "382-S" (joint).
# A dot continues a segment only after letters ("L.11"), so "A/65/382.2" (a footnote
# digit glued on after the full stop) stays "A/65/382".
_PART = r"(?:[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*|\d+)"
_SEG = rf"{_PART}(?:-{_PART})*"
_PAREN = (
    r"\s?\((?:(?i:Part)\s+[IVX]+|(?i:Vol)\.\s?[IVX]+|(?i:Sect)\.\s?\d+[A-Z]?"
    r"|(?:(?:ES|S)-)?[IVXLC]+|(?:19|20)\d\d)\)|\(\d{1,2}\)(?=/)"
)
_DOC = re.compile(
    r"(?<![A-Za-z0-9/.\-])"
    rf"(?P<sym>[A-Z][A-Z0-9]*(?:\.\d+)?(?:/{_SEG}(?:{_PAREN})?)+)"
    r"(?P<letter>\s[A-H](?![A-Za-z0-9]))?"
)


def _explicit_symbols(text: str) -> list[tuple[int, int, list[str]]]:
    """Every explicit symbol in ``text`` as (start, end, canonical parts)."""
    found = []
    for m in _DOC.finditer(text):
        sym = m.group("sym")
        if not re.search(r"\d", sym):
            continue
        upper = sym.upper()
        is_res = upper.startswith(("A/RES/", "S/RES/"))
        # "(XXX)" and "(2016)" belong to A/RES and S/RES symbols only; "(Part I)" to any.
        paren = re.search(r"\s?\((?!(?i:Part|Vol|Sect))[^)]*\)$", sym)
        if paren and not is_res:
            sym = sym[: paren.start()]
        if is_res and m.group("letter") and upper.startswith("A/RES/"):
            sym += m.group("letter")
        parts = split_joint(sym)
        found.append((m.start(), m.start() + len(sym), [p for p in parts if "/" in p]))
    return found


# --------------------------------------------------------------------------------------
# Resolutions and decisions cited by number.

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# One number: "57/32", "72/262 C", "36/87 A and B", "S-32/1", "ES-11/1", "3369 (XXX)",
# "217 A (III)", "2282 (2016)".
# One letter of a lettered resolution: "C"; past Z they double: "53/77 AA".
_LETTER = "(?:" + "|".join(c * 2 for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + "|[A-Z])"
_LETTERS = rf"{_LETTER}(?:\s*(?:,|、|，|and|和|及|to|至|-)\s*{_LETTER})*(?![A-Za-z0-9/])"
_ITEM = (
    rf"(?:(?:ES|S)-)?\d{{1,3}}/\d{{1,4}}(?:\s?{_LETTERS})?"
    rf"|\d{{1,4}}\s?(?:[A-Z]\s?)?\(\s?(?:(?:ES|S)[-\s])?(?:[IVXLC]+|(?:19|20)\d\d)\s?\)(?:\s?{_LETTERS})?"
    # the first sessions in Chinese numerals: "第一㈠号" is resolution 1 (I)
    r"|[一二三四五六七八九十百]{1,6}[\u3220-\u3229]"
)
_CJK_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_ROMAN_SESSIONS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _cjk_item(item: str) -> str:
    """``二百一十七㈢`` → ``217 (III)``; any other item as it is."""
    if not item or not "\u3220" <= item[-1] <= "\u3229":
        return item
    total = current = 0
    for ch in item[:-1]:
        if ch == "百":
            total, current = total + (current or 1) * 100, 0
        elif ch == "十":
            total, current = total + (current or 1) * 10, 0
        else:
            current = _CJK_DIGITS[ch]
    return f"{total + current} ({_ROMAN_SESSIONS[ord(item[-1]) - 0x3220]})"


_ITEM_RE = re.compile(rf"(?<![A-Za-z0-9/.\-])(?:{_ITEM})")

# --- English: "resolution(s) ITEM [of DATE] (, ITEM [of DATE])* (and ITEM [of DATE])"
_EN_KEYWORD = re.compile(r"\b(?P<kw>[Rr]esolution|[Dd]ecision)(?P<plural>s)?\s+(?=\d|E?S-\d)")
_EN_DATE = re.compile(
    rf"^\s+(?:of|on)\s+\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}|^\s+of\s+(?:{_MONTHS})\s+\d{{4}}"
)
# Between two numbers of a list, printed tight: ", ", " and ", ", as well as ", "; ".
_EN_TIGHT = re.compile(
    r"^(?:\s*[,;]\s*(?:and\s+|or\s+|as\s+well\s+as\s+)?|\s+(?:and|or|to|as\s+well\s+as)\s+)$"
)
# A plural list may put a title or a place in between ("74/270 of 2 April 2020, entitled
# “…”, 74/274 of …"), as long as no other keyword or body comes in and the next number
# follows a comma, a semicolon or "and".
_EN_LOOSE_END = re.compile(r"(?:[,;]\s*(?:and\s+|or\s+|as\s+well\s+as\s+)?|\s(?:and|or)\s+)$")
_EN_LOOSE_STOP = re.compile(
    r"\b(?:[Rr]esolutions?|[Dd]ecisions?|Official\s+Records)\b"
    r"|[.:]\s+[A-Z]"
)
# Abbreviations whose full stop does not end a sentence: "52/214, sect. C, para. 3; 55/222".
_EN_ABBREVIATIONS = re.compile(r"\b(?:sects?|paras?|chaps?|arts?|Nos?|Vol|Suppl?|annex)\.")
_EN_LOOSE_MAX = 400
# Words that name a body other than the General Assembly ("Human Rights Council",
# "Commission on Narcotic Drugs", "World Health Assembly", "UNEP Governing Council").
_EN_BODY_NOUN = (
    r"(?:Council|Commission|Committee|Board|Conference|Parties|Forum|Organization|Programme|"
    r"Fund|Union|Agency|Court|Summit|Congress|Meeting|Governors|Directors|"
    r"(?:Health|Environment|Parliamentary|Habitat)\s+Assembly|"
    # acronyms of bodies that pass resolutions and decisions of their own
    r"UNESCO|WHO|WHA|ILO|FAO|IAEA|UNEP|UNEA|UNCTAD|UNDP|UNICEF|UNHCR|UNFPA|UNAIDS|ITU|IMO|"
    r"ICAO|WMO|UPU|UNIDO|IFAD|WIPO|UNWTO|OAS|AU|OIC|ECOSOC|HRC|CSW|IPU|ASEAN|OSCE|WTO|"
    r"UN-Habitat|IOC|CBD|COP|CMP|CMA|" + _alternation(_mined_bodies("en")) + ")"
)
# The rest of a body's name: "on Narcotic Drugs", "of the Parties to the Convention".
_EN_NAME_TAIL = r"(?:\s+(?:on|of|for|and|the|to|against|[A-Z][\w'’.-]*|\d+))*"
# The longest name of a body before a keyword ("Conference of the Parties to the United
# Nations Convention against Transnational Organized Crime", with room to spare).
_EN_NAME_REACH = 160
_EN_OTHER_BODY = re.compile(rf"\b{_EN_BODY_NOUN}\b{_EN_NAME_TAIL}(?:'s|’s)?\s*$")
# "General Assembly", "the Assembly" — not "Environment Assembly", "World Health Assembly"
_EN_GA = re.compile(
    r"(?:\bGeneral\s+|\b(?:the|its|this|that)\s+|^\s*|[,;(]\s*)Assembly(?:'s|’s)?\s*$"
)
_EN_SC = re.compile(r"\bSecurity\s+Council(?:'s|’s)?\s*$")
_EN_BOTH = re.compile(r"\bGeneral\s+Assembly\s+and\s+(?:the\s+)?Security\s+Council\s*$")
# "the Human Rights Council, in its resolution 42/23": the body comes before "in its".
_EN_IN_ITS = re.compile(r",?\s+(?:in|by|through|under|of)\s+its\s*$")
# "…Supplement No. 25 (A/69/25), annex, resolution 1/1": adopted by whoever made the report.
_EN_IN_REPORT = re.compile(
    r"\)\s*,\s*(?:(?:annex(?:\s+[IVX]+)?|chap\.\s*[IVXL]+|sect\.\s*[A-Z0-9.]+)\s*,?\s*)+$"
)
# "resolutions and decisions of the Conference of the Parties, including resolutions 7/8"
_EN_INCLUDING = re.compile(
    r"(?:including|in\s+particular|inter\s+alia|notably|especially|"
    r"(?:including\s+)?the\s+(?:most\s+recent|latest)(?:\s+of\s+which\s+(?:being|was|is|are|were))?)"
    r"\s*,?\s*$"
)
# "Human Rights Council resolutions on the subject, including resolution 42/9"
_EN_BODY_RESOLUTIONS = re.compile(
    r"(?P<before>.*)\b(?:resolutions|decisions)(?:\s+and\s+(?:resolutions|decisions))?"
    r"(?:\s+(?:on|concerning)\s+[^,;]{1,120})?\s*,\s*[^,;]*$"
)
# "the adoption, by the Economic and Social Commission for Asia and the Pacific at its
# seventy-second session, of resolution 72/7", "the decision by the United Nations
# Environment Assembly … at its resumed fifth session, in resolution 5/14"
_EN_ADOPTION_BY = re.compile(
    r"\b(?:adoption|decision|request|call|invitation)\s*,?\s+by\s+(?:the\s+)?"
    r"(?P<name>[A-Z][^;]*?)\s*,?\s+(?:of|in)\s*$"
)
# "Human Rights Council decision 18/120 of 30 September 2011 and resolutions 24/14 …":
# a keyword that goes on from another body's list, with no verb between, is that body's.
_EN_LIST_GOES_ON = re.compile(r"^[^;]{0,300}?(?:,\s*|\s+)(?:and|as\s+well\s+as)\s*$|^\s*,\s*$")
_EN_NEW_SENTENCE = re.compile(
    r"\b(?!(?:during|including|concerning|regarding|following|according)\b)[a-z]+ing\b"
    r"|\bits\s+(?:resolutions?|decisions?)\b|\bAssembly\b"
)
_EN_OF_BODY = re.compile(
    r"\b(?:resolutions|decisions)(?:\s+and\s+(?:resolutions|decisions))?\s+"
    r"(?:adopted\s+by|of)\s+(?:the\s+)?(?P<name>[A-Z][^,;]*)"
)
# "resolution 11/4 … of the Conference of the Parties", "5/14 adopted by the … Assembly"
_EN_BODY_AFTER = re.compile(
    r"^(?:\s+on\s+[^,;]{1,150},|\s*,\s*entitled\s+“[^”]{1,300}”\s*,?)?\s*,?\s*"
    r"(?:(?:adopted|taken|approved)\s+(?:by|at)|by|of)\s+the\s+"
    r"(?!General\s+Assembly|Security\s+Council)"
    rf"(?:(?:[A-Z][\w'’-]*|of|on|for|and|the|to|against)\s+)*?{_EN_BODY_NOUN}\b"
)


def _name_body(name: str) -> str:
    """``General Assembly`` → ga, ``Security Council`` → sc, another body → other, else ''."""
    if re.match(r"(?:General\s+)?Assembly\b", name):
        return "ga"
    if re.match(r"Security\s+Council\b", name):
        return "sc"
    if re.search(rf"\b{_EN_BODY_NOUN}\b", name):
        return "other"
    return ""


# --- Chinese: "第 57/32 号决议", "第 57/47 号、…第 63/24 号决议", "第 53/453 号决定"
_ZH_DATE = r"(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)"
_ZH_JOIN = r"(?:\s*(?:、|,|，|和|及|以及|与|或|至)\s*)"
_ZH_NUM = re.compile(
    rf"(?<![A-Za-z0-9/.\-])(?:第\s*)?"
    rf"(?P<list>(?:{_ITEM})(?:{_ZH_JOIN}(?:{_ZH_DATE}\s*)?(?:第\s*)?(?:{_ITEM}))*)"
    # "号决议", "号关于…的决议", and "第217 A(III)决议" without 号
    r"\s*(?:号\s*(?:(?:关于[^。；;，,、“”]{1,80}?的|(?:以及|和|及)(?:其他|其它|以往|此前|其后)(?:的)?(?:各项|有关|相关)*)?"
    r"\s*(?P<kw>决议|决定))?|(?P<kw2>决议|决定))"
)
# Between two numbers of one list: "、2004 年 11 月 8 日" or "和".
_ZH_BETWEEN = re.compile(rf"^{_ZH_JOIN}?\s*(?:其\s*)?{_ZH_DATE}?\s*(?:的\s*)?$")
# A list may put a title in between: "第76/68号、题为“…”的2022年1月20日第76/250号"
_ZH_LOOSE = re.compile(r"^\s*(?:、|，|和|及|以及|与)(?:(?!决议|决定)[^。；;])*$")
_ZH_LOOSE_MAX = 150
# Who adopted the numbers of a list: the last body named before them, in the same sentence.
# "人权理事会2007年6月18日关于理事会体制建设的第5/1号决议", "人权理事会题为“…”的…第20/15号",
# "公约缔约国会议2009年11月13日第3/1号决议", "联合国粮食及农业组织大会第四十一届会议通过的第
# 10/2019号决议" are other bodies'; "其" (its) is the Assembly's, unless a body comes right
# before it ("人权理事会在其第5/1号决议").
_ZH_WINDOW = 200
_ZH_SENTENCE_END = re.compile("[。；;\n\t]")
_ZH_QUOTED = re.compile(r"“[^“”]*”|《[^《》]*》|「[^「」]*」")
_ZH_OTHER_NOUN = (
    r"(?:(?:组织|机构|缔约方|缔约国|卫生|环境|议会|人居|署)大会|缔约[方国]会议|部长会议|(?<!安全)理事会|"
    r"(?<!第[一二三四五六])委员会|执行局|董事会|理事机构|组织|论坛)"
)
_ZH_MENTION = re.compile(
    r"(?P<both>大会\s*(?:和|与|及)\s*安全理事会)|(?P<sc>安全理事会|安理会)"
    rf"|(?P<other>{_alternation(_mined_bodies('zh'))}|{_ZH_OTHER_NOUN})"
    r"|(?P<ga>大会)|(?P<its>(?<![尤及与])其(?![他它中余]))"
)
# "关于…的" names the subject matter: bodies, "其" and commas in it are not the author's
# ("麻醉药品委员会关于支持…与麻醉药品委员会和世界卫生组织协作履行其…职能的第62/8号决议")
_ZH_TOPIC = re.compile(r"关于[^。；;第\d]{1,120}的")
# "关于安全理事会第1863(2009)号决议所引起活动经费筹措的": a topic that cites a resolution
_ZH_TOPIC_CITING = re.compile(r"关于[^。；;]{0,60}?第[^。；;号]{1,20}号决议[^。；;第\d]{0,60}?的")
_ZH_MASKS = (("“《「", _ZH_QUOTED), ("关于", _ZH_TOPIC), ("关于", _ZH_TOPIC_CITING))
# After a comma, only a list that goes on keeps the body: "人权理事会的各项决议，最近的是…"
_ZH_COMMA = re.compile(r"[，,：:]")
# ("…第39/6号决议， 关于记者安全的…第45/18号决议" goes on too)
_ZH_LIST_GOES_ON = re.compile(
    rf"^\s*(?:以及|包括|最近的?(?:一项)?(?:决议)?是|特别是|尤其是|例如|即|其中|关于|题为|{_ZH_DATE}|第)"
)
# What may stand between a body and the number of its resolution, once titles, topics,
# dates and numbers are masked: "的", "通过的", "第四十一届会议", "在其", "所有相关决定和
# 决议，最近一项是", "题为…的", a list "第21/12号、…". Any other word ("回顾其给予黑海经济
# 合作组织观察员地位的…第54/5号决议", "论坛根据…第75/290 B号决议") ends the body's reach.
_ZH_FILLER = re.compile(
    r"^[\s_\dA-Z/()\-.的在其通过了第一二三四五六七八九十百届次常会议上续特别各项所有相关以往历次"
    r"决定和及与、，,最近是包括尤即中题为号年月日期间于]*$"
)
# A body named inside what "其" (the Assembly) did: "回顾其设立…特设委员会的…第61/29号决议"
_ZH_LIST_JOIN = re.compile(r"以及|[和及与、，,并]")
_ZH_OBJECT_OF_ITS = re.compile(rf"^\s*的\s*(?:{_ZH_DATE})?\s*$")
# "人权理事会通过的与…相关的决议，包括…第51/10号决议": the body's resolutions, then a list
_ZH_ITS_RESOLUTIONS = re.compile(r"决议|决定")
# "注意到…第2/17号决议所述联合国环境大会作出的贡献": the body named right after
_ZH_BODY_AFTER = re.compile(
    rf"\s*(?:所述|中所述)\s*(?:{_alternation(_mined_bodies('zh'))}|{_ZH_OTHER_NOUN})"
)
# "人权理事会在其…", "联合国环境大会第二届会议在其…"
_ZH_ITS_OWNER = re.compile(
    r"\s*(?:第[一二三四五六七八九十]+届(?:会议)?(?:续会)?)?\s*(?:在|通过|以|于|并在)?\s*"
)
# "《大会正式记录…补编第25号》(A/69/25)，附件，第1/1号决议": adopted by whoever made the report
_ZH_IN_REPORT = re.compile(
    r"\)\s*[，,]\s*(?:附件[一二三四五六七八九十]*|第[一二三四五六七八九十]+章(?:\s*[，,]?\s*[A-Z]节)?)"
    r"\s*[，,]?\s*$"
)


@dataclass
class _Ref:
    """A numbered reference found in the text, before canonicalisation."""

    start: int
    end: int
    items: list[tuple[int, str]]  # (position in the text, printed number)
    kw: str  # "resolution" | "decision" | "" (decided by the list it belongs to)
    body: str  # "ga" | "sc" | "both" (identical GA and SC resolutions) | "other"
    named: bool = True  # False: no body named, the Assembly's by default


# "…the United Nations Environment Assembly, in paragraph 2 of its resolution 4/6",
# "…at its resumed fifth session, in its resolution 5/8": "its" after a preposition is
# the body last named in the sentence ("Recalling its resolution" is the Assembly's).
_EN_PREP_ITS = re.compile(
    r",\s*(?:in|by|through|under)\s+(?:(?:paragraph|section|part|annex)\s+[\w.]+\s+of\s+)?"
    r"its\s*$"
)
_EN_ITS_REACH = 200
_EN_MENTION = re.compile(
    rf"(?P<sc>\bSecurity\s+Council\b)|(?P<ga>\bGeneral\s+Assembly\b|\bthe\s+Assembly\b"
    r"|\b(?:First|Second|Third|Fourth|Fifth|Sixth)\s+Committee\b)"
    rf"|(?P<other>\b{_EN_BODY_NOUN}\b)"
)


def _last_named_en(before: str) -> str:
    """The body last named in the sentence before ``its`` ('' when none is)."""
    sentence = re.split(r"[;:]|\.\s+(?=[A-Z])", before[-_EN_ITS_REACH:])[-1]
    mentions = list(_EN_MENTION.finditer(sentence))
    return mentions[-1].lastgroup or "" if mentions else ""


def _body_en(before: str) -> str:
    """Whose resolution: the words just before the keyword decide ('' when they name no
    body: the General Assembly's, or the list's the keyword goes on)."""
    before = re.split(r"[\t\n]", before[-250:])[-1]
    stripped = _EN_IN_ITS.sub("", before)
    for text in (before, stripped) if stripped != before else (before,):
        # the patterns end at the keyword: a name's length before it is enough to search
        tail = text[-_EN_NAME_REACH:]
        if "Council" in tail and _EN_BOTH.search(tail):
            return "both"
        if "Council" in tail and _EN_SC.search(tail):
            return "sc"
        if "Assembly" in tail and _EN_GA.search(tail):
            return "ga"
        if _EN_OTHER_BODY.search(tail):
            return "other"
    if _EN_PREP_ITS.search(before):
        named = _last_named_en(before)
        if named:
            return named
    if _EN_IN_REPORT.search(before):
        return "other"
    adoption = _EN_ADOPTION_BY.search(before)
    if adoption:
        return _name_body(adoption.group("name")) or "other"
    if _EN_INCLUDING.search(before):
        named = list(_EN_OF_BODY.finditer(before))
        if named:
            return _name_body(named[-1].group("name")) or "ga"
        listed = _EN_BODY_RESOLUTIONS.match(before)
        if listed and listed.group("before").strip():
            return _body_en(listed.group("before")) or "ga"
    return ""


def _blank(m: re.Match[str]) -> str:
    return "_" * len(m.group(0))


class _ZhOwners:
    """The bodies named in a Chinese text, found once (masks and mentions over the whole
    text), so that asking whose each number is stays linear in the text."""

    def __init__(self, text: str):
        self.text = text
        masked = text
        for opening, pattern in _ZH_MASKS:
            if any(mark in masked for mark in opening):
                masked = pattern.sub(_blank, masked)
        self.masked = masked
        self.mentions = [
            (m.start(), m.end(), m.lastgroup or "") for m in _ZH_MENTION.finditer(masked)
        ]
        self.starts = [start for start, _end, _group in self.mentions]
        self.sentence_ends = [m.start() for m in _ZH_SENTENCE_END.finditer(text)]

    def body(self, pos: int) -> str:
        """Whose the number at ``pos`` is: the last body named in its sentence before it
        ('' when none is: the General Assembly's, or the list's the number goes on)."""
        lo = max(0, pos - _ZH_WINDOW)
        end = bisect.bisect_left(self.sentence_ends, pos) - 1
        if end >= 0:
            lo = max(lo, self.sentence_ends[end] + 1)
        if ")" in self.text[lo:pos] and _ZH_IN_REPORT.search(self.text[lo:pos]):
            return "other"
        window = self.masked[lo:pos]
        first = bisect.bisect_left(self.starts, lo)
        last_index = bisect.bisect_left(self.starts, pos)
        mentions = [
            (start - lo, stop - lo, group)
            for start, stop, group in self.mentions[first:last_index]
            if stop <= pos
        ]
        return _body_zh(window, mentions)


def _body_zh(window: str, mentions: list[tuple[int, int, str]]) -> str:
    """Whose resolution, from the masked sentence before the number and the bodies named
    in it (start, end, kind)."""
    if not mentions:
        return ""
    last = mentions[-1]
    if last[2] == "its":
        owner = mentions[-2] if len(mentions) > 1 else None
        gap = window[owner[1] : last[0]] if owner else ""
        if owner is None or owner[2] == "its" or not _ZH_ITS_OWNER.fullmatch(gap):
            return "ga"
        last = owner
    elif last[2] in ("other", "sc"):
        after = window[last[1] :]
        commas = list(_ZH_COMMA.finditer(after))
        listed = (
            commas
            and _ZH_ITS_RESOLUTIONS.search(after[: commas[-1].start()])
            and _ZH_LIST_GOES_ON.match(after[commas[-1].end() :])
        )
        if not listed and not _ZH_FILLER.match(after):
            return ""
        previous = mentions[-2] if len(mentions) > 1 else None
        if (
            previous is not None
            and previous[2] == "its"
            and not _ZH_LIST_JOIN.search(window[previous[1] : last[0]].rstrip()[-2:])
            and _ZH_OBJECT_OF_ITS.match(after)
        ):
            return "ga"
    gap = window[last[1] :]
    commas = list(_ZH_COMMA.finditer(gap))
    if commas and not _ZH_LIST_GOES_ON.match(gap[commas[-1].end() :]):
        return "ga"
    return {"both": "both", "sc": "sc", "other": "other"}.get(last[2], "ga")


def _split_items(match: re.Match[str]) -> list[tuple[int, str]]:
    """The numbers of a matched list, each with its position in the text."""
    base = match.start("list")
    return [(base + m.start(), m.group(0)) for m in _ITEM_RE.finditer(match.group("list"))]


def _expand_letters(item: str) -> list[str]:
    """``36/87 A and B`` → ``36/87 A``, ``36/87 B``; ``72/262 A to C`` → A, B, C."""
    m = re.match(rf"^(?P<base>.*?\d\)?)\s?(?P<letters>{_LETTERS})$", item)
    if not m or not re.search(r"\s*(?:,|、|，|and|和|及|to|至|-)\s*", m.group("letters")):
        return [item]
    base, letters = m.group("base"), m.group("letters")
    found = re.findall(_LETTER, letters)
    if len(found) == 2 and all(len(f) == 1 for f in found) and re.search(r"\bto\b|至|-", letters):
        found = [chr(c) for c in range(ord(found[0]), ord(found[1]) + 1)]
    return [f"{base} {letter}" for letter in found]


def _refs_en(text: str) -> list[_Ref]:
    refs = []
    for m in _EN_KEYWORD.finditer(text):
        kw = m.group("kw").lower()
        first = _ITEM_RE.match(text, m.end())
        if not first:
            continue
        items = [(first.start(), first.group(0))]
        pos = first.end()
        while True:
            date = _EN_DATE.match(text[pos : pos + 40])
            if date:
                pos += date.end()
            nxt = _ITEM_RE.search(text, pos, pos + _EN_LOOSE_MAX + 40)
            if not nxt:
                break
            gap = text[pos : nxt.start()]
            tight = _EN_TIGHT.match(gap) or (date and not gap.strip())
            loose = (
                m.group("plural")
                and len(gap) <= _EN_LOOSE_MAX
                and _EN_LOOSE_END.search(gap)
                and not _EN_LOOSE_STOP.search(_EN_ABBREVIATIONS.sub("", gap))
            )
            if not (tight or loose):
                break
            items.append((nxt.start(), nxt.group(0)))
            pos = nxt.end()
        # A capital "Resolution 69/313, annex." opens a footnote or a sentence: nothing
        # before it names the body.
        before = text[max(0, m.start() - 250) : m.start()]  # bounded: linear in the text
        body = "ga" if m.group("kw")[0].isupper() else _body_en(before)
        if not body and refs and refs[-1].body in ("other", "sc"):
            gap = text[refs[-1].end : m.start()]
            if _EN_LIST_GOES_ON.match(gap) and not _EN_NEW_SENTENCE.search(gap):
                body = refs[-1].body
        if body in ("", "ga") and _EN_BODY_AFTER.match(text[pos : pos + 200]):
            body = "other"
        refs.append(_Ref(m.start(), pos, items, kw, body or "ga", bool(body)))
    return refs


def _zh_continues(gap: str) -> bool:
    """Whether two numbers with ``gap`` between them belong to one list."""
    return bool(_ZH_BETWEEN.match(gap) or (len(gap) <= _ZH_LOOSE_MAX and _ZH_LOOSE.match(gap)))


def _refs_zh(text: str) -> list[_Ref]:
    matches = list(_ZH_NUM.finditer(text))
    if not matches:
        return []
    owners = _ZhOwners(text)
    refs: list[_Ref] = []
    for m in matches:
        kw = {"决议": "resolution", "决定": "decision", None: ""}[m.group("kw") or m.group("kw2")]
        # bounded look-back: linear in the text
        body = owners.body(m.start())
        if not body and refs and _zh_continues(text[refs[-1].end : m.start()]):
            body = refs[-1].body  # a long list goes on past the look-back
        if not body and _ZH_BODY_AFTER.match(text, m.end()):
            body = "other"
        refs.append(_Ref(m.start(), m.end(), _split_items(m), kw, body or "ga", bool(body)))
    # A list takes the keyword after its last number: "第 57/47 号、…第 63/24 号决议".
    following = ""
    for i in range(len(refs) - 1, -1, -1):
        ref = refs[i]
        if ref.kw:
            following = ref.kw
        elif following and _zh_continues(text[ref.end : refs[i + 1].start]):
            ref.kw = following
        else:
            following = ""
    return [r for r in refs if r.kw]


def _canonical_item(item: str, kw: str, body: str) -> str | None:
    """The canonical symbol of one numbered item, or None when it is not ours to count."""
    item = _cjk_item(item)
    sc = canonical_sc_resolution(re.sub(r"\s+", "", item))
    if sc:
        return sc if kw == "resolution" else None  # only the Security Council numbers so
    if body not in ("ga", "both"):
        return None
    if kw == "decision":
        return canonical_decision(item)
    return canonical_resolution(item)


def find_citations(text: str, language: str) -> list[Citation]:
    """Every symbol ``text`` cites, canonical, in order of first appearance, once each.

    ``language`` is ``"zh"`` or ``"en"``; it picks how numbers are introduced
    ("第 57/32 号决议" or "resolution 57/32").  Explicit symbols are found in both.
    """
    text = text.translate(_SAME_LENGTH)
    found: list[tuple[int, str]] = []
    explicit = _explicit_symbols(text)
    for start, _end, parts in explicit:
        found.extend((start, p) for p in parts)
    refs = _refs_zh(text) if language.startswith("zh") else _refs_en(text)
    # "Human Rights Council resolution 43/1 … the report submitted pursuant to resolution
    # 43/1": a number named another body's before stays that body's
    others = {re.sub(r"\s", "", p) for r in refs if r.body == "other" for _, p in r.items}
    for ref in refs:
        if not ref.named:
            ref.items = [(pos, p) for pos, p in ref.items if re.sub(r"\s", "", p) not in others]
        for pos, printed in ref.items:
            for item in _expand_letters(printed):
                sym = _canonical_item(item, ref.kw, ref.body)
                if sym:
                    found.append((pos, sym))
    found.sort(key=lambda pair: pair[0])
    seen: set[str] = set()
    result: list[Citation] = []
    for _pos, sym in found:
        sym = canonical(sym)
        if sym not in seen:
            seen.add(sym)
            result.append(Citation(sym, kind_of_canonical(sym)))
    return result
