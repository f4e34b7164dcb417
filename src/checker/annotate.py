"""``checker annotate``: a copy of the report as .docx with every finding as a Word comment.

For a .docx input the copy is the same package (text, styles, tables,
numbering, existing comments all kept) with comments added; a .doc/.wps/.rtf
read through LibreOffice gets its converted .docx; other inputs (.txt .md
.html .pdf) become a plain .docx of the report's text, one paragraph per line
as read, in the file's own characters.

Each finding is a comment (author "checker") anchored on the run(s) that hold
its evidence — a run is split at the evidence's ends so that Word highlights
exactly the quoted words — or on the whole paragraph when the evidence cannot
be placed.  Findings about the whole report, and one summary comment (score,
verdict and why, missing parts, the three most important fixes), sit on the
title.  The input file is never written to.
"""

from __future__ import annotations

import copy
import io
import os
from pathlib import Path
from typing import Iterable, Optional

from .model import SEVERITIES, Document, ReportResult
from .places import where
from .messages import SEVERITY as SEVERITY_LABEL
from .verdict import missing_parts, reason, top_fixes, verdict

AUTHOR = "checker"
INITIALS = "CK"
SUFFIX = ".checked.docx"
#: characters dropped from the front of an evidence that is not found as it stands
#: (an automatic list number "一、" the reader rendered is not in any run)
_LABEL_CHARS = 8


class AnnotateError(Exception):
    """A one-line Chinese message naming the file."""


def default_output(report: str) -> str:
    """``青山县_2024.docx`` -> ``青山县_2024.checked.docx`` beside it."""
    p = Path(report)
    return str(p.with_name(p.stem + SUFFIX))


