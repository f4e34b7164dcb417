"""Character shingles and their hashes, for the sketches of the duplicates and copies kinds.

A shingle is ``shingle`` consecutive characters of a key (a text without punctuation);
its hash is the CRC-32 of its UTF-32-LE bytes, so every process (and every run) gives
the same values. :func:`window_hashes` hashes every shingle of a text once, in order, so
that the shingles of a part of the text (a sentence of a paragraph, one part of a report)
are a slice of that list (:func:`window_slice`) rather than hashed again.

The hashing has no Python loop per shingle: the shingles starting at k, k + n, k + 2n …
(n = ``shingle``) do not overlap, so one ``struct.unpack`` cuts each of these n runs into
bytes objects and ``map(zlib.crc32, …)`` hashes them.
"""

from __future__ import annotations

import struct
import zlib
from itertools import chain
from typing import Optional, Sequence

EMPTY = -1
_crc32 = zlib.crc32


def window_hashes(key: str, shingle: int) -> list[int]:
    """The hash of every ``shingle``-character window of ``key``, by start position;
    a key shorter than a window has one hash, of the whole key (of b"" when it is empty)."""
    data = key.encode("utf-32-le")  # 4 bytes a character: windows are plain slices
    width = shingle * 4
    n = len(key) - shingle + 1
    if shingle < 1:
        return [_crc32(data[i : i + width]) for i in range(0, len(data) + 1, 4)]
    if n <= 1:
        return [_crc32(data[:width])]
    out = [0] * n
    block = _layout(width, _BLOCK)
    for k in range(min(shingle, n)):
        m = (n - k + shingle - 1) // shingle  # windows at k, k + shingle, … below n
        full, rest = divmod(m, _BLOCK)
        start, middle = 4 * k, 4 * k + width * _BLOCK * full
        runs = chain.from_iterable(block.iter_unpack(data[start:middle])) if full else ()
        if rest:
            runs = chain(runs, _layout(width, rest).unpack(data[middle : middle + width * rest]))
        out[k::shingle] = map(_crc32, runs)
    return out


#: windows cut by one struct layout (the rest of a run by a shorter one)
_BLOCK = 64
_LAYOUTS: dict[tuple[int, int], struct.Struct] = {}


def _layout(width: int, count: int) -> struct.Struct:
    """The struct layout of ``count`` consecutive byte strings of ``width`` bytes."""
    layout = _LAYOUTS.get((width, count))
    if layout is None:
        layout = _LAYOUTS[(width, count)] = struct.Struct(f"{width}s" * count)
    return layout


def window_slice(hashes: Sequence[int], key_len: int, offset: int, length: int, shingle: int) -> Optional[list[int]]:
    """The hashes :func:`window_hashes` gives for ``key[offset:offset + length]``, taken from
    ``hashes`` (of the whole ``key``); None when the part is shorter than a window (then it has
    its own hash, of the whole part)."""
    if length < shingle or offset < 0 or offset + length > key_len:
        return None
    part = hashes[offset : offset + length - shingle + 1]
    return part if isinstance(part, list) else list(part)  # a list's slice is a new list already


def bottom(hashes: Sequence[int], k: int) -> list[int]:
    """The ``k`` smallest distinct hashes, ascending (a bottom-k sketch).

    When at least ``k`` distinct hashes lie below a threshold, the ``k`` smallest are among them:
    only these are sorted.
    """
    n = len(hashes)
    if n > 4 * k:
        limit = (3 * k << 32) // n  # about 3k hashes lie below it
        below = {h for h in hashes if h < limit}
        if len(below) >= k:
            return sorted(below)[:k]
    return sorted(set(hashes))[:k]


def one_permutation(hashes: Sequence[int], bins: int) -> tuple[int, ...]:
    """One-permutation MinHash: hash h falls in bin h % bins with value h // bins, and each bin
    keeps its smallest value (EMPTY when no hash fell in it).

    In a bin the smallest value is the smallest hash, so only the hashes below a threshold are
    looked at when these fill every bin (the smallest hash of every bin is then among them);
    otherwise the threshold is raised.
    """
    limit = (10 * bins << 32) // max(1, len(hashes))  # about 10 hashes a bin below it (fewer when shingles repeat)
    distinct = False
    while limit < 1 << 32:
        found = _smallest_by_bin([h for h in hashes if h < limit], bins)
        if len(found) == bins:
            return tuple(found[b] // bins for b in range(bins))
        limit *= 2
        if not distinct:
            # shingles repeat (a long text made of a few paragraphs) or the text is short: the distinct
            # hashes, fewer, are looked at from now on, and the threshold set by their number
            hashes, distinct = set(hashes), True
            limit = max(limit, (10 * bins << 32) // max(1, len(hashes)))
    found = _smallest_by_bin(hashes, bins)
    return tuple(found[b] // bins if b in found else EMPTY for b in range(bins))


def _smallest_by_bin(hashes: Sequence[int], bins: int) -> dict[int, int]:
    """Bin -> the smallest hash in it: in descending order the last one written to a bin stays."""
    ordered = sorted(hashes, reverse=True)
    return dict(zip(map(bins.__rmod__, ordered), ordered))  # bins.__rmod__(h) == h % bins
