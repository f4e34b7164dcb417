"""personal-data: ID, mobile and bank card numbers that must not be published.

Each number is a finding at its line: resident ID numbers (18 characters with
the right check digit and a real birth date, or the old 15-digit form), mobile
numbers (1[3-9] and 9 digits) and bank card numbers (16–19 digits that pass
the Luhn check).  A number whose clause holds one of the ``unless`` phrases
(统一社会信用代码, 索引号 …) is not personal.  The number is always shown
masked (``110***********1234``): in the message, the evidence, and — because
the engine masks every result — in every output format and in the report
text the HTML page shows.

Message placeholders: ``{what}`` (居民身份证号码 …), ``{masked}``.

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

from dataclasses import dataclass

from ..personal import Settings, find, mask
from ..schema import Phrases, param
from .forbid import clause

KIND = "personal-data"
SCOPE = ("document",)
CONTEXT = 8  # characters of evidence on each side of a number


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
