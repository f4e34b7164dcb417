"""Wall time of `checker lint` on one report in a fresh process (run on demand, not a test).

    python benchmarks/startup.py [REPORT] [--runs N]

The cold section of benchmarks/scale.py alone: the CLI on one report (JSON and
terminal), each run alternating with a run of the floor
(`python -c "import rich, click, yaml, rapidfuzz"`), beside `python -c pass`
and the import of checker's command-line module; ratios to the floor.
Exit status 0 when both cold targets are met.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("report", nargs="?", default=str(scale.SEED_REPORT))
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    return scale.main(["--only", "cold", "--report", args.report, "--runs", str(args.runs)])


if __name__ == "__main__":
    sys.exit(main())
