"""Whoosh's merge (``add_reader``) against the block merge (``search/merge.py``).

    .venv/bin/python benchmarks/segment_merge.py [--n 200] [--segments 8] [--runs 3]
                                                 [--json-out FILE]

Loads the synthetic archive of N resolutions (``make_corpus.py``; made if missing) into a
temporary SQLite database without indexing it (as ``index_writer.py`` does), writes its
clause and text documents once with ``BulkSegmentWriter`` as ``--segments`` segments of
equal size (non-compound, as a segment-building process rolls them), then ``--runs`` times
merges those same segments into one new segment with each merge in turn: Whoosh's
(a ``SegmentWriter`` given each segment's reader by ``add_reader``, then its segment
written) and ``merge_segments``; only the merging is timed, and the new segment's files
are deleted after each run.  Prints seconds (median of the runs), the ratio of the two
medians, and writes them as JSON.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from index_writer import ROOT, archive_documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--segments", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json-out", type=Path, default=ROOT / "var/benchmarks/segment_merge.json")
    options = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="unres-merge-"))
    try:
        docs = archive_documents(options.n, data_dir)
        from whoosh.reading import SegmentReader
        from whoosh.writing import SegmentWriter

        from search.indexing import get_backend
        from search.merge import delete_segment_files, merge_segments
        from search.segments import BulkSegmentWriter

        backend = get_backend()
        shutil.rmtree(backend.path, ignore_errors=True)
        backend.setup_complete = False
        ix = get_backend().index
        size = -(-len(docs) // options.segments)
        for first in range(0, len(docs), size):
            writer = BulkSegmentWriter(ix, compound=False)
            for doc in docs[first : first + size]:
                writer.add_document(**doc)
            writer.commit(merge=False)
        ix = ix.refresh()
        segments = ix._segments()
        storage = ix.storage

        def whoosh_merge():
            writer = SegmentWriter(ix, _lk=False, compound=False)
            for segment in segments:
                reader = SegmentReader(storage, ix.schema, segment)
                writer.add_reader(reader)
                reader.close()
            merged = writer._finalize_segment()
            writer._finish()
            return merged

        def block_merge():
            return merge_segments(ix, segments)

        merges = {"whoosh": whoosh_merge, "block": block_merge}
        seconds: dict[str, list[float]] = {name: [] for name in merges}
        print(
            f"{len(docs)} documents ({options.n} resolutions) in {len(segments)} segments, "
            f"{options.runs} runs"
        )
        print(f"{'run':>4} {'merge':>8} {'seconds':>9} {'docs/s':>9}")
        for run in range(1, options.runs + 1):
            for name, merge in merges.items():
                start = time.perf_counter()
                merged = merge()
                elapsed = time.perf_counter() - start
                assert merged.doc_count_all() == len(docs)
                delete_segment_files(storage, [merged])
                seconds[name].append(elapsed)
                print(f"{run:>4} {name:>8} {elapsed:>9.2f} {len(docs) / elapsed:>9.0f}")
        medians = {name: statistics.median(s) for name, s in seconds.items()}
        ratio = medians["whoosh"] / medians["block"]
        for name, median in medians.items():
            print(f" med {name:>8} {median:>9.2f} {len(docs) / median:>9.0f}")
        print(f"whoosh / block (median seconds): {ratio:.1f}x")
        options.json_out.parent.mkdir(parents=True, exist_ok=True)
        options.json_out.write_text(
            json.dumps(
                {
                    "n": options.n,
                    "documents": len(docs),
                    "segments": len(segments),
                    "seconds": seconds,
                    "medians": medians,
                    "ratio": ratio,
                },
                indent=2,
            )
        )
        print(f"written: {options.json_out}")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
