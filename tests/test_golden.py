"""Every output byte-identical to the committed golden file (tests/data/golden.json).

A change of output that is meant is written to the golden file by
``python tests/golden.py --update``, in a commit of its own that says why.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import golden  # noqa: E402


def test_every_set_gives_the_golden_json():
    expected = json.loads(golden.GOLDEN.read_text(encoding="utf-8"))
    assert set(expected) == {*golden.FOLDERS, "generated"}
    assert len(expected["generated"]["reports"]) == golden.GENERATED
    diff = golden.differences(expected, golden.current())
    assert not diff, "\n".join(diff)


def test_a_changed_report_is_named():
    document = json.dumps({"reports": [{"path": "a.txt", "score": 90}, {"path": "b.txt", "score": 80}], "summary": {}}).encode()
    before = golden.digest(document)
    after = golden.digest(document.replace(b"80", b"81"))
    assert golden.differences({"s": before}, {"s": after}) == ["s: output changed; reports that differ: b.txt"]
    assert golden.differences({"s": before}, {"s": before}) == []
