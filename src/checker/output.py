"""Write a run's output: to stdout, or atomically to the file named by ``-o``."""

from __future__ import annotations

import os
import sys
from typing import Optional


def tmp_name(output: str) -> str:
    return f"{output}.tmp-{os.getpid()}"


def emit(text: str, output: Optional[str]) -> None:
    if output:
        tmp = tmp_name(output)
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, output)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
