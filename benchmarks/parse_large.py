"""How parse time grows with the size of a text (linear is the goal; issue 21).

    .venv/bin/python benchmarks/parse_large.py           # 1k, 10k and 100k lines, and 50 MB
    .venv/bin/python benchmarks/parse_large.py --quick   # 1k and 10k lines only

Builds synthetic texts (no UN document is copied) of growing size in a few shapes that
used to be quadratic, parses each once with ``parse_text`` (``decode_text`` first for the
50 MB file, as ingest does) and prints the seconds, the seconds per 1,000 lines and the
ratio to the size before: linear work shows as a time ratio close to the size ratio (10).

* ``paragraph en`` / ``paragraph zh``: one hard-wrapped paragraph of N lines;
* ``continued``: one operative paragraph continued by N unnumbered paragraphs;
* ``markers``: one paragraph of N lines citing footnotes 1–3 by bare digits among many
  other numbers, with the footnote bodies at the end;
* ``md notes``: N ``[^n]:`` lines out of sequence after the body (they continue the
  previous footnote);
* ``50 MB``: paragraphs of every kind, with footnotes, repeated to 50 MB, in one file.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from resolutions.parsing.encoding import decode_text  # noqa: E402
from resolutions.parsing.text import parse_text  # noqa: E402

EN_HEAD = (
    "Resolution adopted by the General Assembly\n\n99/1. Synthetic text\n\n"
    "The General Assembly,\n\n"
)
ZH_HEAD = "大会决议\n\n99/1. 合成文本\n\n大会，\n\n"
EN_END = "\n1. Decides to remain seized of the matter.\n\n52nd plenary meeting\n1 December 2025\n"
ZH_END = "\n1. 决定继续处理此案。\n\n第52次全体会议\n"


def paragraph_en(n: int) -> str:
    line = "Recalling its resolution 57/32 of 19 November 2002 and the report of the\n"
    return EN_HEAD + line * n + "Secretary-General,\n" + EN_END


def paragraph_zh(n: int) -> str:
    line = "回顾其2002年11月19日第57/32号决议和秘书长关于各国议会联盟合作的报告以及\n"
    return ZH_HEAD + line * n + "其他有关文件，\n" + ZH_END


def continued(n: int) -> str:
    body = "1. Decides that the programme shall continue.\n\n"
    body += "The programme shall report on its work in 2026 and 2027.\n\n" * n
    return EN_HEAD + "Recalling its earlier work,\n\n" + body + "52nd plenary meeting\n"


def markers(n: int) -> str:
    line = "Noting the 2030 Agenda,1 the 53 million people in 193 States2 and 2015 goals3 and\n"
    notes = "\n__________________\n1 Resolution 70/1.\n2 A/79/1.\n3 A/79/2.\n"
    return EN_HEAD + line * n + "the work done,\n" + EN_END + notes


def md_notes(n: int) -> str:
    notes = "[^1]: See the report of the Secretary-General on the work of the Organization\n"
    line = "[^{}]: continued note text on page {} of the\n"
    notes += "".join(line.format(900 + i % 50, i) for i in range(n))
    return EN_HEAD + "Recalling its work,[^1]\n" + EN_END + "\n" + notes


def mixed(size: int) -> str:
    unit = (
        "Recalling its resolution 57/32 of 19 November 2002,1\n\n"
        "Welcoming the report of the Secretary-General,2 which covers 2024 and 2025,\n\n"
        "1. Decides to include in the provisional agenda of its eighty-first session the item;\n\n"
        "2. Requests the Secretary-General:\n\n(a) To report on the item;\n\n(b) To continue;\n\n"
        "The report shall be issued in all official languages.\n\n"
    )
    notes = "\n__________________\n1 A/79/1.\n2 A/79/2.\n"
    body = unit * (size // len(unit.encode()))
    return EN_HEAD + body + EN_END + notes


SHAPES = {
    "paragraph en": paragraph_en,
    "paragraph zh": paragraph_zh,
    "continued": continued,
    "markers": markers,
    "md notes": md_notes,
}


def timed(text: str, decode: bool = False) -> float:
    start = time.perf_counter()
    if decode:
        text = decode_text(text.encode("utf-8"))
    parse_text(text)
    return time.perf_counter() - start


def main() -> None:
    sizes = (1_000, 10_000) if "--quick" in sys.argv else (1_000, 10_000, 100_000)
    print(f"{'shape':<14} {'lines':>8} {'MB':>6} {'seconds':>8} {'s/1k lines':>10} {'ratio':>6}")
    for name, build in SHAPES.items():
        before = None
        for n in sizes:
            text = build(n)
            seconds = timed(text)
            ratio = f"{seconds / before:6.1f}" if before else ""
            mb = len(text.encode()) / 1e6
            per = seconds / n * 1000
            print(f"{name:<14} {n:>8} {mb:>6.1f} {seconds:>8.2f} {per:>10.3f} {ratio}")
            before = seconds
    if "--quick" not in sys.argv:
        for mb in (5, 50):
            text = mixed(mb * 1_000_000)
            seconds = timed(text, decode=True)
            lines = text.count("\n")
            per = seconds / lines * 1000
            print(f"{'mixed':<14} {lines:>8} {mb:>6} {seconds:>8.2f} {per:>10.3f}")


if __name__ == "__main__":
    main()
