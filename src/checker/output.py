"""Write a run's output: to stdout, or atomically to the file named by ``-o``."""

from __future__ import annotations

import os
import sys
from typing import Optional, Union


def tmp_name(output: str) -> str:
    return f"{output}.tmp-{os.getpid()}"


def emit(text: Union[str, bytes], output: Optional[str]) -> None:
    """Write a formatter's output; ``bytes`` (xlsx, csv) are written as they are."""
    data = text if isinstance(text, bytes) else None
    if output:
        tmp = tmp_name(output)
        if data is not None:
            with open(tmp, "wb") as fh:
                fh.write(data)
        else:
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(text)
        os.replace(tmp, output)
    elif data is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
