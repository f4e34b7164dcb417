"""duplicates: 段落或整段内容粘贴了两次（完全相同或近似）。

耗时与报告长度成正比：段落先分桶（按原文、按数字抹去后的原文、按 6 字片段的几个最小散列值），
只有同在一个桶里的段落才用 rapidfuzz 比较。连续重复的段落合为一块，整篇正文贴了两遍也只是一条发现，
写明两处位置。

几句话粘贴进另一段（常常改了几个数字）也照此按句子查找：两段中连续几句近似相同、合计至少
``passage_chars`` 个字，每对段落一条发现（两段整段重复的除外）。

提示语占位符：``{where}``（后一处，如“第 12 行”“第 12-14 段”“第 3 页第 5 行”，按文件的计法）、
``{other}``（前一处）、``{kind}``（完全相同 / 近似重复……）。

Example::

    rule:
      kind: duplicates
      min_chars: 30
      similarity: 90
      message: "{where}与{other}内容重复（{kind}）"
    fail: |
      一、主要举措和成效
      全面落实行政执法三项制度，组织行政执法人员培训4期共计820人次，评查行政执法案卷215卷。
      审核规范性文件36件，备案率、及时率均达到100%。
      全面落实行政执法三项制度，组织行政执法人员培训4期共计820人次，评查行政执法案卷215卷。
    pass: |
      一、主要举措和成效
      全面落实行政执法三项制度，组织行政执法人员培训4期共计820人次，评查行政执法案卷215卷。
      审核规范性文件36件，备案率、及时率均达到100%。
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from itertools import chain
from typing import Container, Iterable, Optional

from rapidfuzz import fuzz

from ..dccache import dataclass
from ..minhash import bottom, window_hashes, window_slice
from ..normalize import TextLine
from ..places import span
from ..schema import param
from ..textkit import DIGITS, SENTENCE, squeeze

KIND = "duplicates"

SHINGLE = 6
MINHASHES = 4
MAX_BUCKET = 64  # a bucket this full is boiler-plate, not a duplicate


@dataclass(frozen=True)
class Config:
    min_chars: int = param(30, "少于这么多字（去掉标点）的段落不比较")
    similarity: float = param(90, "两段的相似度（rapidfuzz，0-100）达到此值即为近似重复；只有数字不同的一律算重复")
    passage_chars: int = param(50, "两段中连续相同或近似的句子合计达到这么多字，也算重复（粘贴进另一段的一段文字）；0 = 不比较")


def _minhashes(key: str) -> list[int]:
    """A bottom-k sketch: the k smallest hashes of the paragraph's character 6-grams.

    Two paragraphs that share most of their 6-grams share some of these values
    with high probability, so they meet in a bucket; unrelated ones rarely do.
    """
    return bottom(window_hashes(key, SHINGLE), MINHASHES)


class _Shingles:
    """The 6-gram hashes of a list of keys, hashed once (a key met again, a paragraph pasted twice,
    takes those of its first occurrence): a stretch of one key (a sentence of a paragraph) takes
    its hashes from there."""

    def __init__(self, keys: list[str]):
        self.keys = keys
        self.offsets = []
        first: dict[str, int] = {}  # key -> where its hashes start
        distinct = []
        at = 0
        for key in keys:
            offset = first.get(key)
            if offset is None:
                offset = first[key] = at
                distinct.append(key)
                at += len(key)
            self.offsets.append(offset)
        self.text_len = at
        self.hashes = window_hashes("".join(distinct), SHINGLE)  # the windows across two keys go unused

    def of(self, idx: int, start: int = 0, length: Optional[int] = None) -> list[int]:
        """The hashes of keys[idx][start:start + length] (the whole key by default)."""
        key = self.keys[idx]
        if length is None:
            length = len(key) - start
        own = window_slice(self.hashes, self.text_len, self.offsets[idx] + start, length, SHINGLE)
        return own if own is not None else window_hashes(key[start : start + length], SHINGLE)

    def sketches(self) -> list[list[int]]:
        """The :func:`_minhashes` of every key (one list for all occurrences of a key: never change it)."""
        made: dict[int, list[int]] = {}  # by where the key's hashes start
        out = []
        for idx, offset in enumerate(self.offsets):
            sketch = made.get(offset)
            if sketch is None:
                sketch = made[offset] = bottom(self.of(idx), MINHASHES)
            out.append(sketch)
        return out


def find_pairs(
    units: list[tuple[TextLine, str]], similarity: float, sketches: Optional[list[list[int]]] = None, later: Optional[Container[int]] = None
) -> dict[int, tuple[int, str]]:
    """For each unit index j, the earlier unit index i it duplicates, and how: the earliest unit that
    shares a bucket with j (of 2 to MAX_BUCKET members) and is a duplicate of it.

    ``sketches``: the :func:`_minhashes` of every unit's key, when the caller has them;
    ``later``: the units j whose duplicate is wanted (every unit by default; the others are still
    looked at as earlier units).

    Each unit looks at its bucket-mates once, earliest first, and stops at the first duplicate: every
    pair of an exact or figures-blanked bucket is a duplicate, so only the hashed buckets' members
    before that bucket's first member need a comparison.
    """
    keys = [key for _, key in units]
    wanted = range(len(keys)) if later is None else later
    if sketches is None:
        sketches = _Shingles(keys).sketches()
    distinct = list(dict.fromkeys(keys))  # a key met again (a sentence of a template) blanked once
    blanked = _each(distinct, lambda text: DIGITS.sub("#", text))
    if len(distinct) < len(keys):
        blanked = list(map(dict(zip(distinct, blanked)).__getitem__, keys))
    # the first member of each exact or figures-blanked bucket that is compared (2 to MAX_BUCKET
    # members), by its other members; only values met more than once make a bucket worth building
    sure: dict[int, int] = {}
    for labels in (keys, blanked):
        shared = _shared(labels)
        if not shared:
            continue
        heads: dict[str, int] = {}
        for j, label in enumerate(labels):
            if label in shared:
                head = heads.setdefault(label, j)
                if head < j and j in wanted and sure.get(j, j) > head:
                    sure[j] = head
    # unit -> the compared hashed buckets it is in, and its place in each
    places: dict[int, list[tuple[list[int], int]]] = defaultdict(list)
    shared = _shared(chain.from_iterable(sketches))  # a sketch holds a value once: its count is its bucket's size
    if shared:
        hashed: dict[int, list[int]] = defaultdict(list)
        for idx, sketch in enumerate(sketches):
            if not shared.isdisjoint(sketch):
                for h in sketch:
                    if h in shared:
                        members = hashed[h]
                        if members and idx in wanted:
                            places[idx].append((members, len(members)))
                        members.append(idx)
    floor = similarity - 1e-6  # below the comparison that decides, so that no rounding in the cutoff drops a pair
    ratio_of = fuzz.ratio
    best: dict[int, tuple[int, str]] = {}
    for j in sorted(set(sure) | set(places)):
        limit = sure.get(j, j)
        earlier: list[int] = []
        for members, pos in places.get(j, ()):
            if members[0] < limit:
                end = pos if members[pos - 1] < limit else bisect_left(members, limit, 0, pos)
                earlier.extend(members[:end])
        if len(places.get(j, ())) > 1:
            earlier = sorted(set(earlier))
        b, blank_b = keys[j], blanked[j]
        found = None
        for i in earlier:
            a = keys[i]
            if a == b:
                found = (i, "exact")
                break
            if blanked[i] == blank_b:
                found = (i, "digits")
                break
            # with a cutoff rapidfuzz gives 0 at once when the lengths alone keep the similarity below it
            # (Indel similarity <= 2·min(la, lb) / (la + lb)), else the same ratio as without
            ratio = ratio_of(a, b, score_cutoff=floor)
            if ratio >= similarity:
                found = (i, f"{ratio:.0f}")
                break
        if found is None and limit < j:
            found = (limit, "exact" if keys[limit] == b else "digits")
        if found is not None:
            best[j] = found
    return best


def _shared(values: Iterable) -> set:
    """The values met 2 to MAX_BUCKET times (a bucket this full is boiler-plate, not a duplicate)."""
    return {value for value, count in Counter(values).items() if 1 < count <= MAX_BUCKET}


#: what joins texts for one regular-expression pass over them all (in no pattern used on them)
_JOIN = "\x00"


def _each(texts: list[str], change) -> list[str]:
    """``[change(t) for t in texts]`` with one call of ``change`` (a substitution that never meets
    or makes _JOIN, nor works across it), unless a text holds _JOIN."""
    if len(texts) < 2:
        return [change(t) for t in texts]
    out = change(_JOIN.join(texts)).split(_JOIN)
    return out if len(out) == len(texts) else [change(t) for t in texts]


def _span(fmt, a: TextLine, b: TextLine) -> str:
    """"第 12 段" / "第 12-14 行" / "第 3 页第 5 行": as the reader's program counts."""
    return span(fmt, a.number, b.number, a.location, b.location)


