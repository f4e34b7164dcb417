"""checker template: a skeleton that passes the structure checks once filled in."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.rulebook import load_rulebook, shipped_names
from checker.template import Block, numeral, ordered_parts, skeleton, to_markdown

ORG = "青山县人民政府"
PART_IDS = ["measures", "shortcomings", "causes", "first_responsible", "next_year_plan", "rectification", "other"]

#: what a drafter writes in place of each guidance line (None: the opening paragraph)
FILLED = {
    None: "2024年，青山县人民政府坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
    "全面落实《法治政府建设实施纲要（2021—2025年）》，法治政府建设各项工作取得新进展。现将有关情况报告如下。",
    "measures": "（一）依法全面履行政府职能。深化“放管服”改革，全年取消和调整行政许可事项11项，政务服务事项网上可办率达到98.2%。"
    "（二）完善依法行政制度体系。严格落实规范性文件合法性审核机制，审核县政府规范性文件28件，备案审查率达到100%。"
    "（三）推进严格规范公正文明执法。全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，组织执法人员培训6期共960人次，评查行政执法案卷230卷。"
    "（四）健全矛盾纠纷多元化解体系。办理行政复议案件64件，纠错率为9.4%；全县各级调解组织调解矛盾纠纷1528件，调解成功率达到97.6%。",
    "shortcomings": "一是部分乡镇和部门对法治政府建设重视不够，工作推进不平衡；二是基层行政执法力量薄弱，执法规范化水平有待提高；"
    "三是重大行政决策程序执行还不够严格，公众参与和专家论证的质量不高。",
    "causes": "主要原因：一些领导干部运用法治思维和法治方式推动工作的意识还不强，对法治建设的重要性认识不足；"
    "基层执法人员中具有法律专业背景的人员偏少，培训考核机制还不够健全；法治督察和考核的结果运用不够充分。",
    "first_responsible": "县委、县政府主要负责人认真履行推进法治建设第一责任人职责，对法治建设重要工作亲自部署、重大问题亲自过问、"
    "重点环节亲自协调、重要任务亲自督办。全年召开县政府常务会议会前学法12次，专题听取法治政府建设工作汇报4次。"
    "县长带头出庭应诉3次，年终在县委全会上述法，接受评议。",
    "next_year_plan": "2025年，我们将重点做好以下工作：一是深入学习贯彻习近平法治思想，健全领导干部学法用法制度；"
    "二是加强基层行政执法队伍建设，年内完成全部执法人员轮训；三是严格落实重大行政决策程序，提高公众参与实效；"
    "四是健全矛盾纠纷多元化解机制，提升行政复议质效。",
    "rectification": "针对上年度报告指出的行政执法不规范问题和法治督察反馈的三项问题，县政府制定整改方案，明确责任单位和时限，"
    "开展行政执法专项整治，评查问题案卷41卷并全部完成整改。截至年底，反馈问题已全部整改到位，整改落实情况已向社会公开。",
    "other": "本年度无其他需要报告的重大事项。全县未发生因行政机关违法行政引发的重大群体性事件。",
}
DATE = "2025年2月26日"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def guidance_blocks(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.kind == "guidance"]


def fill(blocks: list[Block]) -> list[Block]:
    """Each guidance line replaced by the drafter's paragraph, the date filled in."""
    out = []
    for b in blocks:
        if b.kind == "guidance":
            out.append(Block("paragraph", FILLED[b.part], b.part))
        elif b.kind == "signature" and "X" in b.text:
            out.append(Block("signature", DATE))
        else:
            out.append(b)
    return out


def lint_json(path, *options: str) -> dict:
    res = run("lint", "--format", "json", *options, str(path))
    report = json.loads(res.stdout)["reports"][0]
    return {"exit": res.exit_code, **report}


def test_stdout_is_the_markdown_skeleton(rulebook):
    res = run("template", "--year", "2024", "--org", "XX县人民政府")
    assert res.exit_code == 0
    assert res.stdout == to_markdown(skeleton(rulebook, 2024, "XX县人民政府"))
    lines = [ln for ln in res.stdout.splitlines() if ln]
    assert lines[0] == "# XX县人民政府2024年法治政府建设年度报告"
    headings = [ln for ln in lines if ln.startswith("## ")]
    assert headings == [
        "## 一、2024年推进法治政府建设的主要举措和成效",
        "## 二、2024年推进法治政府建设存在的不足和原因",
        "## 三、党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况",
        "## 四、2025年推进法治政府建设的主要安排",
        "## 五、上年度问题整改情况",
        "## 六、其他需要报告的情况",
    ]
    # a line of guidance under every heading, the causes' guidance under the shortcomings heading
    for i, ln in enumerate(lines):
        if ln.startswith("## "):
            assert "填写提示" in lines[i + 1]
    assert "主要原因" in lines[lines.index(headings[1]) + 2]
    assert lines[-2:] == ["XX县人民政府", "2025年X月X日"]


