"""copied-report: reports of different units that copy each other, found across a batch without comparing every pair."""

from __future__ import annotations

import importlib.util
import json

import pytest
from click.testing import CliRunner

from checker.checks import copies
from checker.cli import main
from checker.engine import Options, check_document
from checker.model import Document, SourceLine
from checker.rulebook import load_rulebook

from conftest import CORPUS, REPO


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _generate():
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _doc(name: str, text: str) -> Document:
    return Document(path=name, format="text", lines=[SourceLine(i, t) for i, t in enumerate(text.splitlines(), 1)])


def test_planted_copies_found_without_comparing_every_pair():
    rb = load_rulebook("national")
    check = rb.rule("copied-report").config
    batch = _generate().distinct_batch(600, seed=3)
    results = [check_document(_doc(name, text), rb, Options()) for name, text, _ in batch]
    found, compared = copies.find_copies(results, check)
    planted = {}
    for i, (_, _, group) in enumerate(batch):
        if group:
            planted.setdefault(group, set()).add(i)
    got = {(i, c.other) for i, cs in found.items() for c in cs}
    want = {(i, j) for members in planted.values() for i in members for j in members if i != j}
    assert got == want  # every planted copy, nothing else
    assert compared < 0.02 * len(batch) * (len(batch) - 1) / 2  # LSH buckets, not all 179,700 pairs
    groups = copies.groups(found)
    assert max(len(g) for g in groups.values()) == 6  # a 范文 used by six units is one group


@pytest.fixture()
def folder(tmp_path):
    for src in sorted(CORPUS.glob("*.txt")):
        (tmp_path / src.name).write_bytes(src.read_bytes())
    base = (CORPUS / "004_14774531c7e6819b.txt").read_text(encoding="utf-8")
    (tmp_path / "融安县_2023.txt").write_text(base.replace("柳城", "融安").replace("2023年", "2023年 "), encoding="utf-8")
    return tmp_path


def test_a_copy_is_named_with_the_other_file_and_its_similarity(folder):
    reports = {r["path"].rsplit("/", 1)[-1]: r for r in json.loads(run("lint", "--format", "json", str(folder)).stdout)["reports"]}
    hits = {name: [f for f in r["findings"] if f["rule"] == "copied-report"] for name, r in reports.items()}
    assert {name for name, fs in hits.items() if fs} == {"004_14774531c7e6819b.txt", "融安县_2023.txt"}
    (f,) = hits["融安县_2023.txt"]
    assert f["severity"] == "warning" and "004_14774531c7e6819b.txt（柳城县）" in f["message"] and "全文相似度" in f["message"]
    alone = json.loads(run("lint", "--format", "json", str(folder / "融安县_2023.txt")).stdout)["reports"][0]
    penalty = load_rulebook("government").rule("copied-report").penalty
    assert reports["融安县_2023.txt"]["score"] == pytest.approx(alone["score"] - penalty)


def test_three_units_with_one_text_are_a_group(folder):
    base = (CORPUS / "004_14774531c7e6819b.txt").read_text(encoding="utf-8")
    (folder / "三江县_2023.txt").write_text(base.replace("柳城", "三江"), encoding="utf-8")
    reports = json.loads(run("lint", "--format", "json", str(folder)).stdout)["reports"]
    msgs = [f["message"] for r in reports for f in r["findings"] if f["rule"] == "copied-report"]
    assert len(msgs) == 3 and all("另外 2 份报告" in m and "同一范文" in m for m in msgs)


def test_one_units_own_files_are_not_copies_and_the_rule_can_be_ignored(folder):
    (folder / "柳城县_again.txt").write_bytes((CORPUS / "004_14774531c7e6819b.txt").read_bytes())
    reports = json.loads(run("lint", "--format", "json", str(folder), "--ignore", "copied-report").stdout)["reports"]
    assert not [f for r in reports for f in r["findings"] if f["rule"] == "copied-report"]
    reports = json.loads(run("lint", "--format", "json", str(folder)).stdout)["reports"]
    again = next(r for r in reports if r["path"].endswith("柳城县_again.txt"))
    (f,) = [f for f in again["findings"] if f["rule"] == "copied-report"]
    assert "最相近的是 融安县_2023.txt（融安县" in f["message"]  # not its own unit's 004, identical as it is


def test_deterministic_across_jobs(folder):
    a = run("lint", "--format", "json", "--jobs", "1", str(folder)).stdout
    b = run("lint", "--format", "json", "--jobs", "2", str(folder)).stdout
    assert a == b and "copied-report" in a


def test_terminal_shows_the_copies(folder):
    out = run("lint", str(folder)).stdout
    assert out.count("[copied-report]") == 2


def test_similarity_counts_agreeing_bins_exactly_whichever_way_it_is_asked():
    """The Hamming count (rapidfuzz) and the caller's 'every bin filled' give the plain count's value."""
    import random
    from operator import eq

    from checker.checks.copies import similarity
    from checker.minhash import EMPTY

    rng = random.Random(7)
    for _ in range(300):
        a = tuple(rng.randrange(1 << 25) for _ in range(128))
        b = tuple(x if rng.random() < rng.random() else rng.randrange(1 << 25) for x in a)
        plain = 100.0 * sum(map(eq, a, b)) / 128
        assert similarity(a, b) == similarity(a, b, True) == plain
        holed = tuple(EMPTY if rng.random() < 0.2 else x for x in b)
        both = [(x, y) for x, y in zip(a, holed) if y != EMPTY]
        assert similarity(a, holed) == 100.0 * sum(x == y for x, y in both) / len(both)
