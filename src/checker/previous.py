"""Which file is last year's report (``checker lint … --previous FILE|DIR``).

``--previous FILE``: last year's report of the one report being checked.

``--previous DIR``: for each report, last year's report is looked for in DIR
and its subfolders, by file name:

1. the report's name with its year one less: for ``青山县_2024.docx`` (the last
   ``20XX`` in the name) a file named ``青山县_2023`` with any supported
   extension;
2. else a file with the same name (folders by year: ``2024/青山县.docx`` and
   ``2023/青山县.docx``).

Among several candidates, one in the report's own folder comes first, then the
one with the same extension, then the shortest path.  A report never is its
own previous report.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

_YEAR = re.compile(r"20\d{2}")


class PreviousError(Exception):
    """A usage mistake; the message is a one-line Chinese explanation."""


def previous_name(stem: str) -> Optional[str]:
    """The file stem of last year's report, or None when the name carries no year."""
    found = list(_YEAR.finditer(stem))
    if not found:
        return None
    m = found[-1]
    return stem[: m.start()] + str(int(m.group()) - 1) + stem[m.end() :]


def _index(folder: Path, extensions) -> dict[str, list[Path]]:
    by_stem: dict[str, list[Path]] = {}
    for f in sorted(folder.rglob("*")):
        if f.is_file() and f.suffix.lower() in extensions and not f.name.startswith((".", "~$")):
            by_stem.setdefault(f.stem.lower(), []).append(f)
    return by_stem


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def find_previous(report: str, index: dict[str, list[Path]]) -> Optional[Path]:
    path = Path(report)
    wanted = [n for n in (previous_name(path.stem), path.stem) if n]
    for stem in wanted:
        candidates = [c for c in index.get(stem.lower(), []) if not _same(c, path)]
        if candidates:
            parent = path.parent.resolve()
            return min(
                candidates,
                key=lambda c: (c.parent.resolve() != parent, c.suffix.lower() != path.suffix.lower(), len(str(c)), str(c)),
            )
    return None


def previous_pairs(files: list[str], previous: str) -> tuple[tuple[tuple[str, str], ...], list[str]]:
    """((report, last year's report), ...) and the reports for which none was found."""
    from .readers import SUPPORTED_EXTENSIONS

    where = Path(previous)
    if where.is_dir():
        index = _index(where, SUPPORTED_EXTENSIONS)
        pairs, unmatched = [], []
        for f in files:
            found = find_previous(f, index)
            if found is None:
                unmatched.append(f)
            else:
                pairs.append((f, str(found)))
        return tuple(pairs), unmatched
    if not where.exists():
        raise PreviousError(f"{previous}: 上一年度报告不存在")
    if len(files) != 1:
        raise PreviousError(f"--previous 给的是一个文件，只能用于检查一份报告（现在有 {len(files)} 份）；批量检查请给出上一年度报告所在的文件夹，按文件名配对")
    if _same(where, Path(files[0])):
        raise PreviousError(f"{previous}: 上一年度报告和要检查的报告是同一个文件")
    return ((files[0], previous),), []


# ---------------------------------------------------------------- does the pair match?

#: what an organ's name may add or drop from one year to the next ("青山县人民政府" / "青山县")
_ORGAN_NOISE = re.compile(r"^中共|人民政府$|政府$|办公室$")


@lru_cache(maxsize=4096)
def _organ_key(subject: str) -> str:
    return _ORGAN_NOISE.sub("", subject.strip())


def same_organ(a: str, b: str) -> bool:
    """Whether two subjects name the same organ.

    Equal once 中共 / 人民政府 are set aside, or one is the other with a higher
    place in front ("沈阳市于洪区" / "于洪区"); "青山县司法局" is not "青山县".
    """
    ka, kb = _organ_key(a), _organ_key(b)
    if not ka or not kb:
        return True
    return ka == kb or ka.endswith(kb) or kb.endswith(ka)


def pair_problems(name: str, subject: Optional[str], year: Optional[int], previous_subject: Optional[str], previous_year: Optional[int]) -> list[str]:
    """Why last year's report ``name`` does not look like this report's previous one (empty: it does)."""
    problems = []
    if subject and previous_subject and not same_organ(subject, previous_subject):
        problems.append(f"上一年度报告 {name} 的机关（{previous_subject}）与本报告（{subject}）不同")
    if year is not None and previous_year is not None and year - previous_year != 1:
        problems.append(f"上一年度报告 {name} 是 {previous_year} 年度的，本报告是 {year} 年度，相差不是 1 年")
    return problems
