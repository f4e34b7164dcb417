"""copies: 不同单位的报告互相雷同（在一批报告之间比较）。

两个单位交来同一篇文字（或同一篇范文只换了单位名称），单看每一份都能通过。这种规则在整批报告之间比较：
检查每份报告时（在检查它的进程中）:func:`sketch` 为全文和“主要举措和成效”各做一个草图（数字一律抹去后，
每 ``shingle`` 个字的片段散列一次，落入 ``bins`` 个桶之一，每个桶只留最小的散列值；两份草图相同的桶
所占比例估计两份文字的相似度）。整批检查完后，:func:`apply` 把桶分成每 ``rows`` 个一段，只比较至少有
一段完全相同的报告（局部敏感散列），所以 2000 份报告只比较几千对，而不是两百万对。全文相似度达到
``similarity``（或“主要举措和成效”达到 ``measures_similarity``）、而报告主体不是同一机关的两份报告互为雷同；
共有一份报告的几对合为一组（几个单位用了同一篇范文）。组中每份报告得到一条发现，写明最相似的另一份文件、
相似度和同组的文件。只有一份报告时不会有这种发现。

提示语占位符：``{other}``（另一份文件）、``{unit}``（它的单位）、``{kind}``（全文 / 主要举措和成效部分）、
``{score}``；``group_message`` 另可用 ``{count}`` 和 ``{others}``（同组的其他文件）。

Example::

    rule:
      kind: copies
      min_chars: 60
      message: 与 {other}（{unit}）的报告近似相同（{kind}相似度 {score}%）
    other: |
      绿水县2023年法治政府建设年度报告
      一、主要举措和成效
      2023年，绿水县深化“放管服”改革，梳理公布权责清单事项4210项，政务服务事项全部实现网上可办，全面落实行政执法三项制度，组织行政执法案卷评查。
    fail: |
      青山县2023年法治政府建设年度报告
      一、主要举措和成效
      2023年，青山县深化“放管服”改革，梳理公布权责清单事项3876项，政务服务事项全部实现网上可办，全面落实行政执法三项制度，组织行政执法案卷评查。
    pass: |
      青山县2023年法治政府建设年度报告
      一、主要举措和成效
      2023年，青山县新制定行政规范性文件9件，全部经过合法性审核；在乡镇推行“一支队伍管执法”，整合执法力量268人，开展联合检查47次。
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from itertools import combinations
from operator import eq
from pathlib import Path
from typing import Optional

from rapidfuzz.distance.Hamming import distance as _hamming

from ..dccache import dataclass
from ..minhash import EMPTY, one_permutation, window_hashes, window_slice
from ..schema import param
from ..textkit import DIGITS, squeeze

KIND = "copies"
SCOPE = ("document",)
BATCH = True  # its findings come from comparing the reports of a run (apply), not from one report


@dataclass(frozen=True)
class Config:
    similarity: float = param(80, "全文相似度（0-100，字符片段的 Jaccard 估计）达到此值即为近似相同")
    measures_similarity: float = param(85, "“主要举措和成效”部分的相似度达到此值即为近似相同（全文不够相似时）")
    shingle: int = param(5, "比较用的字符片段长度（数字先换成 #）")
    bins: int = param(128, "每份报告签名的桶数（越多估计越准）")
    rows: int = param(4, "分段比较时每段的桶数：越少，找得越全、比较越多")
    min_chars: int = param(300, "正文少于这么多字（去掉标点）的报告不比较")
    group_message: Optional[str] = param(None, "三份及以上报告近似相同（同一范文）时的提示，可用 {count}、{others} 和 message 的占位符")


@dataclass(frozen=True)
class Sketch:
    """What the batch comparison needs of one report (small: it travels back from the worker)."""

    whole: tuple[int, ...]
    measures: Optional[tuple[int, ...]]


def _params(config: Config) -> tuple[int, int, int, int]:
    return int(config.shingle), int(config.bins), int(config.rows), int(config.min_chars)


def _key(text: str) -> str:
    """What is shingled: the text without punctuation, every figure one #."""
    return DIGITS.sub("#", squeeze(text))


def minhash(text: str, shingle: int, bins: int) -> tuple[int, ...]:
    """One-permutation MinHash of the text's character shingles (figures blanked)."""
    return one_permutation(window_hashes(_key(text), shingle), bins)


def sketch(outline, parts, config: Config) -> Optional[Sketch]:
    """The report's sketches, or None when its text is too short to compare."""
    shingle, bins, _, min_chars = _params(config)
    body = "".join(ln.text for ln in outline.body if ln is not outline.title_line)
    squeezed = squeeze(body)
    if len(squeezed) < min_chars:
        return None
    key = DIGITS.sub("#", squeezed)
    hashes = window_hashes(key, shingle)
    m = parts.get("measures")
    measures = None
    if m is not None and m.status != "missing":
        part = squeeze(m.text)
        if len(part) >= min_chars // 2:
            part_key = DIGITS.sub("#", part)
            # the part is (nearly always) a stretch of the body: its shingles are a slice of the body's
            at = key.find(part_key)
            own = window_slice(hashes, len(key), at, len(part_key), shingle) if at >= 0 else None
            measures = one_permutation(own if own is not None else window_hashes(part_key, shingle), bins)
    return Sketch(one_permutation(hashes, bins), measures)


