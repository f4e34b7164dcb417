"""Word .docx reports (also those saved by WPS: they are ordinary OOXML).

python-docx opens the package (relationships, styles, numbering, core
properties); the body is walked on its XML so that nothing is lost:

* paragraphs and tables come in document order, including those inside
  content controls (w:sdt); a table of contents is skipped;
* a table row becomes one line, its cells joined by `` | `` (a cell's own
  paragraphs joined by a space); a layout table (one filled cell per row, a
  nested table, or a very long cell) is read paragraph by paragraph instead;
* text in tracked insertions, hyperlinks, fields and smart tags is kept;
  deleted or moved-away text, hidden text and text boxes are not;
* automatic list numbers ("一、" "（一）" "1.") that Word draws from
  numbering.xml are rendered in front of the paragraph text, since they are
  often the only sign of a heading;
* a manual line break (Shift+Enter) splits a paragraph into several lines
  that share its number.

``SourceLine.number`` is the running paragraph number: every body paragraph
and every emitted table row counts, empty ones included, so the numbers are
stable.  ``SourceLine.level`` comes from the heading styles ("Heading 1"..
"Heading 9", "标题 1".., also through ``basedOn``) and the outline level
(w:outlineLvl) of the paragraph or its style; 1 = top level.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Iterator, Optional

from ..model import Document, ReadError, SourceLine

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "{" + W_NS + "}"

DEFAULT_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_ZIP_ENTRIES = 10_000

#: a table cell longer than this is not a data cell but page layout
LAYOUT_CELL_CHARS = 300
#: separator between the cells of a table row
CELL_SEPARATOR = " | "

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING_NAME = re.compile(r"^\s*(?:heading|标题)\s*([1-9])\s*$", re.IGNORECASE)
_TITLE_NAME = re.compile(r"^\s*(?:title|标题)\s*$", re.IGNORECASE)
_TOC_NAME = re.compile(r"^\s*(?:toc|目录)\s*[1-9]\s*$", re.IGNORECASE)

_BREAK = object()  # marker for a manual line break inside a paragraph


def w(tag: str) -> str:
    return _W + tag


def _val(el, child: str) -> Optional[str]:
    """The w:val of ``el``'s child ``child`` (None if absent)."""
    if el is None:
        return None
    found = el.find(w(child))
    if found is None:
        return None
    return found.get(w("val"))


def _on(el) -> bool:
    """An OOXML on/off property element: present and not switched off."""
    return el is not None and el.get(w("val"), "true").lower() not in ("0", "false", "off")


# --------------------------------------------------------------------------- zip


