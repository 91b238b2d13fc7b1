"""What keeps the index processes' memory down, doing what it says.

The compact term index writer (``search/termindex.py``) writes Whoosh's bytes: no database,
no index, the same keys and values go to Whoosh's ``OrderedHashWriter`` and to ours, on
Whoosh's own in-memory files; the files must be equal byte for byte and read back through
Whoosh's reader.  ``release_free_memory`` gives freed heap back to the system.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import RamStorage
from whoosh.filedb.filetables import OrderedHashReader, OrderedHashWriter

from search.termindex import CompactTermIndexWriter, compact_term_index

ROOT = Path(__file__).resolve().parent.parent


def term_keys(count: int, seed: int = 3) -> list[bytes]:
    """Sorted, distinct term-index keys: a 2-byte field id, then UTF-8 term bytes."""
    rng = random.Random(seed)
    seeds = ("决议", "大会", "recalling", "57/32", "A/RES/65/123", "第57/32号决议", "ⅩⅩⅩ")
    words = set(seeds[:count])
    letters = "abcdefghij决议大会0123456789/"
    while len(words) < count:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(1, 9))))
    fields = (b"\x00\x00", b"\x00\x01")
    return sorted(rng.choice(fields) + word.encode() for word in sorted(words))


def written(writer_class, items: list[tuple[bytes, bytes]], extras: dict) -> bytes:
    storage = RamStorage()
    writer = writer_class(storage.create_file("terms"))
    writer.extras.update(extras)
    for key, value in items:
        writer.add(key, value)
    writer.close()
    return bytes(storage.open_file("terms").read())


@pytest.mark.parametrize("count", [0, 1, 300, 20_000])
def test_term_index_file_is_byte_for_byte_whooshs(count: int) -> None:
    # 20,000 keys over 256 buckets: each table has colliding slots to probe past.
    rng = random.Random(count)
    items = [(key, rng.randbytes(rng.randint(0, 40))) for key in term_keys(count)]
    extras = {"fieldmap": {"text": 0, "text_zh": 1}}
    ours = written(CompactTermIndexWriter, items, extras)
    assert ours == written(OrderedHashWriter, items, extras)


def test_term_index_reads_back_through_whooshs_reader() -> None:
    items = [(key, b"info:" + key) for key in term_keys(5_000)]
    storage = RamStorage()
    writer = CompactTermIndexWriter(storage.create_file("terms"))
    for key, value in items:
        writer.add(key, value)
    writer.close()
    reader = OrderedHashReader.open(storage, "terms")
    assert all(reader[key] == value for key, value in items)
    assert b"\x00\x00missing" not in reader
    assert list(reader.keys()) == [key for key, _ in items]
    middle = items[2_500][0]
    assert reader.closest_key(middle[:-1]) <= middle


def test_term_index_refuses_keys_out_of_order() -> None:
    writer = CompactTermIndexWriter(RamStorage().create_file("terms"))
    writer.add(b"\x00\x00b", b"")
    with pytest.raises(ValueError, match="Keys must increase"):
        writer.add(b"\x00\x00a", b"")


def test_compact_term_index_converts_only_a_fresh_writer() -> None:
    storage, codec = RamStorage(), W3Codec()
    fresh = codec.field_writer(storage, codec.new_segment(storage, "MAIN"))
    compact_term_index(fresh)
    assert type(fresh._tindex) is CompactTermIndexWriter
    used = codec.field_writer(storage, codec.new_segment(storage, "MAIN"))
    used._tindex.add(b"\x00\x00a", b"")
    with pytest.raises(ValueError, match="not a fresh"):
        compact_term_index(used)


def test_release_free_memory_returns_freed_heap_to_the_system() -> None:
    # In a fresh interpreter: 300 MB in 3 KB blocks (glibc's heap, not pymalloc, not mmap),
    # one kept at the top so glibc's own trimming cannot give the rest back.
    script = """
import sys
from pathlib import Path
from search.segments import release_free_memory

def anon_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024

blocks = [bytes(3000) for _ in range(100_000)]
top = bytes(3000)
del blocks
freed = anon_mb()
release_free_memory()
print(freed, anon_mb())
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    freed, released = map(float, done.stdout.split())
    assert freed - released > 200, (freed, released)