# ---------------------------------------------------------------- runs


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _skipped(el, stop) -> bool:
    """A run inside deleted or moved-away text, a text box, a fallback copy, or hidden."""
    bad = {_w("del"), _w("moveFrom"), _w("txbxContent"), "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
    node = el.getparent()
    while node is not None and node is not stop:
        if node.tag in bad:
            return True
        node = node.getparent()
    rpr = el.find(_w("rPr"))
    vanish = rpr.find(_w("vanish")) if rpr is not None else None
    return vanish is not None and vanish.get(_w("val"), "true").lower() not in ("0", "false", "off")


def _run_text(r) -> str:
    out = []
    for child in r:
        if child.tag == _w("t"):
            out.append(child.text or "")
        elif child.tag in (_w("tab"), _w("ptab")):
            out.append(" ")
    return "".join(out)


def _runs(el) -> list[tuple[object, str]]:
    """The visible runs under a paragraph (or table row) and their text, in order."""
    return [(r, _run_text(r)) for r in el.iter(_w("r")) if not _skipped(r, el)]


def _simple(r) -> bool:
    """A run that holds one piece of text and nothing else: it can be split."""
    content = [c for c in r if c.tag != _w("rPr")]
    return len(content) == 1 and content[0].tag == _w("t")


def _split(r, k: int):
    """Split a simple run after its k-th character; returns (left, right)."""
    from docx.oxml.ns import qn

    t = r.find(_w("t"))
    text = t.text or ""
    right = copy.deepcopy(r)
    t.text = text[:k]
    right.find(_w("t")).text = text[k:]
    for node in (t, right.find(_w("t"))):
        node.set(qn("xml:space"), "preserve")
    r.addnext(right)
    return r, right


def _find(text: str, evidence: str) -> tuple[int, int]:
    """(start, end) of the evidence in the runs' text, or (-1, -1)."""
    evidence = evidence.strip().rstrip("…")
    for k in range(0, min(_LABEL_CHARS, max(len(evidence) - 2, 0)) + 1):
        piece = evidence[k:].strip()
        if piece:
            pos = text.find(piece)
            if pos >= 0:
                return pos, pos + len(piece)
    return -1, -1


def _anchor(elements: list, evidence: Optional[str]) -> Optional[tuple[object, object]]:
    """(first run, last run) holding the evidence in one of ``elements``, or the whole first element."""
    if evidence:
        for el in elements:
            runs = _runs(el)
            text = "".join(t for _, t in runs)
            start, end = _find(text, evidence)
            if start < 0:
                continue
            return _cut(runs, start, end)
    for el in elements:
        runs = _runs(el)
        if runs:
            return runs[0][0], runs[-1][0]
    if not elements:
        return None
    target = elements[0]
    if target.tag != _w("p"):  # a table row without text: its first paragraph
        target = next(target.iter(_w("p")), None)
        if target is None:
            return None
    from docx.oxml import OxmlElement

    empty = OxmlElement("w:r")
    target.append(empty)
    return empty, empty


def _cut(runs: list[tuple[object, str]], start: int, end: int) -> tuple[object, object]:
    """The runs covering [start, end), split at both ends where they can be."""
    pos = 0
    first = last = None
    for r, text in runs:
        a, b = pos, pos + len(text)
        pos = b
        if not text or b <= start or a >= end:
            continue
        if first is None:
            if start > a and _simple(r):
                _, r = _split(r, start - a)
                text, a = text[start - a :], start
            first = r
        if end < b and _simple(r):
            r, _ = _split(r, end - a)
        last = r
    if first is None:
        return runs[0][0], runs[-1][0]
    return first, last


# ---------------------------------------------------------------- texts


def finding_comment(f, fmt: Optional[str]) -> str:
    lines = [f"【{SEVERITY_LABEL.get(f.severity, f.severity)}】{f.message}"]
    if f.evidence:
        lines.append("原文：" + f.evidence + (f"（规范化：{f.normalized}）" if f.normalized else ""))
    if f.related_line is not None:
        lines.append("另一处：" + where(fmt, f.related_line))
    if f.fix:
        lines.append("建议：" + f.fix)
    lines.append(f"规则：{f.rule}")
    return "\n".join(lines)


def summary_comment(r: ReportResult, rulebook=None) -> str:
    counts = {s: sum(1 for f in r.findings if f.severity == s) for s in SEVERITIES}
    lines = [f"checker 检查结果：{r.score:g} 分，{verdict(r)}", f"原因：{reason(r, rulebook)}"]
    missing = missing_parts(r)
    lines.append("缺少的部分：" + ("、".join(missing) if missing else "无"))
    fixes = top_fixes(r)
    if fixes:
        lines.append("最重要的修改：")
        lines.extend(f"{k}. {fix}" for k, fix in enumerate(fixes, 1))
    lines.append(
        f"规则集：{r.profile or '-'}；共 {len(r.findings)} 条意见（"
        + "，".join(f"{SEVERITY_LABEL[s]} {counts[s]}" for s in SEVERITIES)
        + "），每条批注在它所指的位置"
    )
    return "\n".join(lines)


# ---------------------------------------------------------------- documents


def _plain_docx(doc: Document, result: ReportResult):
    """A plain .docx of the report's text: one paragraph per line as read."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    if result.title:
        document.core_properties.title = result.title
    heads = {p.line for p in result.parts if p.line is not None and p.heading}
    elements: dict[int, list] = {}
    for ln in doc.lines:
        text = ln.text.strip()
        if not text:
            continue
        p = document.add_paragraph()
        run = p.add_run(text)
        if ln.number == result.title_line:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
            run.font.size = Pt(16)
        elif ln.number in heads:
            run.bold = True
        elements.setdefault(ln.number, []).append(p._p)
    return document, elements


def _open_docx(data: bytes, shown: str):
    import docx

    from .readers.word import paragraph_elements

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - read_docx opened it; a failure here is a bad package
        raise AnnotateError(f"{shown}: 无法打开 Word 文档以添加批注（{' '.join(str(exc).split())[:120]}）") from exc
    return document, {n: [el] for n, el in paragraph_elements(document).items()}


def annotated(doc: Document, result: ReportResult, rulebook=None) -> tuple[bytes, int]:
    """The annotated .docx (bytes) and how many comments it carries."""
    from docx.text.run import Run

    if doc.format == "docx" or doc.package is not None:
        if doc.package is not None:
            data = doc.package
        else:
            try:
                data = Path(doc.path).read_bytes()
            except OSError as exc:
                raise AnnotateError(f"{doc.path}: 无法读取文件（{exc.strerror or exc}）") from exc
        document, elements = _open_docx(data, doc.path)
    else:
        document, elements = _plain_docx(doc, result)
    numbers = sorted(elements)
    if not numbers:
        raise AnnotateError(f"{doc.path}: 文档中没有可以添加批注的段落")
    title_at = result.title_line if result.title_line in elements else numbers[0]

    def add(elements_here: list, evidence: Optional[str], text: str) -> bool:
        anchor = _anchor(elements_here, evidence)
        if anchor is None:
            anchor = _anchor(elements[title_at], None)
            if anchor is None:
                return False
        first, last = anchor
        document.add_comment([Run(first, None), Run(last, None)], text=text, author=AUTHOR, initials=INITIALS)
        return True

    count = int(add(elements[title_at], result.title, summary_comment(result, rulebook)))
    for f in result.findings:
        here = elements.get(f.line) if f.line is not None else None
        count += add(here or elements[title_at], f.evidence if here else None, finding_comment(f, result.format))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), count


def write_atomically(path: str, data: bytes) -> None:
    tmp = f"{path}.tmp-{os.getpid()}"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def comments_of(path: str) -> Iterable[tuple[str, str, str]]:
    """(author, anchored text, comment text) of every comment in a .docx (for tests and `--verify`)."""
    import docx

    document = docx.Document(path)
    anchored: dict[str, list[str]] = {}
    body = document.element.body
    open_ids: list[str] = []
    for el in body.iter():
        if el.tag == _w("commentRangeStart"):
            open_ids.append(el.get(_w("id")))
            anchored.setdefault(el.get(_w("id")), [])
        elif el.tag == _w("commentRangeEnd"):
            cid = el.get(_w("id"))
            if cid in open_ids:
                open_ids.remove(cid)
        elif el.tag == _w("t") and open_ids:
            for cid in open_ids:
                anchored[cid].append(el.text or "")
    for c in document.comments:
        yield c.author, "".join(anchored.get(str(c.comment_id), [])), c.text