def _describe(kinds: list[str]) -> str:
    if all(k == "exact" for k in kinds):
        return "完全相同"
    if all(k in ("exact", "digits") for k in kinds):
        return "近似重复，只有数字不同"
    low = min(int(k) for k in kinds if k not in ("exact", "digits"))
    return f"近似重复，相似度 {low}%"


#: a sentence shorter than this (characters) is too common to count in a pasted passage
MIN_SENTENCE = 15


def _sentences(units: list[tuple[TextLine, str]]) -> list[tuple[int, int, str, int]]:
    """(unit index, sentence index, key, where the key starts in the unit's key) of every sentence
    long enough to compare (-1: not found there, which cannot happen while the squeezed sentences
    are stretches of the squeezed line)."""
    out = []
    for idx, (ln, unit_key) in enumerate(units):
        at = 0
        for k, key in enumerate(_each(SENTENCE.findall(ln.text), squeeze)):
            found = unit_key.find(key, at)
            if found >= 0:
                at = found + len(key)
            if len(key) >= MIN_SENTENCE:
                out.append((idx, k, key, found))
    return out


def _passages(units, pairs: dict, min_chars: int, similarity: float, shingles: Optional[_Shingles] = None) -> list[tuple[int, int, str]]:
    """(earlier unit, later unit, kind) of paragraphs that share a run of near-identical sentences
    of at least ``min_chars`` characters but are not duplicates as a whole."""
    found = _sentences(units)
    if len(found) < 2:
        return []
    if shingles is None:
        shingles = _Shingles([key for _, key in units])
    sketches = []
    made: dict[str, list[int]] = {}  # a sentence met again has the same sketch
    for u, _, key, at in found:
        sketch = made.get(key)
        if sketch is None:
            sketch = made[key] = bottom(shingles.of(u, at, len(key)) if at >= 0 else window_hashes(key, SHINGLE), MINHASHES)
        sketches.append(sketch)
    sentences = [(u, k, key) for u, k, key, _ in found]
    whole = set(pairs) | {i for i, _ in pairs.values()}
    # a sentence of a paragraph duplicated as a whole is only looked at as the earlier one of a pair
    later = {s for s, (u, _, _) in enumerate(sentences) if u not in whole}
    matched = find_pairs([(units[u][0], key) for u, _, key in sentences], similarity, sketches, later)
    runs: dict[tuple[int, int], list[tuple[int, int, int, str]]] = defaultdict(list)
    for b, (a, kind) in matched.items():
        ua, ka, key_a = sentences[a]
        ub, kb, _ = sentences[b]
        if ua == ub or ua in whole or ub in whole:
            continue
        runs[(ua, ub)].append((ka, kb, len(key_a), kind))  # find_pairs maps a later sentence to an earlier one
    out = []
    for (i, j), hits in sorted(runs.items()):
        hits.sort()
        best, best_kinds, run, kinds, last = 0, [], 0, [], None
        for ka, kb, length, kind in hits:
            if last is not None and ka == last[0] + 1 and kb == last[1] + 1:
                run, kinds = run + length, kinds + [kind]
            else:
                run, kinds = length, [kind]
            last = (ka, kb)
            if run > best:
                best, best_kinds = run, kinds
        if best >= min_chars:
            out.append((i, j, _describe(best_kinds)))
    return out


