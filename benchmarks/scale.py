"""The speed targets of issue 16, measured in one run beside the floor (run on demand, not a test).

    python benchmarks/scale.py [--only cold,batch,size,memory] [--runs 5] [--reports 400]
                               [--rss-reports 1000] [--sizes 10,100,300,1000,2000]

The floor is ``python -c "import rich, click, yaml, rapidfuzz"`` (what any tool
built on these libraries pays before it does anything); ``python -c pass`` is
shown too.  This machine's wall times vary by ±30 % from minute to minute, so
each measured command alternates with a run of the floor and every ratio is
median(command) / median(the floor runs interleaved with it).

Sections (``--only``) and the report set each one uses:

  cold    one report in a fresh process, ``--format json`` (≤ 2.0× floor) and the
          terminal format (≤ 2.3×): the corpus file ``corpus/000_…txt`` itself
          [set: corpus];
  batch   ``--reports`` (400) seed-sized reports made from the corpus by
          generate.py, ``--format json``: ``--jobs 2`` ≥ 200 reports/s, ``--jobs 1``
          ≥ 110/s, and the throughput per core a capacity estimate can use
          [set: gen-corpus];
  size    one report of each of ``--sizes`` KB (generate.report_of_size: the five
          parts, measures made of corpus paragraphs): 1 MB ≤ 0.5 s, and growth
          linear — the ms per KB above the smallest report's time of the 2 MB
          report at most 1.5× that of the 300 KB one (equal for a linear cost,
          about 6.7× for a quadratic one) [set: gen-size];
  memory  peak RSS, summed over the CLI and all its worker processes (sampled
          from /proc every 20 ms), of a ``--jobs 2`` batch of ``--rss-reports``
          (1,000) generated reports: ≤ 150 MB [set: gen-corpus].

Every subprocess runs with PYTHONDONTWRITEBYTECODE removed from its
environment (users have the .pyc files pip wrote); one warm-up run first
writes them.  Exit status: 0 when every target measured is met, 1 otherwise.
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
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import corpus_reports, generate, report_of_size  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEED_REPORT = CORPUS / "000_8b1a2ce855df5433.txt"
SECTIONS = ("cold", "batch", "size", "memory")

PY = [sys.executable]
CHECKER = PY + ["-m", "checker"]
FLOOR = PY + ["-c", "import rich, click, yaml, rapidfuzz"]
BARE = PY + ["-c", "pass"]


def environment() -> dict:
    """The environment of every measured command: this one without PYTHONDONTWRITEBYTECODE."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


ENV = environment()


# --- running and measuring --------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out.extend(int(x) for x in fh.read().split())
    except OSError:
        pass
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_kb(pid: int) -> int:
    """RSS of a process and all its descendants (from /proc/PID/task/*/children)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += _rss_kb(p)
        stack.extend(_children(p))
    return total


def run_once(cmd: list[str], sample_rss: bool = False) -> tuple[float, int]:
    """(wall seconds, peak RSS of the process tree in KB, 0 unless ``sample_rss``) of one run."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    peak = 0
    if sample_rss:
        done = threading.Event()

        def sample():
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss_kb(proc.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        proc.wait()
        wall = time.perf_counter() - t0
        done.set()
        sampler.join()
    else:
        proc.wait()
        wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):  # 1: some report fails, as expected of a batch
        raise SystemExit(f"scale.py: {' '.join(cmd[:6])} … exited {proc.returncode}")
    return wall, peak


def timed(cmd: list[str], runs: int) -> list[float]:
    """Wall seconds of ``runs`` runs (kept for benchmarks/startup.py and ad-hoc use)."""
    return [run_once(cmd)[0] for _ in range(runs)]


def interleaved(cmd: list[str], runs: int, floors: list[float]) -> list[float]:
    """``runs`` runs of ``cmd``, each after a run of the floor (appended to ``floors``)."""
    out = []
    for _ in range(runs):
        floors.append(run_once(FLOOR)[0])
        out.append(run_once(cmd)[0])
    return out


def med(xs: list[float]) -> float:
    return statistics.median(xs)


# --- the table --------------------------------------------------------------------------


@dataclass
class Row:
    section: str
    what: str
    figure: str
    ratio: str = ""
    target: str = ""
    met: Optional[bool] = None
    dataset: str = ""


ROWS: list[Row] = []


