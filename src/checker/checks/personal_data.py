"""personal-data: 不能公开的身份证号码、手机号码和银行卡号。

每个号码一条发现，在所在的行：居民身份证号码（18 位、校验码正确、出生日期真实，或旧的 15 位），手机号码
（1[3-9] 加 9 位数字），银行卡号（16–19 位、通过 Luhn 校验）。号码所在的分句中有 ``unless`` 中的词
（统一社会信用代码、索引号……）的不算个人信息。号码一律遮盖显示（``110***********1234``）：提示语、证据中如此，
而且由于引擎遮盖每一份检查结果，所有输出格式和审阅页面显示的报告原文中都是如此。

提示语占位符：``{what}``（居民身份证号码……）、``{masked}``。

Example::

    rule:
      kind: personal-data
      message: 含有{what}“{masked}”，公开前应删除
    fail: |
      青山县2023年法治政府建设年度报告
      联系人：张三，身份证号11010519491231002X。
    pass: |
      青山县2023年法治政府建设年度报告
      全年办理行政复议案件58件，编号110105194912310021的案件已审结。
"""

from __future__ import annotations


from .. import rxcache
from ..dccache import dataclass
from ..personal import Settings, find, mask
from ..schema import Phrases, param
from .forbid import clause

KIND = "personal-data"
SCOPE = ("document",)
CONTEXT = 8  # characters of evidence on each side of a number
#: Every number :func:`~checker.personal.find` looks for (personal._PATTERNS) has at least 11
#: decimal digits (what ``\d`` matches), with nothing between them but separators (as written:
#: half- or full-width), a +86 or a final X: a line without such a stretch is not looked at.
_DIGIT = rxcache.compile(r"\d")
_FEWEST_DIGITS = 11
_STRETCH = rxcache.compile(r"(?:[ \-－\u3000+XxＸｘ]*\d){11}")


@dataclass(frozen=True)
class Config:
    id_numbers: bool = param(True, "查找居民身份证号码（18 位，校验码正确）")
    old_id_numbers: bool = param(True, "查找 15 位的旧居民身份证号码")
    mobile_numbers: bool = param(True, "查找手机号码（1[3-9] 开头的 11 位）")
    card_numbers: bool = param(True, "查找银行卡号（16-19 位，Luhn 校验正确）")
    unless: Phrases = param((), "号码所在分句中有这些词时不算个人信息（如“统一社会信用代码”）")
    keep_head: int = param(3, "遮盖后保留开头几位")
    keep_tail: int = param(4, "遮盖后保留末尾几位")


def settings(config: Config) -> Settings:
    return Settings(config.id_numbers, config.old_id_numbers, config.mobile_numbers, config.card_numbers, config.keep_head, config.keep_tail)


def masking(rulebook) -> Settings:
    """How results judged by a rulebook are masked: as its first personal-data rule finds
    numbers (whether or not it is enabled), else by default."""
    rules = [r for r in rulebook.rules.values() if r.kind == KIND]
    return settings(rules[0].config) if rules else Settings()


def check(a, rule):
    conf = rule.config
    how = settings(conf)
    for ln in a.scope_lines(rule.scope):
        if len(_DIGIT.findall(ln.text)) < _FEWEST_DIGITS or not _STRETCH.search(ln.text):
            continue  # no number of any kind fits in the line
        shown = None
        for f in find(ln.text, how):
            if conf.unless and any(u in clause(ln.text, f.start, f.end) for u in conf.unless):
                continue
            shown = shown or mask(ln.text, how)
            yield rule.finding(
                a,
                ln,
                {"what": f.name, "masked": shown[f.start : f.end]},
                evidence=shown[max(0, f.start - CONTEXT) : f.end + CONTEXT],
                column=a.column(ln, f.text),
            )
