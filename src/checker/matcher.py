"""Match the report's outline against the rulebook's parts.

Headings first, content second:

1. every heading at the top level or one level down is compared with each
   part's aliases (rapidfuzz, after stripping years and boiler-plate such as
   "推进法治政府建设的"); a heading may satisfy two parts
   ("存在的问题和2020年工作打算");
2. a top-level heading that no alias matched but that holds one of a part's
   ``heading_words`` ("四、存在的困难") is that part;
3. a report whose measures are several thematic top-level headings
   ("一、坚持党的领导……" "二、……") gets them as the part marked ``themes``
   (the measures), and so do sub-headings before the first top-level heading
   (a preview that cut off the beginning: "（二）规范执法……" … "二、存在的问题");
4. a part with no heading is looked for in the text: a paragraph carrying
   enough of the part's signal phrases (on word boundaries, jieba) makes it
   ``weak``;
5. causes are looked for inside the shortcomings part: a sub-heading or a
   causal phrase (主要原因 / 究其原因 / 由于……导致 …).  A heading that promises
   the part (``promised_by``: 原因) over a body that gives none leaves it
   ``missing``, and says so.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import field
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz, process

from . import rxcache
from .dccache import dataclass
from .normalize import TextLine
from .outline import Heading, Outline
from .rulebook import Part, Rulebook
from .textkit import cjk_len
from .tokens import Boundaries, find_words

_NOISE = rxcache.compile(r"[\s,、。;:!?“”\"'()《》〈〉<>\[\]【】\-—_·.0-9]")


@dataclass
class PartMatch:
    part: Part
    status: str  # present | weak | missing
    heading: Optional[Heading] = None
    line: Optional[TextLine] = None
    evidence: list[TextLine] = field(default_factory=list)
    text: str = ""  # the part's body text (for thin and substance checks)
    promised: bool = False  # causes: the shortcomings heading promises 原因
    via: str = ""  # heading | themes | content | none
    sections: tuple = ()  # via themes: every thematic heading that makes up the part


def heading_core(text: str, rulebook: Rulebook) -> str:
    return _core(text, rulebook.strip_from_headings)


@lru_cache(maxsize=8192)
def _core(text: str, strip: tuple[str, ...]) -> str:
    core = text
    for pattern in strip:
        core = re.sub(pattern, "", core)
    return _NOISE.sub("", core)


def alias_score(alias: str, core: str) -> float:
    """How well a heading's core text carries an alias (0-100)."""
    if not alias or not core:
        return 0.0
    if len(core) >= len(alias):
        return fuzz.partial_ratio(alias, core)
    return fuzz.ratio(alias, core)


MIN_CORE = 4  # an alias stripped to fewer characters is compared unstripped
MAX_PLAIN_HEADING = 20


def _plain_heading(text: str) -> bool:
    """A short heading of one clause ("存在的困难", "2024年重点工作"), not a
    two-clause theme ("严格规范公正文明执法，补齐基层执法短板")."""
    return len(text) <= MAX_PLAIN_HEADING and "," not in text


def _names_itself(core: str, words) -> bool:
    """A heading whose head is one of ``words``: at its start ("原因剖析") or its
    end ("问题成因分析", "问题产生的根源"), not inside a statement
    ("历史原因形成的违法建设存量仍然较大")."""
    return any(core.startswith(w) or w in core[-(len(w) + 2) :] for w in words)


def heading_form(text: str, rulebook: Rulebook) -> str:
    """The text with boiler-plate stripped or, where that leaves too little, as it is."""
    core = heading_core(text, rulebook)
    return core if len(core) >= MIN_CORE else _NOISE.sub("", text)


def _best_score(part: Part, heading: str, heading_text: str, rulebook: Rulebook) -> float:
    """The best alias score of a heading for a part: ``partial_ratio`` against the aliases
    no longer than the heading, ``ratio`` against the longer ones (rapidfuzz's extractOne
    does the loop in C; a heading seen before is not scored again)."""
    if not heading or any(word in heading_text for word in part.exclude):
        return 0.0
    return _alias_table(part.aliases, rulebook.strip_from_headings).best(heading)


class _AliasTable:
    """A part's alias forms by length, and the best score of each heading met so far."""

    __slots__ = ("lengths", "forms", "scores")

    def __init__(self, forms: tuple[str, ...]):
        ordered = sorted(forms, key=len)
        self.lengths = [len(f) for f in ordered]
        self.forms = ordered
        self.scores: dict[str, float] = {}

    def best(self, heading: str) -> float:
        score = self.scores.get(heading)
        if score is None:
            if len(self.scores) > 4096:
                self.scores.clear()
            score = self.scores[heading] = self._score(heading)
        return score

    def _score(self, heading: str) -> float:
        k = bisect_right(self.lengths, len(heading))
        best = 0.0
        if k:
            best = process.extractOne(heading, self.forms[:k], scorer=fuzz.partial_ratio)[1]
        if k < len(self.forms) and best < 100:
            best = max(best, process.extractOne(heading, self.forms[k:], scorer=fuzz.ratio)[1])
        return best


