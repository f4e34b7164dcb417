"""copied-report at scale (run on demand, not a test).

    python benchmarks/copies.py [--reports 2000] [--seed 0]

Generates reports of different units from the corpus sentences (generate.distinct_batch:
each of 56 sentences drawn from the pool, figures varied) with planted copies — pairs, a 范文
used by six units, measures copied — checks each in memory, and measures the sketches per
report, the batch comparison, how many pairs it compared against all pairs, and whether it
found exactly the planted copies.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import distinct_batch  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    from checker.checks import copies
    from checker.engine import Options, check_document
    from checker.model import Document, SourceLine
    from checker.normalize import normalize
    from checker.outline import build_outline
    from checker.matcher import match_parts
    from checker.rulebook import load_rulebook

    rb = load_rulebook("national")
    check = rb.rule("copied-report").config
    batch = distinct_batch(args.reports, seed=args.seed, pairs=20, groups=5, group_size=6, measures_copies=10)
    docs = [Document(path=n, format="text", lines=[SourceLine(i, t) for i, t in enumerate(text.splitlines(), 1)]) for n, text, _ in batch]
    t0 = time.perf_counter()
    sketch_time = 0.0
    results = []
    for d in docs:
        r = check_document(d, rb, Options())
        results.append(r)
    t1 = time.perf_counter()
    for d in docs[:200]:
        outline = build_outline(normalize(d))
        parts = match_parts(outline, rb)
        s0 = time.perf_counter()
        copies.sketch(outline, parts, check)
        sketch_time += time.perf_counter() - s0
    found, compared = copies.find_copies(results, check)
    t2 = time.perf_counter()
    copies.find_copies(results, check)
    t3 = time.perf_counter()
    planted: dict[str, set[int]] = {}
    for i, (_, _, g) in enumerate(batch):
        if g:
            planted.setdefault(g, set()).add(i)
    want = {(i, j) for m in planted.values() for i in m for j in m if i != j}
    got = {(i, c.other) for i, cs in found.items() for c in cs}
    n = len(batch)
    print(f"reports: {n}; checked in {t1 - t0:.1f} s")
    print(f"sketches: {1000 * sketch_time / 200:.2f} ms a report")
    print(f"batch comparison: {t3 - t2:.2f} s; pairs compared: {compared} of {n * (n - 1) // 2} ({100 * compared / (n * (n - 1) / 2):.2f} %)")
    print(f"planted copy relations: {len(want)}; found: {len(got & want)}; false: {len(got - want)}; missed: {len(want - got)}")
    return 0 if got == want else 1


if __name__ == "__main__":
    sys.exit(main())
