"""copied: 本年度安排中的一条几乎照搬上年度报告的安排。

只在给出上一年度报告（``--previous``）时检查。两份报告的下一年度安排（``year_offset: 1`` 的部分）
都切成条目，去掉标点、数字一律视为相同后比较（rapidfuzz 相似度）；本年度的一条与上年度某一条的
相似度达到 ``similarity`` 即为一条发现，在这一条所在的行。少于 ``min_chars`` 个汉字的条目不比较。

提示语占位符：``{item}``、``{previous}``（上年度报告文件）、``{previous_line}``、``{score}``；
``evidence`` 可用 ``{line}`` 和 ``{text}``（上年度的那一条）。

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

from typing import Optional

from ..crossyear import Item, quoted, snippet
from ..dccache import dataclass
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
