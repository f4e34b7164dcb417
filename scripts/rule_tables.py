"""Write the generated tables into README.md and docs/rulebook.md.

The tables of parts, rules and check kinds are derived from the shipped
rulebook ``national`` and the kind modules (:mod:`checker.ruledocs`); run this
after changing either.  ``tests/test_docs_tables.py`` fails when a document's
table differs from what this script would write.

    python scripts/rule_tables.py          # rewrite the documents
    python scripts/rule_tables.py --check  # exit 1 if any is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from checker.rulebook import load_rulebook
from checker.ruledocs import generated, replace_block

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    texts: dict[str, str] = {}
    for (name, marker), content in generated(load_rulebook("national")).items():
        text = texts.get(name) or (ROOT / name).read_text(encoding="utf-8")
        new = replace_block(text, marker, content)
        if new is None:
            print(f"{name}: 没有 <!-- generated:{marker} --> 标记", file=sys.stderr)
            return 2
        if new != text:
            stale.append(f"{name} ({marker})")
        texts[name] = new
    if check:
        for item in stale:
            print(f"out of date: {item}")
        return 1 if stale else 0
    for name, text in texts.items():
        (ROOT / name).write_text(text, encoding="utf-8")
    print("updated: " + (", ".join(stale) or "nothing"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
