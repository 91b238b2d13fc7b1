"""Synthesise N resolutions × 2 languages from the real clauses of the UN's XML corpus.

    .venv/bin/python benchmarks/make_corpus.py N [--seed 1] [--out var/synthetic/N]

Clauses come from ``../shared/corpus/unxml`` (sessions 75–78, zh and en; the samples in
``samples/`` when that folder is absent).  Each synthetic resolution takes a real
resolution as its template — title, sections, paragraphs and their footnotes — swaps
about a third of its paragraphs for paragraphs of other resolutions (the same paragraph
in both languages, so the two texts stay translations of each other), gets a new symbol
in sessions 1–80 with a date of that session, and opens with "Recalling its resolution
X/Y …" / "回顾其…第X/Y号决议" paragraphs citing earlier synthetic resolutions.  The cited
resolutions follow a Zipf law (a few, such as 60/1 and 70/1, cited thousands of times at
N = 20,000), on top of the real citations the borrowed paragraphs already make.

Files are written as the UN's Word exports look (``resolutions.parsing.render``):
``OUT/en/A_RES_S_N.txt`` and ``OUT/zh/A_RES_S_N.txt``.  The same N and seed always give
the same bytes.  Prints a table of what was written and saves it as ``OUT.json`` beside
the folder (``var/synthetic/N.json``), so that ``ingest OUT`` reads resolutions only.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from resolutions.parsing.akn import parse_akn  # noqa: E402
from resolutions.parsing.encoding import decode_text  # noqa: E402
from resolutions.parsing.formats import detect_format, iter_archive  # noqa: E402
from resolutions.parsing.render import format_date, render_word_text  # noqa: E402
from resolutions.parsing.structure import (  # noqa: E402
    Clause,
    Footnote,
    ParsedDocument,
    ParseError,
    Subparagraph,
)
from resolutions.parsing.text import parse_text  # noqa: E402

UNXML = ROOT.parent / "shared" / "corpus" / "unxml"
SAMPLES = ROOT / "samples"
SESSIONS = range(1, 81)
FAMOUS = ("A/RES/60/1", "A/RES/70/1", "A/RES/55/2", "A/RES/41/128")  # cited the most
SWAP_SHARE = 0.35
ZIPF_EXPONENT = 1.05


@dataclass
class Unit:
    """A paragraph in both languages with the footnotes it cites (texts in order)."""

    en: Clause
    zh: Clause
    en_notes: list[str]
    zh_notes: list[str]


@dataclass
class Template:
    en: ParsedDocument
    zh: ParsedDocument
    units: list[Unit]


# --------------------------------------------------------------------------- the pool


def _documents(folder: Path) -> list[ParsedDocument]:
    """Every resolution text of the XML archives in ``folder`` (or of plain files)."""
    docs: list[ParsedDocument] = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith((".tar.xz", ".tar.gz", ".zip")):
            members = iter_archive(path)
        elif path.is_file():
            members = [(path.name, path.read_bytes())]
        else:
            members = [(p.name, p.read_bytes()) for p in sorted(path.rglob("*")) if p.is_file()]
        for _name, data in members:
            try:
                fmt = detect_format(data)
                if fmt == "akn":
                    docs.extend(parse_akn(data))
                elif fmt != "metadata":
                    docs.append(parse_text(decode_text(data)))
            except (ParseError, ValueError):
                continue  # a French file, a metadata line: not clause material
    return docs


def _notes(doc: ParsedDocument, clause: Clause) -> list[str]:
    by_marker = {f.marker: f.text for f in doc.footnotes}
    return [by_marker[m] for m in clause.footnotes if m in by_marker]


def load_templates(source: Path) -> list[Template]:
    """Resolutions present in both languages with paragraphs that pair one to one."""
    by_symbol: dict[tuple[str, str], ParsedDocument] = {}
    for doc in _documents(source):
        if doc.symbol and doc.language in ("en", "zh") and doc.clauses and not doc.draft:
            by_symbol.setdefault((doc.symbol, doc.language), doc)
    templates = []
    for (symbol, language), en in sorted(by_symbol.items()):
        zh = by_symbol.get((symbol, "zh"))
        if language != "en" or zh is None or len(zh.clauses) != len(en.clauses):
            continue
        if any(a.kind != b.kind for a, b in zip(en.clauses, zh.clauses, strict=True)):
            continue
        units = [
            Unit(a, b, _notes(en, a), _notes(zh, b))
            for a, b in zip(en.clauses, zh.clauses, strict=True)
        ]
        templates.append(Template(en, zh, units))
    if not templates:
        raise SystemExit(f"no resolution found in both languages under {source}")
    return templates


# --------------------------------------------------------------------------- symbols and dates


def allot_symbols(n: int, rng: random.Random) -> list[tuple[int, int]]:
    """(session, number) of n resolutions: later sessions adopt more, every session some."""
    weights = [1 + s / 20 for s in SESSIONS]
    counts = Counter({s: 1 for s in SESSIONS} if n >= len(SESSIONS) else {})
    for s in rng.choices(list(SESSIONS), weights=weights, k=n - sum(counts.values())):
        counts[s] += 1
    return [(s, number) for s in SESSIONS for number in range(1, counts[s] + 1)]


def adoption_date(session: int, number: int, count: int) -> dt.date:
    """A date of the session's main part (September to December of year 1945 + session)."""
    start = dt.date(1945 + session, 9, 15)
    return start + dt.timedelta(days=int(100 * (number - 1) / max(count, 1)))


