"""Patterns compiled from the per-user cache (checker/rxcache.py) are re.compile's, word for word."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from checker import rxcache

SAMPLES = [
    (r"[\u4e00-\u9fff]", 0),
    (r"([\u4e00-\u9fff]{2,4})\1", 0),
    (r"(?P<label>信息发布日期|上网日期)\s?[:：]\s?(?P<rest>.*)$", 0),
    (r"(?i)checker:\s*(disable|enable)", 0),
    (r"[a-zé]+", re.IGNORECASE),
    (r"^\s*第[一二三四五六七八九十]+", re.MULTILINE),
    (r"(?x) a \s b  # comment", 0),
    (r"(?<=[一-鿿])x{1,3}(?=[。,])", 0),
]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CHECKER_NO_CACHE", raising=False)
    monkeypatch.setattr(rxcache, "TABLE", None)
    monkeypatch.setattr(rxcache, "_made", {})
    return tmp_path / "cache"


@pytest.mark.parametrize("pattern,flags", SAMPLES)
def test_built_and_cached_patterns_equal_re_compile(fresh, monkeypatch, pattern, flags):
    built = rxcache.compile(pattern, flags)
    expected = re.compile(pattern, flags)
    # Pattern equality compares the pattern, the flags and every code word
    assert built == expected and built.groupindex == expected.groupindex and built.groups == expected.groups
    rxcache.TABLE.save()
    assert any(p.name.startswith("regex-") for p in fresh.iterdir())
    monkeypatch.setattr(rxcache, "TABLE", None)
    monkeypatch.setattr(rxcache, "_made", {})
    monkeypatch.setattr(rxcache, "_build", lambda *a: pytest.fail("compiled again instead of read from the cache"))
    cached = rxcache.compile(pattern, flags)
    assert cached == expected and cached.groupindex == expected.groupindex and cached.groups == expected.groups


def test_a_damaged_cache_file_is_only_a_miss(fresh, monkeypatch):
    rxcache.compile(r"[一-鿿]+")
    rxcache.TABLE.save()
    (target,) = [p for p in fresh.iterdir() if p.name.startswith("regex-")]
    target.write_bytes(b"\x00not marshal")
    monkeypatch.setattr(rxcache, "TABLE", None)
    monkeypatch.setattr(rxcache, "_made", {})
    assert rxcache.compile(r"[一-鿿]+") == re.compile(r"[一-鿿]+")


def test_a_bad_pattern_raises_like_re(fresh):
    with pytest.raises(re.error):
        rxcache.compile(r"(unclosed")


def test_every_pattern_a_run_caches_equals_re_compile(tmp_path):
    """One real run fills the cache; every entry it keeps gives re.compile's pattern."""
    env_code = (
        "import os, re, sys, marshal, _sre\n"
        "from checker import cli, cache, rxcache\n"
        "try:\n"
        "    cli.main(['lint', '--format', 'json', sys.argv[1]], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "rxcache.TABLE.save()\n"
        "table = marshal.loads(cache.read_bytes(rxcache.TABLE.file_name()))\n"
        "assert len(table) > 50, len(table)\n"
        "for (p, f), entry in table.items():\n"
        "    final, code, groups, groupindex, indexgroup = entry\n"
        "    assert _sre.compile(p, final, rxcache._unpacked(code), groups, groupindex, indexgroup) == re.compile(p, f), p\n"
        "print('ok', len(table))\n"
    )
    import os
    from pathlib import Path

    report = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "000_8b1a2ce855df5433.txt"
    if not report.is_file():
        pytest.skip("no corpus")
    env = dict(os.environ, CHECKER_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("CHECKER_NO_CACHE", None)
    out = subprocess.run([sys.executable, "-c", env_code, str(report)], env=env, capture_output=True, text=True)
    assert out.returncode == 0 and "\nok " in out.stdout, out.stderr[-2000:]
