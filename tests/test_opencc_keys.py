"""normalize skips OpenCC exactly for texts OpenCC's t2s returns unchanged (data/opencc_t2s_chars.txt)."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

opencc = pytest.importorskip("opencc")

from checker import normalize as N  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARE = Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"


@pytest.fixture(scope="module")
def real():
    return opencc.OpenCC("t2s")


def test_the_keys_are_those_of_the_installed_opencc():
    if N._t2s_keys() is None:  # another OpenCC release: every text goes through OpenCC (same output, slower)
        pytest.skip("data/opencc_t2s_chars.txt was made from another OpenCC release: run scripts/opencc_chars.py")
    if not (SHARE.parents[1] / "bin" / "opencc_dict").is_file():
        pytest.skip("no opencc_dict tool to read the dictionaries with")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import opencc_chars
    finally:
        sys.path.pop(0)
    names, chars, longer = opencc_chars.changing_keys(SHARE)
    assert N._T2S_KEYS.read_text(encoding="utf-8") == opencc_chars.render(SHARE, names, chars, longer)


def test_every_character_said_unchanged_is_unchanged(real):
    simplifier = N._t2s()
    others = [chr(c) for c in range(1, 0x110000) if simplifier.unchanged(chr(c))]
    assert len(others) > 1_000_000
    text = "".join(others)
    assert real.convert(text) == text
    assert all(real.convert(c) != c for c in N._t2s_keys()[0] if not 0xD800 <= ord(c) < 0xE000 and c != "\x00")


def test_texts_give_what_opencc_gives(real):
    simplifier = N._t2s()
    chars, by_first = N._t2s_keys()
    phrases = [p for group in by_first.values() for p in group]
    assert len(phrases) > 50
    rng = random.Random(16)
    plain = "法治政府建设年度报告依法行政工作推进情况深入落实答复覆盖意志消" + "".join(sorted(set("".join(phrases))))
    texts = [p for p in phrases] + [p[:-1] for p in phrases] + ["", "a\x00b", "建設", "依法行政"]
    texts += ["".join(rng.choice(plain) for _ in range(rng.randint(1, 60))) for _ in range(3000)]
    for report in sorted((ROOT.parent / "shared" / "corpus").glob("*.txt"))[:20]:
        texts.append(report.read_text(encoding="utf-8", errors="replace"))
    for text in texts:
        try:
            expected = real.convert(text)
        except UnicodeEncodeError:
            assert not simplifier.unchanged(text)
            continue
        assert simplifier.convert(text) == expected, text[:80]
        if simplifier.unchanged(text):
            assert expected == text
