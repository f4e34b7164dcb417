"""``checker template``: a skeleton report with every mandated heading.

The skeleton is built from the rulebook alone: its ``template`` section (title,
the opening paragraph's guidance, the date line) and, for each part, the
``heading`` it writes (default: the part's first alias) and a line of
``guidance`` (default: the part's fix hint).  Parts come in the template's
``order``; a part ``within`` another (causes within shortcomings) has no
heading of its own, only its guidance under the other's heading; parts
without an order (order 0) go after the ordered mandatory parts and before
the optional ones.  Once each guidance line is replaced by real text, the
report passes the structure checks (tested).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .rulebook import Part, Rulebook

GUIDANCE = "（填写提示：{}）"
#: used when a rulebook has no ``template`` section
FALLBACK = {"title": "{org}{year}年法治政府建设年度报告", "opening": "", "date": "{next_year}年X月X日"}
_NUMERALS = "一二三四五六七八九十"
OUTPUT_SUFFIXES = (".md", ".markdown", ".txt", ".docx")


@dataclass(frozen=True)
class Block:
    kind: str  # "title" | "heading" | "guidance" | "signature"
    text: str
    part: Optional[str] = None


class _Keep(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _fill(text: str, values: dict) -> str:
    try:
        return text.format_map(_Keep(values))
    except (ValueError, IndexError, AttributeError):
        return text


def numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 20 -> 二十 (a template has far fewer parts than 100)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + (_NUMERALS[ones - 1] if ones else "")


def ordered_parts(rulebook: Rulebook) -> list[Part]:
    """Parts that get a heading, in the template's order."""
    top = [p for p in rulebook.parts if not p.within]
    ordered = sorted((p for p in top if p.order > 0), key=lambda p: p.order)
    free = [p for p in top if p.order <= 0]
    cut = len(ordered)
    while cut and ordered[cut - 1].severity == "info":
        cut -= 1
    return ordered[:cut] + free + ordered[cut:]


def skeleton(rulebook: Rulebook, year: int, org: str) -> list[Block]:
    values = {"org": org, "year": year, "next_year": year + 1}
    conf = {**FALLBACK, **rulebook.template}
    blocks = [Block("title", _fill(conf["title"], values))]
    if conf.get("opening"):
        blocks.append(Block("guidance", GUIDANCE.format(_fill(conf["opening"], values))))
    for n, part in enumerate(ordered_parts(rulebook), start=1):
        heading = part.heading or (part.aliases[0] if part.aliases else part.name)
        blocks.append(Block("heading", f"{numeral(n)}、{_fill(heading, values)}", part.id))
        for p in [part, *(q for q in rulebook.parts if q.within == part.id)]:
            blocks.append(Block("guidance", GUIDANCE.format(_fill(p.guidance or p.fix, values)), p.id))
    blocks.append(Block("signature", org))
    blocks.append(Block("signature", _fill(conf["date"], values)))
    return blocks


def to_markdown(blocks: list[Block]) -> str:
    marks = {"title": "# ", "heading": "## "}
    return "\n\n".join(marks.get(b.kind, "") + b.text for b in blocks) + "\n"


def to_text(blocks: list[Block]) -> str:
    return "\n".join(b.text for b in blocks) + "\n"


def write_docx(blocks: list[Block], path: str) -> None:
    """A Word document with real styles: Title, Heading 1, Normal; written atomically."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    # the usual fonts of Chinese official documents; Word substitutes when one is not installed
    for name, font, size in (("Normal", "仿宋_GB2312", 16), ("Title", "方正小标宋简体", 22), ("Heading 1", "黑体", 16)):
        style = document.styles[name]
        style.font.size = Pt(size)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        if name != "Normal":
            style.font.color.rgb = RGBColor(0, 0, 0)
    for b in blocks:
        if b.kind == "title":
            p = document.add_paragraph(b.text, style="Title")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            document.core_properties.title = b.text
        elif b.kind == "heading":
            document.add_paragraph(b.text, style="Heading 1")
        elif b.kind == "guidance":
            run = document.add_paragraph().add_run(b.text)
            run.italic = True
            run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
        else:
            document.add_paragraph(b.text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    tmp = f"{path}.tmp-{os.getpid()}"
    document.save(tmp)
    os.replace(tmp, path)


def render(blocks: list[Block], output: Optional[str]) -> Optional[str]:
    """Write the skeleton to ``output`` (by its suffix) or return Markdown for stdout."""
    if output is None:
        return to_markdown(blocks)
    suffix = Path(output).suffix.lower()
    if suffix == ".docx":
        write_docx(blocks, output)
        return None
    text = to_text(blocks) if suffix == ".txt" else to_markdown(blocks)
    tmp = f"{output}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, output)
    return None