def test_parts_follow_the_rulebook_order(rulebook):
    order = [p.id for p in ordered_parts(rulebook)]
    assert order == ["measures", "shortcomings", "first_responsible", "next_year_plan", "rectification", "other"]
    ranked = [rulebook.part(pid).order for pid in order if rulebook.part(pid).order > 0]
    assert ranked == sorted(ranked)
    blocks = skeleton(rulebook, 2024, ORG)
    assert {b.part for b in guidance_blocks(blocks)} == {None, *PART_IDS}


@pytest.mark.parametrize("name", shipped_names())
def test_filled_in_skeleton_passes_the_structure_checks(tmp_path, name):
    rb = load_rulebook(name)
    blocks = fill(skeleton(rb, 2024, ORG))
    path = tmp_path / "draft.md"
    path.write_text(to_markdown(blocks), encoding="utf-8")
    report = lint_json(path, "--rulebook", name)
    assert report["title"] == "青山县人民政府2024年法治政府建设年度报告" and report["year"] == 2024
    assert {p["id"]: p["status"] for p in report["parts"]} == dict.fromkeys(PART_IDS, "present")
    structural = [f for f in report["findings"] if f["rule"] in ("missing-part", "thin-part", "part-order", "plan-year-mismatch", "missing-title")]
    assert structural == []
    if name == "national":
        assert report["passed"] is True and report["exit"] == 0, report["findings"]


def test_profile_is_the_rulebook(tmp_path):
    default = run("template", "--year", "2024", "--org", ORG).stdout
    assert run("template", "--year", "2024", "--org", ORG, "--profile", "national").stdout == default
    custom = tmp_path / "mine.yaml"
    custom.write_text("id: mine\nextends: national\ntemplate:\n  date: \"{next_year}年3月X日\"\n", encoding="utf-8")
    res = run("template", "--year", "2024", "--org", ORG, "--profile", str(custom))
    assert res.stdout == default.replace("2025年X月X日", "2025年3月X日") != default


def test_unfilled_skeleton_is_rejected(tmp_path):
    path = tmp_path / "draft.md"
    assert run("template", "--year", "2024", "--org", ORG, "-o", str(path)).exit_code == 0
    report = lint_json(path)
    assert report["exit"] == 1 and report["passed"] is False
    left = [f for f in report["findings"] if f["rule"] == "template-placeholder"]
    # every guidance line and the date, each on its own line of the file
    lines = path.read_text(encoding="utf-8").splitlines()
    expected = [n for n, ln in enumerate(lines, 1) if "填写提示" in ln or "X月X日" in ln]
    assert [f["line"] for f in left] == expected and len(expected) == 9
    assert all(f["severity"] == "error" for f in left)


def test_one_placeholder_left_fails_the_report(tmp_path, rulebook):
    blocks = fill(skeleton(rulebook, 2024, ORG))
    left = skeleton(rulebook, 2024, ORG)
    blocks = [left[i] if b.part == "rectification" and b.kind == "paragraph" else b for i, b in enumerate(blocks)]
    path = tmp_path / "draft.md"
    path.write_text(to_markdown(blocks), encoding="utf-8")
    report = lint_json(path)
    assert [f["rule"] for f in report["findings"] if f["severity"] == "error"] == ["template-placeholder"]
    assert report["passed"] is False


def test_text_output_has_no_markdown_marks_and_passes_when_filled(tmp_path, rulebook):
    path = tmp_path / "draft.txt"
    assert run("template", "--year", "2023", "--org", ORG, "-o", str(path)).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "青山县人民政府2023年法治政府建设年度报告" and "#" not in text
    assert "四、2024年推进法治政府建设的主要安排" in text.splitlines()


def test_docx_has_word_heading_styles_and_reads_back(tmp_path, rulebook):
    docx = pytest.importorskip("docx")
    path = tmp_path / "draft.docx"
    assert run("template", "--year", "2024", "--org", ORG, "-o", str(path)).exit_code == 0
    document = docx.Document(str(path))
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    md_headings = [b.text for b in skeleton(rulebook, 2024, ORG) if b.kind == "heading"]
    assert [t for s, t in styled if s == "Heading 1"] == md_headings
    assert styled[0] == ("Title", "青山县人民政府2024年法治政府建设年度报告")
    assert document.core_properties.title == styled[0][1]

    from checker.readers import read_document

    doc = read_document(str(path))
    assert [ln.text for ln in doc.lines if ln.level == 1] == md_headings
    assert doc.title == "青山县人民政府2024年法治政府建设年度报告"
    # and checker sees the same parts at the same headings as in the Markdown skeleton; the causes
    # have no heading of their own and their guidance line is not content, so they are missing
    report = lint_json(path)
    assert {p["id"]: p["status"] for p in report["parts"]} == {**dict.fromkeys(PART_IDS, "present"), "causes": "missing"}
    headings = {p["id"]: p["heading"] for p in report["parts"] if p["heading"]}
    assert headings["next_year_plan"] == "2025年推进法治政府建设的主要安排"


