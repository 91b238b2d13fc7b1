"""Mine the lead phrases of resolution paragraphs from the UN's AKN XML (``leads_*.tsv``).

``python -m resolutions.data.mine_leads ../shared/corpus/unxml/*session-*.tar.xz`` reads
every resolution in the archives (or XML files) given with the XML reader, takes the lead
its markup gives each paragraph (the bold or italic phrase it opens with, see
``resolutions.parsing.akn``) and writes ``leads_en.tsv`` and ``leads_zh.tsv`` next to this
script, rows ``kind, phrase, marked, unmarked`` after a header naming the files read:

* ``lead``: a marked lead; ``marked`` counts the paragraphs it leads, ``unmarked`` those that
  open with it but whose marked lead stops short of it;
* ``prefix``: what opens marked leads made of it and another lead ("Also", 又, 在这方面),
  in at least :data:`PRODUCTIVE` ways; ``unmarked`` counts paragraphs opening with it and a
  lead whose marked lead stops short;
* ``suffix-<form>``: what closes leads of a verb form (``resolutions.parsing.leads.verb_form``):
  "also" after "Recalling" (``suffix-ing``), "with appreciation" after "Notes"
  (``suffix-s``); ``unmarked`` counts paragraphs where it follows a marked lead of that form
  outside it ("Encourages further").

``resolutions.parsing.leads`` keeps what is marked more often than not and combines it.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from resolutions.parsing.akn import parse_akn
from resolutions.parsing.formats import iter_archive
from resolutions.parsing.leads import (
    COLUMNS,
    LEAD,
    PREFIX,
    SOUND,
    SUFFIX,
    data_file,
    index,
    key_at,
    match_at,
    separator,
    verb_form,
)
from resolutions.parsing.structure import ParseError

PRODUCTIVE = 2  # a prefix or suffix combines with at least this many leads
PART_MAX = {"en": 24, "zh": 6}  # characters in a prefix or suffix, at most

Row = tuple[str, str, int, int]


def paragraphs(paths: Iterable[Path]) -> Iterator[tuple[str, str, str]]:
    """``(language, marked lead, text)`` of every paragraph in these archives or XML files."""
    for path in paths:
        if path.suffix == ".xml":
            members: Iterable[tuple[str, bytes | ParseError]] = [(path.name, path.read_bytes())]
        else:
            members = iter_archive(path)
        for name, data in members:
            if not name.endswith(".xml") or isinstance(data, ParseError):
                continue
            try:
                docs = parse_akn(data)
            except ParseError:
                continue  # other languages, damaged files
            for doc in docs:
                for clause in doc.clauses:
                    yield doc.language, clause.lead, clause.text


def _splits(lead: str, language: str) -> Iterator[tuple[str, str]]:
    """``(head, tail)`` at every place a lead can be cut in two parts."""
    sep = separator(language)
    if sep:
        words = lead.split(sep)
        for i in range(1, len(words)):
            yield sep.join(words[:i]), sep.join(words[i:])
    else:
        for i in range(1, len(lead)):
            yield lead[:i], lead[i:]


def _capital(phrase: str, language: str) -> str:
    return phrase if language == "zh" else phrase[:1].upper() + phrase[1:]


def _suffix_like(head: str, tail: str, language: str, marked: Counter[str]) -> bool:
    """Could ``tail`` close the lead ``head`` as a suffix?  Not when it is a lead of its own
    (重申 + 支持: two leads, not a pattern) nor, in Chinese, a single character, which is a
    slip of the markup (认识 + 到)."""
    if len(tail) > PART_MAX[language] or _capital(tail, language) in marked:
        return False
    return len(tail) > 1 or language != "zh"


def _opens_with(text: str, lead: str, phrase: str, language: str) -> bool:
    """Does ``text`` open with ``phrase`` while its marked ``lead`` stops short of it?"""
    return len(lead) < len(phrase) and match_at(text, 0, phrase, language) >= 0


def mine(paras: list[tuple[str, str]], language: str) -> list[Row]:
    """The rows of one language's vocabulary from its ``(marked lead, text)`` paragraphs."""
    marked = Counter(lead for lead, text in paras if lead and lead != text)
    leads = index(marked, language)
    unmarked: Counter[str] = Counter()
    for lead, text in paras:
        for phrase in leads.get(key_at(text, 0, language), ()):
            if _opens_with(text, lead, phrase, language):
                unmarked[phrase] += 1
    sound = {p for p, n in marked.items() if n >= SOUND and n > unmarked[p]}

    prefix_with: dict[str, set[str]] = defaultdict(set)
    suffix_with: dict[tuple[str, str], set[str]] = defaultdict(set)
    part_marked: Counter[tuple[str, str]] = Counter()
    limit = PART_MAX[language]
    for lead, n in marked.items():
        for head, tail in _splits(lead, language):
            if len(head) <= limit and _capital(tail, language) in sound:
                prefix_with[head].add(tail)
                part_marked[PREFIX, head] += n
            if head in sound and _suffix_like(head, tail, language, marked):
                kind = f"{SUFFIX}-{verb_form(head, language)}"
                suffix_with[kind, tail].add(head)
                part_marked[kind, tail] += n
    prefixes = [p for p, leads_ in prefix_with.items() if len(leads_) >= PRODUCTIVE]
    suffixes = [k for k, hosts in suffix_with.items() if len(hosts) >= PRODUCTIVE]

    part_unmarked: Counter[tuple[str, str]] = Counter()
    sep = separator(language)
    sound_index = index(sound, language)
    prefix_index = index(prefixes, language)
    suffix_index: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for kind, tail in suffixes:
        suffix_index[kind].setdefault(key_at(tail, 0, language), []).append(tail)
    for lead, text in paras:
        for prefix in prefix_index.get(key_at(text, 0, language), ()):
            end = match_at(text, 0, prefix, language)
            if end < 0 or not text.startswith(sep, end):
                continue
            at = end + len(sep)
            for rest in sound_index.get(key_at(text, at, language), ()):
                after = match_at(text, at, rest, language)
                if after >= 0 and len(lead) < after:
                    part_unmarked[PREFIX, prefix] += 1
                    break
        if not lead or not text.startswith(lead + sep) or len(text) == len(lead + sep):
            continue
        at = len(lead) + len(sep)
        kind = f"{SUFFIX}-{verb_form(lead, language)}"
        for tail in suffix_index[kind].get(key_at(text, at, language), ()):
            if match_at(text, at, tail, language) >= 0:
                part_unmarked[kind, tail] += 1

    rows: list[Row] = [(LEAD, p, n, unmarked[p]) for p, n in marked.items()]
    rows += [(PREFIX, p, part_marked[PREFIX, p], part_unmarked[PREFIX, p]) for p in prefixes]
    rows += [(k, t, part_marked[k, t], part_unmarked[k, t]) for k, t in suffixes]
    return sorted(rows, key=lambda r: (r[0], -r[2], r[1]))


def write(path: Path, rows: list[Row], sources: list[str]) -> None:
    """Write a vocabulary file: provenance, how to rebuild, the columns, the rows."""
    header = [
        "# Lead phrases of General Assembly resolution paragraphs as the UN's AKN XML marks",
        "# them (bold or italic at the start), with their parts; mined by",
        "# resolutions/data/mine_leads.py from: " + ", ".join(sources),
        "# Rebuild: python -m resolutions.data.mine_leads ../shared/corpus/unxml/*session-*.tar.xz",
        "# marked: paragraphs whose marked lead it is (or holds it as a part); unmarked:",
        "# paragraphs that open with it but whose marked lead stops short of it.",
        "\t".join(COLUMNS),
    ]
    lines = ["\t".join(str(c) for c in row) for row in rows]
    path.write_text("\n".join(header + lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> None:
    paths = [Path(p) for p in argv]
    by_language: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for language, lead, text in paragraphs(paths):
        by_language[language].append((lead, text))
    for language in ("en", "zh"):
        write(data_file(language), mine(by_language[language], language), [p.name for p in paths])


if __name__ == "__main__":
    main(sys.argv[1:])
