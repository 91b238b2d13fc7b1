"""Mine the names of the Member States that vote from the UN's metadata (``member_states.txt``).

``python -m resolutions.data.mine_member_states ../shared/corpus/unxml/*-metadata.jsonl``
writes every name found in the recorded-vote lists (``MS_in_favour``, ``MS_against``,
``MS_abstaining``) of the files given, one per line, sorted, after a header naming them.
The archive refuses a vote by a name outside this list (``resolutions.validation``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

VOTE_LISTS = ("MS_in_favour", "MS_against", "MS_abstaining")
OUT = Path(__file__).with_name("member_states.txt")


def mine(paths: list[Path]) -> list[str]:
    """Every name in the vote lists of these JSON-lines files, whitespace collapsed, sorted."""
    names: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            for key in VOTE_LISTS:
                names.update(" ".join(str(n).split()) for n in record.get(key) or [] if n)
    return sorted(names)


def main(argv: list[str]) -> None:
    paths = [Path(p) for p in argv]
    header = ["# Member States as the UN's vote lists name them; mined by resolutions/data/"]
    header.append("# mine_member_states.py from: " + ", ".join(p.name for p in paths))
    OUT.write_text("\n".join(header + mine(paths)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
