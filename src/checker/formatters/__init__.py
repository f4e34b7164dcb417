"""Formatters render ReportResults; they know nothing of Chinese or of rules' logic.

Every whole-document format is a module here with
``render(results: list[ReportResult], rulebook: Rulebook) -> str`` (``bytes``
for the spreadsheet formats xlsx and csv) and is registered in
``DOCUMENT_FORMATS``; the CLI offers them by name.  ``BINARY_FORMATS`` cannot
be shown on a terminal.  The
terminal format is different (it streams to a rich console while a batch
runs) and lives in ``terminal.py``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable

#: format name -> module (imported lazily, so unused formats cost nothing)
DOCUMENT_FORMATS: dict[str, str] = {
    "json": "json_format",
    "html": "html",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "xlsx": "xlsx",
    "csv": "csv_format",
    "concise": "concise",
}

#: the format an output file's name asks for (``-o review.html`` without ``--format``);
#: a format that is not (yet) in DOCUMENT_FORMATS is refused with a message
EXTENSIONS: dict[str, str] = {
    ".sarif.json": "sarif",
    ".sarif": "sarif",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xml": "junit",
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".txt": "terminal",
}


def format_for(output: str):
    """The format the file name ``output`` asks for, or None when its extension says nothing."""
    name = output.lower()
    return next((fmt for ext, fmt in EXTENSIONS.items() if name.endswith(ext)), None)

#: formats whose output is a binary file (written to -o or a pipe, never to a terminal)
BINARY_FORMATS = frozenset({"xlsx"})


def document_formatter(name: str) -> Callable:
    return import_module(f"{__name__}.{DOCUMENT_FORMATS[name]}").render


def format_names() -> tuple[str, ...]:
    return ("terminal", *DOCUMENT_FORMATS)
