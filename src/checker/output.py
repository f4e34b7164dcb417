"""Write a run's output: to stdout, or atomically to the file named by ``-o``.

``-o FILE`` never destroys what it must not:

* a FILE that is one of the run's inputs (the same inode: through a symlink,
  a hard link or another spelling of the path) is refused;
* a FILE that is a folder, a device (``/dev/null``), a FIFO or a socket is
  refused;
* a FILE that is a symlink is written through: the file it points to is
  replaced, the link stays a link;
* FILE is checked before the run starts (its folder must exist and take a new
  file), then written to a hidden temporary file beside it and renamed over
  it only when complete.  A failure to write (disk full, read-only folder),
  an error or a signal removes the temporary file and leaves the previous
  FILE as it was.  The new file keeps the previous one's permissions.

Every failure is an :class:`OutputError`: one line in Chinese naming the file.
"""

from __future__ import annotations

import os
import stat
import sys
from contextlib import contextmanager
from typing import IO, Iterable, Iterator, Optional, Union

from .files import inode, special_kind


class OutputError(Exception):
    """Writing the output failed or was refused; ``str()`` is the one-line Chinese message."""


def _reason(exc: OSError) -> str:
    import errno

    return {
        errno.ENOSPC: "磁盘空间不足",
        errno.EDQUOT: "磁盘配额已满",
        errno.EROFS: "文件系统是只读的",
        errno.EACCES: "没有写入权限",
        errno.EPERM: "没有写入权限",
        errno.ENOENT: "所在的文件夹不存在",
        errno.ENOTDIR: "路径中有一段不是文件夹",
        errno.EFBIG: "文件超过了允许的大小",
        errno.EPIPE: "管道已关闭",
        errno.ELOOP: "符号链接形成循环",
        errno.EISDIR: "这是一个文件夹",
    }.get(exc.errno, exc.strerror or str(exc))


def prepare(output: str, protected: Iterable[str] = ()) -> str:
    """Check ``-o`` before the run; return the path that will be replaced (a symlink's target).

    ``protected`` are the run's inputs (reports, last year's reports, the
    rulebook, the configuration): writing over any of them is refused.
    """
    target = os.path.realpath(output) if os.path.islink(output) else output
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"{output}: 无法写入（{_reason(exc)}）") from None
    except ValueError:
        raise OutputError(f"{output}: 无法写入（文件名中有非法字符）") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{output}: 这是一个文件夹，请在 -o 后给出文件名")
        kind = special_kind(st.st_mode)
        if kind:
            raise OutputError(f"{output}: {kind}，-o 只写普通文件，已拒绝写入")
        inputs = {ino for ino in map(inode, protected) if ino is not None}
        if (st.st_dev, st.st_ino) in inputs:
            raise OutputError(f"{output}: 这是本次要检查（或读取）的输入文件，-o 不会覆盖输入，请换一个输出文件名")
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        raise OutputError(f"{output}: 无法写入（所在的文件夹 {folder} 不存在）")
    import tempfile  # only with -o (it imports random and shutil)

    try:  # can a file be made here? (read-only folder, /proc, no permission) — learn it before the run
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".checker-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        import errno

        reason = f"无法在 {folder} 中新建文件" if exc.errno == errno.ENOENT else _reason(exc)
        raise OutputError(f"{output}: 无法写入（{reason}）") from None
    return target


def _new_mode(target: str) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def atomic_text(output: str, target: Optional[str] = None, binary: bool = False) -> Iterator[IO]:
    """A text (or ``binary``) file that replaces ``target`` (default: :func:`prepare` of ``output``) only when complete."""
    if target is None:
        target = prepare(output)
    import tempfile

    folder, name = os.path.split(target)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder or ".", prefix=f".{name}.", suffix=".tmp")
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", errors="replace")) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _new_mode(target))
        try:
            now = os.lstat(target)
        except FileNotFoundError:
            now = None
        if now is not None and not (stat.S_ISREG(now.st_mode) or stat.S_ISLNK(now.st_mode)):  # swapped meanwhile
            raise OutputError(f"{output}: {special_kind(now.st_mode)}，-o 只写普通文件，已拒绝写入")
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise OutputError(f"{output}: 无法写入（{_reason(exc)}），原有的文件保持不变") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def write_stdout(text: Union[str, bytes]) -> None:
    try:
        if isinstance(text, bytes):  # xlsx, csv: as they are
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    except OSError as exc:
        quiet_stdout()
        raise OutputError(f"无法写入标准输出（{_reason(exc)}）") from None


def quiet_stdout() -> None:
    """After a failed write: point stdout at /dev/null, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def emit(text: Union[str, bytes], output: Optional[str], target: Optional[str] = None) -> None:
    """A formatter's output (``bytes`` for xlsx, csv) to stdout, or atomically to ``output`` (``target``: what :func:`prepare` returned)."""
    if output:
        with atomic_text(output, target, binary=isinstance(text, bytes)) as fh:
            fh.write(text)
    else:
        write_stdout(text)


def configure_streams() -> None:
    """Never fail on printing: stdout/stderr that cannot encode Chinese switch to UTF-8; the rest is replaced."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            "检查".encode(getattr(stream, "encoding", None) or "ascii")
            usable = True
        except (LookupError, UnicodeEncodeError):
            usable = False
        try:
            reconfigure(errors="replace") if usable else reconfigure(encoding="utf-8", errors="replace")
        except (ValueError, OSError, TypeError):
            pass
