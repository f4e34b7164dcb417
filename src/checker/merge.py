"""``checker merge A.json B.json … [-o all.json]``: the JSON documents of shards as one run's document.

A batch is a pure function per file, except the batch-level rule
``copied-report`` (:mod:`checker.checks.copies`), which compares the reports of
one run with each other.  So the reports of ``checker lint --format json`` over
shards of a file list, merged here, are exactly those of one run over the whole
list, except that ``copied-report`` only found the copies *within* each shard:
a report whose near-copy was in another shard has no such finding (nor its −10
and verdict), and a group of copies split across shards is reported per shard.

What the merged document is:

* ``reports``: every report of every document, in the order ``checker lint``
  lists the files of a folder it walks (by path as written, the order of
  ``find DIR | LC_ALL=C sort``); ``--keep-order``: the documents' order, each
  document's reports in its own order (one run over the shards' lists, joined);
* ``summary``: recomputed from the reports by :func:`checker.summary.summarize`,
  as ``checker lint`` computes it;
* ``skipped_files``: those of every document (same order), when there is one.

Each report keeps the verdict the shard's run gave it (its pass mark,
``--fail-on``, ``--select``): merge judges nothing again, so it has no
``--min-score``; give every shard the same options.  The exit status is what
``checker lint`` would give on the merged document: 2 when a report is
unreadable, else 1 when some report fails (0 with ``--exit-zero``), else 0;
2 too for a bad input document, with one line in Chinese naming it.

The JSON contract carries neither the checker version nor the rulebook, so an
input is refused when what it holds shows it is not what this version writes
with the same rulebook: not JSON; not a ``checker lint --format json`` document
(``--statistics``, SARIF…); report or summary fields other than this version's;
a summary that its reports do not give (``--quiet``, or edited); the parts of a
profile that differ from another document's (another rulebook); a file
already in another document.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import Iterable, Optional

import click


class MergeError(Exception):
    """A document that cannot be merged; ``str()`` is one line in Chinese naming the file."""


def _report_keys() -> tuple[frozenset, frozenset]:
    """The keys of a report object this version writes: (readable, unreadable)."""
    from .formatters.json_format import report_to_dict
    from .model import ReportResult

    return frozenset(report_to_dict(ReportResult(path="x"))), frozenset(report_to_dict(ReportResult(path="x", error="e")))


def _summary_of(reports: Iterable[dict]):
    """:func:`checker.summary.summarize` over report objects of the JSON document."""
    from .summary import summarize

    return summarize(
        SimpleNamespace(
            skipped_file=None,
            error=r.get("error"),
            passed=r["passed"],
            score=r["score"],
            findings=[SimpleNamespace(rule=f["rule"]) for f in r["findings"]],
            parts=[SimpleNamespace(id=p["id"], status=p["status"]) for p in r["parts"]],
        )
        for r in reports
    )


def load(name: str, text: str) -> dict:
    """The document in ``text`` (read from ``name``), checked to be one ``checker lint --format json`` wrote."""
    import json

    try:
        doc = json.loads(text)
    except ValueError as exc:
        where = f"（第 {exc.lineno} 行第 {exc.colno} 列）" if isinstance(exc, json.JSONDecodeError) else ""
        raise MergeError(f"{name}: 不是 JSON 文件{where}，请给出 checker lint --format json 的输出") from None
    if isinstance(doc, dict) and "statistics" in doc:
        raise MergeError(f"{name}: 这是 --statistics 的输出，不能合并；请去掉 --statistics 重新生成")
    if not (isinstance(doc, dict) and isinstance(doc.get("reports"), list) and isinstance(doc.get("summary"), dict)):
        raise MergeError(f"{name}: 不是 checker lint --format json 的输出（没有 reports 和 summary）")
    extra = set(doc) - {"reports", "summary", "skipped_files"}
    if extra:
        raise MergeError(f"{name}: 有这一版 checker 不写的字段 {sorted(extra)[0]}，可能由另一版本的 checker 生成")
    readable, unreadable = _report_keys()
    for i, r in enumerate(doc["reports"], 1):
        if not isinstance(r, dict) or not isinstance(r.get("path"), str):
            raise MergeError(f"{name}: 第 {i} 份报告不是 checker 的报告对象")
        keys = unreadable if "error" in r else readable
        if set(r) != keys:
            diff = sorted(set(r) - keys)
            said = f"多出字段 {diff[0]}" if diff else f"缺少字段 {sorted(keys - set(r))[0]}"
            raise MergeError(f"{name}: 报告 {r['path']} 的字段与这一版 checker 不同（{said}），可能由另一版本的 checker 生成")
        if not (isinstance(r["findings"], list) and isinstance(r["parts"], list) and all(isinstance(f, dict) and "rule" in f for f in r["findings"]) and all(isinstance(p, dict) and "id" in p and "status" in p for p in r["parts"])):
            raise MergeError(f"{name}: 报告 {r['path']} 的 findings 或 parts 不是 checker 写的格式")
    skipped = doc.get("skipped_files", [])
    if not (isinstance(skipped, list) and all(isinstance(s, dict) and isinstance(s.get("path"), str) for s in skipped)):
        raise MergeError(f"{name}: skipped_files 不是 checker 写的格式")
    expected = _summary_of(doc["reports"]).to_dict()
    if set(doc["summary"]) != set(expected):
        raise MergeError(f"{name}: summary 的字段与这一版 checker 不同，可能由另一版本的 checker 生成")
    if doc["summary"] != expected:
        counted = doc["summary"].get("reports")
        if isinstance(counted, int) and counted > len(doc["reports"]):
            raise MergeError(f"{name}: 摘要计入了 {counted} 份报告，文件中只列出 {len(doc['reports'])} 份（用 --quiet 生成的？），不能合并；请去掉 --quiet 重新生成")
        raise MergeError(f"{name}: summary 与其中的报告对不上（文件被改动过，或由另一版本的 checker 生成）")
    return doc


def merge_documents(docs: list[tuple[str, dict]], keep_order: bool = False) -> dict:
    """One document from ``(name, document)`` pairs that :func:`load` accepted."""
    parts_of: dict[str, tuple[tuple, str]] = {}  # profile -> (its part ids, the document that had it first)
    seen: dict[str, str] = {}
    reports: list[dict] = []
    skipped: list[dict] = []
    for name, doc in docs:
        profiles_here: dict[str, tuple] = {}
        for r in doc["reports"]:
            if r["path"] in seen:
                raise MergeError(f"{name}: 报告 {r['path']} 已在 {seen[r['path']]} 中，同一文件不能合并两次")
            seen[r["path"]] = name
            if r.get("error") is None and r.get("profile") is not None:
                profiles_here.setdefault(r["profile"], tuple(p["id"] for p in r["parts"]))
            reports.append(r)
        for profile, ids in profiles_here.items():
            first = parts_of.setdefault(profile, (ids, name))
            if first[0] != ids:
                raise MergeError(f"{name}: 规则集 {profile} 的部分与 {first[1]} 中的不同，两者不是用同一规则集（或同一版本）检查的")
        for s in doc.get("skipped_files", []):
            if s["path"] not in {k["path"] for k in skipped}:
                skipped.append(s)
    if not keep_order:
        reports.sort(key=lambda r: r["path"])  # stable: the order a walk of the folder lists them
        skipped.sort(key=lambda s: s["path"])
    out = {"reports": reports, "summary": _summary_of(reports).to_dict()}
    if skipped:
        out["skipped_files"] = skipped
    return out


def dumps(doc: dict) -> str:
    """The document as ``checker lint --format json`` writes it."""
    from .formatters.json_format import dumps as json_text

    return json_text(doc) + "\n"


def _fail(message: str) -> None:
    from .formatters.safe_text import terminal_safe

    click.echo(f"checker: {terminal_safe(message)}", err=True)
    sys.exit(2)


@click.command("merge")
@click.argument("documents", nargs=-1, required=True, metavar="JSON文件...")
@click.option("-o", "--output", default=None, metavar="文件", help="把合并后的 JSON 写入文件（默认输出到屏幕）；不会覆盖输入文件")
@click.option("--keep-order", is_flag=True, help="按给出的文件顺序排列报告（默认按路径排序，与 checker lint 遍历文件夹的顺序相同）")
@click.option("-q", "--quiet", is_flag=True, help="只列出未通过和无法读取的报告（汇总仍计入全部）")
@click.option("--exit-zero", is_flag=True, help="有报告未通过时退出码也为 0；有无法读取的报告或输入有误时仍为 2")
def merge_cmd(documents, output, keep_order, quiet, exit_zero):
    """把分片运行的 checker lint --format json 输出合并为一份，与一次检查全部文件得到的文档相同。

    报告按路径排序（与 checker lint 遍历文件夹的顺序相同），汇总（summary）按合并后的报告重新计算。
    各报告是否通过沿用生成它的那次 checker lint 的判断（及格分、--fail-on、--select），合并时不再重新判断。
    注意：copied-report（报告互相雷同）只在每个分片之内比较，分在不同分片的雷同报告不会被发现。

    退出码与对合并后的文档运行 checker lint 相同：0 全部通过；1 有报告未通过；2 有报告无法读取，或输入文件有误。
    """
    from .formatters.safe_text import terminal_safe
    from .output import OutputError, _reason, emit, prepare

    target = None
    if output:
        try:
            target = prepare(output, documents)
        except OutputError as exc:
            _fail(str(exc))
    docs = []
    try:
        for name in documents:
            try:
                if name == "-":
                    text = sys.stdin.read()
                else:
                    with open(name, encoding="utf-8") as fh:
                        text = fh.read()
            except OSError as exc:
                raise MergeError(f"{name}: 无法读取（{_reason(exc)}）") from None
            except UnicodeDecodeError:
                raise MergeError(f"{name}: 不是 UTF-8 编码的 JSON 文件，请给出 checker lint --format json 的输出") from None
            docs.append((name, load(name, text)))
        merged = merge_documents(docs, keep_order)
    except MergeError as exc:
        _fail(str(exc))
    shown = merged
    if quiet:
        shown = dict(merged, reports=[r for r in merged["reports"] if r.get("error") is not None or not r["passed"]])
    try:
        emit(dumps(shown), output, target)
    except OutputError as exc:
        _fail(str(exc))
    unreadable = [r for r in merged["reports"] if r.get("error") is not None]
    for r in unreadable:
        click.echo(terminal_safe(r["error"]), err=True)
    if unreadable:
        sys.exit(2)
    sys.exit(0 if exit_zero or all(r["passed"] for r in merged["reports"]) else 1)
