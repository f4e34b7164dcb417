"""order: 各部分按法定模板的顺序排列。

有自己一级标题的各部分，按在文件中的先后，与它们在规则集中的 ``order`` 对照（order 相同的孰先孰后都可以；
order 为 0 的不参与）。不在最长的顺序正确的序列中的部分就是放错位置的，每个报告一次，写明应排在哪一部分之后（或之前）。

提示语占位符：``{name}``、``{anchor}``（应挨着的部分）、``{relation}``（之前 / 之后）。

Example::

    rule:
      kind: order
      message: “{name}”应排在“{anchor}”{relation}
    fail: |
      一、党政主要负责人履行推进法治建设第一责任人职责情况
      县长亲自部署法治建设工作，全年会前学法12次，出庭应诉3次。
      二、2023年推进法治政府建设的主要举措和成效
      全面落实行政执法三项制度，审核规范性文件36件。
    pass: |
      一、2023年推进法治政府建设的主要举措和成效
      全面落实行政执法三项制度，审核规范性文件36件。
      二、党政主要负责人履行推进法治建设第一责任人职责情况
      县长亲自部署法治建设工作，全年会前学法12次，出庭应诉3次。
"""

from __future__ import annotations

from ..dccache import dataclass


KIND = "order"


@dataclass(frozen=True)
class Config:
    pass


def _kept_in_order(placed: list) -> list:
    """The longest run of parts already in template order (ties: the lower orders)."""
    best: list[list] = []
    for k, m in enumerate(placed):
        options = [best[i] + [m] for i in range(k) if placed[i].part.order <= m.part.order]
        options.append([m])
        best.append(max(options, key=lambda seq: (len(seq), -sum(x.part.order for x in seq))))
    return max(best, key=lambda seq: (len(seq), -sum(x.part.order for x in seq)), default=[])


def check(a, rule):
    top = a.outline.top_rank
    placed = [
        m
        for m in a.parts.values()
        if m.part.order > 0 and m.status == "present" and m.heading is not None and m.heading.rank == top
    ]
    placed.sort(key=lambda m: (m.heading.start, m.part.order))
    kept = _kept_in_order(placed)
    for m in placed:
        if m in kept:
            continue
        before = [k for k in kept if k.part.order <= m.part.order]
        if before:
            anchor, relation = before[-1], "之后"
        else:
            anchor, relation = kept[0], "之前"
        yield rule.finding(
            a,
            m.line,
            {"name": m.part.name, "anchor": anchor.part.name, "relation": relation},
            part=m.part.id,
            evidence=m.heading.text,
        )