def similarity(a: tuple[int, ...], b: tuple[int, ...], filled: Optional[bool] = None) -> float:
    """Estimated Jaccard similarity (0–100) of two sketches: the share of bins filled in both that agree
    (``filled``: whether every bin of both is filled, when the caller knows it already)."""
    if filled is None:
        filled = EMPTY not in a and EMPTY not in b
    if filled:  # every bin filled (any text longer than a few lines)
        n = len(a)
        if n == len(b):  # the bins that differ, counted in C: n minus them agree
            return 100.0 * (n - _hamming(a, b)) / n if n else 0.0
        n = min(n, len(b))
        return 100.0 * sum(map(eq, a, b)) / n if n else 0.0
    both = [(x, y) for x, y in zip(a, b) if x != EMPTY and y != EMPTY]
    if not both:
        return 0.0
    return 100.0 * sum(1 for x, y in both if x == y) / len(both)


def candidates(sketches: list[Optional[tuple[int, ...]]], rows: int) -> set[tuple[int, int]]:
    """Pairs (i < j) of sketches that agree on at least one whole band of ``rows`` bins."""
    buckets: dict[tuple, list[int]] = defaultdict(list)
    blank = (EMPTY,) * rows
    for idx, sk in enumerate(sketches):
        if sk is None:
            continue
        for start in range(0, len(sk) - rows + 1, rows):
            band = sk[start : start + rows]
            if band != blank:  # a short text leaves bins empty: they count as a value
                buckets[(start, band)].append(idx)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > 1:
            pairs.update(combinations(members, 2))
    return pairs


@dataclass(frozen=True)
class Copy:
    other: int  # index of the other report
    score: float
    kind: str  # "全文" or "主要举措和成效"


def find_copies(results: list, config: Config, rule_id: str = "copied-report") -> tuple[dict[int, list[Copy]], int]:
    """For each report index, the other reports it is a near-copy of (best first); and how many pairs were compared.

    Each result's ``sketch`` maps rule ids to its sketches (the engine makes one per ``copies`` rule).
    """
    from ..previous import same_organ

    _, _, rows, _ = _params(config)
    whole_min = float(config.similarity)
    measures_min = float(config.measures_similarity)
    sketches = [(getattr(r, "sketch", None) or {}).get(rule_id) for r in results]
    pairs = candidates([s.whole if s else None for s in sketches], rows)
    pairs |= candidates([s.measures if s else None for s in sketches], rows)
    # which sketches have every bin filled (looked up once, not once a pair)
    whole_filled = [s is not None and EMPTY not in s.whole for s in sketches]
    measures_filled = [s is not None and s.measures is not None and EMPTY not in s.measures for s in sketches]
    found: dict[int, list[Copy]] = defaultdict(list)
    for i, j in sorted(pairs):
        a, b = results[i], results[j]
        if a.subject and b.subject and same_organ(a.subject, b.subject):
            continue  # one unit's own reports (two years, two formats) are not copies of another unit's
        whole = similarity(sketches[i].whole, sketches[j].whole, whole_filled[i] and whole_filled[j])
        best = Copy(j, whole, "全文") if whole >= whole_min else None
        if best is None and sketches[i].measures and sketches[j].measures:
            part = similarity(sketches[i].measures, sketches[j].measures, measures_filled[i] and measures_filled[j])
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


class _Names(dict):
    """Report index -> its file name, each made once (a group of hundreds lists its members in every finding)."""

    def __init__(self, results: list):
        super().__init__()
        self.results = results

    def __missing__(self, k: int) -> str:
        self[k] = name = _name(self.results[k])
        return name


def _joined(names, limit: int) -> str:
    """``"、".join(names)[:limit]``, joining only as many names as reach the limit."""
    taken, size = [], 0
    for name in names:
        taken.append(name)
        size += len(name) + 1
        if size > limit:
            break
    return "、".join(taken)[:limit]


def apply(results: list, rulebook, options) -> list:
    """The results with a finding of each of the batch's ``copies`` rules on each near-copy (score and verdict updated)."""
    rules = rulebook.of_kind(KIND) if hasattr(rulebook, "of_kind") else []
    for rule in rules:
        results = _apply_rule(results, rulebook, rule, options)
    return results


def _apply_rule(results: list, rulebook, rule, options) -> list:
    from ..model import Finding
    from ..scoring import passed, reason

    if len(results) < 2:
        return results
    select, ignore = set(options.select), set(options.ignore)
    if (select and rule.id not in select) or rule.id in ignore:
        return results
    severity = dict(options.severities).get(rule.id, rule.severity)
    found, _ = find_copies(results, rule.config, rule.id)
    if not found:
        return results
    grouped = groups(found)
    names = _Names(results)
    out = list(results)
    cost = min(rule.penalty, rule.max_penalty) if rule.max_penalty is not None else rule.penalty
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
            "others": _joined((names[k] for k in members if k != i), 300),
        }
        template = rule.config.group_message if len(members) > 2 and rule.config.group_message else rule.message
        finding = Finding(rule=rule.id, severity=severity, message=_fill(template, values), fix=rule.fix)
        findings = sorted([*r.findings, finding], key=Finding.sort_key)
        score = round(max(0.0, r.score - cost), 1)
        mark = r.pass_mark if r.pass_mark is not None else rulebook.pass_mark
        fail_on = r.fail_on or "error"
        why = reason(score, findings, mark, fail_on, r.rulebook or rulebook)
        out[i] = replace(r, findings=findings, score=score, passed=passed(score, findings, mark, fail_on), reason=why)
    return out


def _fill(template: str, values: dict) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def check(a, rule):
    """Nothing per report: the engine keeps the report's sketch and the batch compares them (:func:`apply`)."""
    return iter(())
