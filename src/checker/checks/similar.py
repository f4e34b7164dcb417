"""similar: 范围只是把另一处的内容换个说法再说一遍。

范围正文（原因）中的双字片段，与它所在的部分（``against``；默认是找到它的 ``within`` 部分：存在的不足）
去掉它自己之后的正文比较；重合的比例达到 ``max_similarity``（0–1）即为一条发现：原因只是复述问题，没有分析。
按表述（主要原因……）找到的部分，从表述起算，简短的标签（“主要原因：”）不计。

提示语占位符：``{percent}``。

Example::

    rule:
      kind: similar
      scope: [causes]
      max_similarity: 0.6
      message: 原因分析与所列问题基本相同（{percent}%）
    fail: |
      二、存在的不足和原因
      一是部分乡镇和部门对法治政府建设重视不够；二是基层行政执法力量薄弱；三是普法宣传的针对性还不够强。
      主要原因：部分乡镇和部门对法治政府建设重视不够，基层行政执法力量薄弱，普法宣传针对性不强。
    pass: |
      二、存在的不足和原因
      一是部分乡镇和部门对法治政府建设重视不够；二是基层行政执法力量薄弱；三是普法宣传的针对性还不够强。
      主要原因：一些领导干部运用法治思维推动工作的意识不强，基层执法人员中法律专业人员偏少，培训考核机制不健全。
"""

from __future__ import annotations

import re
from typing import Optional

from .. import rxcache
from ..dccache import dataclass
from ..schema import param
from ..textkit import cjk_len

KIND = "similar"
_CJK_RUN = rxcache.compile(r"[\u4e00-\u9fff]+")
#: a cause marker short enough to be a label ("主要原因:"), not the cause itself
_MARKER_CHARS = 6


@dataclass(frozen=True)
class Config:
    against: Optional[str] = param(None, "与哪个部分比较（默认：这一部分所在的部分，within）")
    max_similarity: float = param(0.6, "双字片段出现在比较对象中的比例（0-1）达到此值即为复述")
    min_chars: int = param(8, "少于这么多汉字时不比较")


def _bigrams(text: str) -> set[str]:
    out: set[str] = set()
    for run in _CJK_RUN.findall(text):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


def _segments(m) -> list[str]:
    """The part's own text: its section, or each evidence line from its pattern on."""
    if m.via == "heading":
        return [m.text]
    compiled = [rxcache.compile(p) for p in m.part.patterns]
    out = []
    for ln in m.evidence:
        starts = [mt for mt in (rx.search(ln.text) for rx in compiled) if mt]
        if not starts:
            continue
        first = min(starts, key=lambda mt: mt.start())
        skip = first.end() if first.end() - first.start() <= _MARKER_CHARS else first.start()
        out.append(ln.text[skip:])
    return out


def check(a, rule):
    m = a.parts.get(rule.part) if rule.part else None
    if m is None or m.status == "missing":
        return
    against = rule.config.against or m.part.within
    container = a.parts.get(against) if against else None
    if container is None or container.status == "missing":
        return
    segments = [s for s in _segments(m) if s]
    own = "\n".join(segments)
    if cjk_len(own) < rule.config.min_chars:
        return
    other = container.text
    for seg in segments:
        other = other.replace(seg, "")
    own_grams, other_grams = _bigrams(own), _bigrams(other)
    if not own_grams or len(other_grams) < 4:
        return
    share = len(own_grams & other_grams) / len(own_grams)
    if share >= rule.config.max_similarity:
        yield rule.finding(a, m.line, {"percent": round(100 * share)}, evidence=own[:80])