def row(*args, **kwargs) -> Row:
    r = Row(*args, **kwargs)
    ROWS.append(r)
    flag = "" if r.met is None else ("met" if r.met else "NOT MET")
    print(f"  {r.what:52s} {r.figure:>44s} {r.ratio:>7s}  {r.target:>16s}  {flag:7s} [{r.dataset}]", flush=True)
    return r


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


# --- the sections -----------------------------------------------------------------------


def cold(args, tmp: Path) -> None:
    report = str(args.report)
    print(f"cold: one report in a fresh process, median of {args.runs}, each after a floor run: {Path(report).name} ({Path(report).stat().st_size / 1024:.0f} KB)")
    run_once(CHECKER + ["lint", "--format", "json", report])  # warm-up: .pyc, OS cache, per-user caches
    run_once(CHECKER + ["lint", report])
    floors: list[float] = []
    bare = interleaved(BARE, args.runs, floors)
    cli = interleaved(PY + ["-c", "import checker.cli"], args.runs, floors)
    json_t = interleaved(CHECKER + ["lint", "--format", "json", report], args.runs, floors)
    n = args.runs
    term_floors: list[float] = []
    term_t = interleaved(CHECKER + ["lint", report], args.runs, term_floors)
    floor = med(floors)
    row("cold", "floor: python -c 'import rich, click, yaml, rapidfuzz'", f"{ms(floor)} (median of all {len(floors)})", "1.00×", dataset="—")

    def beside(t: list[float], fl: list[float]) -> tuple[str, str]:
        return f"{ms(med(t))} (floor beside it {ms(med(fl))})", f"{med(t) / med(fl):.2f}×"

    row("cold", "python -c pass", *beside(bare, floors[:n]), dataset="—")
    row("cold", "python -c 'import checker.cli'", *beside(cli, floors[n : 2 * n]), dataset="—")
    r = med(json_t) / med(floors[2 * n :])
    row("cold", "checker lint --format json REPORT", *beside(json_t, floors[2 * n :]), "≤ 2.0× floor", r <= 2.0, "corpus")
    r = med(term_t) / med(term_floors)
    row("cold", "checker lint REPORT (terminal)", *beside(term_t, term_floors), "≤ 2.3× floor", r <= 2.3, "corpus")


def _batch_folder(tmp: Path, n: int) -> tuple[Path, float]:
    folder = tmp / f"batch{n}"
    if not folder.exists():
        folder.mkdir()
        reports = corpus_reports()
        for i in range(n):
            (folder / f"report_{i:05d}.txt").write_text(generate(i, reports=reports), encoding="utf-8")
    return folder, sum(p.stat().st_size for p in folder.iterdir()) / 1e6


def batch(args, tmp: Path) -> None:
    folder, mb = _batch_folder(tmp, args.reports)
    n = args.reports
    runs = max(1, min(args.runs, 3))
    print(f"batch: {n} reports generated from the corpus ({mb:.1f} MB, {mb * 1e3 / n:.0f} KB each), --format json, median of {runs}, each after a floor run")
    floors: list[float] = []
    walls = {}
    for jobs in (1, 2):
        walls[jobs] = med(interleaved(CHECKER + ["lint", "--format", "json", "--jobs", str(jobs), str(folder)], runs, floors))
    row("batch", "floor (interleaved)", ms(med(floors)), dataset="—")
    targets = {1: 110, 2: 200}
    for jobs in (1, 2):
        rate = n / walls[jobs]
        row("batch", f"--jobs {jobs}: {n} reports", f"{walls[jobs]:.2f} s = {rate:.0f} reports/s, {mb / walls[jobs]:.2f} MB/s", "", f"≥ {targets[jobs]} reports/s", rate >= targets[jobs], "gen-corpus")
    cores = min(2, os.cpu_count() or 1)
    per_core = min(n / walls[1], n / walls[2] / cores)
    mb_core = min(mb / walls[1], mb / walls[2] / cores)
    row("batch", "per core (min of --jobs 1, --jobs 2 / cores)", f"{per_core:.0f} reports/s, {mb_core:.2f} MB/s", dataset="gen-corpus")


