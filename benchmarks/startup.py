"""Wall time of `checker lint` on one report in a fresh process (run on demand, not a test).

    python benchmarks/startup.py [REPORT] [--runs N]

Prints the median and best of N runs of the CLI, next to the floor that no
Python tool can beat: a bare interpreter start (`python -c pass`) and the
import of checker's command-line module.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import timed  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("report", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "000_8b1a2ce855df5433.txt"))
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    py = sys.executable
    rows = [
        ("python -c pass (interpreter floor)", [py, "-c", "pass"]),
        ("import checker.cli", [py, "-c", "import checker.cli"]),
        ("checker lint REPORT (terminal)", [py, "-m", "checker", "lint", args.report]),
        ("checker lint REPORT --format json", [py, "-m", "checker", "lint", "--format", "json", args.report]),
    ]
    timed(rows[2][1], 1)  # warm the OS file cache and jieba's dictionary cache
    print(f"report: {args.report}  ({Path(args.report).stat().st_size} bytes), {args.runs} runs each")
    for label, cmd in rows:
        t = timed(cmd, args.runs)
        print(f"{label:40s} median {statistics.median(t) * 1000:7.1f} ms   best {min(t) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
