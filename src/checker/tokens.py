"""Chinese word boundaries (jieba's segmentation), loaded once and only when needed.

jieba's full dictionary costs over a second to load; checker ships a compact
one (``data/lexicon.txt``, built by ``scripts/build_lexicon.py``), caches its
prefix dictionary in a form that loads in a few milliseconds, and builds the
tokenizer lazily: a report that needs no word boundaries never pays for it.
"""

from __future__ import annotations

import importlib
import marshal
import sys
import types
from array import array
from bisect import bisect_left
from itertools import accumulate
from functools import lru_cache
from math import log
from pathlib import Path
from . import rxcache

LEXICON = Path(__file__).resolve().parent / "data" / "lexicon.txt"


def _import_jieba():
    """Import jieba without letting it import what checker never uses.

    jieba's ``_compat`` module imports ``pkg_resources`` (about 0.1 s) only to
    open its own files, and falls back to plain paths when that import fails;
    checker never uses those files (it ships its own dictionary), so the
    import is blocked for the moment jieba loads, unless something else has
    already paid for it.  jieba's ``finalseg`` (the HMM for words the
    dictionary lacks, whose tables take about 10 ms to import) is only needed
    by cuts with ``HMM=True``, which checker never makes: it is imported the
    first time something asks it for anything (:class:`_Deferred`).
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    deferred = "jieba.finalseg" not in sys.modules
    if deferred:
        sys.modules["jieba.finalseg"] = _Deferred("jieba.finalseg")
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
        if deferred and isinstance(sys.modules.get("jieba.finalseg"), _Deferred):
            del sys.modules["jieba.finalseg"]  # a later ``import jieba.finalseg`` gets the real one
    return jieba


class _Deferred(types.ModuleType):
    """A module imported the first time one of its attributes is asked for (and put in its package's place)."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        package, _, child = self.__name__.rpartition(".")
        if isinstance(sys.modules.get(self.__name__), _Deferred):
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        setattr(sys.modules[package], child, real)
        return getattr(real, name)


#: fill the whole prefix dictionary once this many first characters have been asked for
_FILL_ALL_AFTER = 200


class _Prefixes(dict):
    """jieba's prefix dictionary (word or word prefix -> count), filled one first character at a time.

    Building the whole dictionary (60,000 keys) costs about 20 ms; the cuts of
    one report usually ask about the words of a few dozen first characters.
    jieba only asks ``in``, ``[]`` and ``get`` of it (and ``add_word`` sets
    keys); a tokenizer that has asked about many first characters (a batch)
    gets the whole dictionary as a plain dict.
    """

    __slots__ = ("_table", "_index", "_filled", "_owner")

    def __init__(self, table: "_Table", owner=None):
        super().__init__()
        self._table = table
        self._index = dict(zip(table.firsts, range(len(table.firsts))))  # first characters not yet filled in
        self._filled = 0
        self._owner = owner

    def _fill(self, first: str) -> bool:
        at = self._index.pop(first, None)
        if at is None:
            return False
        dict.update(self, self._table.bucket(at))
        self._filled += 1
        owner = self._owner
        if self._filled >= _FILL_ALL_AFTER and owner is not None:
            self._owner = None
            owner.FREQ = self.whole()
        return True

    def whole(self) -> dict:
        """Every key, as a plain dict."""
        for first in list(self._index):
            self._fill(first)
        return dict(self)

    def __contains__(self, key) -> bool:
        if dict.__contains__(self, key):
            return True
        return bool(key) and key[0] in self._index and self._fill(key[0]) and dict.__contains__(self, key)

    def __missing__(self, key):
        if key and self._fill(key[0]) and dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        raise KeyError(key)

    def get(self, key, default=None):
        if key and not dict.__contains__(self, key):
            self._fill(key[0])
        return dict.get(self, key, default)

    def __setitem__(self, key, value) -> None:
        if key:
            self._fill(key[0])
        dict.__setitem__(self, key, value)

    def __reduce__(self):
        return (dict, (self.whole(),))


class _Table:
    """The prefix dictionary by first character, in the form that loads fastest (a few ms).

    ``firsts``: the first characters; ``words``: for each of them its keys
    joined by ``\n``, the groups joined by ``\0``; ``counts``: every key's
    count in that order (``array('q')`` bytes); ``sizes``: the keys per first
    character (``array('q')`` bytes).
    """

    def __init__(self, firsts: str, words: str, counts: bytes, sizes: bytes, total: int):
        self.firsts, self.total = firsts, total
        self._groups = words.split("\0")
        self._counts = array("q")
        self._counts.frombytes(counts)
        sized = array("q")
        sized.frombytes(sizes)
        self._starts = [0, *accumulate(sized)]
        if not (len(firsts) == len(self._groups) == len(sized) and self._starts[-1] == len(self._counts)):
            raise ValueError("inconsistent lexicon cache")

    def bucket(self, at: int):
        return zip(self._groups[at].split("\n"), self._counts[self._starts[at] : self._starts[at + 1]].tolist())

    @staticmethod
    def dumps(freq: dict, total: int) -> bytes:
        grouped: dict[str, list[str]] = {}
        for word in freq:
            grouped.setdefault(word[0], []).append(word)
        counts = array("q", (freq[w] for words in grouped.values() for w in words))
        sizes = array("q", (len(words) for words in grouped.values()))
        return marshal.dumps(("".join(grouped), "\0".join("\n".join(words) for words in grouped.values()), counts.tobytes(), sizes.tobytes(), total))

    @classmethod
    def loads(cls, data: bytes) -> "_Table":
        firsts, words, counts, sizes, total = marshal.loads(data)
        if not (isinstance(firsts, str) and isinstance(words, str) and isinstance(counts, bytes) and isinstance(sizes, bytes) and isinstance(total, int)):
            raise ValueError("not a lexicon cache")
        return cls(firsts, words, counts, sizes, total)


def _prefix_table() -> _Table:
    """jieba's prefix dictionary for the lexicon (:class:`_Table`), from the user's cache when possible.

    jieba caches it with marshal as a dict, which takes about 0.1 s to load
    here (one decoding per key); checker caches it as a few strings and
    arrays, which load in a few milliseconds, in the user's own cache folder
    (:mod:`checker.cache`: never a file planted by someone else).
    """
    from . import cache

    stat = LEXICON.stat()
    name = f"lexicon-{_CACHE_FORMAT}-{stat.st_size}-{stat.st_mtime_ns}.marshal"
    data = cache.read_bytes(name)
    if data is not None:
        try:
            return _Table.loads(data)
        except (ValueError, EOFError, TypeError):
            pass
    import logging

    jieba = _import_jieba()  # only to build the table (what jieba.Tokenizer would load)
    jieba.setLogLevel(logging.WARNING)
    with open(LEXICON, "rb") as fh:
        freq, total = jieba.Tokenizer.gen_pfdict(fh)
    data = _Table.dumps(freq, total)
    cache.write_bytes(name, data)
    return _Table.loads(data)


#: bumped when the layout of the lexicon cache changes
_CACHE_FORMAT = 3


class Segmenter:
    """jieba's segmentation without its HMM (``jieba.Tokenizer.lcut(text, HMM=False)``), over the lexicon.

    The same algorithm as jieba's (a DAG of the dictionary words at each
    position, the most probable route through it, runs of single ASCII
    letters and digits joined), written out here so that a run never imports
    jieba itself: importing it compiles its patterns and pulls in ``tempfile``,
    ``hashlib`` and ``logging`` (about 15 ms), none of which a cut without the
    HMM uses.  tests/test_cache.py checks the cuts against jieba's.
    """

    def __init__(self, table: _Table):
        self.FREQ = _Prefixes(table, owner=self)
        self.total = table.total

    def _dag(self, sentence: str) -> dict:
        freq = self.FREQ
        dag = {}
        n = len(sentence)
        for k in range(n):
            ends = []
            i = k
            frag = sentence[k]
            while i < n and frag in freq:
                if freq[frag]:
                    ends.append(i)
                i += 1
                frag = sentence[k : i + 1]
            if not ends:
                ends.append(k)
            dag[k] = ends
        return dag

    def _block(self, sentence: str):
        dag = self._dag(sentence)
        n = len(sentence)
        route = {n: (0, 0)}
        logtotal = log(self.total)
        for idx in range(n - 1, -1, -1):
            route[idx] = max((log(self.FREQ.get(sentence[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x) for x in dag[idx])
        eng = _patterns()[2]
        x, buf = 0, ""
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if eng.match(word) and len(word) == 1:
                buf += word
            else:
                if buf:
                    yield buf
                    buf = ""
                yield word
            x = y
        if buf:
            yield buf

    def lcut(self, text: str) -> list[str]:
        han, skip, _ = _patterns()
        out: list[str] = []
        for block in han.split(text):
            if not block:
                continue
            if han.match(block):
                out.extend(self._block(block))
            else:
                for piece in skip.split(block):
                    if skip.match(piece):
                        out.append(piece)
                    else:
                        out.extend(piece)
        return out


@lru_cache(maxsize=1)
def _patterns():
    """jieba's: runs of text to segment, the whitespace between them, an ASCII letter or digit."""
    import re

    return rxcache.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U), rxcache.compile("(\r\n|\\s)", re.U), rxcache.compile("[a-zA-Z0-9]", re.U)


@lru_cache(maxsize=1)
def tokenizer() -> Segmenter:
    return Segmenter(_prefix_table())


def cut(text: str) -> list[str]:
    return tokenizer().lcut(text)


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
