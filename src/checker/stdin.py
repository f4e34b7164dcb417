"""``checker lint -``: a report read from standard input.

The bytes are spooled to a file in a private temporary folder, named after
``--stdin-filename`` (whose extension picks the reader: ``--stdin-filename
报告.docx``), so that the readers, the worker pool and ``--previous`` treat
it like any other file.  Results and messages name the report by
``--stdin-filename`` (default ``-``), never by the temporary path.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, Iterator, Optional

#: what stdin is called in the output without --stdin-filename
STDIN = "-"
#: bytes read from stdin at most (the readers' own size limits then refuse what is too big)
MAX_BYTES = 200 * 1024 * 1024


@contextmanager
def spooled(stdin_filename: Optional[str], stream: Optional[BinaryIO] = None) -> Iterator[str]:
    """The path of a temporary file holding stdin's bytes; removed afterwards."""
    import shutil
    import tempfile  # here, not at the top: a run that reads no stdin never imports them

    name = Path(stdin_filename).name if stdin_filename else "stdin.txt"
    if not Path(name).suffix:
        name += ".txt"
    folder = tempfile.mkdtemp(prefix="checker-stdin-")
    path = Path(folder) / name
    try:
        source = stream if stream is not None else _stdin_bytes()
        with open(path, "wb") as fh:
            remaining = MAX_BYTES + 1
            while remaining > 0:
                chunk = source.read(min(1 << 20, remaining))
                if not chunk:
                    break
                fh.write(chunk)
                remaining -= len(chunk)
        yield str(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _stdin_bytes() -> BinaryIO:
    stream = sys.stdin
    return getattr(stream, "buffer", stream)


def renamed(result, temp: str, shown: str):
    """A result of the spooled file, named as the user knows it."""
    if result.path != temp:
        return result
    error = result.error.replace(temp, shown) if result.error is not None else None
    return replace(result, path=shown, error=error)
