"""A short fixed-seed run of the fuzzer (tests/fuzz/fuzz_cli.py): generated and mutated files, then one round
of every hostile scenario (rulebooks, configs, bombs, -o faults, special files, signals, a killed worker).

The long run is on demand; its command and figures are in README.md ("Limits and robustness").
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))
import fuzz_cli  # noqa: E402


def test_short_fuzz_run_has_no_failure(capsys):
    code = fuzz_cli.main(["--cases", "40", "--singles", "5", "--hostile", "1", "--seed", "7", "--quick", "--timeout", "20"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "failures: 0" in out and "hostile: " in out
