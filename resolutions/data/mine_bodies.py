"""Mine the names of the bodies other than the General Assembly whose resolutions and
decisions the resolutions cite by number (``bodies.txt``).

``python -m resolutions.data.mine_bodies ../shared/corpus/unxml/*session-*.tar.xz``
reads every paragraph and footnote of the AKN files given and writes, for each language,
the names printed right before a cited number, with how often each comes there:

* English: the run of capitalised words before ``resolution(s)`` / ``decision(s)``
  (``Human Rights Council resolution 5/1``, ``United Nations Environment Assembly
  resolutions 5/2, 5/7 and 5/8``), and after ``of the`` once a number was cited
  (``resolution 11/4 of the Conference of the Parties``);
* Chinese: the name before ``[date][关于…的 | 题为“…”的][date]第 N 号`` (ending in a noun of
  institutions: 理事会, 委员会, 大会, 会议, 组织 …) where the English file of the same
  resolution links N to another body's symbol (``A/HRC/RES/5/1``, ``UNEP/EA.5/Res.2``),
  cut to the part that never ends the text before a number linked to ``A/RES/…``
  (Chinese prints no spaces: ``回顾人权理事会`` and ``以及人权理事会`` give
  ``人权理事会``; ``联合国环境大会`` stays whole, ``大会`` alone is the General Assembly).

The General Assembly and the Security Council themselves are left out.  The citation
reader (``resolutions.parsing.citations``) reads the file once: a name of the list before
a number means that number is not a General Assembly resolution.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).with_name("bodies.txt")
MIN_COUNT = 2  # a name seen once may be a slip of one text

# Nouns that end the name of a body that adopts resolutions or decisions.
ZH_SUFFIX = (
    r"(?:理事会|委员会|执行局|董事会|理事机构|缔约方大会|缔约方会议|缔约国会议|缔约国大会|"
    r"大会|会议|组织|论坛|机构|议会|联盟)"
)
_ZH_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
# What may stand between a name and its number: dates, "关于…的", "题为“…”的", "第四十一届
# 会议通过的", "在其".
_ZH_FILLER = re.compile(
    rf"(?:\s|{_ZH_DATE}|关于[^，。；“”]{{1,80}}?的|题为“[^”]{{1,200}}”的|"
    r"第[一二三四五六七八九十]+届(?:常会|会议|特别会议)?(?:上)?|通过的|在其|其|的)*$"
)
_ZH_NAME = re.compile(rf"[\u4e00-\u9fff·]{{2,30}}?{ZH_SUFFIX}$")
_ZH_NUMBER = re.compile(r"第\s*(?:(?:ES|S)-)?\d{1,4}\s*/\s*\d{1,4}")
_ZH_GA = re.compile(r"^(?:联合国)?大会$|^安全理事会$|^安理会$")
ZH_GA_NAME = "大会"

_EN_NAME = re.compile(
    r"(?P<name>(?:[A-Z][\w’'.-]*|of|on|for|and|the|to|against|in)"
    r"(?:\s+(?:[A-Z][\w’'.-]*|of|on|for|and|the|to|against|in))*)"
    r"\s+(?:resolutions?|decisions?)\s+(?:E?S-)?\d"
)
_EN_AFTER = re.compile(
    r"(?:resolutions?|decisions?)\s+(?:E?S-)?\d[\w/ ().-]{0,20}?\s+(?:adopted\s+by|of)\s+the\s+"
    r"(?P<name>[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|on|for|and|the|to|against))*)"
)
# Nouns that end the name of a body (English): "… Council", "… of the Parties", "… Organization".
EN_NOUN = re.compile(
    r"\b(?:Council|Commission|Committee|Board|Conference|Parties|Forum|Organization|Programme|"
    r"Fund|Union|Agency|Assembly|Congress|Meeting|Group|Court|Summit|Governors|Directors)\b"
)
_EN_SKIP = re.compile(r"^(?:Assembly|Council)$|\bGeneral\s+Assembly$|\bSecurity\s+Council$")
# Words a sentence starts with, not a name: "Welcoming", "Reaffirm", "See", "Also".
_EN_NOT_NAME = re.compile(
    r"^(?:[A-Z][a-z]+ing|See|Reaffirm|Reaffirms|Recalls|Notes|Welcomes|Also|In|By|Its|The|Further)$"
)


def _en_clean(name: str) -> str:
    """Drop the leading article and function words, and the words no name starts with."""
    words = name.split()
    while words and (words[0][0].islower() or _EN_NOT_NAME.match(words[0])):
        words.pop(0)
    while words and words[-1][0].islower():
        words.pop()
    return " ".join(words)


def mine_en(texts: list[str]) -> Counter[str]:
    found: Counter[str] = Counter()
    for text in texts:
        for pattern in (_EN_NAME, _EN_AFTER):
            for m in pattern.finditer(text):
                name = _en_clean(m.group("name"))
                if " " in name and EN_NOUN.search(name) and not _EN_SKIP.search(name):
                    found[name] += 1
    return found


_HREF = re.compile(
    r'<a [^>]*href="[^"]*undocs\.org/+(?:[a-z]{2}/)?(?P<sym>[^"]+)"[^>]*>(?P<anchor>[^<]*)</a>'
)
_ANCHOR_NUMBER = re.compile(r"(?:(?:ES|S)-)?\d{1,4}/\d{1,4}")


def href_labels(data: bytes) -> dict[str, str]:
    """What the UN's links in one English file say each cited number is: ``ga`` when the
    link goes to ``A/RES/…``, ``other`` when it goes to another body's resolution or
    decision (``A/HRC/RES/5/1``, ``UNEP/EA.5/Res.2``, ``E/RES/2019/6``)."""
    labels: dict[str, str] = {}
    for m in _HREF.finditer(data.decode("utf-8", "replace")):
        number = _ANCHOR_NUMBER.fullmatch(m.group("anchor").strip())
        sym = m.group("sym").upper()
        if not number:
            continue
        if sym.startswith("A/RES/"):
            label = "ga"
        elif re.search(r"/RES|/DEC|RES\.|DEC\.", sym) and not sym.startswith("S/"):
            label = "other"
        else:
            continue
        labels.setdefault(number.group(0), label)
    return labels


def mine_zh(texts: list[tuple[str, dict[str, str]]]) -> Counter[str]:
    """Names before numbers that the English file's links call another body's, cut to the
    part that never ends the text before a General Assembly number."""
    runs: dict[str, Counter[str]] = {"ga": Counter(), "other": Counter()}
    for text, labels in texts:
        for m in _ZH_NUMBER.finditer(text):
            label = labels.get(re.sub(r"^第\s*|\s", "", m.group(0)))
            if not label:
                continue
            before = text[max(0, m.start() - 120) : m.start()]
            before = before[: _ZH_FILLER.search(before).start()]  # type: ignore[union-attr]
            name = _ZH_NAME.search(before)
            if name:
                runs[label][name.group(0)] += 1

    # a suffix belongs to the General Assembly when it ends the text before more numbers
    # linked to A/RES/… than to other symbols (the links are not all right)
    def count(label: str, key: str) -> int:
        return sum(n for run, n in runs[label].items() if run.endswith(key))

    def general_assembly(key: str) -> bool:
        return count("ga", key) > count("other", key)

    # words that come before the Assembly's name ("回顾", "依照", "以及"): never a name's start
    verbs = {
        run[-len(ZH_GA_NAME) - k : -len(ZH_GA_NAME)]
        for run, n in runs["ga"].items()
        if run.endswith(ZH_GA_NAME) and n >= MIN_COUNT
        for k in range(2, 5)
    }

    def strip_verbs(name: str, noun: str) -> str:
        for k in range(len(name) - len(noun), 0, -1):
            if name[:k] in verbs:
                return name[k:]
        return name

    other = list(runs["other"])
    found: Counter[str] = Counter()
    for run, n in runs["other"].items():
        # the name: the shortest end of the text, longer than its noun, that texts with
        # different words before it share ("人权理事会" after 回顾, 以及, 欢迎 …); else the noun
        noun = re.search(rf"{ZH_SUFFIX}$", run).group(0)  # type: ignore[union-attr]
        name = noun
        for i in range(len(run) - len(noun) - 1, -1, -1):
            tail = run[i:]
            before = {o[-len(tail) - 1 : -len(tail)] for o in other if o.endswith(tail)}
            if len(before - {""}) >= 2:
                name = strip_verbs(tail, noun)
                break
        # "经济及社会理事会就大会": two bodies run together, not one name
        compound = re.search(ZH_SUFFIX, name[: -len(noun)]) if len(name) > len(noun) else None
        if not general_assembly(name) and not _ZH_GA.match(name) and not compound:
            found[name] += n
    return found


def corpus_texts(paths: list[Path]) -> dict[str, list]:
    """English texts, and Chinese texts with the labels of the English file of the same
    resolution, from every AKN file of the archives."""
    from resolutions.parsing.akn import parse_akn
    from resolutions.parsing.formats import iter_archive
    from resolutions.parsing.structure import ParseError

    def subs(items: list) -> list[str]:
        return [t for s in items for t in (s.text, *subs(s.children))]

    texts: dict[str, dict[str, list[str]]] = {"en": {}, "zh": {}}
    labels: dict[str, dict[str, str]] = {}
    for path in paths:
        for name, data in iter_archive(path):
            if not name.endswith(".xml"):
                continue
            try:
                docs = parse_akn(data)
            except ParseError:
                continue
            for doc in docs:
                out = texts[doc.language].setdefault(doc.symbol or name, [])
                if doc.language == "en":
                    labels[doc.symbol or name] = href_labels(data)
                for clause in doc.clauses:
                    out.append(" ".join([clause.text, *subs(clause.subparagraphs)]))
                out.extend(note.text for note in doc.footnotes)
                out.extend(annex.text for annex in doc.annexes)
    return {
        "en": [t for ts in texts["en"].values() for t in ts],
        "zh": [(t, labels.get(sym, {})) for sym, ts in texts["zh"].items() for t in ts],
    }


def main(argv: list[str]) -> None:
    paths = [Path(p) for p in argv]
    texts = corpus_texts(paths)
    lines = [
        "# Bodies other than the General Assembly named before the numbers of the resolutions",
        "# and decisions they adopted: language<TAB>name<TAB>count.  Mined by",
        "# resolutions/data/mine_bodies.py from: " + ", ".join(p.name for p in paths),
    ]
    for language, miner in (("en", mine_en), ("zh", mine_zh)):
        counts = miner(texts[language])
        for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if count >= MIN_COUNT:
                lines.append(f"{language}\t{name}\t{count}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
