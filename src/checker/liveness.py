"""Rules that can never fire: ``checker rules validate FILE --against DIR``.

Vale's known weak spot is a rule whose scope never matches and so silently
finds nothing.  Here, over a folder of sample reports:

* a rule whose scope (a part, the title, the signature …) is absent from
  every sample can never fire on such reports;
* every *probe* of a rule — what its kind says it looks for, through the
  kind module's ``probes(rule, rulebook)``: the parts' heading aliases and
  signals, a duty's pattern, the topics' signals, a required phrase — that
  matches nothing in any sample is listed: a misspelt phrase, or a pattern
  so strict no report meets it.

Each is named with the file and line of its rule.
"""

from __future__ import annotations

import re
from typing import Iterable

from .checks import kinds
from .dccache import dataclass
from .matcher import heading_form, alias_score
from .outline import Outline
from .rulebook import Rulebook


@dataclass(frozen=True)
class Probe:
    """What a rule looks for: ``values`` (phrases, patterns or heading aliases) in ``texts``."""

    key: str  # the rulebook key it comes from ("any", "items.述法" …)
    values: tuple
    how: str  # phrase | regex | alias
    texts: str = "lines"  # lines | title | joined (the whole text, for patterns spanning lines)


@dataclass(frozen=True)
class Dead:
    file: str
    line: int | None
    rule: str
    key: str  # the rulebook key that matched nothing ("" when the rule's scope is never there)
    count: int  # how many entries it has

    def describe(self, samples: int) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if not self.key:
            return f"{where}: 规则“{self.rule}”的 scope 在 {samples} 份样本报告中都不存在，这条规则永远不会触发"
        return f"{where}: 规则“{self.rule}”的 {self.key}（{self.count} 项）在 {samples} 份样本报告中都没有匹配"


class _Samples:
    def __init__(self, outlines: list[Outline]):
        self.titles = [o.title for o in outlines if o.title]
        self.headings = [h.text for o in outlines for h in o.headings]
        self.lines = [ln.text for o in outlines for ln in o.body]
        self.joined = ["\n".join(ln.text for ln in o.body) for o in outlines]

    def texts(self, which: str) -> list[str]:
        return {"title": self.titles, "joined": self.joined}.get(which, self.lines)

    def fires(self, probe: Probe, rulebook: Rulebook) -> bool:
        values = [v for v in probe.values if v]
        texts = self.texts(probe.texts)
        if probe.how == "phrase":
            return any(v in t for t in texts for v in values)
        if probe.how == "regex":
            compiled = [re.compile(v) for v in values]
            return any(rx.search(t) for t in texts for rx in compiled)
        heading_forms = [heading_form(h, rulebook) for h in self.headings]
        return any(alias_score(heading_form(a, rulebook), f) >= rulebook.heading_threshold for a in values for f in heading_forms)


def dead_rules(rulebook: Rulebook, analyses: list) -> list[Dead]:
    """Every rule of ``rulebook`` whose scope or probes match nothing in the sample reports.

    ``analyses`` are the samples analysed by this rulebook (:func:`checker.analysis.analyse`).
    """
    s = _Samples([a.outline for a in analyses])
    registry = kinds()
    dead: list[Dead] = []
    for rule in rulebook.rules.values():
        if not rule.enabled:
            continue
        kind = registry[rule.kind]
        if rule.scope and getattr(kind, "PROBE_SCOPE", True) and not any(a.scope_present(rule.scope) for a in analyses):
            dead.append(Dead(rule.file, rule.line, rule.id, "", 0))
            continue
        probes: Iterable[Probe] = kind.probes(rule, rulebook) if hasattr(kind, "probes") else ()
        for probe in probes:
            if probe.values and not s.fires(probe, rulebook):
                dead.append(Dead(rule.file, rule.line, rule.id, probe.key, len(probe.values)))
    return dead
