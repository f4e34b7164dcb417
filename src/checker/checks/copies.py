"""copied-report: reports of different units that are near-copies of each other (a batch check).

Two units that submit the same text — or the same 范文 with their own name put
in — would each pass on its own.  This check looks across the batch.

Per report (in the worker that checks it) :func:`sketch` makes two
one-permutation MinHash sketches, of the whole text and of the measures part:
every character shingle (``shingle`` characters, figures blanked so that
changed numbers do not hide a copy) is hashed once (crc32) into one of
``bins`` bins, and each bin keeps its smallest hash.  The share of bins two
sketches agree on estimates the Jaccard similarity of their shingle sets.

After the batch :func:`find_copies` compares only reports that can be alike:
the bins are cut into bands of ``rows``; reports that agree on a whole band
share a bucket (locality-sensitive hashing), and only reports sharing a bucket
are compared, so 2,000 reports take a few thousand comparisons, not two
million.  A pair at or above ``similarity`` (whole text) or
``measures_similarity`` (the measures part) whose subjects are not the same
organ is a copy; pairs that share a report form a group (one 范文 used by
several units).  Each report in a pair or a group gets one warning naming the
most similar other file, its similarity and the group.  All numbers are
rulebook data (``checks: copied-report:``).
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional

from ..textkit import DIGITS, squeeze

CHECK_ID = "copied-report"
EMPTY = -1


@dataclass(frozen=True)
class Sketch:
    """What the batch comparison needs of one report (small: it travels back from the worker)."""

    whole: tuple[int, ...]
    measures: Optional[tuple[int, ...]]


def _params(check) -> tuple[int, int, int, int]:
    p = check.params
    return int(p.get("shingle", 5)), int(p.get("bins", 128)), int(p.get("rows", 4)), int(p.get("min_chars", 400))


def minhash(text: str, shingle: int, bins: int) -> tuple[int, ...]:
    """One-permutation MinHash of the text's character shingles (figures blanked)."""
    key = DIGITS.sub("#", squeeze(text))
    data = key.encode("utf-32-le")
    width = shingle * 4
    sketch = [EMPTY] * bins
    for i in range(0, max(1, len(data) - width + 4), 4):
        h = zlib.crc32(data[i : i + width])
        b = h % bins
        v = h // bins
        if sketch[b] == EMPTY or v < sketch[b]:
            sketch[b] = v
    return tuple(sketch)


def sketch(outline, parts, check) -> Optional[Sketch]:
    """The report's sketches, or None when its text is too short to compare."""
    shingle, bins, _, min_chars = _params(check)
    body = "".join(ln.text for ln in outline.body if ln is not outline.title_line)
    if len(squeeze(body)) < min_chars:
        return None
    m = parts.get("measures")
    measures = None
    if m is not None and m.status != "missing" and len(squeeze(m.text)) >= min_chars // 2:
        measures = minhash(m.text, shingle, bins)
    return Sketch(minhash(body, shingle, bins), measures)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity (0–100) of two sketches: the share of bins filled in both that agree."""
    both = [(x, y) for x, y in zip(a, b) if x != EMPTY and y != EMPTY]
    if not both:
        return 0.0
    return 100.0 * sum(1 for x, y in both if x == y) / len(both)


def candidates(sketches: list[Optional[tuple[int, ...]]], rows: int) -> set[tuple[int, int]]:
    """Pairs (i < j) of sketches that agree on at least one whole band of ``rows`` bins."""
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for idx, sk in enumerate(sketches):
        if sk is None:
            continue
        for start in range(0, len(sk) - rows + 1, rows):
            band = sk[start : start + rows]
            if EMPTY not in band:
                buckets[(start, band)].append(idx)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                pairs.add((members[a], members[b]))
    return pairs


@dataclass(frozen=True)
class Copy:
    other: int  # index of the other report
    score: float
    kind: str  # "全文" or "主要举措和成效"


def find_copies(results: list, check) -> tuple[dict[int, list[Copy]], int]:
    """For each report index, the other reports it is a near-copy of (best first); and how many pairs were compared."""
    from ..previous import same_organ

    _, _, rows, _ = _params(check)
    whole_min = float(check.params.get("similarity", 80))
    measures_min = float(check.params.get("measures_similarity", 85))
    sketches = [getattr(r, "sketch", None) for r in results]
    pairs = candidates([s.whole if s else None for s in sketches], rows)
    pairs |= candidates([s.measures if s else None for s in sketches], rows)
    found: dict[int, list[Copy]] = defaultdict(list)
    for i, j in sorted(pairs):
        a, b = results[i], results[j]
        if a.subject and b.subject and same_organ(a.subject, b.subject):
            continue  # one unit's own reports (two years, two formats) are not copies of another unit's
        whole = similarity(sketches[i].whole, sketches[j].whole)
        best = Copy(j, whole, "全文") if whole >= whole_min else None
        if best is None and sketches[i].measures and sketches[j].measures:
            part = similarity(sketches[i].measures, sketches[j].measures)
            if part >= measures_min:
                best = Copy(j, part, "主要举措和成效部分")
        if best is None:
            continue
        found[i].append(best)
        found[j].append(Copy(i, best.score, best.kind))
    for copies in found.values():
        copies.sort(key=lambda c: (-c.score, c.other))
    return dict(found), len(pairs)


def groups(found: dict[int, list[Copy]]) -> dict[int, list[int]]:
    """Report index -> the members of its group (connected pairs), in index order."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, copies in found.items():
        for c in copies:
            ra, rb = root(i), root(c.other)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = defaultdict(list)
    for i in sorted(found):
        members[root(i)].append(i)
    return {i: members[root(i)] for i in found}


def _name(r) -> str:
    return Path(r.path).name


def apply(results: list, rulebook, options) -> list:
    """The results with a copied-report finding on each near-copy (score and verdict updated)."""
    from ..model import Finding
    from ..scoring import passed

    try:
        check = rulebook.check(CHECK_ID)
    except (KeyError, AttributeError):
        return results
    if not check.enabled or len(results) < 2:
        return results
    select, ignore = set(options.select), set(options.ignore)
    if (select and CHECK_ID not in select) or CHECK_ID in ignore:
        return results
    severity = dict(options.severities).get(CHECK_ID, check.severity)
    found, _ = find_copies(results, check)
    if not found:
        return results
    grouped = groups(found)
    out = list(results)
    for i, copies in found.items():
        r, best = results[i], copies[0]
        other = results[best.other]
        members = grouped[i]
        values = {
            "other": _name(other),
            "unit": other.subject or "单位未识别",
            "kind": best.kind,
            "score": f"{best.score:.0f}",
            "count": len(members) - 1,
            "others": "、".join(_name(results[k]) for k in members if k != i)[:300],
        }
        template = check.params.get("group_message") if len(members) > 2 else check.message
        message = _fill(template or check.message, values)
        finding = Finding(rule=CHECK_ID, severity=severity, message=message, fix=check.fix, evidence=None)
        findings = sorted([*r.findings, finding], key=Finding.sort_key)
        cost = min(check.penalty, check.max_penalty) if check.max_penalty is not None else check.penalty
        score = round(max(0.0, r.score - cost), 1)
        mark = r.pass_mark if r.pass_mark is not None else rulebook.pass_mark
        out[i] = replace(r, findings=findings, score=score, passed=passed(score, findings, mark, r.fail_on or "error"))
    return out


def _fill(template: str, values: dict) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def copied_report(ctx, check):
    """Nothing per report: the engine keeps the report's sketch and the batch compares them (:func:`apply`)."""
    return iter(())
