"""length: 有标题，但标题下几乎没有内容。

按标题找到的部分，正文汉字少于该部分 thin 的 min_chars、且不超过 ``max_sentences`` 句（一个标题加一两句话），
即为单薄；不论多长，少于 ``min_sentences`` 句且少于 ``min_figures`` 个数字的（一长句口号）也是。范围是要看的部分
（默认：设了 thin.min_chars 的每个部分）；在另一部分之内找到的部分（within）不看。

提示语占位符：``{name}``（部分名称）、``{sentences}``、``{chars}``。

Example::

    rule:
      kind: length
      scope: [first_responsible]
      max_sentences: 2
      message: “{name}”部分内容单薄
    fail: |
      三、党政主要负责人履行推进法治建设第一责任人职责情况
      主要负责人认真履职。
    pass: |
      三、党政主要负责人履行推进法治建设第一责任人职责情况
      县政府主要负责人对法治建设重要工作亲自部署、重大问题亲自过问，全年组织县政府常务会议会前学法12次，听取法治政府建设工作汇报4次，出庭应诉3次，年终述法并接受评议。
"""

from __future__ import annotations

from typing import Optional

from .. import rxcache
from ..dccache import dataclass
from ..schema import param
from ..textkit import FIGURE, SENTENCE, cjk_len

KIND = "length"


@dataclass(frozen=True)
class Config:
    max_sentences: int = param(2, "不超过这么多句（且字数不足该部分 thin 的 min_chars）即为单薄")
    min_sentences: int = param(0, "不足这么多句、且数据不足 min_figures 个的，不论多长都是单薄（只有标题和一句话）；0 = 不看")
    min_figures: int = param(2, "与 min_sentences 一起用：一句话中有这么多个数据（不含年月日）就不算单薄")


_FIGURE = rxcache.compile(FIGURE)


#: at least four Chinese characters (what makes a sentence count)
_FOUR_CJK = rxcache.compile(r"[\u4e00-\u9fff](?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){3}")


def count_sentences(text: str, limit: Optional[int] = None) -> int:
    """The sentences of ``text`` with at least four Chinese characters (counted up to ``limit``)."""
    n = 0
    for m in SENTENCE.finditer(text):
        if _FOUR_CJK.search(m.group()):
            n += 1
            if n == limit:
                break
    return n


def check(a, rule):
    wanted = set(rule.scope)
    for pid, m in a.parts.items():
        part = m.part
        if wanted and pid not in wanted:
            continue
        if m.status != "present" or m.via != "heading" or part.within or part.min_chars <= 0:
            continue
        # more sentences than this and the part is neither thin nor bare, however long it is
        sentences = count_sentences(m.text, max(rule.config.max_sentences, rule.config.min_sentences) + 1)
        if sentences > rule.config.max_sentences and sentences >= rule.config.min_sentences:
            continue
        chars = cjk_len(m.text)
        bare = sentences < rule.config.min_sentences and len(_FIGURE.findall(m.text)) < rule.config.min_figures
        if (chars < part.min_chars and sentences <= rule.config.max_sentences) or bare:
            yield rule.finding(
                a,
                m.line,
                {"name": part.name, "sentences": sentences, "chars": chars},
                part=pid,
                evidence=m.heading.text if m.heading else None,
            )
