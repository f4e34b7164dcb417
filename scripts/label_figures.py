"""Print how many labels of each labelled set hold (realpages, corpus, eval sets).

    python scripts/label_figures.py [--verbose]

A label is one expected fact of one file: title, year, published, profile,
a part's presence, a finding that must (not) be there, passed: false.
Titles are compared with all spacing removed and in simplified characters,
as ../shared/realpages/README.md says.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SETS = {
    "realpages": SHARED / "realpages",
    "webeval": REPO / "tests" / "data" / "webeval",
    "corpus": SHARED / "corpus",
    **{name: REPO / "tests" / "data" / name for name in ("eval", "eval2", "eval3", "eval4")},
}


# web copies are judged with the profile their subject calls for, as `checker lint` does
WEB_SETS = ("realpages", "webeval")


def same_title(got, expected) -> bool:
    from checker.normalize import simplified

    if expected is None or got is None:
        return got is expected
    flat = lambda s: re.sub(r"\s+", "", simplified(s))  # noqa: E731
    return flat(got) == flat(expected)


def has_title_text(got, expected) -> bool:
    from checker.normalize import simplified

    flat = lambda s: re.sub(r"\s+", "", simplified(s))  # noqa: E731
    return got is not None and flat(expected) in flat(got)


def labels_of(case: dict):
    """(label, expected) pairs of one case."""
    expect = case["expect"]
    for key in ("title", "title_has", "year", "published", "profile", "passed"):
        if key in expect:
            yield key, expect[key]
    for part, status in expect.get("parts", {}).items():
        yield f"parts:{part}", status
    for rule in expect.get("findings_any", []):
        yield f"findings_any:{rule}", True
    for rule in expect.get("findings_none", []):
        yield f"findings_none:{rule}", False


def holds(result, label: str, expected) -> tuple[bool, object]:
    kind, _, key = label.partition(":")
    if kind == "title":
        return same_title(result.title, expected), result.title
    if kind == "title_has":
        return has_title_text(result.title, expected), result.title
    if kind == "year":
        return result.year == expected, result.year
    if kind == "published":
        got = result.published.isoformat() if result.published else None
        return got == expected, got
    if kind == "profile":
        return result.profile == expected, result.profile
    if kind == "passed":
        return result.passed == expected, result.passed
    if kind == "parts":
        part = next(p for p in result.parts if p.id == key)
        got = "missing" if part.status == "missing" else "present"
        return got == expected, got
    rules = {f.rule for f in result.findings}
    return (key in rules) == expected, sorted(rules)


def main(argv: list[str]) -> int:
    from checker.engine import check_file
    from checker.profiles import select_rulebook

    verbose = "--verbose" in argv or "-v" in argv
    # the tests judge the corpus and the eval sets by `national`; real pages by the profile
    # their subject calls for (their labels name it), as `checker lint` does without --profile
    national = select_rulebook("national")
    auto = select_rulebook(None)
    total_ok = total = 0
    for name, folder in SETS.items():
        cases = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
        ok = count = 0
        for case in cases:
            result = check_file(str(folder / case["file"]), auto if name in WEB_SETS else national)
            for label, expected in labels_of(case):
                good, got = holds(result, label, expected)
                count += 1
                ok += good
                if verbose and not good:
                    print(f"  {name}/{case['file']}: {label} expected {expected!r}, got {got!r}")
        print(f"{name:10s} {ok:4d}/{count:<4d} labels hold ({len(cases)} files)")
        total_ok += ok
        total += count
    print(f"{'all':10s} {total_ok:4d}/{total:<4d}")
    return 0 if total_ok == total else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
