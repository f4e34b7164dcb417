"""coverage: 范围写到了哪些宜写的主题（“主要举措和成效”对《纲要》各体系的覆盖）。

每个主题（``topics``：id → ``name`` 和 ``signals``）在范围的正文（“主要举措和成效”和第一责任人部分，
连同标题；缺少“主要举措和成效”时为全文）中出现至少 ``min_signals`` 个不同的信号词，即算写到。
``only`` 只看其中几个主题（部门不必写到全部体系）。覆盖率按 ``weight``（与各部分的 weight 同一尺度）
计入得分，并写入 JSON 的 ``coverage``；覆盖率低于 ``report_below``% 时，一条发现列出没有写到的主题。

提示语占位符：``{covered}``、``{total}``、``{percent}``、``{missing}``。

Example::

    rule:
      kind: coverage
      scope: [measures]
      topics:
        dispute_resolution: {name: 矛盾纠纷化解, signals: [行政复议, 人民调解]}
        digital_government: {name: 数字法治政府, signals: [数字政府, 一网通办]}
      message: 没有写到：{missing}
    fail: |
      一、主要举措和成效
      全年办理行政复议案件58件，调解矛盾纠纷1436件。
    pass: |
      一、主要举措和成效
      全年办理行政复议案件58件。建设数字政府，推行一网通办。
"""

from __future__ import annotations

from typing import Optional

from ..dccache import dataclass
from ..model import Coverage
from ..schema import Phrases, items, param

KIND = "coverage"


@dataclass(frozen=True)
class Topic:
    name: str = param(doc="中文名称")
    signals: Phrases = param((), "信号词：出现 min_signals 个不同的即算写到")
    min_signals: Optional[int] = param(None, "这一主题至少几个信号词（默认：规则的 min_signals）")


@dataclass(frozen=True)
class Config:
    topics: dict[str, Topic] = items("各主题：id: {name: 名称, signals: [信号词, …]}")
    only: Phrases = param((), "只看这些主题 id（默认：全部）")
    min_signals: int = param(1, "一个主题至少出现几个不同的信号词才算写到")
    weight: float = param(0, "覆盖率在得分中的权重（与各部分的 weight 同一尺度）")
    report_below: float = param(100, "覆盖率低于此百分比才报告（100 = 有没写到的主题就报告）")


def _text_with_heading(m) -> str:
    """A part's text with its heading; a heading with nothing under it covers nothing (a blank template)."""
    if not m.text.strip():
        return ""
    return f"{m.heading.text}\n{m.text}" if m.heading is not None else m.text


def measure(a, rule) -> Optional[Coverage]:
    """The coverage of a report by one coverage rule, or None when it has no topics."""
    conf = rule.config
    topics = [(tid, t) for tid, t in conf.topics.items() if not conf.only or tid in conf.only]
    if not topics:
        return None
    main = a.parts.get(rule.part) if rule.part else None
    if main is None or main.status == "missing":
        text = "\n".join(ln.text for ln in a.outline.body if ln is not a.outline.title_line)
    else:
        text = "\n".join(_text_with_heading(a.parts[pid]) for pid in rule.scope if pid in a.parts and a.parts[pid].status != "missing")
    covered, missing = [], []
    for tid, topic in topics:
        hits = sum(1 for s in topic.signals if s in text)
        (covered if hits >= (topic.min_signals or conf.min_signals) else missing).append(tid)
    return Coverage(
        percent=round(100 * len(covered) / len(topics)),
        covered=tuple(covered),
        missing=tuple(missing),
        names=tuple((tid, t.name) for tid, t in topics),
        weight=float(conf.weight),
        rule=rule.id,
    )


def check(a, rule):
    cov = a.coverage if a.coverage is not None and a.coverage.rule == rule.id else measure(a, rule)
    if cov is None or not cov.missing or cov.percent >= rule.config.report_below:
        return
    names = dict(cov.names)
    values = {"covered": len(cov.covered), "total": len(cov.names), "percent": cov.percent, "missing": "、".join(names[t] for t in cov.missing)}
    yield rule.finding(a, a.part_start(rule.part), values)


def probes(rule, rulebook):
    from ..liveness import Probe

    for tid, topic in rule.config.topics.items():
        yield Probe(f"topics.{tid}.signals", topic.signals, "phrase")
