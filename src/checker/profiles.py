"""Which profile judges a report: the one asked for, or the one its subject calls for.

Without ``--profile`` / ``--rulebook`` each report is judged by the shipped
profile that fits its subject (the organ that wrote it): a 司法局 or a 司法部
report by ``department``, a 镇 or 街道 report by ``township``, a county's or a
development zone's by ``government``.  The subject is read from the title,
else from the opening sentence, else from the signature (subject.py), and
matched against the ``detect`` rules of the base rulebook
(``rules/national.yaml``): data, not code.

Every profile is loaded once per process and kept (:class:`AutoProfile`).
"""

from __future__ import annotations

from typing import Optional, Union

from .rulebook import Detect, Rulebook, load_rulebook, shipped_names
from .subject import Subject, cut_subject, find_subject, organs_for_profile
from . import rxcache

BASE = "national"
_SIGNATURE_MAX = 30
_DATE = rxcache.compile(r"^\s*(20\d{2}|二〇[一二三四五六七八九〇零]{2})\s*年")
_PUNCT = rxcache.compile(r"[\s,、。;:!?“”\"'()《》<>\[\]【】·.\-—_]")


def subject_of(text: str, detect: Detect) -> str:
    """The organ a title (or signature line) names: ``青山县司法局2023年法治政府建设年度报告`` → ``青山县司法局``."""
    return _PUNCT.sub("", cut_subject(text, detect))


def profile_for_subject(subject: str, detect: Detect) -> Optional[str]:
    """The profile a subject calls for; a joint subject counts as its government or department."""
    if not subject:
        return None
    for organ in organs_for_profile(subject):
        for profile, pattern in detect.rules:
            if rxcache.compile(pattern).search(organ):
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
        return self._named(detect_profile(title, signature, self.base.detect))

    def choose_for(self, subject: Optional[Subject]) -> Rulebook:
        """The profile for a subject found by :func:`checker.subject.find_subject`."""
        if subject is None or self.base.detect is None:
            return self.base
        return self._named(profile_for_subject(subject.text, self.base.detect))

    def _named(self, name: Optional[str]) -> Rulebook:
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


def report_subject(choice: RulebookChoice, outline) -> Optional[Subject]:
    """Who wrote the report (its title, opening sentence or signature), read with the base rulebook's ``detect``."""
    detect = choice.base.detect if isinstance(choice, AutoProfile) else choice.detect
    if detect is None:
        detect = load_rulebook(BASE).detect
    return find_subject(outline.title, outline.title_line, outline.body, detect)


def resolve(choice: RulebookChoice, subject: Optional[Subject]) -> Rulebook:
    """The rulebook that judges this report: the one asked for, or the one its subject calls for."""
    if isinstance(choice, AutoProfile):
        return choice.choose_for(subject)
    return choice
