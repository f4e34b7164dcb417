"""Throw thousands of generated and mutated files at the CLI (run on demand).

    python tests/fuzz/fuzz_cli.py [--cases 1000] [--seed 0] [--timeout 20] [--hostile 10] [--keep DIR] [--per-case]

Cases: random bytes under every supported (and some unsupported) extension;
real reports truncated, bit-flipped, spliced and renamed to other extensions;
.docx and .pdf files built properly and then truncated or corrupted; huge
lines, no newline, only newlines, control and bidi characters; deeply nested
and entity-laden HTML; .docx whose XML declares entities (billion laughs,
external entities); zip bombs.  The cases are checked in batches with
`checker lint --format json` plus a sample one by one; every run must end
with exit code 0, 1 or 2, print no Python traceback, report each unreadable
file in one line, and stay within the time and memory bounds.

Then ``--hostile N`` rounds of hostile scenarios (tests/fuzz/hostile.py has
the builders): hostile rulebooks and configs (billion laughs, alias floods,
recursive aliases, control characters, mutated shipped rulebooks, ``extends``
to devices, FIFOs, folders and non-rulebook files, deep nesting, oversized
files), .docx whose zip headers understate the sizes, PDF stream bombs (one
and two zlib layers), output-path faults (-o onto an input, a link to it, a
hard link, a device, a FIFO, a folder, a missing folder, /proc, a full disk,
stdout to /dev/full, an ASCII-only stdout), folders of special files (FIFO,
socket, device link, link loops, lock and hidden files), Ctrl-C and SIGTERM
mid-batch in every format, and a worker killed mid-batch.  Each must end as
the issue says (exit 2 with one line naming the file, 130/143 for signals),
leave no input or previous output changed and no temporary file, and leave
no worker behind.

Every CLI run's peak RSS is measured on its own (``os.wait4``: the process
and the workers it reaped); the report gives the largest per kind of case
(``--per-case`` lists every case).  Failures are tracebacks, unexpected exit
codes, hangs (over the time limit), kills (a run ended by a signal) and a
peak over ``--memory-mb``.

Last result is quoted in README.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile  # noqa: E402

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
            data.extend(rng.randbytes(rng.randrange(1, 64)))
        elif op == 0:  # truncate
            del data[rng.randrange(len(data)) :]
        elif op == 1:  # flip bytes
            for _ in range(rng.randrange(1, 32)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif op == 2:  # splice random bytes in
            pos = rng.randrange(len(data))
            data[pos:pos] = rng.randbytes(rng.randrange(1, 256))
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
    folder.mkdir(parents=True, exist_ok=True)
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
            data = rng.randbytes(rng.randrange(0, 20_000))
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



# ------------------------------------------------------------------ running one CLI process


@dataclass
class Ran:
    code: int  # exit code; -N killed by signal N; TIMEOUT
    out: str
    err: str
    wall: float
    peak_kb: int  # peak RSS of the process and the workers it reaped


TIMEOUT = -999

#: sizes of the hostile cases (MB of the bombs, files in a batch); --quick makes them small
SCALE = {"pdf_bomb": (250, 1500), "docx_liar": (50, 400), "batch": 600}
QUICK = {"pdf_bomb": (220, 320), "docx_liar": (30, 80), "batch": 300}


def run(cmd: list[str], timeout: float, cwd=None, env=None, preexec=None, stdout_file=None, during: Optional[Callable] = None) -> Ran:
    """Run ``cmd`` in its own session; measure its own peak RSS with os.wait4; kill its group on timeout."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=stdout_file or subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
        env={**os.environ, **(env or {})}, preexec_fn=preexec, start_new_session=True,
    )
    chunks: dict[str, bytes] = {}

    def drain(name, stream):
        chunks[name] = stream.read()

    threads = [threading.Thread(target=drain, args=("err", proc.stderr))]
    if stdout_file is None:
        threads.append(threading.Thread(target=drain, args=("out", proc.stdout)))
    for t in threads:
        t.start()
    if during is not None:
        during(proc)
    status = ru = None
    while True:
        pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - t0 > timeout:
            os.killpg(proc.pid, signal.SIGKILL)
            _, status, ru = os.wait4(proc.pid, 0)
            status = None
            break
        time.sleep(0.01)
    proc.returncode = 0  # reaped here; keep Popen from waiting again
    for t in threads:
        t.join()
    if status is None:
        code = TIMEOUT
    elif os.WIFSIGNALED(status):
        code = -os.WTERMSIG(status)
    else:
        code = os.WEXITSTATUS(status)
    text = lambda b: (b or b"").decode("utf-8", "replace")  # noqa: E731
    return Ran(code, text(chunks.get("out")), text(chunks.get("err")), time.perf_counter() - t0, ru.ru_maxrss if ru else 0)


