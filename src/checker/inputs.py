"""Which files a run checks: files named, folders walked, glob patterns expanded."""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Optional


def expand_inputs(paths: tuple[str, ...], exclude: tuple[str, ...] = ()) -> list[str]:
    """Files named, folders walked recursively, glob patterns expanded; order kept, duplicates dropped.

    ``exclude`` globs drop files found by a walk or a pattern (matched against
    the path below the folder walked, the path as given, and the file name).
    """
    from .readers import SUPPORTED_EXTENSIONS

    def kept(path: Path, base: Optional[Path] = None) -> bool:
        from fnmatch import fnmatch

        forms = {path.as_posix(), path.name} | ({path.relative_to(base).as_posix()} if base is not None else set())
        return not any(fnmatch(form, pat) for pat in exclude for form in forms)

    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                str(f)
                for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUPPORTED_EXTENSIONS and not f.name.startswith((".", "~$")) and kept(f, p)
            )
            out.extend(found)
        elif not p.exists() and any(ch in raw for ch in "*?["):
            matches = sorted(m for m in glob.glob(raw, recursive=True) if Path(m).is_file() and kept(Path(m)))
            out.extend(matches or [raw])
        else:
            out.append(raw)
    return list(dict.fromkeys(out))
