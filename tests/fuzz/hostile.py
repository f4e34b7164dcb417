"""Hostile inputs, shared by tests/test_hostile.py and the fuzzer (tests/fuzz/fuzz_cli.py).

Each builder is small and fast; the bombs are written in chunks so that
building them never takes much memory.
"""

from __future__ import annotations

import io
import os
import socket
import struct
import zipfile
import zlib
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# ------------------------------------------------------------------ PDF


def pdf_bomb(mb: int, lie_length: bool = True) -> bytes:
    """A one-page PDF whose content stream inflates to ``mb`` MB of spaces (``/Length`` understated)."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join([comp.compress(chunk) for _ in range(mb)] + [comp.flush()])
    length = 10 if lie_length else len(stream)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % length + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


# ----------------------------------------------------------------- .docx


def _minimal_docx(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        zf.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def docx_lying_header(mb: int, claimed: int = 1000) -> bytes:
    """A .docx whose document.xml inflates to ``mb`` MB while both zip headers claim ``claimed`` bytes."""
    head = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>青山县2023年法治政府建设年度报告</w:t></w:r></w:p>'.encode()
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    pad = b" " * (1 << 20)
    raw = comp.compress(head) + b"".join(comp.compress(pad) for _ in range(mb)) + comp.compress(b"</w:body></w:document>") + comp.flush()
    crc = zlib.crc32(head)
    for _ in range(mb):
        crc = zlib.crc32(pad, crc)
    crc = zlib.crc32(b"</w:body></w:document>", crc)
    placeholder = _minimal_docx(b"x")
    data = bytearray()
    central = bytearray()
    entries = 0
    with zipfile.ZipFile(io.BytesIO(placeholder)) as zf:
        for info in zf.infolist():
            name = info.filename.encode()
            if info.filename == "word/document.xml":
                body, size, csize, ccrc, method = raw, claimed, len(raw), crc, 8
            else:
                content = zf.read(info)
                body, size, csize, ccrc, method = content, len(content), len(content), zlib.crc32(content), 0
            offset = len(data)
            data += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0, ccrc, csize, size, len(name), 0) + name + body
            central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, method, 0, 0, ccrc, csize, size, len(name), 0, 0, 0, 0, 0, offset) + name
            entries += 1
    start = len(data)
    data += central + struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, entries, entries, len(central), start, 0)
    return bytes(data)


# ------------------------------------------------------------------ YAML


def billion_laughs(key: str = "select", depth: int = 9) -> str:
    """About 500 bytes of YAML whose aliases expand to 9**depth strings."""
    text = 'x0: &x0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, depth + 1):
        text += f"x{i}: &x{i} [" + ",".join([f"*x{i - 1}"] * 9) + "]\n"
    return text + f"{key}: *x{depth}\n"


def many_aliases(n: int = 10_000) -> str:
    """A rulebook-shaped file with ``n`` references to one anchored list."""
    return "id: aliases\nname: 别名\nbase: &b [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n" + "".join(f"k{i}: *b\n" for i in range(n))


# ---------------------------------------------------------- special files


def special_files(folder: Path) -> dict[str, str]:
    """Make a FIFO, a socket, a link to /dev/zero, a link loop and a dangling link in ``folder``.

    Returns name -> the reason the checker must give (a phrase of it).
    """
    made = {}
    os.mkfifo(folder / "fifo.txt")
    made["fifo.txt"] = "命名管道"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(folder / "sock.txt"))
        made["sock.txt"] = "套接字"
    except OSError:  # a path too long for a socket
        pass
    finally:
        sock.close()
    os.symlink("/dev/zero", folder / "zero.txt")
    made["zero.txt"] = "字符设备"
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    made["loop-a.txt"] = made["loop-b.txt"] = "循环"
    os.symlink("gone.txt", folder / "dangling.txt")
    made["dangling.txt"] = "指向的文件不存在"
    return made


# ---------------------------------------------------------------- processes


def alive_children(pid: int) -> list[int]:
    """The live (not zombie) child processes of ``pid`` (from /proc)."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(entry))
    return out


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
