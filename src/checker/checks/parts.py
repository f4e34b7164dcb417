"""parts: 规则集中的每个法定部分，报告中都有。

缺少的每个部分一条发现，用该部分自己的严重程度、提示语和修改建议（规则集的 ``parts``）。在另一部分之内找的部分
（``within``：“存在的不足”之内的“原因”），所属部分的标题承诺了它（``promised_by``：原因）而正文没有写，用该部分的
``promised_message``。这种规则没有参数：各部分就是它的数据。

Example::

    rule:
      kind: parts
      message: 缺少法定部分
    fail: |
      一、2023年推进法治政府建设的主要举措和成效
      全面落实行政执法三项制度，审核规范性文件36件。
    pass: |
      一、2023年推进法治政府建设的主要举措和成效
      全面落实行政执法三项制度，审核规范性文件36件。
      二、存在的不足和原因
      一是基层执法力量薄弱。主要原因是培训考核机制不健全。
      三、党政主要负责人履行推进法治建设第一责任人职责情况
      县长亲自部署法治建设工作，全年会前学法12次，出庭应诉3次，年终述法并接受评议。
      四、2024年推进法治政府建设的主要安排
      一是制定领导干部学法清单；二是开展行政执法案卷评查。
      五、上年度问题整改情况
      针对上年度报告指出的执法不规范问题开展专项整治，已全部整改到位。
      六、其他需要报告的情况
      本年度无其他需要报告的情况。
"""

from __future__ import annotations

from ..dccache import dataclass


KIND = "parts"

@dataclass(frozen=True)
class Config:
    pass


def check(a, rule):
    for pid, m in a.parts.items():
        if m.status != "missing":
            continue
        part = m.part
        message = part.message
        line = None
        if part.within:
            container = a.parts.get(part.within)
            line = container.line if container is not None else None
            if m.promised and part.promised_message:
                message = part.promised_message
        yield rule.finding(a, line, message=message, part=pid, fix=part.fix, severity=part.severity)


def probes(rule, rulebook):
    """The parts' heading aliases, signal phrases and patterns."""
    from ..liveness import Probe

    for part in rulebook.parts:
        where = f"部分“{part.id}”的"
        yield Probe(f"{where} aliases", part.aliases, "alias")
        yield Probe(f"{where} signals", part.signals, "phrase")
        yield Probe(f"{where} strong_signals", part.strong_signals, "phrase")
        yield Probe(f"{where} patterns", part.patterns, "regex")
