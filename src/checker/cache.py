"""A per-user cache of what checker builds from its data files (rulebooks, the vocabulary, the lexicon).

Loading a rulebook means parsing its YAML, checking every key and every
regular expression (:mod:`checker.safe_regex`) and building the rules: most of
what one report costs in a fresh process.  What comes out depends only on the
files read and on checker's own code, so it is kept per user and reused:

* an entry is named by what it is built from (a rulebook's path as given, and
  the working directory when that path is relative) and by a fingerprint of
  checker's code (its version, Python's, and the size and modification time of
  every module of the package), so that changed code never meets an old entry;
* an entry lists the files it was built from with a hash of their content, and
  is used only when every one of them still has that content (read again the
  way a normal load reads it, with the same limits); otherwise it is rebuilt;
* entries live in ``$CHECKER_CACHE_DIR``, else ``$XDG_CACHE_HOME/checker``,
  else ``~/.cache/checker``: a folder of this user that nobody else may write,
  holding files of this user that nobody else may write (an entry is a
  pickle, so one that someone else could have written is never loaded);
* :func:`read_bytes` / :func:`write_bytes` keep other files there on the same
  terms (the tokenizer's lexicon, :mod:`checker.tokens`); the folder keeps
  the :data:`MAX_FILES` files written last;
* ``CHECKER_NO_CACHE=1`` turns it off.  A cache that cannot be read or
  written changes nothing but the time a run takes.
"""

from __future__ import annotations

import io
import os
import pickle
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

#: bumped when the layout of an entry changes
FORMAT = 1


def digest(data: bytes) -> bytes:
    """What an entry keeps of a file to know it unchanged: its content (compared whole: exact, and
    cheaper than hashing, which would import OpenSSL's hashlib)."""
    return data


