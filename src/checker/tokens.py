"""Chinese word boundaries (jieba), loaded once and only when needed.

jieba's full dictionary costs over a second to load; checker ships a compact
one (``data/lexicon.txt``, built by ``scripts/build_lexicon.py``), caches its
prefix dictionary in a form that loads in a few milliseconds, and builds the
tokenizer lazily: a report that needs no word boundaries never pays for it.
"""

from __future__ import annotations

import logging
import marshal
import os
import sys
import tempfile
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

LEXICON = Path(__file__).resolve().parent / "data" / "lexicon.txt"


def _import_jieba():
    """Import jieba without letting it import pkg_resources.

    jieba's ``_compat`` module imports ``pkg_resources`` (about 0.1 s) only to
    open its own files, and falls back to plain paths when that import fails.
    checker never uses those files (it ships its own dictionary), so the
    import is blocked for the moment jieba loads, unless something else has
    already paid for it.
    """
    if "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def _prefix_dict(jieba) -> tuple[dict, int]:
    """jieba's prefix dictionary for the lexicon, from a per-user cache when possible.

    jieba caches it with marshal as a dict, which takes about 0.1 s to load
    here (one decoding per key); checker caches the keys as one string and the
    counts as one list, which loads in a few milliseconds, and keeps the cache
    in a file of its own user (never one planted by someone else).
    """
    stat = LEXICON.stat()
    uid = os.getuid() if hasattr(os, "getuid") else 0
    cache = Path(tempfile.gettempdir()) / f"checker-{uid}-lexicon-{stat.st_size}-{stat.st_mtime_ns}.marshal"
    try:
        info = cache.stat()
        if info.st_uid == uid and not info.st_mode & 0o022:
            with open(cache, "rb") as fh:
                keys, counts, total = marshal.load(fh)
            if isinstance(keys, str) and isinstance(counts, list) and isinstance(total, int):
                words = keys.split("\n")
                if len(words) == len(counts):
                    return dict(zip(words, counts)), total
    except (OSError, ValueError, EOFError, TypeError):
        pass
    with open(LEXICON, "rb") as fh:
        freq, total = jieba.Tokenizer.gen_pfdict(fh)
    try:
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name)
        with os.fdopen(fd, "wb") as out:
            marshal.dump(("\n".join(freq), list(freq.values()), total), out)
        os.replace(tmp, cache)
    except OSError:
        pass  # no cache: the next run builds the dictionary again
    return freq, total


@lru_cache(maxsize=1)
def tokenizer():
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer(dictionary=str(LEXICON))
    tk.FREQ, tk.total = _prefix_dict(jieba)
    tk.initialized = True
    return tk


def cut(text: str) -> list[str]:
    return tokenizer().lcut(text, HMM=False)


class Boundaries:
    """The word boundaries of one text, for asking whether a span is made of whole words."""

    def __init__(self, text: str):
        self.tokens = cut(text)
        self.starts: list[int] = []
        pos = 0
        for tok in self.tokens:
            self.starts.append(pos)
            pos += len(tok)
        self._ends = set(self.starts) | {pos}

    def is_boundary(self, offset: int) -> bool:
        return offset in self._ends

    def whole_words(self, start: int, end: int) -> bool:
        return self.is_boundary(start) and self.is_boundary(end)

    def token_at(self, offset: int) -> str:
        i = bisect_left(self.starts, offset + 1) - 1
        return self.tokens[i] if 0 <= i < len(self.tokens) else ""


def find_words(text: str, phrases, bounds: "Boundaries | None" = None) -> list[tuple[str, int]]:
    """(phrase, offset) for each phrase found in ``text`` on word boundaries.

    A cheap substring test runs first; the tokenizer is only consulted when a
    phrase occurs at all.
    """
    hits = []
    for phrase in phrases:
        start = text.find(phrase)
        while start != -1:
            if bounds is None:
                bounds = Boundaries(text)
            if bounds.whole_words(start, start + len(phrase)):
                hits.append((phrase, start))
                break
            start = text.find(phrase, start + 1)
    return hits
