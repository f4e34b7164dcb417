"""copied: a plan item of this year that is a near-copy of one of last year's.

Runs only with last year's report (``--previous``).  The items of both plans
(the part with ``year_offset: 1``) are compared with punctuation removed and
every figure the same (rapidfuzz ratio); an item of this year at or above
``similarity`` to one of last year's is a finding at its line.  Items
shorter than ``min_chars`` Chinese characters are not compared.

Message placeholders: ``{item}``, ``{previous}``, ``{previous_line}``,
``{score}``; ``evidence`` is a text with ``{line}`` and ``{text}`` (last
year's item).

Example::

    rule:
      kind: copied
      scope: [next_year_plan]
      message: 这一条安排与上年度的几乎相同（{score}%）
      evidence: 上年度{line}：{text}
    previous: |
      青山县2023年法治政府建设年度报告
      四、2024年推进法治政府建设的主要安排
      一是开展行政执法人员全员轮训，组织执法人员参加60学时专业法律知识培训；二是推进基层政务公开标准化规范化建设。
    fail: |
      青山县2024年法治政府建设年度报告
      四、2025年推进法治政府建设的主要安排
      一是开展行政执法人员全员轮训，组织执法人员参加80学时专业法律知识培训；二是健全行政复议案件繁简分流机制。
    pass: |
      青山县2024年法治政府建设年度报告
      四、2025年推进法治政府建设的主要安排
      一是推行乡镇综合行政执法案卷交叉评查，每季度通报一次；二是健全行政复议案件繁简分流机制。
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..crossyear import Item, quoted, snippet
from ..schema import param
from ..textkit import DIGITS, cjk_len, squeeze

KIND = "copied"
NEEDS_PREVIOUS = True


@dataclass(frozen=True)
class Config:
    similarity: float = param(85, "两条安排（去掉标点、数字一律视为相同）的相似度（0-100）达到此值即视为照搬")
    min_chars: int = param(20, "少于这么多汉字的条目不比较")
    evidence: Optional[str] = param(None, "证据的写法，可用 {line}、{text}（上年度的那一条）")


def _key(item: Item) -> str:
    return DIGITS.sub("#", squeeze(item.text))


def check(a, rule):
    from rapidfuzz import fuzz

    last = a.previous.year_view
    if not last.plan:
        return
    min_chars = rule.config.min_chars
    previous = [(p, _key(p)) for p in last.plan if cjk_len(p.text) >= min_chars]
    for item in a.year_view.plan:
        if cjk_len(item.text) < min_chars or not previous:
            continue
        k = _key(item)
        score, p = max(((fuzz.ratio(k, pk), p) for p, pk in previous), key=lambda t: t[0])
        if score < rule.config.similarity:
            continue
        values = {"item": quoted(item.gist), "previous": last.name, "previous_line": a.previous.where(p.line), "score": f"{score:.0f}"}
        yield rule.finding(a, item.line, values, evidence=a.fill(rule.config.evidence, line=a.previous.where(p.line), text=snippet(p.text)))