@lru_cache(maxsize=256)
def _alias_table(aliases: tuple[str, ...], strip: tuple[str, ...]) -> _AliasTable:
    return _AliasTable(_alias_forms(aliases, strip))


@lru_cache(maxsize=256)
def _alias_forms(aliases: tuple[str, ...], strip: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for alias in aliases:
        core = _core(alias, strip)
        form = core if len(core) >= MIN_CORE else _NOISE.sub("", alias)
        if form:
            out.append(form)
    return tuple(out)


class _Content:
    """Signal phrases per line, computed once per report."""

    def __init__(self, lines: list[TextLine]):
        self.lines = lines
        self._bounds: dict[int, Boundaries] = {}

    def signals_in(self, ln: TextLine, phrases) -> set[str]:
        bounds = self._bounds.get(ln.index)
        hits = set()
        for phrase in phrases:
            if phrase in ln.text:
                if bounds is None:
                    bounds = self._bounds[ln.index] = Boundaries(ln.text)
                if find_words(ln.text, [phrase], bounds):
                    hits.add(phrase)
        return hits


def _find_in_text(part: Part, lines: list[TextLine], content: _Content) -> list[TextLine]:
    """Lines that on their own carry the part: enough distinct signals, a strong one among them."""
    found = []
    strong = set(part.strong_signals)
    for ln in lines:
        # the words are only looked up (jieba) in a line that holds enough of the phrases at all
        present = [phrase for phrase in part.signals if phrase in ln.text]
        if len(present) < part.min_signals or (strong and strong.isdisjoint(present)):
            continue
        hits = content.signals_in(ln, present)
        if len(hits) >= part.min_signals and (not strong or hits & strong):
            found.append(ln)
    return found


def _opened(part: Part, outline: Outline, lines: list[TextLine]) -> list[TextLine]:
    """A paragraph that opens like the part ("下一步，我镇将……") and the paragraphs after it up to the next heading."""
    if not part.openers:
        return []
    compiled = _compiled(part.openers)
    starts = {h.start for h in outline.headings}
    position = {id(ln): k for k, ln in enumerate(outline.body)}
    for ln in lines:
        if any(rx.match(ln.text) for rx in compiled):
            found = [ln]
            k = position[id(ln)] + 1
            while k < len(outline.body) and k not in starts:
                found.append(outline.body[k])
                k += 1
            # an arrangement takes more than one sentence; "下一步，我们将认真解决存在的问题。" is a closing promise
            if sum(1 for x in found for s in _STOPPED.findall(x.text) if cjk_len(s) >= 4) >= 2:
                return found
    return []


#: a sentence that ends with a stop (a signature line "某镇人民政府" does not)
_STOPPED = rxcache.compile(r"[^。;!?]{1,500}[。;!?]")


@lru_cache(maxsize=8192)
def _heads_causes(text: str, container_words: tuple, words: tuple, aliases: tuple, strip: tuple, threshold: float) -> bool:
    """Whether a heading is one of the causes' own: it holds none of the container's heading words
    (the shortcomings' own heading, or a copy of it) and names itself by one of ``words`` or
    resembles an alias as a whole (cached: reports share their headings)."""
    if any(word in text for word in container_words):
        return False
    core = _core(text, strip)
    return _names_itself(core or text, words) or max((fuzz.ratio(a, core) for a in aliases), default=0) >= threshold


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> tuple:
    return tuple(rxcache.compile(p) for p in patterns)


def _find_causes(part: Part, container: PartMatch, outline: Outline, rulebook: Rulebook) -> PartMatch:
    heading = container.heading
    promised = heading is not None and any(word in heading.text for word in part.promised_by)
    # a heading of its own, such as "（二）原因分析" under the shortcomings or
    # "三、原因剖析" after them: one that holds a heading word (原因, 成因 …) or
    # resembles an alias as a whole; the container's own "存在的问题和原因"
    # never counts
    for h in outline.headings:
        if h is heading:
            continue
        if _heads_causes(h.text, container.part.heading_words, part.heading_words, part.aliases, rulebook.strip_from_headings, rulebook.heading_threshold):
            return PartMatch(part, "present", heading=h, line=h.line, text=outline.section_text(h), promised=promised, via="heading")
    if heading is not None:
        lines = [heading.line] if heading.inline_body else []
        lines += outline.section_lines(heading)
    else:
        lines = list(container.evidence)
    compiled = _compiled(part.patterns)
    evidence = []
    for ln in lines:
        text = heading.inline_body if heading is not None and ln is heading.line else ln.text
        if any(rx.search(text) for rx in compiled):
            evidence.append(ln)
    if evidence:
        return PartMatch(part, "present", line=evidence[0], evidence=evidence, text="\n".join(ln.text for ln in evidence), promised=promised, via="content")
    return PartMatch(part, "missing", promised=promised, via="none")


def _empty(outline: Outline, heading: Heading) -> bool:
    """A heading with no text under it, not even a sub-heading (a form's empty row); a skeleton's
    heading over its guidance line is not empty: the guidance is template-placeholder's business."""
    return not heading.inline_body and heading.end <= heading.start + 1 and not heading.guided


def match_parts(outline: Outline, rulebook: Rulebook) -> dict[str, PartMatch]:
    top = outline.top_rank
    # a heading with nothing under it (a form's empty row) does not make a part present
    candidates = [h for h in outline.headings if top is not None and h.rank <= top + 1 and not _empty(outline, h)]

    results: dict[str, PartMatch] = {}
    assigned: set[int] = set()
    heading_parts = [p for p in rulebook.parts if not p.within]
    forms = {h.start: heading_form(h.text, rulebook) for h in candidates}
    for part in heading_parts:
        best: Optional[tuple] = None
        for h in candidates:
            score = _best_score(part, forms[h.start], h.text, rulebook)
            if score >= rulebook.heading_threshold:
                key = (score, -h.rank, -h.start)
                if best is None or key > best[0]:
                    best = (key, h)
        if best is not None:
            h = best[1]
            assigned.add(h.start)
            results[part.id] = PartMatch(part, "present", heading=h, line=h.line, text=outline.section_text(h), via="heading")

    # A top-level heading no alias matched may still name a part in other words
    # ("四、存在的困难", "五、下一步努力方向"): the part's heading words decide.
    for h in outline.top_level():
        if h.start in assigned or not _plain_heading(h.text) or _empty(outline, h):
            continue
        for part in heading_parts:
            if part.id in results or any(word in h.text for word in part.exclude):
                continue
            if any(word in h.text for word in part.heading_words):
                assigned.add(h.start)
                results[part.id] = PartMatch(part, "present", heading=h, line=h.line, text=outline.section_text(h), via="heading")

    # Thematic top-level headings that no part claimed are the part that takes
    # them (``themes: true``: the measures).
    theme_part = next((p for p in heading_parts if p.themes), None)
    if theme_part is not None and theme_part.id not in results:
        # (sub-headings before the first top-level one are thematic too: their own heading was
        # lost, as when a sharing site's preview cuts off the beginning)
        roots = [h for h in outline.headings if h.rank == top or (h.rank > top and outline.parent_of(h) is None)]
        themes = [h for h in roots if h.start not in assigned and not _empty(outline, h)]
        # themes come before the closing parts (shortcomings / plan); a lone
        # unclaimed heading after them is not the measures (after a part that
        # may lead a report, ``leads: true`` such as the first-responsible part, it is)
        closing = [r.heading for r in results.values() if r.heading is not None and not r.part.leads]
        first_closing = min((h.start for h in closing), default=None)
        themes = [h for h in themes if first_closing is None or h.start < first_closing or len(themes) >= 2]
        if themes:
            text = "\n".join(outline.section_text(h) for h in themes)
            results[theme_part.id] = PartMatch(theme_part, "present", heading=themes[0], line=themes[0].line, text=text, via="themes", sections=tuple(themes))

    content = _Content(outline.body)
    searchable = [ln for ln in outline.body if ln is not outline.title_line]
    for part in heading_parts:
        if part.id in results:
            continue
        opened = _opened(part, outline, searchable)
        if opened:
            results[part.id] = PartMatch(part, "weak", line=opened[0], evidence=opened, text="\n".join(ln.text for ln in opened), via="content")
            continue
        lines = _find_in_text(part, searchable, content)
        if lines:
            results[part.id] = PartMatch(part, "weak", line=lines[0], evidence=lines, text="\n".join(ln.text for ln in lines), via="content")
        else:
            results[part.id] = PartMatch(part, "missing", via="none")

    for part in rulebook.parts:
        if part.within:
            container = results.get(part.within)
            if container is None or container.status == "missing":
                results[part.id] = PartMatch(part, "missing", via="none")
            else:
                results[part.id] = _find_causes(part, container, outline, rulebook)
                if container.status == "weak" and results[part.id].status == "present":
                    results[part.id].status = "weak"
    return {p.id: results[p.id] for p in rulebook.parts}