# ------------------------------------------------------------------ hostile scenarios


@dataclass
class Case:
    kind: str
    name: str
    args: list[str]
    #: exit codes that are right; a run that ends otherwise fails
    codes: tuple[int, ...] = (2,)
    #: phrases the (single) stderr line must contain when the exit code is 2
    phrases: tuple[str, ...] = ()
    #: texts that must appear nowhere in the output (the contents of a non-rulebook file)
    secret: tuple[str, ...] = ()
    cwd: Optional[str] = None
    env: dict = field(default_factory=dict)
    preexec: Optional[Callable] = None
    stdout_file: Optional[str] = None
    #: files that must be byte-identical afterwards
    unchanged: tuple[str, ...] = ()
    #: a folder that must hold exactly these names afterwards (no temporary file left)
    folder: Optional[tuple[str, tuple[str, ...]]] = None
    one_line: bool = True
    during: Optional[Callable] = None
    extra: Optional[Callable] = None  # (Ran) -> list of failures


def _full_disk():
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def double_flate_pdf(mb: int) -> bytes:
    """A PDF stream bomb in two zlib layers (/Filter [/FlateDecode /FlateDecode])."""
    inner = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    layer = b"".join([inner.compress(chunk) for _ in range(mb)] + [inner.flush()])
    outer = zlib.compress(layer, 9)
    single = hostile.pdf_bomb(1)
    start = single.index(b"stream\n") + 7
    end = single.index(b"\nendstream")
    return single[:start].replace(b"/Filter /FlateDecode", b"/Filter [/FlateDecode /FlateDecode]") + outer + single[end:]


def rulebook_cases(rng: random.Random, folder: Path, report: str) -> list[Case]:
    shipped = (ROOT / "rules" / "national.yaml").read_text(encoding="utf-8")
    secret = folder / "not-a-rulebook"
    secret.write_text("root: S3CRET-HASH\ndaemon: '*'\n", encoding="utf-8")
    fifo = folder / f"fifo-{rng.randrange(10**6)}.yaml"
    os.mkfifo(fifo)
    texts: dict[str, tuple[str, tuple[str, ...]]] = {
        "laughs": (hostile.billion_laughs("parts", rng.randrange(5, 10)), ("别名",)),
        "aliases": (hostile.many_aliases(rng.randrange(3_000, 20_000)), ("别名",)),
        "recursive-alias": ("id: r\nname: r\nparts: &a [*a]\n", ()),
        "control-char": (shipped[: rng.randrange(100, len(shipped))] + chr(rng.choice([0x1B, 0x07, 0x00, 0x08, 0x7F])) + "x\n", ("控制字符",)),
        "mutated": (mutate(shipped.encode("utf-8"), rng).decode("utf-8", "replace"), ()),
        "deep": ("id: d\nname: d\nparts: " + "[" * rng.randrange(500, 20_000) + "\n", ()),
        "python-tag": ("id: t\nname: t\nparts: !!python/object/apply:os.system [echo HACKED]\n", ()),
        "extends-zero": ("id: z\nname: z\nextends: /dev/zero\n", ("/dev/zero", "字符设备")),
        "extends-urandom": ("id: z\nname: z\nextends: /dev/urandom\n", ("/dev/urandom", "字符设备")),
        "extends-fifo": (f"id: z\nname: z\nextends: {fifo}\n", ("命名管道",)),
        "extends-folder": (f"id: z\nname: z\nextends: {folder}/\n", ()),
        "extends-secret": (f"id: z\nname: z\nextends: {secret}\n", ("不是规则集文件",)),
        "extends-self": ("id: z\nname: z\nextends: self.yaml\n", ("循环",)),
        "oversized": ("id: big\nname: big\n" + "# 注释\n" * 700_000, ("过大",)),
    }
    cases = []
    for name, (text, phrases) in texts.items():
        path = folder / ("self.yaml" if name == "extends-self" else f"{name}-{rng.randrange(10**6)}.yaml")
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        codes = (0, 1, 2) if name == "mutated" else (2,)
        cases.append(Case("rulebook", name, ["lint", report, "--rulebook", str(path)], codes=codes, phrases=phrases, secret=("S3CRET", "HACKED", "daemon")))
        cfg = folder / f"cfg-{name}"
        cfg.mkdir()
        key = rng.choice(["select", "ignore", "exclude", "severity", "rulebook", "min-score"])
        cfg_text = hostile.billion_laughs(key, rng.randrange(5, 10)) if name == "laughs" else text
        (cfg / ".checker.yaml").write_text(cfg_text, encoding="utf-8", errors="surrogatepass")
        shutil.copy(report, cfg / "r.txt")
        cases.append(Case("config", name, ["lint", "r.txt"], codes=(0, 1, 2), cwd=str(cfg), secret=("S3CRET", "HACKED")))
    cases.append(Case("rulebook", "rulebook-is-fifo", ["lint", report, "--rulebook", str(fifo)], phrases=("命名管道",)))
    cases.append(Case("rulebook", "rulebook-is-dev-zero", ["lint", report, "--rulebook", "/dev/zero"], phrases=("字符设备",)))
    return cases