def check(a, rule):
    min_chars = rule.config.min_chars
    similarity = rule.config.similarity
    lines = [ln for ln in a.outline.body if ln is not a.outline.title_line]
    units = [(ln, key) for ln, key in zip(lines, _each([ln.text for ln in lines], squeeze)) if len(key) >= min_chars]
    shingles = _Shingles([key for _, key in units])
    pairs = find_pairs(units, similarity, shingles.sketches())
    j = 0
    while j < len(units):
        if j not in pairs:
            j += 1
            continue
        i, kind = pairs[j]
        kinds = [kind]
        end_i, end_j = i, j
        # extend the block while the next paragraphs continue the same copy
        while end_j + 1 < len(units) and pairs.get(end_j + 1, (None,))[0] == end_i + 1 and end_i + 1 < j:
            end_i, end_j = end_i + 1, end_j + 1
            kinds.append(pairs[end_j][1])
        first, first_end = units[i][0], units[end_i][0]
        second, second_end = units[j][0], units[end_j][0]
        what = _describe(kinds)
        if end_j > j:
            what = f"{end_j - j + 1} 段{what}"
        yield rule.finding(
            a,
            second,
            {"where": _span(a.document.format, second, second_end), "other": _span(a.document.format, first, first_end), "kind": what},
            related=first,
            evidence=second.text[:60],
        )
        j = end_j + 1
    if rule.config.passage_chars <= 0:
        return
    for i, j, what in _passages(units, pairs, rule.config.passage_chars, similarity, shingles):
        first, second = units[i][0], units[j][0]
        yield rule.finding(
            a,
            second,
            {"where": _span(a.document.format, second, second), "other": _span(a.document.format, first, first), "kind": f"段中有一段文字{what}"},
            related=first,
            evidence=second.text[:60],
        )