class Popularity:
    """Zipf-distributed choice among the resolutions adopted before a given one."""

    def __init__(self, symbols: list[tuple[int, int]], rng: random.Random):
        order = list(range(len(symbols)))
        rng.shuffle(order)
        famous = {tuple(map(int, f.split("/")[2:4])) for f in FAMOUS}
        order.sort(key=lambda i: 0 if symbols[i] in famous else 1)  # stable: famous first
        self.symbols = [symbols[i] for i in order]
        self.cumulative = list(
            itertools.accumulate(1 / (rank**ZIPF_EXPONENT) for rank in range(1, len(order) + 1))
        )

    def pick(self, rng: random.Random, before: tuple[int, int]) -> tuple[int, int] | None:
        for _ in range(20):
            x = rng.random() * self.cumulative[-1]
            choice = self.symbols[bisect.bisect_left(self.cumulative, x)]
            if choice < before:
                return choice
        return None


# --------------------------------------------------------------------------- one resolution


def _recalling(target: tuple[int, int], adopted: dt.date, first: bool) -> tuple[Clause, Clause]:
    symbol = f"{target[0]}/{target[1]}"
    lead_en, lead_zh = ("Recalling", "回顾") if first else ("Recalling also", "又回顾")
    en_day, zh_day = format_date(adopted, zh=False), format_date(adopted, zh=True)
    en = Clause("preambular", f"{lead_en} its resolution {symbol} of {en_day},", lead_en)
    zh = Clause("preambular", f"{lead_zh}其{zh_day}第{symbol}号决议，", lead_zh)
    return en, zh


