"""The quick paths of the checks give what the plain computations give.

checker.minhash hashes shingles without a Python loop per shingle and bins them from
the hashes below a threshold; checker.required tells what every match of a pattern
contains, so that forbid skips lines without it. Each is compared here with the plain
computation it replaces, on random input.
"""

from __future__ import annotations

import heapq
import random
import re
import zlib

import pytest

from checker.minhash import EMPTY, bottom, one_permutation, window_hashes, window_slice
from checker.required import required

ALPHABET = "法治政府建设年度报告一二三四五六七八九十县市区#"


def _plain_hashes(key: str, shingle: int) -> list[int]:
    data = key.encode("utf-32-le")
    width = shingle * 4
    return [zlib.crc32(data[i : i + width]) for i in range(0, max(1, len(data) - width + 4), 4)]


def _plain_sketch(key: str, shingle: int, bins: int) -> tuple[int, ...]:
    sketch = [EMPTY] * bins
    for h in _plain_hashes(key, shingle):
        b, v = h % bins, h // bins
        if sketch[b] == EMPTY or v < sketch[b]:
            sketch[b] = v
    return tuple(sketch)


@pytest.mark.parametrize("seed", range(3))
def test_hashes_and_sketches_are_the_plain_ones(seed):
    rnd = random.Random(seed)
    for _ in range(300):
        length = rnd.choice([0, 1, 4, 5, 6, 7, 63, 64, 65, 200, 1500, 9000])
        key = "".join(rnd.choice(ALPHABET[: rnd.randint(2, len(ALPHABET))]) for _ in range(length))
        shingle = rnd.randint(1, 7)
        hashes = window_hashes(key, shingle)
        assert hashes == _plain_hashes(key, shingle)
        assert bottom(hashes, 4) == heapq.nsmallest(4, set(hashes))
        bins = rnd.choice([1, 16, 128])
        assert one_permutation(hashes, bins) == _plain_sketch(key, shingle, bins)
        if length > 20:
            start = rnd.randrange(length - 10)
            part = rnd.randint(shingle, length - start)
            assert window_slice(hashes, length, start, part, shingle) == _plain_hashes(key[start : start + part], shingle)


def _random_pattern(rnd: random.Random, depth: int = 0) -> str:
    pieces = []
    for _ in range(rnd.randint(0, 4)):
        r = rnd.random()
        if depth > 2 or r < 0.35:
            atom = re.escape(rnd.choice("ab甲乙X* ,"))
        elif r < 0.5:
            atom = "[" + ("^" if rnd.random() < 0.15 else "") + re.escape("".join(rnd.sample("ab甲乙X*1", rnd.randint(1, 4)))) + "]"
        elif r < 0.6:
            atom = rnd.choice([r"\d", r"\s", ".", r"\w", "[a-c]"])
        elif r < 0.75:
            alternatives = "|".join(_random_pattern(rnd, depth + 1) for _ in range(rnd.randint(1, 3)))
            atom = rnd.choice(["(?:", "(", "(?i:"]) + alternatives + ")"
        elif r < 0.9:
            pieces.append(rnd.choice(["(?<!", "(?<=", "(?=", "(?!"]) + re.escape(rnd.choice("ab甲X")) + ")")
            continue
        else:
            pieces.append(rnd.choice(["^", "$", r"\b"]))
            continue
        group = atom.startswith("(")  # no quantified groups: nested quantifiers can backtrack for ever
        pieces.append(atom + (rnd.choice(["?", "*", "+", "{1,3}", "{0,2}", "{2}", "+?"]) if not group and rnd.random() < 0.4 else ""))
    return "".join(pieces)


@pytest.mark.parametrize("seed", range(3))
def test_every_match_contains_what_required_names(seed):
    rnd = random.Random(seed)
    for _ in range(1500):
        pattern = _random_pattern(rnd)
        try:
            rx = re.compile(pattern)
        except re.error:
            continue
        needs = required(pattern)
        if needs is None:
            continue
        for _ in range(20):
            text = "".join(rnd.choice("ab甲乙X*1 ,") for _ in range(rnd.randint(0, 12)))
            for m in rx.finditer(text):
                if m.end() > m.start():
                    assert any(s in m.group() for s in needs), (pattern, text, needs)


def test_required_of_rulebook_like_patterns():
    assert required(r"(?<![A-Za-z])[Xx×*]{1,4}(省|市|县)") == frozenset("Xx×*")
    assert required(r"(?<!第)二十大(?![类项队])") == frozenset(["二十大"])
    assert required(r"(?:绝密|机密|秘密)\s?★") == frozenset(["★"])
    assert required(r"(?i)abc") is None
    assert required(r"\d+") is None


def _plain_pairs(keys: list[str], similarity: float, sketches: list[list[int]]) -> dict[int, tuple[int, str]]:
    """duplicates.find_pairs the plain way: every pair of every bucket compared."""
    from collections import defaultdict

    from rapidfuzz import fuzz

    from checker.checks.duplicates import MAX_BUCKET
    from checker.textkit import DIGITS

    blanked = [DIGITS.sub("#", k) for k in keys]
    buckets: list[dict] = [defaultdict(list), defaultdict(list), defaultdict(list)]
    for idx, key in enumerate(keys):
        buckets[0][key].append(idx)
        buckets[1][blanked[idx]].append(idx)
        for h in sketches[idx]:
            buckets[2][h].append(idx)
    best: dict[int, tuple[int, str]] = {}
    for kind_buckets in buckets:
        for members in kind_buckets.values():
            if not 1 < len(members) <= MAX_BUCKET:
                continue
            for pos, i in enumerate(members):
                for j in members[pos + 1 :]:
                    if keys[i] == keys[j]:
                        kind = "exact"
                    elif blanked[i] == blanked[j]:
                        kind = "digits"
                    else:
                        ratio = fuzz.ratio(keys[i], keys[j])
                        if ratio < similarity:
                            continue
                        kind = f"{ratio:.0f}"
                    if j not in best or i < best[j][0]:
                        best[j] = (i, kind)
    return best


@pytest.mark.parametrize("seed", range(3))
def test_duplicate_pairs_are_the_plain_ones(seed):
    from checker.checks.duplicates import SHINGLE, _Shingles, find_pairs

    rnd = random.Random(seed)
    for _ in range(40):
        base = ["".join(rnd.choice(ALPHABET[:-1] + "0123456789") for _ in range(rnd.randint(3, 80))) for _ in range(rnd.randint(1, 30))]
        keys = []
        for _ in range(rnd.randint(1, 120)):
            key = rnd.choice(base)
            if rnd.random() < 0.5:  # a near copy: a few characters changed, figures especially
                chars = list(key)
                for _ in range(rnd.randint(1, 4)):
                    chars[rnd.randrange(len(chars))] = rnd.choice("0123456789报告")
                key = "".join(chars)
            keys.append(key)
        shingles = _Shingles(keys)
        sketches = shingles.sketches()
        assert sketches == [bottom(window_hashes(k, SHINGLE), 4) for k in keys]
        for idx, key in enumerate(keys):
            if len(key) > SHINGLE + 2:
                assert shingles.of(idx, 1, len(key) - 2) == window_hashes(key[1:-1], SHINGLE)
        similarity = rnd.choice([60, 85.5, 90, 100])
        plain = _plain_pairs(keys, similarity, sketches)
        assert find_pairs([(None, k) for k in keys], similarity, sketches) == plain
        later = {j for j in range(len(keys)) if rnd.random() < 0.5}
        assert find_pairs([(None, k) for k in keys], similarity, sketches, later) == {j: p for j, p in plain.items() if j in later}
