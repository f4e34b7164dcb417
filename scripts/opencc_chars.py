"""Write src/checker/data/opencc_t2s_chars.txt: every character of a key of OpenCC's t2s dictionaries.

    python scripts/opencc_chars.py

OpenCC's t2s replaces each key of its dictionaries (the normalization and
the conversion chain named in t2s.json) that it matches in a text by the key's
first value; a key whose first value is itself changes nothing.  So a text in
which no key with another value occurs comes back unchanged, and
checker.normalize skips OpenCC for it (import and setup ~16 ms).  The file
keeps, on its second line, every one-character key with another value and, on
the third, the longer keys with another value that contain none of those
characters (any other longer key contains one of them).
The keys are read with OpenCC's own ``opencc_dict`` tool from the installed
package's .ocd2 files; the first line of the file names them with their sizes,
and checker uses the set only while the installed files still have those sizes.
tests/test_text.py checks the file against OpenCC.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "checker" / "data" / "opencc_t2s_chars.txt"


def dictionaries(share: Path) -> list[str]:
    config = json.loads((share / "t2s.json").read_text(encoding="utf-8"))
    names: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "ocd2":
                names.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(config)
    return names


def changing_keys(share: Path) -> tuple[list[str], set[str], list[str]]:
    """The dictionaries of t2s, the one-character keys whose first value is another text, and the
    longer such keys that contain none of those characters."""
    tool = share.parents[1] / "bin" / "opencc_dict"
    chars: set[str] = set()
    longer: set[str] = set()
    names = dictionaries(share)
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            out = Path(tmp) / (name + ".txt")
            subprocess.run([str(tool), "-i", str(share / name), "-o", str(out), "-f", "ocd2", "-t", "text"], check=True)
            for line in out.read_text(encoding="utf-8").splitlines():
                key, values = line.split("\t", 1)
                if values.split(" ")[0] != key:
                    (chars if len(key) == 1 else longer).add(key)
    return names, chars, sorted(k for k in longer if chars.isdisjoint(k))


def render(share: Path, names: list[str], chars: set[str], longer: list[str]) -> str:
    header = " ".join(f"{n}:{os.stat(share / n).st_size}" for n in ["t2s.json", *names])
    return f"{header}\n{''.join(sorted(chars))}\n{' '.join(longer)}\n"


def main() -> int:
    import opencc

    share = Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"
    names, chars, longer = changing_keys(share)
    OUT.write_text(render(share, names, chars, longer), encoding="utf-8")
    print(f"{OUT}: {len(chars)} characters and {len(longer)} phrases from {', '.join(names)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
