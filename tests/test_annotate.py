"""checker annotate: every finding as a Word comment at its place, read back with python-docx and rendered by LibreOffice."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

docx = pytest.importorskip("docx")

from checker.annotate import AUTHOR, comments_of  # noqa: E402
from checker.cli import main  # noqa: E402

import pairs as P  # noqa: E402
from conftest import corpus_file  # noqa: E402
from test_input_formats import make_html, make_pdf  # noqa: E402
from wordfiles import convert, word_report  # noqa: E402


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def lint(path, *args) -> dict:
    return json.loads(run("lint", "--format", "json", str(path), *args).stdout)["reports"][0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def drafted(tmp_path):
    """A drafter's .docx (corpus report 003, full-width punctuation, short runs, a table), annotated."""
    src = tmp_path / "于洪区_2020.docx"
    word_report(src, "003")
    before = digest(src)
    res = run("annotate", str(src))
    out = tmp_path / "于洪区_2020.checked.docx"
    assert res.exit_code == 1, res.output  # the report fails; the copy is written all the same
    assert out.exists() and f"{out}: 已写入" in res.stdout
    return src, out, before


def test_every_finding_is_a_comment_anchored_on_its_evidence(drafted):
    src, out, _ = drafted
    report = lint(src)
    comments = list(comments_of(str(out)))
    assert len(comments) == len(report["findings"]) + 1  # and one summary
    assert {author for author, _, _ in comments} == {AUTHOR}
    for f in report["findings"]:
        hits = [(anchored, text) for _, anchored, text in comments if f["message"] in text and f"规则：{f['rule']}" in text]
        assert len(hits) >= 1, f
        anchored, text = hits[0]
        if f["fix"]:
            assert f"建议：{f['fix']}" in text
        if f["line"] is not None and f["evidence"] and f["rule"] not in ("unaddressed-shortcoming",):
            assert anchored == f["evidence"], (f, anchored)  # exactly the quoted words, in the file's characters
    by_rule = {f["rule"]: f for f in report["findings"]}
    stutter = next(anchored for _, anchored, text in comments if "repeated-char" in text)
    assert "将将" in stutter and "，" in stutter  # full-width as written, so Word's Find finds it
    assert "決" in next(anchored for _, anchored, text in comments if "traditional-char" in text)
    assert by_rule["repeated-char"]["paragraph"] == by_rule["repeated-char"]["line"]


def test_summary_comment_on_the_title(drafted):
    src, out, _ = drafted
    report = lint(src)
    _, anchored, summary = next(iter(comments_of(str(out))))
    assert anchored == report["title"] == "2020年于洪区法治政府建设年度报告"
    assert summary.startswith(f"checker 检查结果：{report['score']:g} 分，未通过")
    assert f"原因：{report['reason']}" in summary and "缺少“不足的原因”" in report["reason"]
    assert "缺少的部分：不足的原因、上年度问题整改情况" in summary
    fixes = [ln for ln in summary.splitlines() if ln[:2] in ("1.", "2.", "3.")]
    assert len(fixes) == 3 and report["findings"][0]["fix"] in fixes[0]
    # findings about the whole report sit on the title too
    whole = [f for f in report["findings"] if f["line"] is None]
    on_title = [text for _, anchored, text in comments_of(str(out)) if anchored == report["title"]]
    assert len(on_title) == 1 + len(whole)


def test_the_copy_keeps_text_styles_and_tables_and_the_input_is_untouched(drafted):
    src, out, before = drafted
    assert digest(src) == before
    a, b = docx.Document(str(src)), docx.Document(str(out))
    assert [(p.style.name, p.text) for p in a.paragraphs] == [(p.style.name, p.text) for p in b.paragraphs]
    assert [[c.text for c in row.cells] for row in a.tables[0].rows] == [[c.text for c in row.cells] for row in b.tables[0].rows]
    assert len(list(a.comments)) == 0 and len(list(b.comments)) > 5


@pytest.mark.parametrize("kind", ["txt", "md", "html", "pdf"])
def test_other_inputs_give_a_plain_docx_with_the_same_comments(tmp_path, kind):
    lines = corpus_file("003").read_text(encoding="utf-8").splitlines()
    src = tmp_path / f"report.{kind}"
    if kind in ("txt", "md"):
        src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif kind == "html":
        make_html(lines, src)
    else:
        make_pdf(lines, src)
    out = tmp_path / "annotated.docx"
    assert run("annotate", str(src), "-o", str(out)).exit_code == 1
    report = lint(src)
    comments = list(comments_of(str(out)))
    assert len(comments) == len(report["findings"]) + 1
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "将将法治建设" in text and "2020年于洪区法治政府建设年度报告" in text
    stutter = next(anchored for _, anchored, t in comments if "repeated-char" in t)
    assert "将将" in stutter