def check_package(data: bytes, shown: str, max_unpacked_bytes: int, max_zip_entries: int) -> bytes:
    """Refuse what is not a .docx, or what would unpack too large (zip bomb); return the package to open.

    The sizes in the zip headers are only a first filter: every XML part is
    then inflated in chunks, counting what really comes out, and the reading
    stops past ``max_unpacked_bytes`` whatever the headers say.  What python-docx
    opens is a package rebuilt from those parts, uncompressed, with the binary
    parts (pictures, fonts, embedded objects — never read for the text) left
    empty: nothing in it can inflate again.
    """
    if data.startswith(_OLE_MAGIC):
        raise ReadError(
            f"{shown}: 这是旧版 Word（.doc）/WPS 格式或加了密码的文档，不是 .docx；"
            "请用 Word 或 WPS 打开后“另存为” .docx（或 .txt），加密文档请先取消密码"
        )
    if data.lstrip().startswith(b"{\\rtf"):
        raise ReadError(f"{shown}: 这是 RTF 文档，不是 .docx；请用 Word 或 WPS 打开后“另存为” .docx（或 .txt）")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ReadError(
            f"{shown}: 文件已损坏或不是 .docx 文档（无法作为 zip 压缩包打开），请重新保存或另存为 .txt"
        ) from exc
    if len(infos) > max_zip_entries:
        raise ReadError(
            f"{shown}: .docx 压缩包内文件过多（{len(infos)} 个，上限 {max_zip_entries} 个），不像正常的 Word 文档，已拒绝读取"
        )
    total = sum(info.file_size for info in infos)
    if total > max_unpacked_bytes:
        raise ReadError(
            f"{shown}: .docx 解压后过大（{total // (1024 * 1024)} MB，上限 {max_unpacked_bytes // (1024 * 1024)} MB），"
            "可能是压缩炸弹，已拒绝读取"
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise ReadError(f"{shown}: 文档有密码保护，请先取消密码再检查")
    names = {info.filename for info in infos}
    if "xl/workbook.xml" in names:
        raise ReadError(f"{shown}: 这是 Excel 表格（扩展名却是 .docx），请把报告正文另存为 .docx 或 .txt")
    if "ppt/presentation.xml" in names:
        raise ReadError(f"{shown}: 这是 PowerPoint 演示文稿（扩展名却是 .docx），请把报告正文另存为 .docx 或 .txt")
    if "[Content_Types].xml" not in names:
        raise ReadError(f"{shown}: 不是 Word .docx 文档（压缩包里没有 Office 文档结构），请另存为 .docx 或 .txt")
    return _rebuild(data, infos, shown, max_unpacked_bytes)


#: parts whose bytes are read for the text; the others are kept empty
_TEXT_PARTS = (".xml", ".rels")
_CHUNK = 1024 * 1024


def _rebuild(data: bytes, infos: list, shown: str, max_unpacked_bytes: int) -> bytes:
    import copy

    out = io.BytesIO()
    total = 0
    last = {info.filename: info for info in infos if not info.is_dir()}  # a repeated name: zipfile reads the last
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as rebuilt:
            for name, info in last.items():
                if not name.lower().endswith(_TEXT_PARTS):
                    rebuilt.writestr(name, b"")
                    continue
                honest = copy.copy(info)
                # read what the stream holds, not what the header claims (the margin: stop before zipfile does)
                honest.file_size = max_unpacked_bytes - total + 2 * _CHUNK
                with zf.open(honest) as fh, rebuilt.open(name, "w", force_zip64=True) as dest:
                    while True:
                        chunk = fh.read(_CHUNK)
                        if not chunk:
                            break
                        total += len(chunk)
                        if total > max_unpacked_bytes:
                            raise ReadError(
                                f"{shown}: .docx 解压后过大（超过 {max_unpacked_bytes // (1024 * 1024)} MB，"
                                "压缩包头中写的大小不实），可能是压缩炸弹，已拒绝读取"
                            )
                        dest.write(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ReadError(
            f"{shown}: 文件已损坏或不是 .docx 文档（压缩包内容无法解压），请重新保存或另存为 .txt"
        ) from exc
    return out.getvalue()


# ------------------------------------------------------------------------ styles


class _Styles:
    """Paragraph styles: heading level, outline level, numbering, basedOn chain."""

    def __init__(self, root) -> None:
        self.by_id: dict[str, dict] = {}
        self.default: Optional[str] = None
        if root is None:
            return
        for st in root.iter(w("style")):
            if st.get(w("type"), "paragraph") != "paragraph":
                continue
            sid = st.get(w("styleId"))
            if not sid:
                continue
            names = [n.strip() for n in (_val(st, "name") or "").split(",") if n.strip()]
            aliases = _val(st, "aliases")
            if aliases:
                names += [n.strip() for n in aliases.split(",") if n.strip()]
            ppr = st.find(w("pPr"))
            outline = _val(ppr, "outlineLvl")
            numpr = ppr.find(w("numPr")) if ppr is not None else None
            self.by_id[sid] = {
                "names": names,
                "based": _val(st, "basedOn"),
                "outline": outline,
                "num_id": _val(numpr, "numId") if numpr is not None else None,
                "ilvl": _val(numpr, "ilvl") if numpr is not None else None,
            }
            if st.get(w("default"), "").lower() in ("1", "true", "on") and self.default is None:
                self.default = sid

    def chain(self, sid: Optional[str]) -> Iterator[dict]:
        seen = set()
        sid = sid or self.default
        while sid and sid in self.by_id and sid not in seen and len(seen) < 30:
            seen.add(sid)
            style = self.by_id[sid]
            yield style
            sid = style["based"]

    def level(self, sid: Optional[str]) -> Optional[int]:
        for style in self.chain(sid):
            for name in style["names"]:
                m = _HEADING_NAME.match(name)
                if m:
                    return int(m.group(1))
            if style["outline"] is not None:
                return _outline_level(style["outline"])
        return None

    def numbering(self, sid: Optional[str]) -> tuple[Optional[str], Optional[str]]:
        for style in self.chain(sid):
            if style["num_id"] is not None:
                return style["num_id"], style["ilvl"]
        return None, None

    def is_toc(self, sid: Optional[str]) -> bool:
        if not sid or sid not in self.by_id:
            return False
        return any(_TOC_NAME.match(n) for n in self.by_id[sid]["names"])

    def is_title(self, sid: Optional[str]) -> bool:
        if not sid or sid not in self.by_id:
            return False
        return any(_TITLE_NAME.match(n) for n in self.by_id[sid]["names"])


def _outline_level(value: Optional[str]) -> Optional[int]:
    try:
        lvl = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return lvl + 1 if 0 <= lvl < 9 else None  # 9 = body text


# --------------------------------------------------------------------- numbering

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def chinese_number(n: int, digits: str = _CN_DIGITS, ten: str = "十") -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十 (Arabic digits from 100 on)."""
    if n <= 0 or n >= 100:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    # Word repeats the letter: A..Z, AA..ZZ, AAA..
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for value, sym in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):
        while n >= value:
            out += sym
            n -= value
    return out


def format_number(n: int, fmt: Optional[str]) -> str:
    fmt = fmt or "decimal"
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return chinese_number(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return chinese_number(n, _CN_LEGAL, "拾")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand", "koreanDigital"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else f"({n})"
    if fmt == "decimalEnclosedParen":
        return _PAREN[n - 1] if 1 <= n <= len(_PAREN) else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return _FULLSTOP[n - 1] if 1 <= n <= len(_FULLSTOP) else f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2", "decimalHalfWidth"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")) if fmt != "decimalHalfWidth" else str(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Numbering:
    """Renders the automatic list labels Word draws in front of paragraphs."""

    def __init__(self, root, styles: _Styles) -> None:
        self.levels: dict[str, dict[int, dict]] = {}  # abstractNumId -> ilvl -> level
        self.style_link: dict[str, str] = {}  # abstractNumId -> numbering style id
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self.styles = styles
        if root is None:
            return
        for absn in root.iter(w("abstractNum")):
            aid = absn.get(w("abstractNumId"))
            if aid is None:
                continue
            link = _val(absn, "numStyleLink")
            if link:
                self.style_link[aid] = link
            levels = {}
            for lvl in absn.findall(w("lvl")):
                levels[_int(lvl.get(w("ilvl")), 0)] = self._level(lvl)
            self.levels[aid] = levels
        for num in root.iter(w("num")):
            nid = num.get(w("numId"))
            aid = _val(num, "abstractNumId")
            if nid is None or aid is None:
                continue
            overrides: dict[int, int] = {}
            for ov in num.findall(w("lvlOverride")):
                start = _val(ov, "startOverride")
                if start is not None:
                    overrides[_int(ov.get(w("ilvl")), 0)] = _int(start, 1)
                lvl = ov.find(w("lvl"))
                if lvl is not None:  # a full level override: keep it per numId
                    self.levels.setdefault(f"num:{nid}", {})[_int(ov.get(w("ilvl")), 0)] = self._level(lvl)
            self.nums[nid] = (aid, overrides)

    @staticmethod
    def _level(lvl) -> dict:
        return {
            "start": _int(_val(lvl, "start"), 1),
            "fmt": _val(lvl, "numFmt") or "decimal",
            "text": _val(lvl, "lvlText"),
            "suff": _val(lvl, "suff") or "tab",
            "legal": _on(lvl.find(w("isLgl"))),
        }

    def _abstract(self, nid: str) -> Optional[str]:
        entry = self.nums.get(nid)
        if entry is None:
            return None
        aid = entry[0]
        # an abstractNum that only links to a numbering style: follow the style's numId once
        if aid in self.style_link and not self.levels.get(aid):
            linked_num, _ = self.styles.numbering(self.style_link[aid])
            if linked_num and linked_num in self.nums and linked_num != nid:
                aid = self.nums[linked_num][0]
        return aid

    def label(self, num_id: Optional[str], ilvl_text: Optional[str]) -> str:
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        aid = self._abstract(num_id)
        if aid is None:
            return ""
        ilvl = _int(ilvl_text, 0)
        levels = dict(self.levels.get(aid, {}))
        levels.update(self.levels.get(f"num:{num_id}", {}))
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for ov_lvl, start in self.nums[num_id][1].items():
                counters[ov_lvl] = start - 1
                for deeper in range(ov_lvl + 1, 10):
                    counters.pop(deeper, None)
        current = counters.get(ilvl)
        counters[ilvl] = level["start"] if current is None else current + 1
        for deeper in range(ilvl + 1, 10):
            counters.pop(deeper, None)
        text = level["text"]
        if level["fmt"] in ("bullet", "none") or text is None:
            return ""

        def repl(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k)
            if lv is None:
                return ""
            value = counters.get(k, lv["start"])
            fmt = "decimal" if level["legal"] and k != ilvl else lv["fmt"]
            return format_number(value, fmt)

        rendered = re.sub(r"%([1-9])", repl, text).strip()
        if not rendered:
            return ""
        if level["suff"] == "nothing" or re.search(r"[、，,.．:：)）】\]]$", rendered):
            return rendered
        return rendered + " "


def _int(value: Optional[str], default: int) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


# -------------------------------------------------------------------------- text

_SKIP_SUBTREES = {
    w("txbxContent"),  # text boxes float outside the flow
    w("moveFrom"),  # moved-away text (tracked changes)
    w("del"),  # deleted text (tracked changes)
    w("delText"),
    w("instrText"),  # field codes
    w("delInstrText"),
    w("rPr"),
    w("pPr"),
    w("footnoteReference"),
    w("endnoteReference"),
    w("commentReference"),
    "{" + MC_NS + "}Fallback",  # duplicate of mc:Choice
}


def _runs_text(el, out: list) -> None:
    """Append the visible text of ``el``'s descendants to ``out`` (with _BREAK markers)."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_SUBTREES:
            continue
        if tag == w("t"):
            if child.text:
                out.append(child.text)
        elif tag == w("r"):
            rpr = child.find(w("rPr"))
            if rpr is not None and _on(rpr.find(w("vanish"))):
                continue  # hidden text
            _runs_text(child, out)
        elif tag in (w("tab"), w("ptab")):
            out.append(" ")
        elif tag in (w("br"), w("cr")):
            out.append(_BREAK)
        elif tag == w("noBreakHyphen"):
            out.append("-")
        elif tag == w("softHyphen"):
            continue
        elif tag in (w("p"), w("tbl")):
            continue  # nested block content is handled by the block walker
        else:
            _runs_text(child, out)


def paragraph_pieces(p) -> list[str]:
    """The text of one w:p, split at manual line breaks (at least one piece)."""
    out: list = []
    _runs_text(p, out)
    pieces = [""]
    for item in out:
        if item is _BREAK:
            pieces.append("")
        else:
            pieces[-1] += item
    pieces = [piece.strip("\r\n") for piece in pieces]
    if len(pieces) > 1:
        pieces = [piece for piece in pieces if piece.strip()] or [""]
    return pieces


def _is_toc_sdt(sdt) -> bool:
    pr = sdt.find(w("sdtPr"))
    if pr is None:
        return False
    gallery = pr.find(f"{w('docPartObj')}/{w('docPartGallery')}")
    return gallery is not None and "table of contents" in (gallery.get(w("val")) or "").lower()


def _blocks(parent) -> Iterator:
    """Block-level w:p and w:tbl children of ``parent`` in order, unwrapping content controls."""
    for child in parent:
        tag = child.tag
        if tag == w("p") or tag == w("tbl"):
            yield child
        elif tag == w("sdt"):
            if _is_toc_sdt(child):
                continue
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _blocks(content)
        elif tag in (w("customXml"), w("ins"), w("moveTo"), w("smartTag")):
            yield from _blocks(child)


def _rows(tbl) -> Iterator:
    for child in tbl:
        if child.tag == w("tr"):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                yield from (c for c in content if c.tag == w("tr"))


def _cells(tr) -> Iterator:
    for child in tr:
        if child.tag == w("tc"):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                yield from (c for c in content if c.tag == w("tc"))


def _merged_continuation(tc) -> bool:
    """A cell that continues a vertical merge: its content is in the row above."""
    pr = tc.find(w("tcPr"))
    if pr is None:
        return False
    vmerge = pr.find(w("vMerge"))
    return vmerge is not None and vmerge.get(w("val"), "continue") != "restart"


class _Walker:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.lines: list[SourceLine] = []
        self.number = 0
        self.title: Optional[str] = None
        self.elements: dict[int, object] = {}  # paragraph number -> its w:p (or the w:tr of a table row)

    # a paragraph: (label, pieces, level), numbering counters advanced once
    def _paragraph(self, p) -> Optional[tuple[list[str], Optional[int]]]:
        ppr = p.find(w("pPr"))
        sid = _val(ppr, "pStyle")
        if self.styles.is_toc(sid):
            return None
        direct = _val(ppr, "outlineLvl")
        level = _outline_level(direct) if direct is not None else self.styles.level(sid)
        numpr = ppr.find(w("numPr")) if ppr is not None else None
        num_id = _val(numpr, "numId") if numpr is not None else None
        ilvl = _val(numpr, "ilvl") if numpr is not None else None
        if num_id is None:
            style_num, style_ilvl = self.styles.numbering(sid)
            num_id = style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
        pieces = paragraph_pieces(p)
        label = self.numbering.label(num_id, ilvl) if num_id else ""
        if label and pieces[0].strip():
            pieces[0] = label + pieces[0].lstrip()
        if self.title is None and self.styles.is_title(sid) and pieces[0].strip():
            self.title = pieces[0].strip()
        return pieces, level

    def emit_paragraph(self, p) -> None:
        result = self._paragraph(p)
        if result is None:
            return
        pieces, level = result
        self.number += 1
        self.elements[self.number] = p
        for i, piece in enumerate(pieces):
            self.lines.append(SourceLine(number=self.number, text=piece, level=level if i == 0 else None))

    def walk(self, parent) -> None:
        for block in _blocks(parent):
            if block.tag == w("p"):
                self.emit_paragraph(block)
            else:
                self.emit_table(block)

    def emit_table(self, tbl) -> None:
        for tr in _rows(tbl):
            cells = [tc for tc in _cells(tr) if not _merged_continuation(tc)]
            raw = [" ".join(" ".join(paragraph_pieces(p)).strip() for p in tc.iter(w("p"))).strip() for tc in cells]
            filled = [text for text in raw if text]
            layout = (
                len(filled) <= 1
                or any(tc.find(f".//{w('tbl')}") is not None for tc in cells)
                or any(len(text) > LAYOUT_CELL_CHARS for text in filled)
            )
            if layout:
                for tc in cells:
                    self.walk(tc)
                continue
            texts = []
            for tc in cells:
                parts = []
                for p in _blocks(tc):
                    if p.tag != w("p"):
                        continue
                    result = self._paragraph(p)
                    if result is not None:
                        parts.append(" ".join(piece.strip() for piece in result[0] if piece.strip()))
                text = " ".join(part for part in parts if part)
                if text:
                    texts.append(text)
            self.number += 1
            self.elements[self.number] = tr
            self.lines.append(SourceLine(number=self.number, text=CELL_SEPARATOR.join(texts)))


def _walk_document(document) -> "_Walker":
    try:
        styles_root = document.styles.element
    except Exception:  # noqa: BLE001 - a document without styles part
        styles_root = None
    styles = _Styles(styles_root)
    try:
        numbering_root = document.part.numbering_part.element
    except Exception:  # noqa: BLE001 - no numbering part
        numbering_root = None
    walker = _Walker(styles, _Numbering(numbering_root, styles))
    walker.walk(document.element.body)
    return walker


def paragraph_elements(document) -> dict[int, object]:
    """For an open python-docx Document: paragraph number (as read_docx counts) -> its w:p, or w:tr for a table row."""
    return _walk_document(document).elements


def read_docx(
    data: bytes,
    shown: str,
    *,
    max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES,
    max_zip_entries: int = DEFAULT_MAX_ZIP_ENTRIES,
) -> Document:
    """Read a .docx file's body paragraphs and table rows in document order."""
    data = check_package(data, shown, max_unpacked_bytes, max_zip_entries)
    try:
        import docx  # python-docx
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise ReadError(f"{shown}: 读取 .docx 需要安装 python-docx（pip install python-docx）") from exc
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # noqa: BLE001 - any library failure is a bad file
        detail = " ".join(str(exc).split())[:120]
        raise ReadError(f"{shown}: 无法打开 Word 文档，文件可能已损坏（{detail}）；请重新保存或另存为 .txt") from exc
    walker = _walk_document(document)
    if not any(line.text.strip() for line in walker.lines) and body.find(f".//{w('altChunk')}") is not None:
        raise ReadError(
            f"{shown}: 文档正文是嵌入的网页或其他文档（altChunk），无法直接读取；请用 Word 或 WPS 打开后“另存为” .docx 或 .txt"
        )
    title = None
    try:
        title = (document.core_properties.title or "").strip() or None
    except Exception:  # noqa: BLE001 - damaged core properties are not fatal
        title = None
    return Document(path=shown, format="docx", lines=walker.lines, title=title or walker.title)
