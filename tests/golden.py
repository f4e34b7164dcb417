"""The JSON that checker gives for every report set, as hashes (the golden file).

    python tests/golden.py            # compare with tests/data/golden.json
    python tests/golden.py --update   # rewrite it (only when a change of output is meant)

Each set is checked the way a user checks a folder (``checker lint --format json
FILES`` in the folder, so the paths are relative); the hash of the whole document
must not change, and the hash of each report's entry tells which report did.
The sets: the corpus, the real pages, the eval sets, the held-out web pages and
a batch of 1,000 reports generated from the corpus (benchmarks/generate.py), in
which reports copied from each other are found across the batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLDEN = REPO / "tests" / "data" / "golden.json"
GENERATED = 1000

FOLDERS = {
    "corpus": SHARED / "corpus",
    "realpages": SHARED / "realpages" / "cases",
    "eval": REPO / "tests" / "data" / "eval",
    "eval2": REPO / "tests" / "data" / "eval2",
    "eval3": REPO / "tests" / "data" / "eval3",
    "eval4": REPO / "tests" / "data" / "eval4",
    "webeval": REPO / "tests" / "data" / "webeval",
}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def reports_in(folder: Path) -> list[str]:
    """The reports of a set: its files but the labels and the README."""
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix != ".yaml" and p.name != "README.md")


def lint_json(folder: Path) -> bytes:
    """The JSON document of ``checker lint --format json FILES`` run in ``folder``."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "lint", "--format", "json", "--exit-zero", "--jobs", "2", *reports_in(folder)],
        cwd=folder, capture_output=True, env=env, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"checker failed in {folder}: {proc.stderr.decode('utf-8', 'replace')[-2000:]}")
    return proc.stdout


def digest(document: bytes) -> dict:
    reports = json.loads(document)["reports"]
    return {
        "document": _sha(document),
        "reports": {r["path"]: _sha(json.dumps(r, ensure_ascii=False, sort_keys=True).encode("utf-8")) for r in reports},
    }


def generated_folder(root: Path, count: int = GENERATED) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate

    folder = root / "generated"
    folder.mkdir()
    for i in range(count):
        (folder / f"report_{i:05d}.txt").write_text(generate(i), encoding="utf-8")
    return folder


def current(names: list[str] | None = None) -> dict:
    out = {}
    wanted = names or [*FOLDERS, "generated"]
    for name in wanted:
        if name == "generated":
            with tempfile.TemporaryDirectory() as tmp:
                out[name] = digest(lint_json(generated_folder(Path(tmp))))
        else:
            out[name] = digest(lint_json(FOLDERS[name]))
    return out


def differences(expected: dict, got: dict) -> list[str]:
    lines = []
    for name, now in got.items():
        before = expected.get(name)
        if before is None:
            lines.append(f"{name}: not in the golden file")
            continue
        if before["document"] == now["document"]:
            continue
        changed = sorted(p for p in set(before["reports"]) | set(now["reports"]) if before["reports"].get(p) != now["reports"].get(p))
        lines.append(f"{name}: output changed; reports that differ: {', '.join(changed[:20]) or '(only the summary)'}")
    return lines


def main() -> int:
    got = current()
    if "--update" in sys.argv:
        GOLDEN.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {GOLDEN}")
        return 0
    diff = differences(json.loads(GOLDEN.read_text(encoding="utf-8")), got)
    print("\n".join(diff) or "every output is byte-identical to the golden file")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