def synthesise(
    template: Template,
    donors: dict[str, list[Unit]],
    symbol: tuple[int, int],
    adopted: dt.date,
    cited: list[tuple[tuple[int, int], dt.date]],
    rng: random.Random,
) -> tuple[ParsedDocument, ParsedDocument]:
    """The en and zh documents of one synthetic resolution."""
    units = [  # (paragraph, the template's paragraph whose place and section it takes)
        (rng.choice(donors[u.en.kind]) if rng.random() < SWAP_SHARE else u, u)
        for u in template.units
    ]
    recall = [_recalling(target, date, i == 0) for i, (target, date) in enumerate(cited)]
    docs = []
    for language in ("en", "zh"):
        clauses: list[Clause] = [pair[0 if language == "en" else 1] for pair in recall]
        footnotes: list[Footnote] = []
        number = 0
        for unit, place in units:
            clause = unit.en if language == "en" else unit.zh
            section = (place.en if language == "en" else place.zh).section
            texts = unit.en_notes if language == "en" else unit.zh_notes
            markers = {}
            for old, note in zip(clause.footnotes, texts, strict=False):
                markers[old] = str(len(footnotes) + 1)
                footnotes.append(Footnote(markers[old], note))
            if clause.kind == "operative":
                number += 1
            clauses.append(
                replace(
                    clause,
                    number=number if clause.kind == "operative" else None,
                    footnotes=[markers[m] for m in clause.footnotes if m in markers],
                    subparagraphs=_remark(clause.subparagraphs, markers),
                    section=section,
                    element_id="",
                )
            )
        base = template.en if language == "en" else template.zh
        docs.append(
            ParsedDocument(
                language=language,
                symbol=f"A/RES/{symbol[0]}/{symbol[1]}",
                session=symbol[0],
                adopted=adopted,
                meeting=40 + symbol[1] % 80,
                title=base.title,
                base_document=f"A/{symbol[0]}/L.{symbol[1]}",
                clauses=clauses,
                footnotes=footnotes,
            )
        )
    return docs[0], docs[1]


def _remark(subs: list[Subparagraph], markers: dict[str, str]) -> list[Subparagraph]:
    return [
        replace(
            s,
            footnotes=[markers[m] for m in s.footnotes if m in markers],
            children=_remark(s.children, markers),
        )
        for s in subs
    ]


# --------------------------------------------------------------------------- the corpus


def make_corpus(n: int, out: Path, seed: int = 1, source: Path | None = None) -> dict:
    """Write n resolutions in both languages under ``out``; returns the figures."""
    started = time.perf_counter()
    source = source or (UNXML if UNXML.is_dir() else SAMPLES)
    templates = load_templates(source)
    rng = random.Random(seed)
    donors = {
        kind: [u for t in templates for u in t.units if u.en.kind == kind]
        for kind in ("preambular", "operative")
    }
    symbols = allot_symbols(n, rng)
    per_session = Counter(s for s, _ in symbols)
    dates = {sym: adoption_date(sym[0], sym[1], per_session[sym[0]]) for sym in symbols}
    popularity = Popularity(symbols, rng)
    times_cited: Counter[str] = Counter()
    clauses = footnotes = 0
    for language in ("en", "zh"):
        (out / language).mkdir(parents=True, exist_ok=True)
    for symbol in symbols:
        cited = []
        for _ in range(min(int(rng.expovariate(1 / 3)), 12)):
            target = popularity.pick(rng, symbol)
            if target and target not in (c for c, _ in cited):
                cited.append((target, dates[target]))
                times_cited[f"A/RES/{target[0]}/{target[1]}"] += 1
        docs = synthesise(rng.choice(templates), donors, symbol, dates[symbol], cited, rng)
        name = f"A_RES_{symbol[0]}_{symbol[1]}.txt"
        for doc in docs:
            (out / doc.language / name).write_text(render_word_text(doc), encoding="utf-8")
            clauses += len(doc.clauses)
            footnotes += len(doc.footnotes)
    figures = {
        "resolutions": len(symbols),
        "texts": 2 * len(symbols),
        "clauses": clauses,
        "footnotes": footnotes,
        "recalling_citations": sum(times_cited.values()),
        "most_cited": times_cited.most_common(5),
        "templates": len(templates),
        "source": str(source),
        "seed": seed,
        "seconds": round(time.perf_counter() - started, 1),
    }
    out.with_suffix(".json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of resolutions (each in zh and en)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="default: var/synthetic/N")
    parser.add_argument("--source", type=Path, help="default: ../shared/corpus/unxml")
    args = parser.parse_args()
    out = args.out or ROOT / "var" / "synthetic" / str(args.n)
    figures = make_corpus(args.n, out, args.seed, args.source)
    print(f"{'written to':<22}{out}")
    for key, value in figures.items():
        print(f"{key:<22}{value}")


if __name__ == "__main__":
    main()
