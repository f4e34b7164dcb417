"""Findings accepted on purpose, written in the report itself (like ruff's ``# noqa``).

A directive is Latin text at the end of a line (or a paragraph of a .docx)::

    县委将将法治建设纳入规划。checker: ignore repeated-char     this line
    checker: ignore repeated-char                             alone: the next non-empty line
    checker: ignore-file rectification, part-order            anywhere: the whole report

It may sit in a Markdown/HTML comment (``<!-- checker: ignore-file other -->``)
or in brackets (``（checker: ignore repeated-char）``); the colon may be
full-width; ids (rule or part ids) are separated by commas, 、 or spaces; no ids
means every rule.  The directive is removed from the text before the report is
read, so it never counts as the report's own words.

``ignore-file`` works like ``--ignore`` for that report (the rules are not
judged and the parts not scored); ``ignore`` drops the findings on that line,
which then neither fail the report nor cost points (``ReportResult.suppressed``
counts them).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import field, replace

from . import rxcache
from .dccache import dataclass
from .model import Document, Finding

#: "every rule" (a directive without ids)
ALL = "*"

_IDS = r"(?P<ids>(?:[\s,、]+[A-Za-z][\w-]*)*)"
#: a directive (compiled on first use, ~2 ms: only a report that has "checker" in it needs it, see _MAYBE)
DIRECTIVE = r"(?:<!--\s*|[(\[【]\s*)?(?<![A-Za-z0-9_-])checker\s*:\s*(?P<scope>ignore-file|ignore)(?![\w-])" + _IDS + r"\s*(?:-->|[)\]】])?\s*$"


_MAYBE = rxcache.compile(r"[cCｃＣ][hHｈＨ][eEｅＥ][cCｃＣ][kKｋＫ][eEｅＥ][rRｒＲ]")


@dataclass(frozen=True)
class Directives:
    file: frozenset = frozenset()  # ids ignored in the whole report (ALL: every rule)
    lines: dict = field(default_factory=dict)  # line number -> frozenset of ids (ALL: every rule)

    def __bool__(self) -> bool:
        return bool(self.file or self.lines)

    def apply(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(kept, suppressed): a finding is suppressed by a directive for its line."""
        kept, dropped = [], []
        for f in findings:
            ids = self.lines.get(f.line) if f.line is not None else None
            if ids is not None and (ALL in ids or f.rule in ids or (f.part and f.part in ids)):
                dropped.append(f)
            else:
                kept.append(f)
        return kept, dropped


def _ids(text: str) -> frozenset:
    found = frozenset(t for t in re.split(r"[\s,、]+", text) if t)
    return found or frozenset({ALL})


def _find(text: str):
    m = re.search(DIRECTIVE, text, re.IGNORECASE)
    if m is not None:
        return m, text
    folded = unicodedata.normalize("NFKC", text)  # full-width letters or colon
    if folded != text:
        m = re.search(DIRECTIVE, folded, re.IGNORECASE)
        if m is not None:
            return m, folded
    return None, text


def extract(doc: Document) -> tuple[Document, Directives]:
    """The document without its directives, and what they say."""
    if not any(_MAYBE.search(ln.text) for ln in doc.lines):
        return doc, Directives()
    lines = list(doc.lines)
    whole: set = set()
    by_line: dict[int, set] = {}
    pending: list[frozenset] = []  # directives alone on their line, waiting for the next non-empty line
    for i, ln in enumerate(lines):
        m, text = _find(ln.text)
        if m is None:
            if pending and ln.text.strip():
                by_line.setdefault(ln.number, set()).update(*pending)
                pending = []
            continue
        ids = _ids(m.group("ids"))
        rest = text[: m.start()].rstrip()
        lines[i] = replace(ln, text=rest)
        if m.group("scope").lower() == "ignore-file":
            whole |= ids
            if rest.strip() and pending:
                by_line.setdefault(ln.number, set()).update(*pending)
                pending = []
        elif rest.strip():
            by_line.setdefault(ln.number, set()).update(ids, *pending)
            pending = []
        else:
            pending.append(ids)
    directives = Directives(file=frozenset(whole), lines={n: frozenset(ids) for n, ids in by_line.items()})
    return replace(doc, lines=lines), directives