def bomb_cases(rng: random.Random, folder: Path) -> list[Case]:
    cases = []
    mb = rng.randrange(*SCALE["pdf_bomb"])
    p = folder / f"pdf-bomb-{mb}.pdf"
    p.write_bytes(hostile.pdf_bomb(mb))
    cases.append(Case("bomb", "pdf-stream-bomb", ["lint", str(p), "--timeout", "5"], phrases=(str(p), "可能是压缩炸弹")))
    p2 = folder / f"pdf-bomb2-{mb}.pdf"
    p2.write_bytes(double_flate_pdf(mb))
    cases.append(Case("bomb", "pdf-double-flate-bomb", ["lint", str(p2), "--timeout", "5"], phrases=(str(p2), "可能是压缩炸弹")))
    small = rng.randrange(20, 80)
    p3 = folder / f"pdf-bomb-small-{small}.pdf"
    p3.write_bytes(hostile.pdf_bomb(small))
    cases.append(Case("bomb", "pdf-bomb-max-unpacked", ["lint", str(p3), "--max-unpacked", str(small // 2)], phrases=("可能是压缩炸弹",)))
    # the bomb let through: PDFium exhausts the worker's memory; the run survives
    cases.append(Case("bomb", "pdf-bomb-through-to-pdfium", ["lint", str(p), "--max-unpacked", "100000", "--max-memory", "400", "--timeout", "8"], phrases=(str(p),)))
    zmb = rng.randrange(*SCALE["docx_liar"])
    d = folder / f"liar-{zmb}.docx"
    d.write_bytes(hostile.docx_lying_header(zmb))
    limit = rng.choice([1, 10, max(1, zmb // 2)])
    cases.append(Case("bomb", "docx-lying-headers", ["lint", str(d), "--max-unpacked", str(limit)], phrases=(str(d), "可能是压缩炸弹")))
    cases.append(Case("bomb", "docx-lying-headers-default", ["lint", str(d)], phrases=(str(d),)))
    return cases


def output_cases(rng: random.Random, folder: Path, report_text: str) -> list[Case]:
    cases = []
    out = folder / f"out-{rng.randrange(10**6)}"
    out.mkdir()
    victim = out / "victim.txt"
    victim.write_text(report_text, encoding="utf-8")
    (out / "link.txt").symlink_to("victim.txt")
    os.link(victim, out / "hard.txt")
    os.mkfifo(out / "pipe.json")
    (out / "previous.json").write_text("PREVIOUS", encoding="utf-8")
    names = ("hard.txt", "link.txt", "pipe.json", "previous.json", "victim.txt")
    fmt = rng.choice(["terminal", "json", "html", "sarif", "junit", "github"])
    base = ["lint", str(victim), "--format", fmt]
    guard = dict(unchanged=(str(victim), str(out / "previous.json")), folder=(str(out), names))
    for target, phrases in (
        (victim, ("输入文件",)), (out / "link.txt", ("输入文件",)), (out / "hard.txt", ("输入文件",)),
        (Path("/dev/null"), ("字符设备",)), (out / "pipe.json", ("命名管道",)), (out, ("文件夹",)),
        (Path("/missing/dir/x.html"), ("不存在",)), (Path("/proc/x.json"), ("无法写入",)),
    ):
        cases.append(Case("output", f"-o {target.name or target}", [*base, "-o", str(target)], phrases=phrases, **guard))
    cases.append(Case("output", "full-disk", ["lint", str(victim), "--format", "html", "-o", str(out / "previous.json")], phrases=("无法写入",), preexec=_full_disk, **guard))
    cases.append(Case("output", "stdout-dev-full", base, phrases=("标准输出",), stdout_file="/dev/full", **guard))
    cases.append(Case("output", "stdout-ascii", base, codes=(0, 1), env={"PYTHONIOENCODING": "ascii"}, **guard))
    return cases


def special_cases(rng: random.Random, folder: Path, report_text: str) -> list[Case]:
    d = folder / f"specials-{rng.randrange(10**6)}"
    d.mkdir()
    reasons = hostile.special_files(d)
    (d / "a.txt").write_text(report_text, encoding="utf-8")
    (d / "~$a.docx").write_bytes(b"\x0bzhangsan")
    (d / ".hidden.txt").write_text("x", encoding="utf-8")
    (d / "notes.xlsx").write_bytes(b"PK")

    def every_entry_named(ran: Ran) -> list[str]:
        err = ran.err
        missing = [n for n in [*reasons, "~$a.docx", ".hidden.txt", "notes.xlsx"] if n not in err]
        return [f"entries not named on stderr: {missing}"] if missing else []

    cases = [Case("special", "walk", ["lint", str(d), "--format", rng.choice(["json", "terminal", "sarif"])], one_line=False, extra=every_entry_named)]
    for name, phrase in reasons.items():
        cases.append(Case("special", name, ["lint", str(d / name)], phrases=(name, phrase)))
    for dev in ("/dev/zero", "/dev/urandom"):
        cases.append(Case("special", dev, ["lint", dev], phrases=(dev, "字符设备")))
    return cases


def batch_folder(folder: Path, texts: list[str], n: int) -> list[str]:
    d = folder / f"batch-{n}"
    if not d.exists():
        d.mkdir()
        for i in range(n):
            (d / f"r{i:03d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    return sorted(str(p) for p in d.glob("r*.txt"))


def signal_cases(rng: random.Random, folder: Path, texts: list[str]) -> list[Case]:
    files = batch_folder(folder, texts, SCALE["batch"])
    cases = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        fmt = rng.choice(["terminal", "json", "html", "sarif", "junit", "github"])
        out = folder / f"sig-out-{signum}-{rng.randrange(10**6)}"
        out.mkdir()
        (out / "out.txt").write_text("PREVIOUS", encoding="utf-8")
        delay = rng.uniform(0.05, 0.6)
        seen: list[int] = []

        def during(proc, signum=signum, delay=delay, seen=seen):
            t0 = time.monotonic()
            while not hostile.alive_children(proc.pid) and time.monotonic() - t0 < 20:
                time.sleep(0.02)
            time.sleep(delay)
            seen.extend(hostile.alive_children(proc.pid))
            os.killpg(proc.pid, signum) if signum == signal.SIGINT else os.kill(proc.pid, signum)

        def no_worker_left(ran: Ran, seen=seen) -> list[str]:
            time.sleep(0.2)
            left = [w for w in seen if hostile.alive(w)]
            return [f"workers left behind: {left}"] if left else []

        cases.append(Case(
            "signal", f"{signal.Signals(signum).name} {fmt}", ["lint", "--jobs", "2", "--format", fmt, "-o", str(out / "out.txt"), *files],
            codes=(128 + signum,), phrases=("已中断",), unchanged=(str(out / "out.txt"),), folder=(str(out), ("out.txt",)),
            during=during, extra=no_worker_left,
        ))
    return cases


def killed_worker_cases(rng: random.Random, folder: Path, texts: list[str]) -> list[Case]:
    files = batch_folder(folder, texts, SCALE["batch"])

    def during(proc):
        t0 = time.monotonic()
        while not hostile.alive_children(proc.pid) and time.monotonic() - t0 < 20:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.05, 0.6))
        workers = hostile.alive_children(proc.pid)
        if workers:
            os.kill(rng.choice(workers), signal.SIGKILL)

    def all_reported(ran: Ran) -> list[str]:
        try:
            reports = json.loads(ran.out)["reports"]
        except (ValueError, KeyError):
            return ["killed worker: output is not the JSON document"]
        fails = []
        if [r["path"] for r in reports] != files:
            fails.append("killed worker: reports missing or out of order")
        died = [r for r in reports if "处理时进程异常退出" in r.get("error", "")]
        if len(died) != 1:
            fails.append(f"killed worker: {len(died)} files reported as lost, expected 1")
        return fails

    return [Case("worker", "killed mid-batch", ["lint", "--jobs", "2", "--format", "json", *files], one_line=False, during=during, extra=all_reported)]


def run_hostile(rounds: int, seed: int, folder: Path, timeout: float, memory_mb: int, per_case: bool) -> tuple[list[str], dict]:
    texts = corpus_texts()
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / "report.txt"
    report.write_text(texts[0], encoding="utf-8")
    failures: list[str] = []
    peaks: dict[str, tuple[int, str]] = {}
    count = 0
    for r in range(rounds):
        rng = random.Random(seed * 1000 + r)
        sub = folder / f"round-{r}"
        sub.mkdir()
        cases = (
            rulebook_cases(rng, sub, str(report)) + bomb_cases(rng, sub) + output_cases(rng, sub, texts[0])
            + special_cases(rng, sub, texts[0]) + signal_cases(rng, sub, texts) + killed_worker_cases(rng, sub, texts)
        )
        for case in cases:
            count += 1
            before = {p: Path(p).read_bytes() for p in case.unchanged}
            ran = run([sys.executable, "-m", "checker", *case.args], timeout, cwd=case.cwd, env=case.env, preexec=case.preexec, stdout_file=open(case.stdout_file, "w") if case.stdout_file else None, during=case.during)
            label = f"{case.kind}/{case.name}"
            if per_case:
                print(f"  {label:40s} exit {ran.code:4d}  {ran.wall:5.1f} s  peak RSS {ran.peak_kb / 1024:6.0f} MB")
            if ran.peak_kb > peaks.get(case.kind, (0, ""))[0]:
                peaks[case.kind] = (ran.peak_kb, case.name)
            fails = []
            if ran.code == TIMEOUT:
                fails.append("hang (over the time limit)")
            elif ran.code < 0:
                fails.append(f"killed by signal {-ran.code}")
            elif ran.code not in case.codes:
                fails.append(f"exit {ran.code}, expected {case.codes}: {ran.err[-300:]!r}")
            if "Traceback" in ran.err + ran.out:
                fails.append(f"traceback: {ran.err[-400:]!r}")
            lines = [ln for ln in ran.err.splitlines() if ln.strip()]
            if ran.code in (2, 130, 143) and case.one_line and ran.code != TIMEOUT:
                if len(lines) != 1:
                    fails.append(f"not one line on stderr: {lines[:5]!r}")
                elif not all(ph in lines[0] for ph in case.phrases):
                    fails.append(f"stderr lacks {case.phrases}: {lines[0][:300]!r}")
            for text in case.secret:
                if text in ran.err + ran.out:
                    fails.append(f"printed the contents of a non-rulebook file ({text})")
            for path, data in before.items():
                if Path(path).read_bytes() != data:
                    fails.append(f"{path} was changed")
            if case.folder:
                where, names = case.folder
                now = tuple(sorted(os.listdir(where)))
                if now != tuple(sorted(names)):
                    fails.append(f"{where} holds {now}, expected {names}")
            if case.extra is not None:
                fails.extend(case.extra(ran))
            if ran.peak_kb / 1024 > memory_mb:
                fails.append(f"peak RSS {ran.peak_kb / 1024:.0f} MB over {memory_mb} MB")
            failures.extend(f"{label}: {f}" for f in fails)
    return failures, {"cases": count, "peaks": peaks}


# ------------------------------------------------------------------ main


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds one file may take")
    ap.add_argument("--singles", type=int, default=100, help="cases also run one by one")
    ap.add_argument("--hostile", type=int, default=10, help="rounds of hostile scenarios")
    ap.add_argument("--memory-mb", type=int, default=1024, help="peak RSS bound of one CLI run (the process and its workers)")
    ap.add_argument("--keep", help="keep the generated cases in this folder")
    ap.add_argument("--per-case", action="store_true", help="print every hostile case with its peak RSS")
    ap.add_argument("--quick", action="store_true", help="smaller bombs and batches (the test suite's short run)")
    args = ap.parse_args(argv)
    if args.quick:
        SCALE.update(QUICK)
    t_start = time.perf_counter()
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="checker-fuzz-"))
    tmp.mkdir(parents=True, exist_ok=True)
    cases = build_cases(args.cases, args.seed, tmp / "files") if args.cases else []
    checker = [sys.executable, "-m", "checker", "lint", "--timeout", str(args.timeout)]
    failures: list[str] = []
    slowest = 0.0
    peak_kb = 0

    batch = 50
    for start in range(0, len(cases), batch):
        chunk = [str(p) for p in cases[start : start + batch]]
        ran = run(checker + ["--format", "json", "--jobs", "2", *chunk], args.timeout * batch)
        peak_kb = max(peak_kb, ran.peak_kb)
        if ran.code not in (0, 1, 2):
            failures.append(f"batch {start}: exit {ran.code}: {ran.err[-300:]}")
            continue
        if "Traceback" in ran.err or "Traceback" in ran.out:
            failures.append(f"batch {start}: traceback: {ran.err[-500:]}")
        try:
            reports = json.loads(ran.out)["reports"]
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
        for line in ran.err.splitlines():
            if line.strip() and not any(line.startswith(c) for c in chunk):
                failures.append(f"batch {start}: stray stderr line: {line[:200]}")

    rng = random.Random(args.seed + 1)
    for p in rng.sample(cases, min(args.singles, len(cases))):
        ran = run(checker + [str(p)], args.timeout + 10)
        slowest = max(slowest, ran.wall)
        peak_kb = max(peak_kb, ran.peak_kb)
        if ran.code not in (0, 1, 2) or "Traceback" in ran.out + ran.err:
            failures.append(f"{p}: exit {ran.code}; {ran.err[-300:]}")
        elif ran.code == 2 and len([ln for ln in ran.err.splitlines() if ln.strip()]) != 1:
            failures.append(f"{p}: exit 2 without exactly one error line: {ran.err[:300]!r}")
    if peak_kb / 1024 > args.memory_mb:
        failures.append(f"files: peak RSS {peak_kb / 1024:.0f} MB over {args.memory_mb} MB")

    hostile_failures, stats = run_hostile(args.hostile, args.seed, tmp / "hostile", args.timeout + 20, args.memory_mb, args.per_case) if args.hostile else ([], {"cases": 0, "peaks": {}})
    failures += hostile_failures
    print(f"cases: {len(cases)} (+{min(args.singles, len(cases))} run one by one), hostile: {stats['cases']} in {args.hostile} rounds, "
          f"failures: {len(failures)}, slowest single run: {slowest:.1f} s, peak RSS of one run: {peak_kb / 1024:.0f} MB (files), "
          f"wall {time.perf_counter() - t_start:.0f} s")
    for kind, (kb, name) in sorted(stats["peaks"].items()):
        print(f"  peak RSS {kind:9s} {kb / 1024:6.0f} MB  ({name})")
    for f in failures[:50]:
        print("  FAIL", f)
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