def test_filled_docx_passes(tmp_path, rulebook):
    docx = pytest.importorskip("docx")
    path = tmp_path / "draft.docx"
    assert run("template", "--year", "2024", "--org", ORG, "-o", str(path)).exit_code == 0
    document = docx.Document(str(path))
    guidance = iter(guidance_blocks(skeleton(rulebook, 2024, ORG)))
    for p in document.paragraphs:
        if "填写提示" in p.text:
            p.runs[0].text = FILLED[next(guidance).part]
        elif "X月X日" in p.text:
            p.runs[0].text = DATE
    document.save(str(path))
    report = lint_json(path)
    assert report["passed"] is True and report["exit"] == 0, report["findings"]


def test_rulebook_fallbacks_for_parts_without_template_keys(tmp_path):
    custom = tmp_path / "county.yaml"
    custom.write_text(
        "id: county\nextends: national\ntemplate:\n  title: \"{org}关于{year}年度法治政府建设情况的报告\"\n"
        "parts:\n  - id: rectification\n    order: 6\n    heading: \"{year}年督察反馈问题整改情况\"\n",
        encoding="utf-8",
    )
    rb = load_rulebook(str(custom))
    blocks = skeleton(rb, 2024, ORG)
    assert blocks[0].text == "青山县人民政府关于2024年度法治政府建设情况的报告"
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings[-2:] == ["五、其他需要报告的情况", "六、2024年督察反馈问题整改情况"]
    # the opening guidance and the date are inherited from the national rulebook
    assert blocks[1].kind == "guidance" and blocks[-1].text == "2025年X月X日"


@pytest.mark.parametrize("n, text", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三")])
def test_numerals(n, text):
    assert numeral(n) == text


def test_bad_options(tmp_path):
    assert run("template", "--year", "2024").exit_code == 2
    res = run("template", "--year", "2024", "--org", ORG, "-o", str(tmp_path / "draft.pdf"))
    assert res.exit_code == 2 and "draft.pdf" in res.stderr and "不支持" in res.stderr
    res = run("template", "--year", "2024", "--org", ORG, "-o", str(tmp_path / "no" / "draft.md"))
    assert res.exit_code == 2 and "无法写入" in res.stderr
    res = run("template", "--year", "2024", "--org", ORG, "--rulebook", str(tmp_path / "none.yaml"))
    assert res.exit_code == 2 and "none.yaml" in res.stderr


# ---------------------------------------------------------------- 公文 layout, --org, guidance (issue 14)


def test_docx_is_laid_out_as_a_gongwen(tmp_path):
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn
    from docx.shared import Pt

    path = tmp_path / "draft.docx"
    assert run("template", "--year", "2024", "--org", ORG, "--format", "docx", "-o", str(path)).exit_code == 0
    d = docx.Document(str(path))
    s = d.sections[0]
    mm = lambda v: round(v.mm, 1)  # noqa: E731 - stored in twips
    assert (mm(s.page_width), mm(s.page_height)) == (210, 297)
    assert (mm(s.top_margin), mm(s.left_margin), mm(s.right_margin), mm(s.bottom_margin)) == (37, 28, 26, 35)

    def east_asia(style):
        return d.styles[style].element.rPr.rFonts.get(qn("w:eastAsia"))

    assert (east_asia("Title"), d.styles["Title"].font.size) == ("方正小标宋简体", Pt(22))
    assert (east_asia("Normal"), d.styles["Normal"].font.size) == ("仿宋_GB2312", Pt(16))
    assert (east_asia("Heading 1"), east_asia("Heading 2")) == ("黑体", "楷体_GB2312")
    assert d.paragraphs[0].style.name == "Title"
    # the fonts that may be missing are named with their substitutes in the font table
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    table = next(r.target_part for r in d.part.rels.values() if r.reltype == RT.FONT_TABLE)
    fonts = {f.get(qn("w:name")): f.find(qn("w:altName")) for f in etree.fromstring(table.blob).findall(qn("w:font"))}
    assert fonts["方正小标宋简体"].get(qn("w:val")) == "宋体" and fonts["仿宋_GB2312"].get(qn("w:val")) == "仿宋"


@pytest.mark.parametrize("org, profile", [("青山县司法局", "department"), ("青山县人民政府", "government"), ("红河镇人民政府", "township")])
def test_org_chooses_the_profile_as_lint_does(tmp_path, org, profile):
    path = tmp_path / "draft.md"
    res = run("template", "--year", "2024", "--org", org, "-o", str(path))
    assert res.exit_code == 0 and f"规则集：{profile}" in res.stderr
    report = lint_json(path)
    assert report["profile"] == profile
    expected = [b.text for b in skeleton(load_rulebook(profile), 2024, org) if b.kind == "heading"]
    assert [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("## ")] == [f"## {h}" for h in expected]


def test_blank_template_fails_and_claims_no_coverage(tmp_path):
    path = tmp_path / "draft.docx"
    assert run("template", "--year", "2024", "--org", "青山县司法局", "-o", str(path)).exit_code == 0
    report = lint_json(path)
    assert report["passed"] is False and any(f["rule"] == "template-placeholder" for f in report["findings"])
    assert report["coverage"]["percent"] == 0 and report["coverage"]["covered"] == []
    assert {p["id"]: p["status"] for p in report["parts"]}["causes"] == "missing"  # only its guidance was there
