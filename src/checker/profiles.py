"""Which profile judges a report: the one asked for, or the one its title names.

Without ``--profile`` / ``--rulebook`` each report is judged by the shipped
profile that fits its subject (the organ that wrote it): a 司法局 report by
``department``, a 镇 or 街道 report by ``township``, a county's by
``government``.  The subject is read from the title (or, when the title names
no organ, from the signature at the end) and matched against the ``detect``
rules of the base rulebook (``rules/national.yaml``): data, not code.

Every profile is loaded once per process and kept (:class:`AutoProfile`).
"""

from __future__ import annotations

import re
from typing import Optional, Union

from .rulebook import Detect, Rulebook, load_rulebook, shipped_names

BASE = "national"
#: how many lines at the end of a report may hold its signature (落款)
SIGNATURE_LINES = 4
_SIGNATURE_MAX = 30
_DATE = re.compile(r"^\s*(20\d{2}|二〇[一二三四五六七八九〇零]{2})\s*年")
_PUNCT = re.compile(r"[\s,、。;:!?“”\"'()《》<>\[\]【】·.\-—_]")


def subject_of(text: str, detect: Detect) -> str:
    """The organ a title (or signature line) names: ``青山县司法局2023年法治政府建设年度报告`` → ``青山县司法局``."""
    subject = text
    for pattern in detect.subject_strip:
        subject = re.sub(pattern, "", subject)
    if detect.subject_end:
        m = re.search(detect.subject_end, subject)
        if m:
            subject = subject[: m.start()]
    return _PUNCT.sub("", subject)


def profile_for_subject(subject: str, detect: Detect) -> Optional[str]:
    if not subject:
        return None
    for profile, pattern in detect.rules:
        if re.search(pattern, subject):
            return profile
    return None


def detect_profile(title: Optional[str], signature: list[str], detect: Optional[Detect]) -> Optional[str]:
    """The profile named by the title, else by a signature line; None when neither names an organ."""
    if detect is None:
        return None
    if title:
        found = profile_for_subject(subject_of(title, detect), detect)
        if found:
            return found
    for line in reversed(signature):
        text = line.strip()
        if not text or len(text) > _SIGNATURE_MAX or "。" in text or _DATE.match(text):
            continue
        found = profile_for_subject(_PUNCT.sub("", text), detect)
        if found:
            return found
    return None


def report_subject(title: Optional[str], signature: list[str], detect: Optional[Detect]) -> Optional[str]:
    """The organ that wrote the report (单位): named in the title, else the signature's organ line."""
    if detect is None:
        return None
    if title:
        found = subject_of(title, detect)
        if found and len(found) <= _SIGNATURE_MAX:
            return found
    for line in reversed(signature):
        text = _PUNCT.sub("", line.strip())
        if text and len(text) <= _SIGNATURE_MAX and "。" not in line and not _DATE.match(line.strip()) and profile_for_subject(text, detect):
            return text
    return None


class AutoProfile:
    """No profile asked for: each report gets the shipped profile its subject calls for.

    Anything else asked of it (``id``, ``parts``, ``checks``, ``pass_mark`` …)
    is answered by the base rulebook, so code that needs one rulebook for a
    whole run (formatters' rule metadata, the summary's pass mark) keeps
    working.
    """

    def __init__(self, base: str = BASE):
        self.base = load_rulebook(base)
        self._loaded: dict[str, Rulebook] = {self.base.id: self.base}
        self._shipped = set(shipped_names())

    def __getattr__(self, name):
        if name == "base":  # not yet set (unpickling, copying)
            raise AttributeError(name)
        return getattr(self.base, name)

    def profile(self, name: str) -> Rulebook:
        if name not in self._loaded:
            self._loaded[name] = load_rulebook(name)
        return self._loaded[name]

    def choose(self, title: Optional[str], signature: list[str]) -> Rulebook:
        name = detect_profile(title, signature, self.base.detect)
        if name is None or name not in self._shipped:
            return self.base
        return self.profile(name)


RulebookChoice = Union[Rulebook, AutoProfile]


def select_rulebook(ref: Optional[str]) -> RulebookChoice:
    """A named or given rulebook, or (``None``) automatic choice by subject.  Raises RulebookError."""
    if ref is None:
        return AutoProfile()
    return load_rulebook(ref)


def named(choice: RulebookChoice, profile: Optional[str]) -> Rulebook:
    """The rulebook a result names as its ``profile`` (the one that judged it), from a run's choice."""
    if isinstance(choice, AutoProfile):
        return choice.profile(profile) if profile in choice._shipped else choice.base
    return choice


def resolve(choice: RulebookChoice, outline) -> Rulebook:
    """The rulebook that judges this report (its outline gives title and signature)."""
    if isinstance(choice, AutoProfile):
        tail = [ln.text for ln in outline.body[-SIGNATURE_LINES:]]
        return choice.choose(outline.title, tail)
    return choice