def test_select_ignore_and_previous_apply_as_in_lint(tmp_path):
    src = tmp_path / "r.docx"
    word_report(src, "003")
    out = tmp_path / "only.docx"
    assert run("annotate", str(src), "-o", str(out), "--select", "repeated-char").exit_code in (0, 1)
    rules = [t.splitlines()[-1] for _, _, t in comments_of(str(out))][1:]
    assert rules == ["规则：repeated-char"]
    assert run("annotate", str(src), "-o", str(out), "--ignore", "repeated-char,traditional-char").exit_code == 1
    texts = [t for _, _, t in comments_of(str(out))]
    assert not any("repeated-char" in t or "traditional-char" in t for t in texts) and len(texts) > 3

    this_year = P.write(tmp_path / "辽源市_2025.txt", P.NEXT_2025)
    res = run("annotate", this_year, "-o", str(out), "--previous", str(corpus_file("000")))
    assert res.exit_code in (0, 1), res.output
    texts = [t for _, _, t in comments_of(str(out))]
    assert any("copied-plan" in t for t in texts) and any("unaddressed-shortcoming" in t for t in texts)


def test_legacy_doc_is_annotated_through_libreoffice(tmp_path):
    src = tmp_path / "r.docx"
    word_report(src, "003")
    doc = convert(src, "doc", tmp_path / "legacy")
    res = run("annotate", str(doc))
    out = doc.with_name("r.checked.docx")
    assert res.exit_code == 1 and out.exists(), res.output
    comments = list(comments_of(str(out)))
    assert len(comments) == len(lint(doc)["findings"]) + 1
    assert "将将" in next(anchored for _, anchored, t in comments if "repeated-char" in t)


def test_refusals_are_one_line_and_exit_2(tmp_path):
    src = tmp_path / "r.docx"
    word_report(src, "004")
    res = run("annotate", str(src), "-o", str(src))
    assert res.exit_code == 2 and "不能覆盖原文件" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    res = run("annotate", str(src), "-o", str(tmp_path / "out.txt"))
    assert res.exit_code == 2 and ".docx" in res.stderr
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    res = run("annotate", str(bad))
    assert res.exit_code == 2 and str(bad) in res.stderr and "Traceback" not in res.output
    assert not (tmp_path / "bad.checked.docx").exists()
    res = run("annotate", str(src), "--select", "no-such-rule")
    assert res.exit_code == 2 and "no-such-rule" in res.stderr


def _annotations(pdf_path: Path) -> list[tuple[int, float, float, str]]:
    """(page, x, y, contents) of every text annotation (a Word comment) LibreOffice wrote into the PDF.

    The notes are read as scripts/annotate_screenshot.py reads them for docs/annotate.png.
    """
    import importlib.util

    import pypdfium2 as pdfium

    from conftest import REPO

    spec = importlib.util.spec_from_file_location("annotate_screenshot", REPO / "scripts" / "annotate_screenshot.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    pdf = pdfium.PdfDocument(str(pdf_path))
    return [(k, x, y, text) for k in range(len(pdf)) for x, y, text in script.notes(pdf[k])]


def test_libreoffice_renders_the_comments_at_their_places(drafted, tmp_path):
    """Converted to PDF by LibreOffice (comments exported as PDF notes), each comment sits on the page and line of its words."""
    import pypdfium2 as pdfium

    _, out, _ = drafted
    pdf_path = convert(out, "pdf", tmp_path / "pdf", ':writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}')
    notes = _annotations(pdf_path)
    comments = list(comments_of(str(out)))
    assert len(notes) == len(comments)
    assert sorted(n[3].strip() for n in notes) == sorted(c[2].strip() for c in comments)
    pdf = pdfium.PdfDocument(str(pdf_path))
    for needle, rule in (("将将", "repeated-char"), ("決策", "traditional-char")):
        page_no, x, y, _ = next(n for n in notes if f"规则：{rule}" in n[3])
        page = pdf[page_no].get_textpage()
        found = page.search(needle).get_next()
        assert found is not None, (needle, page_no)  # the words are on the comment's page
        left, bottom, right, top = page.get_charbox(found[0])
        assert bottom - 15 <= y <= top + 15  # and the comment on their line
    # and the page is drawn: text, not a blank sheet
    from PIL import Image

    image = pdf[0].render(scale=1).to_pil()
    assert isinstance(image, Image.Image) and len(image.convert("L").getcolors(1 << 16)) > 10
