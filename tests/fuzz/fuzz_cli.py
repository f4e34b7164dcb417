"""Throw thousands of generated and mutated files at the CLI (run on demand).

    python tests/fuzz/fuzz_cli.py [--cases 1000] [--seed 0] [--timeout 20] [--keep DIR]

Cases: random bytes under every supported (and some unsupported) extension;
real reports truncated, bit-flipped, spliced and renamed to other extensions;
.docx and .pdf files built properly and then truncated or corrupted; huge
lines, no newline, only newlines, control and bidi characters; deeply nested
and entity-laden HTML; .docx whose XML declares entities (billion laughs,
external entities); zip bombs.  The cases are checked in batches with
`checker lint --format json` plus a sample one by one; every run must end
with exit code 0, 1 or 2, print no Python traceback, report each unreadable
file in one line, and stay within the time and memory bounds.

Last result is quoted in README.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
EXTS = [".txt", ".md", ".docx", ".html", ".htm", ".pdf", ".doc", ".wps", ".bin", ""]


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]


def make_docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    for line in text.splitlines()[:80]:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_pdf(text: str) -> bytes:
    try:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas
    except ImportError:
        return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("STSong-Light", 10)
    y = 800
    for line in text.splitlines()[:60]:
        c.drawString(40, y, line[:40])
        y -= 14
        if y < 40:
            c.showPage()
            c.setFont("STSong-Light", 10)
            y = 800
    c.save()
    return buf.getvalue()


def docx_with_xml(document_xml: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        zf.writestr("word/document.xml", document_xml)
    return buf.getvalue()


LAUGHS = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
) + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
EXTERNAL = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;报告</w:t></w:r></w:p></w:body></w:document>'


def zip_bomb() -> bytes:
    """300 MB of zeros that pack into about 300 KB (written in chunks: the fuzzer's
    own memory must stay small, or every process it forks would look big)."""
    buf = io.BytesIO()
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(300):
                fh.write(chunk)
    return buf.getvalue()


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randrange(1, 6)):
        op = rng.randrange(5)
        if not data:
            data.extend(os.urandom(rng.randrange(1, 64)))
        elif op == 0:  # truncate
            del data[rng.randrange(len(data)) :]
        elif op == 1:  # flip bytes
            for _ in range(rng.randrange(1, 32)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif op == 2:  # splice random bytes in
            pos = rng.randrange(len(data))
            data[pos:pos] = os.urandom(rng.randrange(1, 256))
        elif op == 3:  # duplicate a slice
            a = rng.randrange(len(data))
            data.extend(data[a : a + rng.randrange(1, 4096)])
        else:  # cut a hole
            a = rng.randrange(len(data))
            del data[a : a + rng.randrange(1, 512)]
    return bytes(data)


def text_case(rng: random.Random, texts: list[str]) -> str:
    base = texts[rng.randrange(len(texts))]
    kind = rng.randrange(8)
    if kind == 0:
        return "字" * rng.randrange(50_000, 300_000)
    if kind == 1:
        return "\n" * rng.randrange(1, 50_000)
    if kind == 2:
        return base.replace("\n", rng.choice(["\r", "\r\n", "\u2028", "\x85", ""]))
    if kind == 3:
        return "".join(ch + rng.choice(["\u200b", "\u202e", "\x00", "\x1b", "\ufeff", ""]) for ch in base[:5000])
    if kind == 4:
        return "一、" * rng.randrange(1000, 20000)
    if kind == 5:
        return "（一）" * 5000 + base
    if kind == 6:
        return base * rng.randrange(2, 30)
    return "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(rng.randrange(1, 5000))).replace("\ud800", "")


def html_case(rng: random.Random, texts: list[str]) -> str:
    base = texts[rng.randrange(len(texts))][:3000]
    kind = rng.randrange(4)
    if kind == 0:
        depth = rng.randrange(100, 5000)
        return "<div>" * depth + base + "</div>" * depth
    if kind == 1:
        return '<!DOCTYPE html [<!ENTITY a "' + "x" * 1000 + '">]><html><body><p>&a;&a;&a;' + base + "</p></body></html>"
    if kind == 2:
        return "<html><head><meta charset='x-unknown'></head><body><p>" + base + "<script>" * 1000 + "</p></body></html>"
    return "<html><body>" + "".join(f"<p>{ln}</p>" for ln in base.splitlines()) + "<table>" * 500 + "</body></html>"


def build_cases(n: int, seed: int, folder: Path) -> list[Path]:
    rng = random.Random(seed)
    texts = corpus_texts()
    docx_ok = make_docx(texts[0])
    pdf_ok = make_pdf(texts[3])
    fixed = {
        "laughs.docx": docx_with_xml(LAUGHS),
        "external.docx": docx_with_xml(EXTERNAL),
        "bomb.docx": zip_bomb(),
        "empty.txt": b"",
        "empty.docx": b"",
        "empty.pdf": b"",
        "text-as.pdf": texts[0].encode("utf-8"),
        "pdf-as.docx": pdf_ok,
        "docx-as.pdf": docx_ok,
    }
    paths = []
    for name, data in fixed.items():
        p = folder / name
        p.write_bytes(data)
        paths.append(p)
    for i in range(n - len(paths)):
        kind = rng.randrange(7)
        ext = rng.choice(EXTS)
        if kind == 0:
            data = os.urandom(rng.randrange(0, 20_000))
        elif kind == 1:
            data = mutate(texts[rng.randrange(len(texts))].encode(rng.choice(["utf-8", "gb18030", "utf-16"])), rng)
        elif kind == 2:
            data, ext = mutate(docx_ok, rng), rng.choice([".docx", ".docx", ".pdf", ".txt"])
        elif kind == 3:
            data, ext = mutate(pdf_ok, rng), rng.choice([".pdf", ".pdf", ".docx", ".html"])
        elif kind == 4:
            data, ext = text_case(rng, texts).encode("utf-8", errors="surrogatepass"), rng.choice([".txt", ".md"])
        elif kind == 5:
            data, ext = html_case(rng, texts).encode("utf-8"), rng.choice([".html", ".htm"])
        else:
            data = texts[rng.randrange(len(texts))].encode("utf-8")
        p = folder / f"case_{i:05d}{ext}"
        p.write_bytes(data)
        paths.append(p)
    return paths


def run(cmd: list[str], timeout: float) -> tuple[int, str, str, float, int]:
    t0 = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        code, out, err = res.returncode, res.stdout, res.stderr
    except subprocess.TimeoutExpired:
        code, out, err = -999, "", "TIMEOUT"
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return code, out, err, time.perf_counter() - t0, max(before, peak)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds one file may take")
    ap.add_argument("--singles", type=int, default=100, help="cases also run one by one")
    ap.add_argument("--memory-mb", type=int, default=500, help="peak RSS bound of one CLI process")
    ap.add_argument("--keep", help="keep the generated cases in this folder")
    args = ap.parse_args()
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="checker-fuzz-"))
    tmp.mkdir(parents=True, exist_ok=True)
    cases = build_cases(args.cases, args.seed, tmp)
    checker = [sys.executable, "-m", "checker", "lint", "--timeout", str(args.timeout)]
    failures: list[str] = []
    slowest = 0.0
    peak_kb = 0

    batch = 50
    for start in range(0, len(cases), batch):
        chunk = [str(p) for p in cases[start : start + batch]]
        code, out, err, wall, peak = run(checker + ["--format", "json", "--jobs", "2", *chunk], args.timeout * batch)
        peak_kb = max(peak_kb, peak)
        if code not in (0, 1, 2):
            failures.append(f"batch {start}: exit {code}: {err[-300:]}")
            continue
        if "Traceback" in err or "Traceback" in out:
            failures.append(f"batch {start}: traceback: {err[-500:]}")
        try:
            reports = json.loads(out)["reports"]
        except (ValueError, KeyError):
            failures.append(f"batch {start}: output is not the JSON document")
            continue
        if [r["path"] for r in reports] != chunk:
            failures.append(f"batch {start}: reports missing or out of order")
        for r in reports:
            if "error" in r and ("\n" in r["error"] or r["path"] not in r["error"]):
                failures.append(f"{r['path']}: error is not one line naming the file: {r['error'][:200]!r}")
            if "内部错误" in r.get("error", ""):
                failures.append(f"{r['path']}: internal error: {r['error'][:300]}")
            if "超时" in r.get("error", ""):
                failures.append(f"{r['path']}: over the time limit")
        for line in err.splitlines():
            if line.strip() and not any(line.startswith(c) for c in chunk):
                failures.append(f"batch {start}: stray stderr line: {line[:200]}")

    rng = random.Random(args.seed + 1)
    for p in rng.sample(cases, min(args.singles, len(cases))):
        code, out, err, wall, peak = run(checker + [str(p)], args.timeout + 10)
        slowest = max(slowest, wall)
        peak_kb = max(peak_kb, peak)
        if code not in (0, 1, 2) or "Traceback" in out + err:
            failures.append(f"{p}: exit {code}; {err[-300:]}")
        elif code == 2 and len([ln for ln in err.splitlines() if ln.strip()]) != 1:
            failures.append(f"{p}: exit 2 without exactly one error line: {err[:300]!r}")

    if peak_kb / 1024 > args.memory_mb:
        failures.append(f"peak RSS {peak_kb / 1024:.0f} MB over {args.memory_mb} MB")
    print(f"cases: {len(cases)} (+{min(args.singles, len(cases))} run one by one), failures: {len(failures)}, "
          f"slowest single run: {slowest:.1f} s, peak RSS of one process: {peak_kb / 1024:.0f} MB")
    for f in failures[:50]:
        print("  FAIL", f)
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
