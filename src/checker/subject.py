"""Who wrote a report: the organ its title names, else the subject of its opening sentence, else its signature.

* the title: the rulebook's ``detect`` rules cut the organ out of it
  ("青山县司法局2023年法治政府建设年度报告" → 青山县司法局), and it must end like an organ;
* the opening sentence: an organ name at the start of a clause, followed by a
  predicate ("2025年，下蜀镇坚持……", "2022年，司法部坚持……", "在市委……领导下，区政府坚持……"),
  or a pronoun with an organ suffix ("现将我区……", "我局坚持……"), or the organ a speaker
  delivers it for ("我受县人民政府委托，向县人大常委会报告……");
* the signature: a short line among the last ones that is only an organ's name.

An addressee line ("市委、市政府:") names the superior, never the author.  The
words are data (``rules/vocabulary/subjects.yaml`` and ``titles.yaml``).

For choosing a profile, a joint subject ("中共某县委 某县人民政府", "海关总署党委 海关总署",
"共和乡党委、政府") counts as its government or department: party organs are read
without their party affixes ("共和乡党委" → 共和乡).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from . import rxcache
from .dccache import dataclass
from .furniture import furniture, is_date_line
from .normalize import TextLine
from .titlewords import clean_title, is_addressee, is_document_number
from .vocabulary import alternation, vocabulary

#: how many lines at the end of a report may hold its signature (落款)
SIGNATURE_LINES = 4
_SIGNATURE_MAX = 30
#: how much of the opening is read for its subject
OPENING_CHARS = 200
_SIGNATURE_DATE = rxcache.compile(r"^\s*(20\d{2}|二〇[一二三四五六七八九〇零]{2})\s*年")
_PUNCT = rxcache.compile(r"[\s,、。;:!?“”\"'()《》<>\[\]【】·.\-—_]")
#: characters that never stand inside an organ's name (a preposition or particle: "在市委……领导下")
_NOT_IN_NAME = "在的对把被了"
_JOINERS = "、和与及"
#: a site's column in brackets before a headline: "【法治政府建设】蓝湾经开区综合执法局2023年……"
_COLUMN_TAG = rxcache.compile(r"^\s{0,2}【[^】]{1,12}】")


@dataclass(frozen=True)
class Subject:
    text: str  # the organ as read: "下蜀镇", "我局", "海关总署党委 海关总署"
    source: str  # title | opening | signature
    line: Optional[TextLine] = None

    @property
    def named(self) -> bool:
        """Whether it names the organ ("下蜀镇"), not only its kind ("我局", "街道", "区政府", "自治区")."""
        return _p().kind_only.fullmatch(self.text) is None


class _Patterns:
    def __init__(self) -> None:
        v = vocabulary()
        suffixes = set(v.organ_suffixes) | set(v.bare_subjects)
        suffix = alternation(suffixes)
        levels = "".join(re.escape(w) for w in v.level_words)
        name = rf"[^\W\d_{_NOT_IN_NAME}a-zA-Z]{{0,14}}?"
        short_name = rf"[^\W\d_{_NOT_IN_NAME}a-zA-Z]{{0,6}}?"
        # a 范文's blank may stand where the name belongs: "××局", "XX县人民政府", "x镇"
        blank = rf"(?:(?<![A-Za-z])(?:{alternation(v.placeholder_names)})(?![A-Za-z]))?"
        organ = rf"(?:{blank}{name}(?:{suffix})|[{levels}](?:人民)?政府)"
        joined = rf"(?:{short_name}(?:{suffix})|[{levels}](?:人民)?政府)"
        verbs = alternation(v.subject_verbs)
        # an organ (or two or three joined: "共和乡党委、政府") followed by its predicate
        self.organ_at = rxcache.compile(
            rf"\s{{0,2}}(?P<organ>{organ}(?:\s{{0,2}}[{_JOINERS}]\s{{0,2}}{joined}){{0,2}})(?=\s{{0,2}}(?:{verbs}))"
        )
        self.clause_start = rxcache.compile(r"[,，;；:：。!！]")
        # "现将某镇2023年法治政府建设情况报告如下": the formula that hands over the report names its author
        self.handover = rxcache.compile(rf"现将\s{{0,2}}(?P<organ>{organ})(?=\s{{0,2}}(?:\d|的|法治|依法|年度|今年|一年|本年|上年|上一年))")
        # "我受县人民政府委托，向县人大常委会报告……": who delivers a report names whose it is
        self.entrusted = rxcache.compile(rf"受\s{{0,2}}(?P<organ>{organ})\s{{0,2}}(?:的)?委托")
        # "根据县委……要求" "按照……" "为……": a lead-in, not a subject
        self.lead_in = rxcache.compile(rf"^(?:{alternation(v.subject_lead_ins)})")
        self.pronouns = tuple(v.subject_pronouns)
        pronouns = alternation(v.subject_pronouns)
        short = alternation(s for s in suffixes if len(s) <= 2)
        self.pronoun = rxcache.compile(rf"(?:{pronouns})(?:{short})(?=\s{{0,2}}(?:{verbs})|[\d,，、的])")
        self.organ_end = rxcache.compile(rf"(?:{suffix})$")
        # a subject that only says what kind of organ wrote it: 我局, 本县, 街道, 区政府, 自治区
        # (or a 范文's blank before the kind: ××局, XX县人民政府)
        blanks = alternation(v.placeholder_names)
        self.kind_only = rxcache.compile(
            rf"(?:(?:{blanks})*(?:{pronouns})?(?:{short})|(?:{blanks})*(?:{alternation(v.bare_subjects)}|[{levels}](?:人民)?政府|{suffix}))"
        )
        self.party_prefix = rxcache.compile(rf"^(?:{alternation(v.party_prefixes)})")
        self.party_suffix = rxcache.compile(rf"(?:{alternation(v.party_suffixes)})$")
        self.split = rxcache.compile(r"[\s、]{1,3}")  # not 和: 共和乡, 和平区


@lru_cache(maxsize=1)
def _p() -> _Patterns:
    return _Patterns()


def names_organ(text: str) -> bool:
    """Whether ``text`` ends like the name of an organ (局, 委, 镇, 人民政府 …)."""
    return bool(text) and bool(_p().organ_end.search(text))


def cut_subject(text: str, detect) -> str:
    """What a title says before its subject ends, by the rulebook's ``detect`` (years and 关于 removed)."""
    subject = text
    for pattern in detect.subject_strip:
        subject = rxcache.compile(pattern).sub("", subject)
    if detect.subject_end:
        m = rxcache.compile(detect.subject_end).search(subject)
        if m:
            subject = subject[: m.start()]
    return subject


