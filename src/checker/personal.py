"""Personal data in a text, and the same text with it masked.

What a published report must not carry (督察工作规定 第二十四条 publishes it on
the web): resident ID numbers — 18 characters whose last is the check digit
of GB 11643—1999 (checked with python-stdnum), with a real birth date, or the
old 15-digit form with a real date —, mobile numbers (1[3-9] and 9 digits,
optionally after +86 and split by spaces or hyphens) and bank card numbers
(16–19 digits that pass the Luhn check, optionally in groups of four).

:func:`mask` shows such a number as its first three and last four digits
(``110***********1234``); :func:`mask_result` applies it to everything a
result carries — every text of every finding, the title, the part headings,
the report's lines (the HTML page shows them) — so that no output format, nor
anything made from a result (``checker annotate``'s comments), ever shows a
whole number.  The ``personal-data`` rule uses :func:`find` to report them.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from functools import lru_cache
from typing import Optional

from . import rxcache
from .dccache import dataclass
from .textkit import without_overlaps

#: what each kind of number is called in messages
NAMES = {"id": "居民身份证号码", "old-id": "15 位居民身份证号码", "mobile": "手机号码", "card": "银行卡号"}

#: the first two digits of an ID number: the province-level division (GB/T 2260)
_PROVINCES = {
    *range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55), *range(61, 66), 71, 81, 82, 83, 91,
}
_EDGE_BEFORE = r"(?<![0-9A-Za-z.])"
_EDGE_AFTER = r"(?![0-9A-Za-z])"
_SEP = r"[ -]?"
_PATTERNS = (
    ("id", rxcache.compile(rf"{_EDGE_BEFORE}\d{{6}}{_SEP}\d{{8}}{_SEP}\d{{3}}[\dXx]{_EDGE_AFTER}")),
    ("card", rxcache.compile(rf"{_EDGE_BEFORE}(?:\d{{4}}(?:{_SEP}\d{{4}}){{3}}(?:{_SEP}\d{{1,3}})?|\d{{16,19}}){_EDGE_AFTER}(?![万亿元])")),
    ("old-id", rxcache.compile(rf"{_EDGE_BEFORE}\d{{15}}{_EDGE_AFTER}")),
    ("mobile", rxcache.compile(rf"{_EDGE_BEFORE}(?:\+?86{_SEP})?1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}}{_EDGE_AFTER}(?![万亿元])")),
)
#: full-width digits and separators as the ASCII ones, one character for one (offsets stay)
_ASCII = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "Ｘ": "X", "ｘ": "x", "－": "-", "\u3000": " "})


@dataclass(frozen=True)
class Settings:
    """Which numbers count, and how much of one a mask leaves."""

    id_numbers: bool = True
    old_id_numbers: bool = True
    mobile_numbers: bool = True
    card_numbers: bool = True
    keep_head: int = 3
    keep_tail: int = 4

    def wants(self, kind: str) -> bool:
        return {"id": self.id_numbers, "old-id": self.old_id_numbers, "mobile": self.mobile_numbers, "card": self.card_numbers}[kind]


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: str  # id | old-id | mobile | card
    text: str  # as written

    @property
    def name(self) -> str:
        return NAMES[self.kind]


_NOT_DIGIT = rxcache.compile(r"[^0-9Xx]")


def _digits(text: str) -> str:
    return _NOT_DIGIT.sub("", text).upper()


def _plausible_birth(day: date) -> bool:
    return date(1900, 1, 1) <= day <= date.today()


def is_id_number(number: str) -> bool:
    """An 18-character resident ID number: province, real birth date, right check digit."""
    number = _digits(number)
    if len(number) != 18 or not number[:17].isdigit() or int(number[:2]) not in _PROVINCES:
        return False
    from stdnum.cn import ric  # imported when a candidate turns up (stdnum costs ~15 ms: it imports ssl)

    try:
        return number[-1] == ric.calc_check_digit(number) and _plausible_birth(ric.get_birth_date(number))
    except Exception:  # stdnum's InvalidComponent and friends: not a real date
        return False


def is_old_id_number(number: str) -> bool:
    """A 15-digit resident ID number (before 1999): province and a real birth date (19YYMMDD)."""
    number = _digits(number)
    if len(number) != 15 or not number.isdigit() or int(number[:2]) not in _PROVINCES:
        return False
    try:
        return _plausible_birth(date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])))
    except ValueError:
        return False


def is_card_number(number: str) -> bool:
    """A bank card number: 16–19 digits starting 3–6 (the card schemes' ranges) that pass the Luhn check."""
    number = _digits(number)
    if not (16 <= len(number) <= 19 and number.isdigit() and number[0] in "3456"):
        return False
    from stdnum import luhn

    return luhn.is_valid(number) and not is_id_number(number)


_VALID = {"id": is_id_number, "old-id": is_old_id_number, "card": is_card_number, "mobile": lambda n: True}


#: what every pattern needs: three digits and four more, maybe after one separator (full-width
#: digits are digits too, and "－" "\u3000" the separators they become); a text without it holds no number
_HINT = rxcache.compile("\\d{3}[ \\-－\u3000]?\\d{4}")


def find(text: str, settings: Settings = Settings()) -> list[Found]:
    """The personal numbers in a text, in order, without overlaps."""
    if not _HINT.search(text):
        return []
    plain = text.translate(_ASCII)
    found = []
    for kind, rx in _patterns(settings):
        for m in rx.finditer(plain):
            if _VALID[kind](m.group(0)):
                found.append(Found(m.start(), m.end(), kind, text[m.start() : m.end()]))
    return without_overlaps(found)


@lru_cache(maxsize=16)
def _patterns(settings: Settings) -> tuple:
    """The (kind, pattern) pairs that ``settings`` asks for."""
    return tuple((kind, rx) for kind, rx in _PATTERNS if settings.wants(kind))


def masked_number(number: str, settings: Settings = Settings()) -> str:
    """``110105194912310021`` → ``110***********0021``: every digit but the first and last few
    is a ``*`` (separators stay)."""
    positions = [i for i, c in enumerate(number) if c.translate(_ASCII).isdigit() or c in "XxＸｘ"]
    if number.startswith(("+86", "86")) and len(positions) > 11:
        positions = positions[2:]  # the country code is not part of what is kept
    hidden = set(positions[settings.keep_head : len(positions) - settings.keep_tail])
    return "".join("*" if i in hidden else c for i, c in enumerate(number))


def mask(text: Optional[str], settings: Settings = Settings()) -> Optional[str]:
    """The text with every personal number masked (same length, same offsets)."""
    if not text:
        return text
    found = find(text, settings)
    if not found:
        return text
    out, at = [], 0
    for f in found:
        out.append(text[at : f.start])
        out.append(masked_number(f.text, settings))
        at = f.end
    out.append(text[at:])
    return "".join(out)


@lru_cache(maxsize=64)
def _field_names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _masked_fields(value, settings: Settings):
    """A frozen dataclass with every text field masked."""
    changes = {}
    for name in _field_names(type(value)):
        v = getattr(value, name)
        if isinstance(v, str):
            m = mask(v, settings)
            if m != v:
                changes[name] = m
    return dataclasses.replace(value, **changes) if changes else value


def mask_result(result, settings: Settings = Settings()):
    """A :class:`checker.model.ReportResult` with every personal number masked wherever it is shown:
    its texts (title, reason …; not the path), every text of its findings and parts, the report's
    lines and any list of texts (notes)."""
    for f in dataclasses.fields(result):
        value = getattr(result, f.name)
        if f.name == "path":
            continue
        if isinstance(value, str):
            setattr(result, f.name, mask(value, settings))
        elif isinstance(value, list) and value:
            setattr(result, f.name, [_masked_item(v, settings) for v in value])
    return result


def _masked_item(value, settings: Settings):
    if isinstance(value, str):
        return mask(value, settings)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _masked_fields(value, settings)
    if isinstance(value, tuple):  # a line of the report: (number, shown, text, chrome)
        return tuple(mask(v, settings) if isinstance(v, str) else v for v in value)
    return value
