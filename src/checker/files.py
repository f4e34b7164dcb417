"""Opening files that may be hostile: regular files only, never more than a limit.

Whatever checker reads — a report, a rulebook, a configuration — goes through
:func:`read_regular`: a FIFO, a device (``/dev/zero``), a socket, a folder or
a symlink loop is refused with its real reason before a byte is read (so
nothing hangs on a FIFO or grows without end on ``/dev/zero``), and no more
than ``max_bytes + 1`` bytes are ever read.  The reasons are Chinese phrases
without the file name; callers put the name in front.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import Optional


class FileProblem(Exception):
    """A file that cannot be read as a regular file; ``str()`` is the Chinese reason."""


class TooLarge(FileProblem):
    """A regular file over the size limit."""

    def __init__(self, size: Optional[int], limit: int):
        self.size, self.limit = size, limit
        shown = f"{_kb(size)}，" if size is not None else ""
        super().__init__(f"文件过大（{shown}上限 {_kb(limit)}）")


def _kb(n: int) -> str:
    return f"{n // 1024} KB" if n < 10 * 1024 * 1024 else f"{n // (1024 * 1024)} MB"


_SPECIAL = (
    (stat.S_ISDIR, "这是一个文件夹，不是文件"),
    (stat.S_ISFIFO, "这是命名管道（FIFO），不是普通文件"),
    (stat.S_ISCHR, "这是字符设备，不是普通文件"),
    (stat.S_ISBLK, "这是块设备，不是普通文件"),
    (stat.S_ISSOCK, "这是套接字（socket），不是普通文件"),
)


def special_kind(mode: int) -> Optional[str]:
    """The reason a file of this ``st_mode`` is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, reason in _SPECIAL:
        if test(mode):
            return reason
    return "这不是普通文件"


def _os_reason(exc: OSError, path: str) -> str:
    if exc.errno == errno.ELOOP:
        return "符号链接形成循环，无法打开"
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return "符号链接指向的文件不存在"
        return "文件不存在"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有读取权限"
    if exc.errno == errno.ENOTDIR:
        return "路径中有一段不是文件夹"
    if exc.errno == errno.ENAMETOOLONG:
        return "文件名过长"
    return f"无法读取文件（{exc.strerror or exc}）"


def inode(path: str) -> Optional[tuple[int, int]]:
    """(device, inode) of the file ``path`` names (links followed), or None if it cannot be reached."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def problem_of(path: str) -> Optional[str]:
    """Why ``path`` cannot be read as a regular file (without opening it), or None."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return _os_reason(exc, path)
    except ValueError:  # a NUL in the name
        return "文件名中有非法字符"
    return special_kind(st.st_mode)


def read_regular(path: str, max_bytes: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``max_bytes`` bytes.

    Raises :class:`FileProblem` (:class:`TooLarge` over the limit).  Opened
    read-only and non-blocking, so a FIFO swapped in after a check cannot
    block; the type is checked on the open descriptor.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileProblem(_os_reason(exc, str(path))) from None
    except ValueError:
        raise FileProblem("文件名中有非法字符") from None
    try:
        st = os.fstat(fd)
        reason = special_kind(st.st_mode)
        if reason:
            raise FileProblem(reason)
        if st.st_size > max_bytes:
            raise TooLarge(st.st_size, max_bytes)
        chunks, total = [], 0
        while total <= max_bytes:
            try:
                chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            except OSError as exc:
                raise FileProblem(_os_reason(exc, str(path))) from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:  # it grew while being read
            raise TooLarge(None, max_bytes)
        return b"".join(chunks)
    finally:
        os.close(fd)
