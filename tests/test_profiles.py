"""Profiles: a report is judged by the profile its subject calls for, or the one asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.cli import main
from checker.engine import check_file
from checker.profiles import AutoProfile, detect_profile, subject_of
from checker.rulebook import load_rulebook

from conftest import CORPUS

DEPARTMENT = """青山县司法局2023年法治政府建设工作报告
2023年，县司法局在县委、县政府的坚强领导下，深入学习贯彻习近平法治思想，扎实推进法治机关建设，现将有关情况报告如下。
一、2023年推进法治政府建设的主要举措和成效
（一）加强党的领导。局党组把法治建设纳入年度工作要点，召开党组会专题研究法治工作4次。
（二）严格规范性文件管理。全年审核县政府及部门规范性文件46件，提出修改意见83条，备案审查率100%。
（三）规范行政执法监督。全面落实行政执法三项制度，开展行政执法案卷评查2次，评查案卷186卷，发现问题52个并督促整改。
（四）发挥行政复议主渠道作用。办理行政复议案件63件，纠错率12.7%，调解和解19件。
二、存在的不足和原因
一是部分执法单位案卷制作不够规范；二是行政复议人员力量不足，案件办理周期偏长。
主要原因：执法人员法律培训不够系统，行政复议机构编制偏少。
三、局党组书记、局长履行推进法治建设第一责任人职责情况
局党组书记、局长认真履行推进法治建设第一责任人职责，亲自部署法治机关建设，全年组织党组会会前学法8次，代表县政府出庭应诉2次，年终在县委全面依法治县委员会会议上述法。
四、2024年推进法治政府建设的主要安排
一是开展行政执法案卷评查，实现执法部门全覆盖；二是修订行政复议案件办理规程；三是组织执法人员法律知识培训4期。
五、上年度问题整改情况
针对上年度报告指出的规范性文件审核不及时问题，建立审核时限台账，全年审核平均用时缩短至5个工作日。
青山县司法局
2024年2月20日
"""

TOWNSHIP = """青山镇2023年法治政府建设工作报告
2023年，青山镇深入学习贯彻习近平法治思想，扎实推进法治乡镇建设，现将有关情况报告如下。
一、主要举措和成效
镇党委把法治建设纳入全镇工作大局，推进综合行政执法改革，办理行政处罚案件32件；健全人民调解组织，调解矛盾纠纷86件，调解成功率98%；培育法律明白人120名，创建民主法治示范村2个。
二、存在的不足和原因
一是部分村干部法治意识不强，依法办事能力不足；二是综合行政执法人员不足。
主要原因：基层法治培训少，执法编制紧张。
三、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记亲自部署法治乡镇建设，全年组织党委会会前学法6次，听取综合行政执法工作汇报2次，镇长年终述法。
四、2024年工作计划
一是开展法律明白人培训2期；二是完成3个村的村规民约修订。
青山镇人民政府
2024年2月26日
"""


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def lint_json(*args) -> dict:
    res = run("lint", "--format", "json", *args)
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.stdout)["reports"][0]


@pytest.fixture()
def reports(tmp_path):
    (tmp_path / "dept.txt").write_text(DEPARTMENT, encoding="utf-8")
    (tmp_path / "town.txt").write_text(TOWNSHIP, encoding="utf-8")
    return tmp_path


# ---------------------------------------------------------------- detection


@pytest.mark.parametrize(
    "title,profile",
    [
        ("青山县司法局2023年法治政府建设年度报告", "department"),
        ("2023年青山县卫生健康委员会法治政府建设年度报告", "department"),
        ("青山县人民政府办公室2023年法治政府建设工作情况", "department"),
        ("青山县行政审批服务中心2023年度法治政府建设工作报告", "department"),
        ("青山镇2023年法治政府建设工作报告", "township"),
        ("青山乡人民政府2023年法治政府建设年度报告", "township"),
        ("城关街道办事处2023年度法治政府建设情况报告", "township"),
        ("青山县2023年法治政府建设年度报告", "government"),
        ("青山市人民政府关于2023年度法治政府建设情况的报告", "government"),
        ("2020年于洪区法治政府建设年度报告", "government"),
        ("中共青山县委 青山县人民政府关于2023年度法治建设情况的报告", "government"),
        ("关于2023年度法治政府建设情况的报告", None),
    ],
)
def test_subject_in_the_title_picks_the_profile(title, profile):
    detect = load_rulebook("national").detect
    assert detect_profile(title, [], detect) == profile


def test_subject_is_the_organ_named_in_the_title():
    detect = load_rulebook("national").detect
    assert subject_of("青山县司法局2023年法治政府建设年度报告", detect) == "青山县司法局"
    assert subject_of("2020年于洪区法治政府建设年度报告", detect) == "于洪区"


def test_signature_names_the_subject_when_the_title_does_not():
    detect = load_rulebook("national").detect
    assert detect_profile("关于2023年度法治政府建设情况的报告", ["特此报告。", "青山县司法局", "2024年2月1日"], detect) == "department"
    assert detect_profile(None, ["一是加强统筹谋划。", "二是狠抓工作落实。"], detect) is None


def test_each_profile_is_loaded_once():
    auto = AutoProfile()
    first = auto.choose("青山县司法局2023年法治政府建设年度报告", [])
    again = auto.choose("红河县农业农村局2023年法治政府建设年度报告", [])
    assert first is again and first.id == "department"
    assert auto.choose("关于2023年度法治政府建设情况的报告", []) is auto.base


def test_profiles_extend_national_and_differ_only_where_they_should():
    national = load_rulebook("national")
    for name in ("government", "department", "township"):
        rb = load_rulebook(name)
        assert rb.extends == "national" and rb.id == name
        assert [p.id for p in rb.parts] == [p.id for p in national.parts]
        assert set(rb.rules) == set(national.rules)
    department, township = load_rulebook("department"), load_rulebook("township")
    # a department's first-responsible part is about its principal leader
    assert "党组书记" in department.part("first_responsible").signals
    assert set(national.part("first_responsible").aliases) < set(department.part("first_responsible").aliases)
    # …and its measures need not cover all the 纲要's systems
    assert len(department.rule("outline-coverage").config.only) < len(national.rule("outline-coverage").config.topics)
    # a township's report is shorter and often lacks rectification
    assert township.part("measures").min_chars < national.part("measures").min_chars
    assert township.part("rectification").severity == "info" and township.part("rectification").weight == 0
    assert load_rulebook("government").rule("first-responsible-duties").config.min == 3


# ---------------------------------------------------------------- judged by their own profiles


def test_department_report_is_judged_as_a_department(reports):
    rep = lint_json(str(reports / "dept.txt"))
    assert rep["profile"] == "department" and rep["passed"] is True
    statuses = {p["id"]: p["status"] for p in rep["parts"]}
    assert statuses["first_responsible"] == "present"
    # only the systems a department is expected to cover count
    assert set(rep["coverage"]["covered"]) | set(rep["coverage"]["missing"]) == set(
        load_rulebook("department").rule("outline-coverage").config.only
    )
    assert "outline-coverage" not in {f["rule"] for f in rep["findings"]}
    national = lint_json("--profile", "national", str(reports / "dept.txt"))
    assert national["profile"] == "national"
    assert "outline-coverage" in {f["rule"] for f in national["findings"]}  # a government would be asked for all nine
    assert len(national["coverage"]["covered"]) + len(national["coverage"]["missing"]) == 9


def test_township_report_is_judged_as_a_township(reports):
    rep = lint_json(str(reports / "town.txt"))
    assert rep["profile"] == "township" and rep["passed"] is True
    rect = [f for f in rep["findings"] if f["part"] == "rectification"]
    assert [f["severity"] for f in rect] == ["info"]
    assert "thin-part" not in {f["rule"] for f in rep["findings"]}
    national = lint_json("--profile", "national", str(reports / "town.txt"))
    assert [f["severity"] for f in national["findings"] if f["part"] == "rectification"] == ["warning"]
    assert "thin-part" in {f["rule"] for f in national["findings"]}  # its short parts are thin by the national measure
    assert national["score"] < rep["score"]


def test_terminal_names_the_profile(reports):
    out = run("lint", str(reports / "town.txt")).stdout
    assert "规则集：township" in out


def test_explicit_profile_or_rulebook_wins(reports):
    assert lint_json("--profile", "government", str(reports / "town.txt"))["profile"] == "government"
    assert lint_json("--rulebook", "department", str(reports / "town.txt"))["profile"] == "department"
    res = run("lint", "--profile", "province.yaml", str(reports / "town.txt"))
    assert res.exit_code == 2 and "内置" in res.stderr and "Traceback" not in res.output
    res = run("lint", "--profile", "national", "--rulebook", "township", str(reports / "town.txt"))
    assert res.exit_code == 2 and "只能给一个" in res.stderr


def test_batch_of_mixed_subjects_uses_one_profile_each(reports):
    res = run("lint", "--format", "json", "--jobs", "1", str(reports))
    profiles = {Path(r["path"]).name: r["profile"] for r in json.loads(res.stdout)["reports"]}
    assert profiles == {"dept.txt": "department", "town.txt": "township"}


# ---------------------------------------------------------------- the corpus, profiles detected


CASES = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))
# 000 has no title: its opening sentence names the subject ("2024年,辽源市深入学习……")
EXPECTED_PROFILE = {"000": "government", "001": "government", "002": "government", "003": "government", "004": "government"}


@pytest.fixture(scope="module")
def auto_results():
    auto = AutoProfile()
    return {case["file"]: check_file(str(CORPUS / case["file"]), auto) for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c["file"][:3] for c in CASES])
def test_corpus_labels_hold_with_detected_profiles(case, auto_results):
    r = auto_results[case["file"]]
    assert r.error is None and r.profile == EXPECTED_PROFILE[case["file"][:3]]
    got = {p.id: ("missing" if p.status == "missing" else "present") for p in r.parts}
    for part, expected in case["expect"]["parts"].items():
        assert got[part] == expected, (case["file"], part)
    rules = {f.rule for f in r.findings}
    assert set(case["expect"].get("findings_any", [])) <= rules
    assert not set(case["expect"].get("findings_none", [])) & rules
    assert r.year == case["expect"]["year"]
