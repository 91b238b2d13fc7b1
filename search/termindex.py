"""Whoosh's term index file (``.trm``) written with 12 bytes a term held in memory.

Whoosh's ``OrderedHashWriter`` remembers each key's hash and file position as a tuple in
one of 256 Python lists until it writes the hash tables at ``close`` — ~130 bytes a term.
Merging the segments of one index process at 20,000 resolutions, that grew each process by
~170 MB at the end of the run (some 1.3 million terms).  :class:`CompactTermIndexWriter` keeps
them in two typed arrays per bucket and writes the same bytes.
"""

from __future__ import annotations

import struct
from array import array

from whoosh.filedb.filetables import OrderedHashWriter

_LENGTHS = struct.Struct("!ii")  # key and value length before each key (Whoosh's)
_POINTER = struct.Struct("!Iq")  # a hash table slot: hash, position (Whoosh's)


class CompactTermIndexWriter(OrderedHashWriter):
    """``OrderedHashWriter`` with each bucket's hashes and positions in typed arrays."""

    def __init__(self, dbfile) -> None:
        super().__init__(dbfile)
        self.buckets = _empty_buckets()

    def add(self, key: bytes, value: bytes) -> None:
        """Add a key (greater than the last one) and its value, as Whoosh's writer does."""
        if key <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{key!r}")
        dbfile = self.dbfile
        pos = dbfile.tell()
        self.index.append(pos)
        dbfile.write(_LENGTHS.pack(len(key), len(value)))
        dbfile.write(key)
        dbfile.write(value)
        h = self.hashfn(key)
        hashes, positions = self.buckets[h & 255]
        hashes.append(h)
        positions.append(pos)
        self.lastkey = key

    def _write_hashes(self) -> None:
        """Each bucket's open-addressing table, slot by slot as Whoosh builds it."""
        dbfile = self.dbfile
        for hashes, positions in self.buckets:
            numslots = 2 * len(hashes)
            self.directory.append((dbfile.tell(), numslots))
            slot_hashes = [0] * numslots
            slot_positions = [0] * numslots  # 0: empty (no key starts at 0, the header does)
            for h, pos in zip(hashes, positions, strict=True):
                slot = (h >> 8) % numslots
                while slot_positions[slot]:
                    slot = (slot + 1) % numslots
                slot_hashes[slot] = h
                slot_positions[slot] = pos
            dbfile.write(b"".join(map(_POINTER.pack, slot_hashes, slot_positions)))
        self.buckets = _empty_buckets()


def _empty_buckets() -> list[tuple[array, array]]:
    return [(array("I"), array("q")) for _ in range(256)]


def compact_term_index(fieldwriter) -> None:
    """Make a fresh W3 field writer keep its term index as :class:`CompactTermIndexWriter`.

    The field writer made its ``OrderedHashWriter`` (and wrote the file header) itself;
    before any term is added, the two hold the same state but the buckets.
    """
    tindex = fieldwriter._tindex
    if type(tindex) is not OrderedHashWriter or len(tindex.index):
        raise ValueError("not a fresh Whoosh term index")
    tindex.__class__ = CompactTermIndexWriter
    tindex.buckets = _empty_buckets()