def size(args, tmp: Path) -> None:
    sizes = [int(s) for s in args.sizes.split(",")]
    runs = max(1, min(args.runs, 3))
    print(f"size: one report of {'/'.join(map(str, sizes))} KB, --format json, median of {runs}, each after a floor run")
    paths = {}
    for kb in sizes:
        paths[kb] = tmp / f"size_{kb}kb.txt"
        paths[kb].write_text(report_of_size(kb * 1024), encoding="utf-8")
    run_once(CHECKER + ["lint", "--format", "json", str(paths[sizes[0]])])
    floors: list[float] = []
    t = {}
    for kb in sizes:
        t[kb] = med(interleaved(CHECKER + ["lint", "--format", "json", str(paths[kb])], runs, floors))
    floor = med(floors)
    real = {kb: paths[kb].stat().st_size / 1024 for kb in sizes}
    first = sizes[0]
    for kb in sizes:
        target, met = ("≤ 0.5 s", t[kb] <= 0.5) if kb == 1000 else ("", None)
        extra = f", +{(t[kb] - t[first]) / (real[kb] - real[first]) * 1000:.2f} ms/KB over {first} KB" if kb != first else ""
        row("size", f"{kb} KB report", f"{t[kb]:.2f} s{extra}", f"{t[kb] / floor:.1f}×", target, met, "gen-size")
    if {300, 2000} <= set(sizes) and first < 300:
        # ms per KB above the smallest report's time: equal for a linear cost, ≈ 6.7× for a quadratic one
        low = (t[300] - t[first]) / (real[300] - real[first])
        high = (t[2000] - t[first]) / (real[2000] - real[first])
        ratio = high / low if low > 0 else float("inf")
        row("size", f"linear: ms/KB over {first} KB, 2 MB vs 300 KB", f"{high * 1000:.2f} vs {low * 1000:.2f} ms/KB", f"{ratio:.2f}×", "≤ 1.5×", ratio <= 1.5, "gen-size")


def memory(args, tmp: Path) -> None:
    folder, mb = _batch_folder(tmp, args.rss_reports)
    print(f"memory: peak RSS of every process of a --jobs 2 batch of {args.rss_reports} generated reports ({mb:.1f} MB), --format json")
    wall, peak = run_once(CHECKER + ["lint", "--format", "json", "--jobs", "2", str(folder)], sample_rss=True)
    row("memory", f"--jobs 2: {args.rss_reports} reports, peak RSS (all processes)", f"{peak / 1024:.0f} MB ({wall:.1f} s, {args.rss_reports / wall:.0f}/s)", "", "≤ 150 MB", peak / 1024 <= 150, "gen-corpus")


RUNNERS: dict[str, Callable] = {"cold": cold, "batch": batch, "size": size, "memory": memory}


def markdown() -> str:
    lines = ["| what | set | figure | ratio to floor | target | met |", "|---|---|---|---|---|---|"]
    for r in ROWS:
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(f"| {r.what} | {r.dataset} | {r.figure} | {r.ratio} | {r.target} | {met} |")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="The speed targets of issue 16, as ratios beside the floor, in one run.")
    ap.add_argument("--only", default=",".join(SECTIONS), metavar="NAME,...", help=f"sections to run ({', '.join(SECTIONS)})")
    ap.add_argument("--runs", type=int, default=5, help="runs of each command in cold (batch and size: at most 3)")
    ap.add_argument("--reports", type=int, default=400, help="reports in the throughput batch")
    ap.add_argument("--rss-reports", type=int, default=1000, help="reports in the memory batch")
    ap.add_argument("--sizes", default="10,100,300,1000,2000", help="report sizes in KB for the size section")
    ap.add_argument("--report", default=str(SEED_REPORT), help="the report of the cold section")
    ap.add_argument("--markdown", action="store_true", help="also print the table as Markdown (for README)")
    args = ap.parse_args(argv)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in only if s not in RUNNERS]
    if unknown:
        ap.error(f"unknown section {unknown[0]!r} (choose from {', '.join(SECTIONS)})")
    head = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %cd", "--date=short"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; checker at {head or '?'}; {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print("PYTHONDONTWRITEBYTECODE removed from the environment of every run" + (" (it was set here)" if "PYTHONDONTWRITEBYTECODE" in os.environ else ""))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for name in SECTIONS:
            if name in only:
                RUNNERS[name](args, Path(tmp))
    targets = [r for r in ROWS if r.met is not None]
    missed = [r for r in targets if not r.met]
    print(f"{len(targets) - len(missed)} of {len(targets)} targets met in {time.perf_counter() - started:.0f} s" + ("" if not missed else ": not met — " + "; ".join(r.what for r in missed)))
    if args.markdown:
        print(markdown())
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