def _name(text: str) -> str:
    """A short file name for ``text`` (crc32 and adler32: collisions only cost a miss, the key is checked)."""
    import zlib

    data = text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """checker's code as far as a cached object depends on it: versions and every module's size and mtime."""
    from . import __version__

    here = Path(__file__).resolve().parent
    parts = [str(FORMAT), __version__, sys.version]
    for folder in (here, *sorted(p for p in here.iterdir() if p.is_dir() and (p / "__init__.py").is_file())):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.name.endswith(".py"):
                st = entry.stat()
                parts.append(f"{folder.name}/{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts)


def _folder() -> Optional[Path]:
    if os.environ.get("CHECKER_NO_CACHE"):
        return None
    given = os.environ.get("CHECKER_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return Path(base) / "checker"


def _own(st: os.stat_result) -> bool:
    uid = os.getuid() if hasattr(os, "getuid") else None
    return (uid is None or st.st_uid == uid) and not st.st_mode & 0o022


def _ident(kind: str, key: tuple) -> str:
    return repr((FORMAT, kind, key, fingerprint()))


def read_bytes(name: str) -> Optional[bytes]:
    """The content of the cache file ``name`` when it is this user's and nobody else may write it (nor its folder); else None."""
    folder = _folder()
    if folder is None:
        return None
    try:
        if not _own(os.stat(folder)):
            return None
        fd = os.open(folder / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not _own(st) or not stat.S_ISREG(st.st_mode):
                return None
            return fh.read()
    except OSError:
        return None


def write_bytes(name: str, data: bytes) -> None:
    """Replace the cache file ``name`` with ``data`` (atomically); silently nothing when it cannot."""
    folder = _folder()
    if folder is None:
        return
    import tempfile

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _own(os.stat(folder)):
            return
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, folder / name)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        _prune(folder)
    except OSError:
        pass  # no cache: the next run builds it again


#: files the cache folder keeps at most; the least recently written go first
MAX_FILES = 64


def _prune(folder: Path) -> None:
    """Keep the folder small: every version of the code, every rulebook file ever named leaves an entry."""
    try:
        entries = [(e.stat().st_mtime_ns, e.path) for e in os.scandir(folder) if e.is_file(follow_symlinks=False)]
    except OSError:
        return
    for _, path in sorted(entries)[: max(0, len(entries) - MAX_FILES)]:
        try:
            os.unlink(path)
        except OSError:
            pass


def fetch(kind: str, key: tuple, fresh: Callable[[list], bool]) -> Any:
    """The object stored under ``key`` when ``fresh(files)`` says the files it was built from are unchanged; else None."""
    ident = _ident(kind, key)
    data = read_bytes(f"{kind}-{_name(ident)}.pickle")
    if data is None:
        return None
    try:
        stream = io.BytesIO(data)
        header = pickle.load(stream)
        if not (isinstance(header, tuple) and len(header) == 2 and header[0] == ident and isinstance(header[1], list)):
            return None
        if not fresh(header[1]):
            return None
        return pickle.load(stream)
    except Exception:  # noqa: BLE001 - a damaged or outdated entry is only a miss
        return None


def store(kind: str, key: tuple, files: list, value: Any) -> None:
    """Keep ``value``, built from ``files`` ((name, content) pairs), under ``key``; silently nothing when it cannot."""
    if _folder() is None:
        return
    ident = _ident(kind, key)
    try:
        data = pickle.dumps((ident, files), protocol=pickle.HIGHEST_PROTOCOL) + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - something that cannot be pickled is simply not kept
        return
    write_bytes(f"{kind}-{_name(ident)}.pickle", data)


_TABLES: list = []  # every Table of this process


def save_tables() -> None:
    """Write back every table that grew (a batch's worker, which ends without exit handlers, calls it
    after each check: nothing to do once the tables hold what the checks compile)."""
    for table in _TABLES:
        if table._added:
            table.save()


class Table:
    """A dict kept in the cache as one marshal file, read on first use and written back at exit when it grew.

    For what a process compiles again and again from the same source (regular expressions,
    :mod:`checker.rxcache`; dataclass methods, :mod:`checker.dccache`): ``ident`` names everything the
    values depend on besides their key (the interpreter's version, a format number), so that another
    interpreter never meets them.  A missing, damaged or oversized file is an empty table.
    """

    def __init__(self, stem: str, ident: str, max_entries: int, valid: Callable[[Any, Any], bool]):
        self._stem, self._ident, self._max, self._valid = stem, ident, max_entries, valid
        self._entries: Optional[dict] = None
        self._added = False
        _TABLES.append(self)

    def file_name(self) -> str:
        import zlib

        return f"{self._stem}-{zlib.crc32(self._ident.encode()):08x}.marshal"

    def _read(self) -> dict:
        data = read_bytes(self.file_name())
        if data:
            import marshal

            try:
                table = marshal.loads(data)
                if isinstance(table, dict):
                    return {k: v for k, v in table.items() if self._valid(k, v)}
            except Exception:  # noqa: BLE001 - a damaged file is only a miss
                pass
        return {}

    def entries(self) -> dict:
        if self._entries is not None:
            return self._entries
        self._entries = self._read()
        import atexit

        atexit.register(self.save)
        return self._entries

    def get(self, key: Any) -> Any:
        return self.entries().get(key)

    def put(self, key: Any, value: Any) -> None:
        self.entries()[key] = value
        self._added = True

    def drop(self, key: Any) -> None:
        self.entries().pop(key, None)

    def save(self) -> None:
        if not self._added or self._entries is None:
            return
        import marshal

        # what other processes wrote meanwhile (a batch's workers, a run beside this one) is kept too
        table = {**self._read(), **self._entries}
        if len(table) > self._max:
            table = self._entries if len(self._entries) <= self._max else {}
        try:
            write_bytes(self.file_name(), marshal.dumps(table))
            self._added = False
        except Exception:  # noqa: BLE001 - no cache: the next run compiles again
            pass
