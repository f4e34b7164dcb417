"""concrete-items: 列出的是具体任务，而不是口号。

范围（下一年度安排）至少要有 ``min_items`` 条编号的任务（``item_pattern``：一是、（一）、1. ……），
并至少有 ``min_concrete`` 处具体内容：有明确动作的词（``concrete``：制定、修订、开展……）、
《文件名》和数字。少于 ``min_chars`` 个汉字（或该部分 thin 的 min_chars）的不检查。

提示语占位符：``{items}``（条数）、``{concrete}``（具体内容处数）。

Example::

    rule:
      kind: concrete-items
      scope: [next_year_plan]
      min_items: 2
      concrete: [制定, 开展, 修订]
      min_concrete: 2
      message: 下一年度安排只有 {items} 条、{concrete} 处具体内容
    fail: |
      四、2024年推进法治政府建设的主要安排
      下一步，我们将继续深入学习贯彻习近平法治思想，坚持以人民为中心，全面推进法治政府建设，不断提升依法行政水平，为经济社会高质量发展提供坚实法治保障。
    pass: |
      四、2024年推进法治政府建设的主要安排
      一是制定领导干部学法清单，全年组织会前学法不少于12次；二是开展行政执法案卷评查，实现执法部门全覆盖；三是修订重大行政决策程序规定。
"""

from __future__ import annotations


from .. import rxcache
from ..dccache import dataclass
from ..schema import Phrases, Regex, param
from ..textkit import FIGURE, cjk_len

KIND = "concrete-items"
_DOC_NAME = rxcache.compile(r"《[^》\n]{2,40}》")
_ITEM = r"(^|[。；;:：\n])\s{0,2}([一二三四五六七八九十]{1,3}是|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,2}[、.．])"


@dataclass(frozen=True)
class Config:
    item_pattern: Regex = param(_ITEM, "一条任务的开头（正则表达式）：一是、（一）、1. 等编号")
    min_items: int = param(2, "至少列出几条")
    concrete: Phrases = param((), "表明任务具体的词（有明确动作和对象的做法）；数字和《文件名》也算")
    min_concrete: int = param(3, "至少几处具体内容")
    min_chars: int = param(0, "少于这么多汉字时不检查（至少为该部分 thin 的 min_chars）")
    number_pattern: Regex = param(FIGURE, "算作数据的数字（正则表达式）")


def check(a, rule):
    if not a.scope_present(rule.scope):
        return
    conf = rule.config
    part = a.parts.get(rule.part) if rule.part else None
    text = a.scope_text(rule.scope)
    if cjk_len(text) < max(conf.min_chars, part.part.min_chars if part else 0, 1):
        return
    found_items = sum(1 for _ in rxcache.compile(conf.item_pattern).finditer(text))
    words = sum(1 for w in conf.concrete if w in text)
    concrete = words + len(_DOC_NAME.findall(text)) + sum(1 for _ in rxcache.compile(conf.number_pattern).finditer(text))
    if found_items >= conf.min_items and concrete >= conf.min_concrete:
        return
    line, evidence = a.anchor(rule.scope)
    yield rule.finding(a, line, {"items": found_items, "concrete": concrete}, evidence=evidence)


def probes(rule, rulebook):
    from ..liveness import Probe

    yield Probe("item_pattern", (rule.config.item_pattern,), "regex", "joined")
    yield Probe("concrete", rule.config.concrete, "phrase")
