"""Generate realistic, varied reports from the development corpus (for benchmarks).

Every generated report is built from the paragraphs of the real reports in
../shared/corpus: a real report's skeleton (its headings, in order) with its
paragraphs shuffled within their sections, numbers changed, place names
swapped, sometimes a part dropped, sometimes paragraphs borrowed from another
report.  No two generated files are identical.  Deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_NUMBER = re.compile(r"\d+(\.\d+)?")
_HEADING = re.compile(r"^([一二三四五六七八九十]+[、,]|[(（][一二三四五六七八九十]+[)）])")
PLACES = ["青山县", "红河乡", "东湖区", "北川市", "南岭县", "西平区", "长乐镇", "临江市", "安宁县", "永和区"]
ORIGINAL_PLACES = ["辽源市", "临淄区", "泸州市", "瀘州市", "于洪区", "柳城县"]


def corpus_reports() -> list[list[str]]:
    return [p.read_text(encoding="utf-8").splitlines() for p in sorted(CORPUS.glob("*.txt"))]


def _vary_numbers(line: str, rng: random.Random) -> str:
    def repl(m: re.Match) -> str:
        text = m.group(0)
        if len(text) == 4 and text.startswith("20"):
            return text  # keep years
        return str(max(1, int(float(text) * rng.uniform(0.5, 1.5))))

    return _NUMBER.sub(repl, line)


def _sections(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for ln in lines:
        if _HEADING.match(ln.strip()):
            out.append([ln])
        else:
            out[-1].append(ln)
    return [s for s in out if s]


def generate(index: int, seed: int = 0, reports: list[list[str]] | None = None) -> str:
    rng = random.Random(seed * 1_000_003 + index)
    reports = reports or corpus_reports()
    base = reports[index % len(reports)]
    other = reports[(index + 1 + rng.randrange(len(reports) - 1)) % len(reports)]
    place = PLACES[rng.randrange(len(PLACES))]
    sections = _sections(base)
    if len(sections) > 4 and rng.random() < 0.3:
        del sections[rng.randrange(1, len(sections))]  # a part or sub-part dropped
    lines: list[str] = []
    for sec in sections:
        head, body = sec[0], sec[1:]
        rng.shuffle(body)
        if rng.random() < 0.2:
            body.append(other[rng.randrange(len(other))])
        lines.append(head)
        lines.extend(body)
    text = "\n".join(_vary_numbers(ln, rng) for ln in lines)
    for name in ORIGINAL_PLACES:
        text = text.replace(name, place)
    return text + "\n"


def paragraph_stream(seed: int = 0):
    """An endless supply of distinct paragraphs (for reports of any size)."""
    rng = random.Random(seed)
    paragraphs = [ln for rep in corpus_reports() for ln in rep if len(ln) > 60 and not _HEADING.match(ln)]
    while True:
        p = paragraphs[rng.randrange(len(paragraphs))]
        sentences = [s for s in re.split(r"(?<=[。;；])", p) if s]
        rng.shuffle(sentences)
        yield _vary_numbers("".join(sentences), rng)


def report_of_size(target_bytes: int, seed: int = 0) -> str:
    """A report with the five mandated parts whose measures grow to about ``target_bytes``."""
    head = [
        "青山县2023年法治政府建设年度报告",
        "2023年，青山县深入学习贯彻习近平法治思想，现将有关情况报告如下。",
        "一、2023年推进法治政府建设的主要举措和成效",
    ]
    tail = [
        "二、存在的不足和原因",
        "一是基层执法力量薄弱；二是普法针对性不强。主要原因：培训机制不健全，责任落实不到位。",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "主要负责人认真履行第一责任人职责，亲自部署、亲自督办，全年会前学法12次，年终述法。",
        "四、2024年推进法治政府建设的主要安排",
        "一是深化行政执法改革；二是健全矛盾纠纷化解机制；三是推进数字法治政府建设。",
    ]
    size = sum(len(x.encode()) + 1 for x in head + tail)
    body: list[str] = []
    stream = paragraph_stream(seed)
    sub = 0
    while size < target_bytes:
        if len(body) % 8 == 0:
            sub += 1
            body.append(f"（{_chinese_number(sub)}）专项工作{sub}")
        p = next(stream)
        body.append(p)
        size += len(p.encode()) + 1
    return "\n".join(head + body + tail) + "\n"


def _chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def sentence_pool() -> list[str]:
    """Every sentence of the corpus reports of at least 12 characters (for reports that differ)."""
    out = []
    for rep in corpus_reports():
        for ln in rep:
            if _HEADING.match(ln.strip()):
                continue
            out.extend(s.strip() for s in re.split(r"(?<=[。；;])", ln) if len(s.strip()) >= 12)
    return sorted(set(out))


def _unit(k: int) -> str:
    return f"{_chinese_number(k // 26 + 1)}{chr(0x4E00 + 0x1A2 + (k % 26) * 37)}县"


def distinct_batch(n: int, seed: int = 0, pairs: int = 10, groups: int = 3, group_size: int = 6, measures_copies: int = 5):
    """``n`` reports of different units, each of 60 sentences drawn from the corpus, with planted copies.

    Returns ``[(file name, text, planted)]``: ``planted`` names the copy group a
    report belongs to (``None`` for a report of its own): ``pairs`` pairs of a
    report and a copy with the unit's name and the figures changed, ``groups``
    范文 used by ``group_size`` units each, and ``measures_copies`` reports whose
    measures are another unit's while the rest is their own.
    """
    rng = random.Random(seed)
    pool = sentence_pool()

    def report(unit: str, measures: list[str], rest: list[str]) -> str:
        lines = [f"{unit}2023年法治政府建设年度报告", "一、主要举措和成效"]
        lines += ["".join(measures[i : i + 4]) for i in range(0, len(measures), 4)]
        lines += ["二、存在的不足和原因", "".join(rest[:4]), "三、2024年工作安排", "".join(rest[4:])]
        return "\n".join(_vary_numbers(ln, rng) for ln in lines) + "\n"

    def draw(k: int) -> list[str]:
        return rng.sample(pool, k)

    planted_total = 2 * pairs + groups * group_size + 2 * measures_copies
    out: list[tuple[str, str, str | None]] = []
    unit = 0
    for p in range(pairs):
        measures, rest = draw(48), draw(8)
        for _ in range(2):
            out.append((f"{_unit(unit)}.txt", report(_unit(unit), measures, rest), f"pair{p}"))
            unit += 1
    for g in range(groups):
        measures, rest = draw(48), draw(8)
        for _ in range(group_size):
            out.append((f"{_unit(unit)}.txt", report(_unit(unit), measures, rest), f"group{g}"))
            unit += 1
    for m in range(measures_copies):
        measures = draw(48)
        for _ in range(2):
            out.append((f"{_unit(unit)}.txt", report(_unit(unit), measures, draw(8)), f"measures{m}"))
            unit += 1
    while len(out) < max(n, planted_total):
        out.append((f"{_unit(unit)}.txt", report(_unit(unit), draw(48), draw(8)), None))
        unit += 1
    rng.shuffle(out)
    return out