def title_subject(title: str, detect) -> Optional[str]:
    """The organ a title names ("青山县司法局2023年法治政府建设年度报告" → 青山县司法局), or None."""
    if not title or detect is None:
        return None
    subject = cut_subject(_COLUMN_TAG.sub("", clean_title(title)), detect).strip(" ,、:;")
    if "《" in subject or "【" in subject or _p().lead_in.match(subject):
        return None  # "《鹤川市…》问答", "【图文解读】一图读懂《…", "在全县…会上的讲话": no organ reports
    return subject if names_organ(_PUNCT.sub("", subject)) else None


def opening_subject(text: str) -> Optional[str]:
    """The organ an opening sentence is about ("2025年,下蜀镇坚持……" → 下蜀镇), or None.

    An organ at the start of a clause, followed by a predicate; else a pronoun
    with an organ suffix ("现将我区……").
    """
    p = _p()
    head = text[:OPENING_CHARS]
    starts = [0] + [m.end() for m in p.clause_start.finditer(head)]
    for start in starts:
        m = p.organ_at.match(head, start)
        if m and not p.lead_in.match(m.group("organ")):
            return m.group("organ").strip()
    m = p.handover.search(head)
    if m and not p.pronoun.fullmatch(m.group("organ")):
        return m.group("organ")
    m = p.entrusted.search(head)
    if m:
        return m.group("organ")
    m = p.pronoun.search(head)
    return m.group(0) if m else None


def opening_lines(body: list[TextLine], title_line: Optional[TextLine]) -> list[TextLine]:
    """The first lines of the report's text: after the title, skipping addressee, 文号 and date lines."""
    start = body.index(title_line) + 1 if title_line is not None and title_line in body else 0
    out = []
    for ln in body[start:]:
        text = ln.text
        if is_addressee(text) or is_document_number(text) or is_date_line(text) or furniture().is_category(text):
            continue
        if len(text) < 12 and not rxcache.compile(r"[,。;]").search(text):
            continue  # a name, a repeated short title, a stray heading word
        if text.startswith(("——", "—", "--")):
            continue  # a subtitle: "——2024年3月26日在县人大常委会第十五次会议上"
        out.append(ln)
        if len(out) == 2:
            break
    return out


def find_subject(title: Optional[str], title_line: Optional[TextLine], body: list[TextLine], detect) -> Optional[Subject]:
    """The organ that wrote the report: from its title, its opening sentence or its signature."""
    named = title_subject(title or "", detect)
    if named:
        return Subject(named, "title", title_line)
    signed = _signature(body, title_line)
    for ln in opening_lines(body, title_line):
        found = opening_subject(ln.text)
        if found:
            if signed is not None and found[0] in _p().pronouns and found[1:] in signed.text:
                return signed  # "我镇" in the opening, "松林镇人民政府" signed: the name
            return Subject(found, "opening", ln)
    return signed


def _signature(body: list[TextLine], title_line: Optional[TextLine]) -> Optional[Subject]:
    """The organ named on a short line among the last ones (落款), or None."""
    for ln in reversed(body[-SIGNATURE_LINES:]):
        text = ln.text.strip()
        if not text or len(text) > _SIGNATURE_MAX or "。" in text or _SIGNATURE_DATE.match(text) or ln is title_line:
            continue
        if names_organ(_PUNCT.sub("", text)) and not is_addressee(text):
            return Subject(text, "signature", ln)
    return None


def organs_for_profile(subject: str) -> list[str]:
    """The organs of a subject in the order that decides its profile: a government or department
    before a party organ, a party organ read without its party affixes ("共和乡党委" → 共和乡)."""
    p = _p()
    organs = [o for o in p.split.split(subject.strip()) if o]
    own, party = [], []
    for organ in organs:
        bare = p.party_prefix.sub("", organ)
        stripped = p.party_suffix.sub("", bare)
        if stripped != organ:
            if stripped and stripped != bare and not names_organ(stripped):
                stripped = bare[:-1]  # "某县委" → 某县
            if stripped and names_organ(stripped):
                party.append(stripped)
        elif len(organ) > 2:
            own.append(organ)
        else:
            party.append(organ)  # a bare "政府" after "某乡党委、" says no more than the party organ
    return own + party + [_PUNCT.sub("", subject)]
