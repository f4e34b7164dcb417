"""Screenshot of an annotated report as Word shows it (docs/annotate.png).

    python scripts/annotate_screenshot.py docs/annotate.png --page 1 -- examples/bad_draft.docx

Everything after ``--`` is passed to ``checker annotate``.  The annotated
.docx is converted to PDF by LibreOffice headless (comments exported as PDF
notes, at the place LibreOffice lays them out); the page is rendered with
pypdfium2 and each note is drawn in a margin on the right, joined to its place
by a line, as Word's "All Markup" view does.  Needs LibreOffice (Debian
``libreoffice-writer-nogui``) and a Chinese font (``fonts-wqy-zenhei``).
"""

from __future__ import annotations

import argparse
import ctypes
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MARGIN = 560  # pixels of the comment margin
SCALE = 1.6


def notes(page) -> list[tuple[float, float, str]]:
    import pypdfium2.raw as raw

    out = []
    for k in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annot = raw.FPDFPage_GetAnnot(page.raw, k)
        if raw.FPDFAnnot_GetSubtype(annot) == raw.FPDF_ANNOT_TEXT:
            rect = raw.FS_RECTF()
            raw.FPDFAnnot_GetRect(annot, rect)
            size = raw.FPDFAnnot_GetStringValue(annot, b"Contents", None, 0)
            buf = ctypes.create_string_buffer(size)
            raw.FPDFAnnot_GetStringValue(annot, b"Contents", ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), size)
            out.append((rect.left, rect.top, buf.raw.decode("utf-16-le").rstrip("\x00").replace("\r", "\n")))
        raw.FPDFPage_CloseAnnot(annot)
    return out


def font(size: int):
    from PIL import ImageFont

    listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout.split("\n")
    files = sorted(line.split(":")[0].strip() for line in listed if line.strip())
    return ImageFont.truetype(files[0], size) if files else ImageFont.load_default()


def wrap(draw, text: str, face, width: int) -> list[str]:
    lines = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if draw.textlength(line + ch, font=face) > width:
                lines.append(line)
                line = ch
            else:
                line += ch
        lines.append(line)
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output")
    ap.add_argument("--page", type=int, default=1, help="the page to show (1 = first)")
    ap.add_argument("--lines", type=int, default=4, help="lines of each comment shown")
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args = ap.parse_args(argv[:cut])
    soffice = shutil.which("soffice")
    if soffice is None:
        print("LibreOffice not found (Debian: apt-get install libreoffice-writer-nogui)", file=sys.stderr)
        return 2
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    with tempfile.TemporaryDirectory(prefix="checker-annotate-shot-") as tmp:
        out = Path(tmp) / "annotated.docx"
        subprocess.run([sys.executable, "-m", "checker", "annotate", *argv[cut + 1 :], "-o", str(out)], check=False)
        if not out.exists():
            print("checker annotate wrote nothing", file=sys.stderr)
            return 2
        subprocess.run(
            [soffice, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}", "--headless", "--convert-to",
             'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}', "--outdir", tmp, str(out)],
            check=True, capture_output=True,
        )
        pdf = pdfium.PdfDocument(str(Path(tmp) / "annotated.pdf"))
        page = pdf[args.page - 1]
        _, height_pt = page.get_size()
        image = page.render(scale=SCALE, draw_annots=False).to_pil().convert("RGB")
        face, bold = font(17), font(18)
        measure = ImageDraw.Draw(Image.new("RGB", (10, 10)))
        boxes, y_next = [], 12
        for x, y, text in sorted(notes(page), key=lambda n: (-n[1], n[0])):
            ax, ay = x * SCALE, (height_pt - y) * SCALE
            lines = wrap(measure, text, face, MARGIN - 64)
            head, rest = lines[0], lines[1 : args.lines]
            if len(lines) > args.lines and rest:
                rest[-1] = rest[-1][:-1] + "…"
            top = max(y_next, ay - 14)
            box_h = 16 + 24 * (1 + len(rest))
            boxes.append((ax, ay, top, box_h, head, rest))
            y_next = top + box_h + 10
        shot = Image.new("RGB", (image.width + MARGIN, int(max(image.height, y_next))), "#f2f4f7")
        shot.paste(image, (0, 0))
        draw = ImageDraw.Draw(shot)
        for ax, ay, top, box_h, head, rest in boxes:
            colour = "#b42318" if "【错误】" in head else "#b54708" if "【警告】" in head else "#175cd3"
            draw.line([(ax, ay + 4), (image.width + 8, ay + 4), (image.width + 16, top + 14)], fill=colour, width=2)
            draw.rectangle([image.width + 16, top, shot.width - 12, top + box_h], fill="white", outline=colour, width=2)
            draw.text((image.width + 26, top + 8), head, font=bold, fill=colour)
            for k, line in enumerate(rest, 1):
                draw.text((image.width + 26, top + 8 + 24 * k), line, font=face, fill="#344054")
        shot.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(args.output, optimize=True)
    print(f"{args.output}: {Path(args.output).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
