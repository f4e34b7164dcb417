"""Which files a run checks: files named, folders walked, glob patterns expanded.

Nothing is skipped in silence.  Every entry a walk or a pattern meets either
goes to the checker, whose reader names the real reason when it cannot be
read (an unsupported extension, a FIFO, a device, a socket, a symlink loop,
no permission: each an error that counts toward exit 2), or is listed as
skipped with a note (not an error):

* Word/WPS lock files ``~$名称.docx`` — also when named on the command line,
  since a shell glob passes them;
* hidden files and folders (``.名称``) met by a walk or a pattern;
* a link to a folder inside a walk (not followed: no loops, no file twice);
* the run's own output file (``-o``) met by a walk or a pattern.

A folder that cannot be listed is an error.  ``--exclude`` drops what it
matches without a note: the user asked for it.
"""

from __future__ import annotations

import os
from dataclasses import field
from pathlib import Path
from typing import Iterable, Optional

from .dccache import dataclass
from .files import inode
from .model import ReportResult

LOCK_NOTE = "Word/WPS 打开文档时生成的临时锁定文件（~$），已跳过"
HIDDEN_NOTE = "隐藏文件，已跳过"
HIDDEN_DIR_NOTE = "隐藏文件夹，已跳过"
LINKED_DIR_NOTE = "指向文件夹的符号链接，遍历时不进入（避免重复检查和循环）"
OUTPUT_NOTE = "这是本次运行的输出文件（-o），不作为报告检查"


@dataclass
class Inputs:
    """The files to check, in order, and what was listed without being checked."""

    files: list[str] = field(default_factory=list)
    #: ReportResult values with ``skipped_file`` (a note) or ``error`` (a folder that cannot be listed)
    listed: list[ReportResult] = field(default_factory=list)


def is_lock_file(name: str) -> bool:
    return name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#"))


def expand(paths: Iterable[str], exclude: tuple[str, ...] = (), output: Optional[str] = None) -> Inputs:
    """Files named, folders walked recursively, glob patterns expanded; order kept, duplicates dropped.

    ``exclude`` globs drop files found by a walk or a pattern (matched against
    the path below the folder walked, the path as given, and the file name).
    ``output`` is the ``-o`` file: met by a walk or a pattern, it is listed as
    skipped (named explicitly, it stays an input, and ``-o`` refuses it).
    """
    from fnmatch import fnmatch

    out_inode = inode(output) if output else None
    found = Inputs()
    seen: set[str] = set()

    def kept(path: Path, base: Optional[Path] = None) -> bool:
        forms = {path.as_posix(), path.name} | ({path.relative_to(base).as_posix()} if base is not None else set())
        return not any(fnmatch(form, pat) for pat in exclude for form in forms)

    def add(path: str, found_by_walk: bool) -> None:
        if path in seen:
            return
        seen.add(path)
        name = os.path.basename(path)
        if is_lock_file(name):
            found.listed.append(ReportResult(path=path, skipped_file=LOCK_NOTE))
        elif found_by_walk and out_inode is not None and inode(path) == out_inode:
            found.listed.append(ReportResult(path=path, skipped_file=OUTPUT_NOTE))
        else:
            found.files.append(path)

    def note(path: str, reason: str, error: bool = False) -> None:
        if path not in seen:
            seen.add(path)
            found.listed.append(ReportResult(path=path, error=f"{path}: {reason}") if error else ReportResult(path=path, skipped_file=reason))

    def walk(root: Path) -> None:
        entries: list[tuple[str, str, Optional[str]]] = []  # (path, kind, note)
        _walk(root, root, entries)
        for path, kind, reason in sorted(entries):
            if kind == "file":
                if kept(Path(path), root):
                    add(path, True)
            elif kind == "error":
                note(path, reason, error=True)
            elif kept(Path(path), root):
                note(path, reason)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            walk(p)
        elif not os.path.lexists(raw) and any(ch in raw for ch in "*?["):
            import glob  # (only for a pattern the shell did not expand)

            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                add(raw, False)  # the reader says it does not exist
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    if "**" not in raw:  # "**" lists the files below too
                        walk(mp)
                elif kept(mp):
                    add(m, True)
        else:
            add(raw, False)
    return found


def expand_inputs(paths: tuple[str, ...], exclude: tuple[str, ...] = ()) -> list[str]:
    """The files to check (see :func:`expand`), without what was listed as skipped."""
    return expand(paths, exclude).files


def _walk(root: Path, folder: Path, entries: list) -> None:
    try:
        with os.scandir(folder) as it:
            items = list(it)
    except OSError as exc:
        from .files import problem_of

        reason = problem_of(str(folder)) or ("没有读取权限" if isinstance(exc, PermissionError) else (exc.strerror or str(exc)))
        entries.append((str(folder), "error", f"无法打开文件夹（{reason}）"))
        return
    for entry in items:
        path = str(folder / entry.name)
        hidden = entry.name.startswith(".") and not is_lock_file(entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_link = entry.is_symlink()
            link_to_dir = is_link and entry.is_dir()
        except OSError:
            is_dir = is_link = link_to_dir = False
        if is_dir:
            if hidden:
                entries.append((path, "note", HIDDEN_DIR_NOTE))
            else:
                _walk(root, folder / entry.name, entries)
        elif link_to_dir:
            entries.append((path, "note", LINKED_DIR_NOTE))
        elif hidden:
            entries.append((path, "note", HIDDEN_NOTE))
        else:
            entries.append((path, "file", None))  # the reader names what it is if it cannot be read
