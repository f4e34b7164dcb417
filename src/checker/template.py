"""``checker template``: a skeleton report with every mandated heading.

``--org`` chooses the profile exactly as ``checker lint`` would for a report
with that title: a 司法局's skeleton follows ``department``, a 镇's
``township`` (``--profile``/``--rulebook`` override).  The .docx is laid out
as a 公文 (GB/T 9704-2012).

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
from pathlib import Path
from typing import Optional

from .dccache import dataclass
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


def title_for(rulebook: Rulebook, year: int, org: str) -> str:
    """The title a skeleton gets: what `checker lint` reads the organ (and so the profile) from."""
    conf = {**FALLBACK, **rulebook.template}
    return _fill(conf["title"], {"org": org, "year": year, "next_year": year + 1})


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


#: GB/T 9704-2012《党政机关公文格式》: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm
PAGE_MM = {"width": 210, "height": 297, "top": 37, "left": 28, "right": 26, "bottom": 35}
#: 22 lines of 28 characters on a 版心 of 225 mm: a fixed line pitch of about 29 pt
LINE_PITCH_PT = 29
#: style -> (East Asian font, size in pt, bold); 2号 = 22 pt, 3号 = 16 pt
STYLES = {
    "Title": ("方正小标宋简体", 22, False),  # the title: 2号小标宋体
    "Normal": ("仿宋_GB2312", 16, False),  # the body: 3号仿宋体
    "Heading 1": ("黑体", 16, False),  # 一、 first level: 3号黑体
    "Heading 2": ("楷体_GB2312", 16, False),  # （一） second level: 3号楷体
    "Heading 3": ("仿宋_GB2312", 16, True),  # 1. third level: 3号仿宋 bold
}
#: a font that may not be installed -> the one Word and WPS use instead (named in the font table)
FALLBACK_FONTS = {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "黑体": "SimHei"}
#: digits and Latin letters in official documents
LATIN_FONT = "Times New Roman"


def _font_table(document) -> None:
    """Name each official font in the document's font table, with the common font to use when it is missing."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    part = next((rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE), None)
    if part is None:
        return
    root = parse_xml(part.blob)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alt in FALLBACK_FONTS.items():
        if name in known:
            continue
        font = root.makeelement(qn("w:font"), {qn("w:name"): name})
        font.append(root.makeelement(qn("w:altName"), {qn("w:val"): alt}))
        font.append(root.makeelement(qn("w:charset"), {qn("w:val"): "86"}))  # GB2312
        font.append(root.makeelement(qn("w:family"), {qn("w:val"): "roman" if "黑" not in name else "modern"}))
        root.append(font)
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def write_docx(blocks: list[Block], path: str) -> None:
    """A Word document laid out as a 公文 (GB/T 9704-2012), with real styles; written atomically.

    A4 with the standard margins; title 2号方正小标宋简体 centred; body 3号仿宋_GB2312
    with a first-line indent of two characters and a fixed line pitch;
    first-level headings (Heading 1) 3号黑体, second-level (Heading 2) 3号楷体_GB2312;
    the signature and date right-aligned.  Fonts that are not installed are
    named with their usual substitutes (宋体, 仿宋, 楷体) in the font table.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM["width"]), Mm(PAGE_MM["height"])
    section.top_margin, section.bottom_margin = Mm(PAGE_MM["top"]), Mm(PAGE_MM["bottom"])
    section.left_margin, section.right_margin = Mm(PAGE_MM["left"]), Mm(PAGE_MM["right"])
    for name, (font, size, bold) in STYLES.items():
        style = document.styles[name]
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.name = LATIN_FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), font)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)
        style.font.color.rgb = RGBColor(0, 0, 0)
        pf = style.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(LINE_PITCH_PT)
        pf.space_before = pf.space_after = Pt(0)
        if name == "Normal":
            pf.first_line_indent = Pt(2 * size)
        elif name.startswith("Heading"):
            pf.first_line_indent = Pt(2 * size)
            pf.keep_with_next = True
        if name == "Title":
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pf.first_line_indent = Pt(0)
            pf.space_after = Pt(LINE_PITCH_PT)  # one blank line under the title
            pf.line_spacing = Pt(35)
            # Word's Title style draws a border line under the title; a 公文 title has none
            ppr = style.element.get_or_add_pPr()
            for border in ppr.findall(qn("w:pBdr")):
                ppr.remove(border)
    _font_table(document)
    for b in blocks:
        if b.kind == "title":
            document.add_paragraph(b.text, style="Title")
            document.core_properties.title = b.text
        elif b.kind == "heading":
            document.add_paragraph(b.text, style="Heading 1")
        elif b.kind == "guidance":
            run = document.add_paragraph().add_run(b.text)
            run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
        else:
            p = document.add_paragraph(b.text)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.first_line_indent = Pt(0)
            p.paragraph_format.right_indent = Pt(4 * STYLES["Normal"][1])  # 右空四字
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
