"""Build src/checker/data/lexicon.txt: a compact jieba dictionary.

jieba's full dictionary (349,046 words) costs 0.6-1.5 s to load; checker only
needs to know where common words begin and end (to tell a stutter typo such as
"将将" from "学习习近平", and a signal phrase from a chance substring such as
"述法" in "上述法规").  The words with frequency >= MIN_FREQ cover that and load
in well under 0.1 s.  A few words of the domain that jieba rates rare are added.

Run:  python scripts/build_lexicon.py   (needs jieba installed; output is deterministic)
"""

from __future__ import annotations

import os
from pathlib import Path

import jieba

MIN_FREQ = 50
DOMAIN_WORDS = [
    "习近平", "习近平法治思想", "法治政府", "法治建设", "依法治国", "依法治县", "依法治市", "依法治区",
    "第一责任人", "主要负责人", "述法", "学法", "会前学法", "出庭应诉", "行政复议", "行政诉讼",
    "行政执法", "规范性文件", "合法性审查", "重大行政决策", "政务公开", "放管服", "营商环境",
    "矛盾纠纷", "法律顾问", "公职律师", "普法", "督察", "整改", "法治督察",
]

out = Path(__file__).resolve().parents[1] / "src" / "checker" / "data" / "lexicon.txt"
source = Path(jieba.__file__).parent / "dict.txt"
lines = []
seen = set()
for raw in source.read_text(encoding="utf-8").splitlines():
    word, freq, *tag = raw.split()
    if int(freq) >= MIN_FREQ:
        lines.append(f"{word} {freq}")
        seen.add(word)
for word in DOMAIN_WORDS:
    if word not in seen:
        lines.append(f"{word} {MIN_FREQ * 10}")
out.parent.mkdir(parents=True, exist_ok=True)
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{out}: {len(lines)} words, {os.path.getsize(out)} bytes")
