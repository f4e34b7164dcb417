"""Legacy word-processor files (.doc .wps .rtf .odt …) read through LibreOffice.

Units still send Word 97-2003 ``.doc``, WPS ``.wps`` and ``.rtf`` files.  When
LibreOffice is installed (Debian ``libreoffice-writer-nogui``) the file is
converted with ``soffice --headless --convert-to docx`` and read as a .docx;
paragraph numbers are those of the converted document, which keeps the
original's paragraphs.  Each conversion runs in a temporary folder with its
own LibreOffice profile (``-env:UserInstallation``), so that parallel jobs
never share a profile or a lock, under a time limit after which the whole
LibreOffice process group is killed.  ``soffice`` is found on PATH (or
``CHECKER_SOFFICE``, or the usual install folders), or given with
``--soffice``.  Without LibreOffice the file is reported as unreadable, with
the advice to save it as .docx.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from ..model import Document, ReadError

#: extension -> what it is (in the messages)
KINDS = {
    ".doc": "旧版 Word 97-2003 文档（.doc）",
    ".dot": "旧版 Word 模板（.dot）",
    ".wps": "WPS 文字旧格式（.wps）",
    ".wpt": "WPS 文字模板（.wpt）",
    ".rtf": "RTF 文档（.rtf）",
    ".odt": "OpenDocument 文本（.odt）",
}
#: seconds one conversion may take
DEFAULT_CONVERT_TIMEOUT = 120.0
#: where LibreOffice usually is when it is not on PATH
_USUAL = (
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def find_soffice(given: Optional[str] = None) -> Optional[str]:
    """The soffice program: ``given`` (a path or a command name), else $CHECKER_SOFFICE, PATH, the usual folders."""
    if given:
        found = shutil.which(given) or (given if Path(given).is_file() else None)
        return found
    env = os.environ.get("CHECKER_SOFFICE")
    if env:
        return shutil.which(env) or (env if Path(env).is_file() else None)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _USUAL if Path(p).is_file()), None)


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 and WPS files are OLE compound files


def convertible(data: bytes) -> bool:
    """What LibreOffice is given: an OLE compound file (.doc .wps), RTF, or an OpenDocument text."""
    if data.startswith(_OLE) or data.lstrip()[:5] == b"{\\rtf":
        return True
    return data.startswith(b"PK\x03\x04") and b"application/vnd.oasis.opendocument.text" in data[:200]


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (OSError, AttributeError):
        proc.kill()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover - a process that ignores SIGKILL
        pass


def convert(data: bytes, shown: str, ext: str, soffice: Optional[str] = None, timeout: float = DEFAULT_CONVERT_TIMEOUT) -> bytes:
    """The .docx LibreOffice makes of ``data`` (a file of type ``ext``); ReadError on any failure."""
    what = KINDS.get(ext, f"{ext} 文档")
    exe = find_soffice(soffice)
    if exe is None:
        where = f"没有找到 LibreOffice（{soffice}）" if soffice else "没有安装 LibreOffice（找不到 soffice，可用 --soffice 指定）"
        raise ReadError(f"{shown}: {what}要用 LibreOffice 转换才能读取，但{where}；请用 Word 或 WPS 打开后“另存为” .docx 再检查")
    with tempfile.TemporaryDirectory(prefix="checker-lo-") as tmp:
        src = Path(tmp) / f"report{ext}"
        src.write_bytes(data)
        outdir = Path(tmp) / "out"
        profile = Path(tmp) / "profile"
        cmd = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(outdir),
            str(src),
        ]
        env = {**os.environ, "HOME": tmp}
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
        except OSError as exc:
            raise ReadError(f"{shown}: 无法启动 LibreOffice（{exe}：{exc.strerror or exc}）；请用 Word 或 WPS 打开后“另存为” .docx 再检查") from exc
        try:
            _, err = proc.communicate(timeout=timeout or None)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise ReadError(f"{shown}: LibreOffice 转换{what}超时（超过 {timeout:g} 秒）；请用 Word 或 WPS 打开后“另存为” .docx 再检查") from None
        except BaseException:  # the file's own time limit, Ctrl+C: never leave LibreOffice running
            _kill(proc)
            raise
        result = outdir / "report.docx"
        if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            detail = " ".join(line for line in err.decode("utf-8", "replace").splitlines() if line.strip() and "javaldx" not in line)
            detail = f"（{' '.join(detail.split())[:120]}）" if detail.strip() else ""
            raise ReadError(f"{shown}: LibreOffice 无法转换这份{what}{detail}，文件可能已损坏或有密码保护；请用 Word 或 WPS 打开后“另存为” .docx 再检查")
        return result.read_bytes()


def read_office(
    data: bytes,
    shown: str,
    *,
    ext: str = ".doc",
    soffice: Optional[str] = None,
    convert_timeout: float = DEFAULT_CONVERT_TIMEOUT,
    max_unpacked_bytes: Optional[int] = None,
    max_zip_entries: Optional[int] = None,
) -> Document:
    """Convert with LibreOffice, then read the .docx; the Document keeps the .docx (``package``) for annotate."""
    from .word import DEFAULT_MAX_UNPACKED_BYTES, DEFAULT_MAX_ZIP_ENTRIES, read_docx

    if not convertible(data):
        raise ReadError(f"{shown}: 不是有效的{KINDS.get(ext, ext + ' 文档')}（文件内容无法识别，可能已损坏）；请用 Word 或 WPS 打开后“另存为” .docx 再检查")
    package = convert(data, shown, ext, soffice, convert_timeout)
    doc = read_docx(
        package,
        shown,
        max_unpacked_bytes=max_unpacked_bytes or DEFAULT_MAX_UNPACKED_BYTES,
        max_zip_entries=max_zip_entries or DEFAULT_MAX_ZIP_ENTRIES,
    )
    doc.format = ext.lstrip(".")
    doc.package = package
    return doc
