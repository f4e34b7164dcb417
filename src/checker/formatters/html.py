"""A self-contained HTML review page: one file, no external assets.

For a batch: a scoreboard with the failing reports first (then by score, lowest
first) that sorts by any column and filters by report, unit, year, verdict and
missing parts (a small inline script; without it the table is simply in that
order), a histogram of the scores and a bar
chart of the parts most often missing (inline SVG), each linking to the
report's section.  For each report: title, year, profile, score and verdict;
the parts as a checklist linking to the heading found; the findings; and the
full text with every finding marked at its line (colour by severity, message
and fix beside it), duplicated blocks linked to each other.  A print
stylesheet lays it out on A4 (each report on a new page, rows never split);
below 40rem (a phone) the text and its notes stack and the tables scroll
sideways instead of squeezing their columns.

The report text comes from ``ReportResult.lines`` (the engine fills it when
``Options.keep_lines`` is set); this module reads no files.  Every text is
escaped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape
from typing import Iterable, Optional

from .. import __version__
from ..model import SEVERITIES, Finding, ReportResult
from ..messages import SEVERITY as SEVERITY_LABEL, tally
from ..places import finding_place, where

STATUS_LABEL = {"present": ("✓", "有"), "weak": ("△", "弱"), "missing": ("✗", "缺")}
PAGE_TITLE = "法治政府建设年度报告检查结果"

CSS = """
:root{--err:#b42318;--err-bg:#fef3f2;--warn:#a15c07;--warn-bg:#fffaeb;--info:#175cd3;--info-bg:#eff8ff;
--ok:#067647;--ok-bg:#ecfdf3;--rule:#e4e7ec;--muted:#667085;--ink:#1d2939;--paper:#fff}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f2f4f7;color:var(--ink);line-height:1.75;font-size:16px;
font-family:"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","WenQuanYi Micro Hei","Heiti SC",sans-serif}
main{max-width:76rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}
h1{font-size:1.6rem;margin:.5rem 0 .25rem;letter-spacing:.02em}
h2{font-size:1.3rem;margin:0 0 .25rem;line-height:1.5}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
a{color:#175cd3}
.muted{color:var(--muted)}
.card{background:var(--paper);border:1px solid var(--rule);border-radius:8px;padding:1.25rem 1.5rem;margin:1.25rem 0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid var(--rule);vertical-align:top}
th{font-weight:600;background:#f9fafb;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.why{color:var(--err);font-size:.88rem}
.count{font-variant-numeric:tabular-nums}
.verdict{display:inline-block;padding:0 .6em;border-radius:999px;font-weight:600;white-space:nowrap}
.verdict.pass{color:var(--ok);background:var(--ok-bg)}
.verdict.fail{color:var(--err);background:var(--err-bg)}
.verdict.unread{color:var(--muted);background:#f2f4f7}
.score{font-size:2rem;font-weight:700;font-variant-numeric:tabular-nums;line-height:1}
.head{display:flex;gap:1.5rem;align-items:flex-start;justify-content:space-between;flex-wrap:wrap}
.scorebox{text-align:right}
.meta{margin:.25rem 0 0;color:var(--muted);font-size:.92rem}
.meta span+span::before{content:"·";margin:0 .5em}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1.25rem}
.charts figure{margin:0}
.charts figcaption{font-weight:600;margin-bottom:.25rem}
svg text{font-family:inherit;font-size:12px;fill:#344054}
.st-present{color:var(--ok)}.st-weak{color:var(--warn)}.st-missing{color:var(--err)}
tr.st-missing td{background:var(--err-bg)}
tr.st-weak td{background:var(--warn-bg)}
.sev{display:inline-block;font-size:.8rem;font-weight:600;padding:0 .45em;border-radius:4px;margin-right:.35em;white-space:nowrap}
.sev-error .sev{color:#fff;background:var(--err)}
.sev-warning .sev{color:#fff;background:var(--warn)}
.sev-info .sev{color:#fff;background:var(--info)}
.rule{color:var(--muted);font-size:.82rem;font-family:ui-monospace,Menlo,Consolas,monospace}
ul.findings{list-style:none;padding:0;margin:0}
ul.findings li{padding:.45rem .75rem;border-left:4px solid var(--rule);margin:.35rem 0;background:#fcfcfd}
ul.findings li.sev-error{border-color:var(--err)}
ul.findings li.sev-warning{border-color:var(--warn)}
ul.findings li.sev-info{border-color:var(--info)}
.evidence{color:#475467;font-size:.9rem}
.fix{color:var(--ok);font-size:.9rem}
.fix::before{content:"建议：";font-weight:600}
.text{border-top:1px solid var(--rule);margin-top:.5rem}
.ln{display:grid;grid-template-columns:3.5rem minmax(0,36em) minmax(0,1fr);gap:0 1rem;padding:.15rem 0;border-bottom:1px dashed #f2f4f7}
.ln .no{color:#98a2b3;text-align:right;font-size:.85rem;text-decoration:none;font-variant-numeric:tabular-nums;padding-top:.15rem}
.ln .tx{text-align:justify;line-break:strict;overflow-wrap:anywhere}
.ln.head-line .tx{font-weight:600;text-align:left}
.ln.chrome .tx{color:#98a2b3;font-size:.85rem}
.ln.sev-error .tx{background:var(--err-bg);box-shadow:inset 3px 0 var(--err)}
.ln.sev-warning .tx{background:var(--warn-bg);box-shadow:inset 3px 0 var(--warn)}
.ln.sev-info .tx{background:var(--info-bg);box-shadow:inset 3px 0 var(--info)}
.ln .tx{padding:0 .5rem}
.ln:target{outline:2px solid #f79009;outline-offset:2px}
li:target{outline:2px solid #f79009}
.notes{font-size:.88rem;line-height:1.6}
.note{margin:.1rem 0 .4rem;padding:.3rem .55rem;border-radius:6px;background:#fcfcfd;border:1px solid var(--rule)}
.note.sev-error{border-color:#fda29b}.note.sev-warning{border-color:#fedf89}.note.sev-info{border-color:#b2ddff}
.tag{display:inline-block;font-size:.78rem;color:var(--ok);border:1px solid #abefc6;background:var(--ok-bg);border-radius:4px;padding:0 .4em;margin-left:.5em;font-weight:400}
.backref{font-size:.85rem;color:var(--muted)}
nav.toc a{margin-right:.75rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table.board{min-width:62rem}
table.board td:nth-child(2){min-width:14em}
table.board td:nth-child(7){min-width:9em}
table.board td:nth-child(10){min-width:11em}
table.board th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit;white-space:nowrap}
table.board th button::after{content:" ↕";color:#98a2b3;font-weight:400}
table.board th[aria-sort=ascending] button::after{content:" ↑";color:var(--ink)}
table.board th[aria-sort=descending] button::after{content:" ↓";color:var(--ink)}
tr.filters td{background:#f9fafb;padding:.25rem .4rem}
tr.filters input,tr.filters select{width:100%;min-width:4em;font:inherit;font-size:.85rem;padding:.1rem .3rem;border:1px solid var(--rule);border-radius:4px}
.js-only{display:none}
html.js .js-only{display:revert}
html.js tr.filters.js-only{display:table-row}
.shown-count{font-size:.88rem}
@media (max-width:62rem){.ln{grid-template-columns:2.75rem minmax(0,1fr)}.notes{grid-column:2}}
@media (max-width:40rem){body{font-size:15px}main{padding:.75rem .5rem 3rem}.card{padding:.9rem .75rem;margin:.75rem 0}
.head{flex-direction:column;gap:.5rem}.scorebox{text-align:left}.ln{grid-template-columns:2.25rem minmax(0,1fr);gap:0 .5rem}
table.parts{display:block;overflow-x:auto}.charts{grid-template-columns:minmax(0,1fr)}}
@media print{@page{size:A4;margin:14mm 12mm}
body{background:#fff;font-size:10.5pt;line-height:1.6}main{max-width:none;padding:0}
.card{border:none;border-radius:0;padding:0;margin:0 0 1rem}
section.report{break-before:page;page-break-before:always}
tr,li,.ln,.note,figure,.head{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
.js-only,html.js .js-only,html.js tr.filters.js-only,a.back{display:none}
.scroll{overflow:visible}table.board{min-width:0}
a{color:inherit;text-decoration:none}
table.board th button::after{content:""}
.ln{grid-template-columns:2.5rem minmax(0,1fr) minmax(0,14rem)}.ln:target,li:target{outline:none}}
"""

#: sorts the scoreboard by a clicked column and filters it by the inputs under the headings;
#: the page works without it (the table is then in its printed order)
SCRIPT = """(function () {
  var root = document.documentElement;
  root.className += " js";
  var table = document.getElementById("board");
  if (!table) return;
  var body = table.tBodies[0], heads = table.tHead.rows[0].cells;
  var filters = table.querySelectorAll("[data-col]"), count = document.getElementById("shown-count");
  function value(td, numeric) {
    var v = td.getAttribute("data-v");
    if (v === null) v = td.textContent.trim();
    if (!numeric) return v;
    var n = parseFloat(v);
    return isNaN(n) ? -Infinity : n;
  }
  Array.prototype.forEach.call(heads, function (th, col) {
    var button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var numeric = th.getAttribute("data-type") === "num";
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = value(a.cells[col], numeric), y = value(b.cells[col], numeric);
        var c = numeric ? (x < y ? -1 : x > y ? 1 : 0) : String(x).localeCompare(String(y), "zh-CN");
        return c * dir || a.getAttribute("data-order") - b.getAttribute("data-order");
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  function apply() {
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var ok = Array.prototype.every.call(filters, function (f) {
        var want = f.value.trim(), text = row.cells[+f.getAttribute("data-col")].textContent.trim();
        if (!want) return true;
        return f.tagName === "SELECT" ? text === want : text.toLowerCase().indexOf(want.toLowerCase()) >= 0;
      });
      row.hidden = !ok;
      if (ok) shown++;
    });
    if (count) count.textContent = "显示 " + shown + " / " + body.rows.length + " 份";
  }
  Array.prototype.forEach.call(filters, function (f) {
    f.addEventListener("input", apply);
    f.addEventListener("change", apply);
  });
})();"""


def _e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def _evidence(f: Finding) -> str:
    return f.evidence + (f"（规范化：{f.normalized}）" if f.normalized else "")


def _fmt_score(score: float) -> str:
    return f"{score:g}"


class _Ids:
    """Element ids of one report's section; every link on the page is built from these."""

    def __init__(self, index: int):
        self.prefix = f"r{index}"

    @property
    def section(self) -> str:
        return self.prefix

    def line(self, number: int) -> str:
        return f"{self.prefix}-L{number}"

    def finding(self, k: int) -> str:
        return f"{self.prefix}-f{k}"

    def note(self, k: int) -> str:
        return f"{self.prefix}-n{k}"

    def part(self, part_id: str) -> str:
        return f"{self.prefix}-part-{part_id}"


# ---------------------------------------------------------------- batch overview


def _verdict(r: ReportResult) -> str:
    if r.error is not None:
        return '<span class="verdict unread">无法读取</span>'
    if r.passed:
        return '<span class="verdict pass">通过</span>'
    return '<span class="verdict fail">未通过</span>'


def _ranked(results: list[ReportResult]) -> list[tuple[int, ReportResult]]:
    """Unreadable files and failing reports first, then the passing ones; lowest score first in each."""
    indexed = list(enumerate(results, 1))
    return sorted(indexed, key=lambda t: (0 if t[1].error is not None else 1 if not t[1].passed else 2, t[1].score, t[0]))


def _display_name(r: ReportResult) -> str:
    return r.title or r.path.replace("\\", "/").rsplit("/", 1)[-1]


def _error_summary(r: ReportResult, rulebook) -> str:
    """What makes a report fail, briefly: its error findings by check (the rulebook's description)."""
    labels: Counter = Counter()
    for f in r.findings:
        if f.severity != "error":
            continue
        label = f.rule
        judged_by = r.rulebook if r.rulebook is not None else rulebook
        if judged_by is not None and f.rule in judged_by.rules:
            label = judged_by.rule(f.rule).label
        if f.rule == "missing-part":
            label = "缺少必备部分"
        labels[label] += 1
    return "、".join(f"{label}×{n}" if n > 1 else label for label, n in labels.items())


def _scoreboard(results: list[ReportResult], rulebook=None) -> str:
    rows = []
    for order, (i, r) in enumerate(_ranked(results), 1):
        counts = Counter(f.severity for f in r.findings)
        if r.error is not None:
            missing, errors = r.error, ""
        else:
            missing = "、".join(p.name for p in r.parts if p.status == "missing") or "—"
            errors = _error_summary(r, rulebook)
        name = _display_name(r)
        path = f'<div class="muted rule">{_e(r.path)}</div>' if r.path != name else ""
        score = "" if r.error is not None else _fmt_score(r.score)
        sort_score = "-1" if r.error is not None else _fmt_score(r.score)
        verdict = 0 if r.error is not None else 1 if not r.passed else 2
        rows.append(
            f'<tr data-order="{order}"><td class="num">{order}</td><td><a href="#{_Ids(i).section}">{_e(name)}</a>{path}</td>'
            f'<td>{_e(r.subject or "")}</td><td class="num">{_e(r.year or "")}</td><td class="num" data-v="{sort_score}">{_e(score)}</td>'
            f'<td data-v="{verdict}">{_verdict(r)}</td>'
            f'<td data-v="{counts.get("error", 0)}"><span class="count">{counts.get("error", 0)}</span> <span class="why">{_e(errors)}</span></td>'
            f'<td class="num">{counts.get("warning", 0)}</td><td class="num">{counts.get("info", 0)}</td><td>{_e(missing)}</td></tr>'
        )
    heads = (("#", "num"), ("报告", "text"), ("单位", "text"), ("年度", "num"), ("得分", "num"), ("结果", "num"), ("错误", "num"), ("警告", "num"), ("提示", "num"), ("缺少的部分", "text"))
    right = ' class="num"'
    head = "".join(
        f'<th{right if kind == "num" and label not in ("结果", "错误") else ""} data-type="{kind}" data-key="{k}"><button type="button">{label}</button></th>'
        for k, (label, kind) in enumerate(heads)
    )
    verdicts = "".join(f"<option>{v}</option>" for v in ("未通过", "通过", "无法读取"))
    cells = {
        1: '<input type="search" data-col="1" placeholder="筛选报告" aria-label="按报告筛选">',
        2: '<input type="search" data-col="2" placeholder="筛选单位" aria-label="按单位筛选">',
        3: '<input type="search" data-col="3" placeholder="年度" aria-label="按年度筛选">',
        5: f'<select data-col="5" aria-label="按结果筛选"><option value="">全部</option>{verdicts}</select>',
        9: '<input type="search" data-col="9" placeholder="如：原因" aria-label="按缺少的部分筛选">',
    }
    filters = "".join(f"<td>{cells.get(k, '')}</td>" for k in range(len(heads)))
    return (
        '<section class="card" id="scoreboard"><h2>汇总（未通过的在前，按得分从低到高）</h2>'
        f'<p class="muted js-only">点击列标题排序，在标题下的框中输入文字筛选。<span class="shown-count" id="shown-count">共 {len(results)} 份</span></p>'
        f'<div class="scroll"><table class="board" id="board"><thead><tr>{head}</tr>'
        f'<tr class="filters js-only">{filters}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _histogram(results: list[ReportResult]) -> str:
    """Scores in bins of ten (90-100 in the last), passed and failed stacked."""
    readable = [r for r in results if r.error is None]
    bins = [[0, 0] for _ in range(10)]
    for r in readable:
        b = min(int(max(r.score, 0) // 10), 9)
        bins[b][0 if r.passed else 1] += 1
    top = max((a + b for a, b in bins), default=0) or 1
    width, height, left, bottom, topm = 420, 200, 28, 34, 12
    plot_h = height - bottom - topm
    bar_w = (width - left - 8) / 10
    out = [f'<svg role="img" aria-label="得分分布" viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">']
    out.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - 4}" y2="{height - bottom}" stroke="#98a2b3"/>')
    for k in range(top + 1) if top <= 5 else (0, top // 2, top):
        y = height - bottom - plot_h * k / top
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{k}</text>')
    for b, (ok, bad) in enumerate(bins):
        x = left + b * bar_w + 3
        y = height - bottom
        for count, colour, label in ((ok, "#17b26a", "通过"), (bad, "#f04438", "未通过")):
            if not count:
                continue
            h = plot_h * count / top
            y -= h
            lo = b * 10
            hi = 100 if b == 9 else lo + 9
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 6:.1f}" height="{h:.1f}" fill="{colour}"><title>{lo}–{hi} 分：{label} {count} 份</title></rect>')
        if ok + bad:
            out.append(f'<text x="{x + (bar_w - 6) / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{ok + bad}</text>')
        out.append(f'<text x="{x + (bar_w - 6) / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle">{b * 10}</text>')
    out.append(f'<text x="{width - 4}" y="{height - 4}" text-anchor="end">得分</text>')
    out.append(f'<rect x="{left + 4}" y="{height - 12}" width="10" height="10" fill="#17b26a"/><text x="{left + 18}" y="{height - 3}">通过</text>')
    out.append(f'<rect x="{left + 58}" y="{height - 12}" width="10" height="10" fill="#f04438"/><text x="{left + 72}" y="{height - 3}">未通过</text>')
    out.append("</svg>")
    return "".join(out)


def _missing_chart(results: list[ReportResult]) -> str:
    """Horizontal bars: for each part, how many reports miss it (and how many have it only weakly)."""
    order: dict[str, tuple[int, str]] = {}
    missing: Counter = Counter()
    weak: Counter = Counter()
    for r in results:
        for k, p in enumerate(r.parts):
            order.setdefault(p.id, (k, p.name))
            if p.status == "missing":
                missing[p.id] += 1
            elif p.status == "weak":
                weak[p.id] += 1
    shown = [pid for pid in order if missing[pid] or weak[pid]]
    if not shown:
        return '<p class="muted">所有报告都具备全部部分。</p>'
    shown.sort(key=lambda pid: (-missing[pid], -weak[pid], order[pid][0]))
    total = max(len([r for r in results if r.error is None]), 1)
    longest = max(len(order[pid][1]) for pid in shown)
    label_w, row_h = 13 * longest + 16, 24
    width = label_w + 280
    bar_max = width - label_w - 40
    height = row_h * len(shown) + 26
    out = [f'<svg role="img" aria-label="缺少的部分" viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">']
    for k, pid in enumerate(shown):
        y = k * row_h + 4
        name = order[pid][1]
        out.append(f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end">{_e(name)}</text>')
        wm = bar_max * missing[pid] / total
        ww = bar_max * weak[pid] / total
        if wm:
            out.append(f'<rect x="{label_w}" y="{y + 2}" width="{wm:.1f}" height="{row_h - 8}" fill="#f04438"><title>{_e(name)}：缺 {missing[pid]} 份</title></rect>')
        if ww:
            out.append(f'<rect x="{label_w + wm:.1f}" y="{y + 2}" width="{ww:.1f}" height="{row_h - 8}" fill="#fdb022"><title>{_e(name)}：弱 {weak[pid]} 份</title></rect>')
        out.append(f'<text x="{label_w + wm + ww + 5:.1f}" y="{y + 14}">{missing[pid]}{f" + {weak[pid]}" if weak[pid] else ""}</text>')
    y = height - 12
    out.append(f'<rect x="{label_w}" y="{y}" width="10" height="10" fill="#f04438"/><text x="{label_w + 14}" y="{y + 9}">缺</text>')
    out.append(f'<rect x="{label_w + 44}" y="{y}" width="10" height="10" fill="#fdb022"/><text x="{label_w + 58}" y="{y + 9}">弱（只在正文中找到）</text>')
    out.append("</svg>")
    return "".join(out)


def _overview(results: list[ReportResult], rulebook=None) -> str:
    return (
        '<section class="card charts" id="charts">'
        + f"<figure><figcaption>得分分布</figcaption>{_histogram(results)}</figure>"
        + f"<figure><figcaption>最常缺少的部分（份数）</figcaption>{_missing_chart(results)}</figure>"
        + "</section>"
        + _scoreboard(results, rulebook)
    )


# ---------------------------------------------------------------- one report


def _finding_body(f: Finding, ids: _Ids, line_ids: set[int], fmt: Optional[str]) -> str:
    """Message, rule, evidence, fix, and the link to the other place of a duplicate."""
    parts = [f'<span class="sev">{SEVERITY_LABEL.get(f.severity, _e(f.severity))}</span>{_e(f.message)} <span class="rule">[{_e(f.rule)}]</span>']
    if f.related_line is not None:
        shown = where(fmt, f.related_line)
        if f.related_line in line_ids:
            parts.append(f'<div class="evidence">另一处：<a class="related" href="#{ids.line(f.related_line)}">{_e(shown)}</a></div>')
        else:
            parts.append(f'<div class="evidence">另一处：{_e(shown)}</div>')
    if f.evidence:
        parts.append(f'<div class="evidence">{_e(_evidence(f))}</div>')
    if f.fix:
        parts.append(f'<div class="fix">{_e(f.fix)}</div>')
    return "".join(parts)


def _report_section(i: int, r: ReportResult, total: int) -> str:
    ids = _Ids(i)
    back = '<a class="back" href="#top">返回目录</a>' if total > 1 else ""
    if r.error is not None:
        return (
            f'<section class="card report" id="{ids.section}"><div class="head"><div>'
            f"<h2>{_e(_display_name(r))}</h2><p class=\"meta\"><span>{_e(r.path)}</span></p></div>"
            f'<div class="scorebox">{_verdict(r)}</div></div><p class="st-missing">{_e(r.error)}</p>{back}</section>'
        )
    line_ids = {number for number, _, text, _ in r.lines if text.strip()}
    findings = list(enumerate(r.findings, 1))
    at_line: dict[int, list[tuple[int, Finding]]] = defaultdict(list)
    referred: dict[int, list[tuple[int, Finding]]] = defaultdict(list)
    for k, f in findings:
        if f.line is not None and f.line in line_ids:
            at_line[f.line].append((k, f))
        if f.related_line is not None and f.related_line in line_ids:
            referred[f.related_line].append((k, f))
    heads: dict[int, list[str]] = defaultdict(list)
    for p in r.parts:
        if p.line is not None and p.status != "missing":
            heads[p.line].append(p.name)

    counts = Counter(f.severity for f in r.findings)
    meta = [f"<span>{_e(r.path)}</span>", f"<span>年度：{_e(r.year or '未识别')}</span>"]
    if r.subject:
        meta.append(f"<span>报告主体：{_e(r.subject)}</span>")
    if r.profile:
        meta.append(f"<span>规则集：{_e(r.profile)}</span>")
    if r.published:
        meta.append(f"<span>公开日期：{_e(r.published.isoformat())}</span>")
    meta.append("<span>" + "，".join(f"{SEVERITY_LABEL[s]} {counts.get(s, 0)}" for s in SEVERITIES) + "</span>")
    out = [
        f'<section class="card report" id="{ids.section}">',
        '<div class="head"><div>',
        f"<h2>{_e(_display_name(r))}" + ("" if r.title else ' <span class="muted">（未识别到标题）</span>') + "</h2>",
        f'<p class="meta">{"".join(meta)}</p></div>',
        f'<div class="scorebox"><div class="score">{_e(_fmt_score(r.score))}</div><div class="muted">/ 100</div>{_verdict(r)}</div></div>',
    ]

    # the parts checklist
    out.append('<h3>法定部分</h3><table class="parts"><thead><tr><th>部分</th><th>状态</th><th class="num">位置</th><th>找到的标题</th></tr></thead><tbody>')
    for p in r.parts:
        mark, label = STATUS_LABEL.get(p.status, ("?", p.status))
        if p.line is not None and p.line in line_ids:
            at = f'<a href="#{ids.line(p.line)}">{_e(where(r.format, p.line, p.location))}</a>'
        elif p.line is not None:
            at = _e(where(r.format, p.line, p.location))
        else:
            at = "—"
        heading = _e(p.heading) if p.heading else ('<span class="muted">（正文中找到）</span>' if p.status == "weak" else "")
        out.append(
            f'<tr class="st-{_e(p.status)}" id="{ids.part(_e(p.id))}"><td>{_e(p.name)}</td>'
            f'<td class="st-{_e(p.status)}">{mark} {label}</td><td class="num">{at}</td><td>{heading}</td></tr>'
        )
    out.append("</tbody></table>")

    # the findings, in severity order, each linking to its line
    out.append(f"<h3>发现的问题（{len(findings)}）</h3>")
    if findings:
        out.append('<ul class="findings">')
        for k, f in findings:
            if f.line is not None and f.line in line_ids:
                place = f'<a class="to-line" href="#{ids.line(f.line)}">{_e(finding_place(r.format, f))}</a>'
            else:
                place = _e(finding_place(r.format, f))
            out.append(f'<li class="sev-{_e(f.severity)}" id="{ids.finding(k)}"><span class="muted">{place}</span> {_finding_body(f, ids, line_ids, r.format)}</li>')
        out.append("</ul>")
    else:
        out.append('<p class="st-present">没有发现问题。</p>')

    # the text, every finding marked at its line
    out.append('<h3>报告全文（行号为原文件中的行号）</h3><div class="text">')
    for number, shown, text, chrome in r.lines:
        if not text.strip():
            continue
        here = at_line.get(number, [])
        classes = ["ln"]
        if here:
            classes.append(f"sev-{min((f.severity for _, f in here), key=SEVERITIES.index)}")
        if chrome:
            classes.append("chrome")
        if number in heads:
            classes.append("head-line")
        tags = "".join(f'<span class="tag">{_e(name)}</span>' for name in heads.get(number, []))
        notes = []
        for k, f in here:
            notes.append(
                f'<div class="note sev-{_e(f.severity)}" id="{ids.note(k)}"><a href="#{ids.finding(k)}" class="sev">{SEVERITY_LABEL.get(f.severity, "")}</a>'
                f'{_e(f.message)} <span class="rule">[{_e(f.rule)}]</span>' + (f'<div class="fix">{_e(f.fix)}</div>' if f.fix else "") + "</div>"
            )
        for k, f in referred.get(number, []):
            notes.append(f'<div class="backref"><a href="#{ids.note(k) if f.line in line_ids else ids.finding(k)}">{_e(where(r.format, f.line, f.location))}</a>重复了这里</div>')
        title = ' title="网页附加信息，不计入正文"' if chrome else ""
        out.append(
            f'<div class="{" ".join(classes)}" id="{ids.line(number)}"{title}><a class="no" href="#{ids.line(number)}">{_e(shown)}</a>'
            f'<div class="tx">{_e(text)}{tags}</div>' + (f'<div class="notes">{"".join(notes)}</div>' if notes else "") + "</div>"
        )
    if not r.lines:
        out.append('<p class="muted">（没有保留原文）</p>')
    out.append(f"</div>{back}</section>")
    return "".join(out)


# ---------------------------------------------------------------- the page


def _skipped(skipped: list[ReportResult]) -> str:
    """Files listed but deliberately not checked (lock files, hidden files…), each with the note why."""
    items = "".join(f'<li><span class="rule">{_e(r.path)}</span>：{_e(r.skipped_file)}</li>' for r in skipped)
    return f'<section class="card" id="skipped"><h2>已跳过的文件（{len(skipped)}）</h2><ul>{items}</ul></section>'


def render(results: Iterable[ReportResult], rulebook=None) -> str:
    results = list(results)
    skipped = [r for r in results if r.skipped_file is not None]
    results = [r for r in results if r.skipped_file is None]
    readable = [r for r in results if r.error is None]
    passed = sum(1 for r in readable if r.passed)
    mean = sum(r.score for r in readable) / len(readable) if readable else 0.0
    summary = tally(len(results), passed, len(readable) - passed, len(results) - len(readable))
    if readable:
        summary += f"；平均分 {mean:.1f}"
    if skipped:
        summary += f"；另有 {len(skipped)} 个文件已跳过"
    body = [f'<header id="top"><h1>{PAGE_TITLE}</h1><p class="muted">{_e(summary)}</p></header>']
    if skipped:
        body.append(_skipped(skipped))
    if len(results) > 1:
        body.append(_overview(results, rulebook))
    for i, r in enumerate(results, 1):
        body.append(_report_section(i, r, len(results)))
    body.append(f'<footer class="muted">checker {_e(__version__)}</footer>')
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{PAGE_TITLE}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n"
        + (f"<script>{SCRIPT}</script>\n" if len(results) > 1 else "")
        + "</body>\n</html>\n"
    )
