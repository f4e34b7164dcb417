"""Rules that can never fire: ``checker rules validate FILE --against DIR``.

Vale's known weak spot is a rule whose scope never matches and so silently
finds nothing.  Here every *matcher* of a rulebook (a part's heading aliases,
content signals and regular expressions; a check's patterns, duties, topics
and word lists) is tried against a folder of sample reports, and each one that
matches nothing in any of them is listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .matcher import _form, alias_score
from .outline import Outline
from .rulebook import Rulebook


@dataclass(frozen=True)
class Dead:
    rule: str  # rule id (missing-part for a part)
    part: str  # part id or ""
    key: str  # the rulebook key that matched nothing
    count: int  # how many entries it has

    def describe(self, samples: int) -> str:
        where = f"部分“{self.part}”" if self.rule == "missing-part" else f"检查“{self.rule}”"
        return f"{where}的 {self.key}（{self.count} 项）在 {samples} 份样本报告中都没有匹配"


class _Samples:
    def __init__(self, outlines: list[Outline]):
        self.titles = [o.title for o in outlines if o.title]
        self.headings = [h.text for o in outlines for h in o.headings]
        self.lines = [ln.text for o in outlines for ln in o.body]

    def any_phrase(self, phrases: Iterable[str]) -> bool:
        phrases = [p for p in phrases if p]
        return any(p in ln for ln in self.lines for p in phrases)

    def any_regex(self, patterns: Iterable[str], texts: list[str] | None = None) -> bool:
        compiled = [re.compile(p) for p in patterns]
        return any(rx.search(t) for t in (self.lines if texts is None else texts) for rx in compiled)

    def any_alias(self, aliases: Iterable[str], rulebook: Rulebook) -> bool:
        heading_forms = [_form(h, rulebook) for h in self.headings]
        for alias in aliases:
            a = _form(alias, rulebook)
            if any(alias_score(a, f) >= rulebook.heading_threshold for f in heading_forms):
                return True
        return False


def dead_matchers(rulebook: Rulebook, outlines: list[Outline]) -> list[Dead]:
    """Every matcher of ``rulebook`` that matches nothing in the sample outlines."""
    s = _Samples(outlines)
    dead: list[Dead] = []
    for part in rulebook.parts:
        tests = [
            ("aliases", part.aliases, lambda v: s.any_alias(v, rulebook)),
            ("signals", part.signals, s.any_phrase),
            ("strong_signals", part.strong_signals, s.any_phrase),
            ("patterns", part.patterns, s.any_regex),
        ]
        for key, values, fires in tests:
            if values and not fires(values):
                dead.append(Dead("missing-part", part.id, key, len(values)))
        for topic in part.topics:
            if not s.any_phrase(topic.signals):
                dead.append(Dead("outline-coverage", part.id, f"topics.{topic.id}.signals", len(topic.signals)))
    for cid, check in rulebook.checks.items():
        if not check.enabled:
            continue
        p = check.params
        if cid == "title-format" and p.get("patterns") and not s.any_regex(p["patterns"], s.titles):
            dead.append(Dead(cid, "", "patterns", len(p["patterns"])))
        if cid == "first-responsible-duties":
            for duty in p.get("duties", []):
                if not s.any_regex([duty["pattern"]]):
                    dead.append(Dead(cid, "", f"duties.{duty['name']}", 1))
        if cid == "plan-concrete-items":
            if p.get("item_pattern") and not s.any_regex([p["item_pattern"]], ["\n".join(s.lines)]):
                dead.append(Dead(cid, "", "item_pattern", 1))
            if p.get("concrete") and not s.any_phrase(p["concrete"]):
                dead.append(Dead(cid, "", "concrete", len(p["concrete"])))
        if cid == "measures-figures" and p.get("number_pattern") and not s.any_regex([p["number_pattern"]]):
            dead.append(Dead(cid, "", "number_pattern", 1))
    return dead
