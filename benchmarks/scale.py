"""Speed and memory at scale (run on demand, not a test).

    python benchmarks/scale.py [--reports 1000] [--runs 5] [--sizes 10,100,300,1000]

Measures, on generated reports that vary (see generate.py):
  (a) the CLI's wall time for one report in a fresh process, beside the
      interpreter floor (python -c pass) and the import of checker.cli;
  (b) batch throughput, reports/s and MB/s, for N reports with --jobs 1 and --jobs 2;
  (c) peak memory (RSS summed over the CLI and its worker processes) of those batches;
  (d) time against report size (10 KB .. 1 MB, one report per size) to show growth is linear.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate, report_of_size  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def _tree_rss_kb(pid: int) -> int:
    """RSS of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            ppid = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
            children.setdefault(ppid, []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def run_measured(cmd: list[str]) -> tuple[float, int]:
    """(wall seconds, peak tree RSS in KB) of a command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    return wall, peak


def timed(cmd: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="10,100,300,1000", help="report sizes in KB for (d)")
    args = ap.parse_args()
    py = [sys.executable]
    checker = py + ["-m", "checker"]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i in range(args.reports):
            (folder / f"report_{i:05d}.txt").write_text(generate(i), encoding="utf-8")
        total_mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        one = str(folder / "report_00000.txt")

        print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
        print("(a) one report, fresh process (median of %d runs)" % args.runs)
        timed(checker + ["lint", one], 1)
        for label, cmd in (
            ("python -c pass (floor)", py + ["-c", "pass"]),
            ("import checker.cli", py + ["-c", "import checker.cli"]),
            ("checker lint one.txt", checker + ["lint", one]),
            ("checker lint --format json one.txt", checker + ["lint", "--format", "json", one]),
        ):
            print(f"    {label:40s} {statistics.median(timed(cmd, args.runs)) * 1000:7.0f} ms")

        print(f"(b, c) batch of {args.reports} generated reports ({total_mb:.1f} MB), --format json")
        for jobs in (1, 2):
            wall, peak = run_measured(checker + ["lint", "--format", "json", "--jobs", str(jobs), str(folder)])
            print(
                f"    --jobs {jobs}: {wall:6.2f} s  {args.reports / wall:6.1f} reports/s  "
                f"{total_mb / wall:5.2f} MB/s  peak RSS {peak / 1024:6.1f} MB"
            )

        print("(d) one report of growing size, --format json")
        for kb in [int(s) for s in args.sizes.split(",")]:
            path = Path(tmp) / f"size_{kb}kb.txt"
            path.write_text(report_of_size(kb * 1024), encoding="utf-8")
            t = statistics.median(timed(checker + ["lint", "--format", "json", str(path)], max(1, args.runs // 2)))
            print(f"    {kb:5d} KB  {t:6.2f} s  {t / kb * 1000:6.2f} ms/KB")


if __name__ == "__main__":
    main()
