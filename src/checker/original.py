"""From the normalized text back to the characters of the file.

Checks look at normalized lines (half-width punctuation, simplified
characters, converter garbage removed); a user searches the file with Ctrl+F
for what is really there.  :func:`original` replays the cleaning of one line
while tracking, for each character of the result, the position in the raw
line it came from, and so turns a span of ``TextLine.text`` into the same
span of ``TextLine.raw``.  The replay is only done for the few lines a finding
quotes, never for a whole report.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Optional

from . import normalize as N
from .linesplit import NFKC_CHARS, nfkc_positions


def _sub(pattern, repl, text: str, idx: list[int]) -> tuple[str, list[int]]:
    """``pattern.sub(repl, text)`` that keeps ``idx`` (raw position of each character) in step."""
    m = pattern.search(text)
    if m is None:
        return text, idx
    out: list[str] = []
    out_idx: list[int] = []
    last = 0
    fixed = None if callable(repl) else repl
    for m in pattern.finditer(text, m.start()):
        begin, stop = m.span()
        out.append(text[last:begin])
        out_idx += idx[last:begin]
        rep = repl(m) if fixed is None else fixed
        if rep:
            anchor = idx[begin] if begin < len(idx) else (idx[-1] if idx else 0)
            out.append(rep)
            out_idx += [anchor] * len(rep)
        last = stop
    out.append(text[last:])
    out_idx += idx[last:]
    return "".join(out), out_idx


def cleaned_with_positions(raw: str) -> tuple[str, list[int]]:
    """:func:`checker.normalize.clean_text` of ``raw``, with the raw position of every character."""
    unbroken = N._BREAKS.sub(" ", raw)  # one character for one
    # NFKC per character ("⑴" becomes "(1)": three characters from one)
    text = unbroken if unicodedata.is_normalized("NFKC", unbroken) else unbroken.translate(NFKC_CHARS)
    idx = list(range(len(text))) if len(text) == len(unbroken) else nfkc_positions(unbroken)
    text, idx = _sub(N._INVISIBLE, "", text, idx)
    # (the same cheap tests as clean_text's before the passes that need them)
    if "**" in text or "__" in text or ">" in text:
        text, idx = _sub(N._MD_MARKUP, "", text, idx)
    text = text.replace("\u3000", " ")
    if "(" in text:
        text, idx = _sub(N._PINYIN, "", text, idx)
    text, idx = _sub(N._PUNCT_RUN, N._collapse_punct, text, idx)
    if " " in text or "\t" in text:
        text, idx = _sub(N._CJK_SPACE, "", text, idx)
        text, idx = _sub(N._SPACES, " ", text, idx)
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return text[left:right], idx[left:right]


@lru_cache(maxsize=16)
def positions(raw: str, text: str) -> list[int]:
    """For each character of ``text`` (the normalized ``raw``), its position in ``raw``
    (cached for the last few lines: a line is quoted by several findings, places.localize
    takes them line by line; never change the list returned)."""
    cleaned, idx = cleaned_with_positions(raw)
    simplified = N._t2s().convert(cleaned) if cleaned else cleaned
    if simplified == text and len(simplified) == len(idx):
        return idx
    # the replay differs (a phrase conversion changed the length, or NFKC of a
    # combining sequence): align the two texts instead
    out = [0] * len(text)
    last = 0
    matcher = SequenceMatcher(None, simplified, text, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        for k in range(b1, b2):
            if tag == "equal":
                last = idx[a1 + (k - b1)]
            elif a1 < len(idx):
                last = idx[min(a1 + (k - b1), a2 - 1, len(idx) - 1)]
            out[k] = last
    return out


def original(raw: str, text: str, start: int, end: int) -> str:
    """The characters of ``raw`` that became ``text[start:end]``."""
    if start >= end or not text:
        return ""
    idx = positions(raw, text)
    if not idx:
        return text[start:end]
    a = idx[min(start, len(idx) - 1)]
    b = idx[min(end, len(idx)) - 1] + 1
    # take in what the cleaning removed right after the span's last character (a pinyin reading, a doubled stop)
    if end < len(idx):
        b = max(b, min(idx[end], len(raw)))
        b = len(raw[:b].rstrip()) if raw[:b].rstrip() else b
    return raw[a:b]


def quote(raw: str, text: str, snippet: str) -> Optional[str]:
    """``snippet`` (a piece of the normalized ``text``) in the original characters, or None if it is not in ``text``."""
    if not snippet:
        return None
    pos = text.find(snippet)
    if pos < 0:
        return None
    return original(raw, text, pos, pos + len(snippet))


def _loose(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def differs(raw: str, normalized: str) -> bool:
    """Whether the normalized text says something else than the raw one, beyond width and spacing."""
    return _loose(raw) != _loose(normalized)
