"""Reports written for the tests: a complete one, and ways to break it."""

from __future__ import annotations

TITLE = "青山县2023年法治政府建设年度报告"

PREAMBLE = "2023年，青山县坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面推进法治政府建设，现将有关情况报告如下。"

MEASURES = [
    "一、2023年推进法治政府建设的主要举措和成效",
    "（一）依法全面履行政府职能。深化“放管服”改革，全年取消调整行政许可事项12项，政务服务事项网上可办率达到98.6%，营商环境持续优化。",
    "（二）完善依法行政制度体系。严格规范性文件合法性审核，全年审核规范性文件36件，备案率、及时率均达到100%。",
    "（三）推进严格规范公正文明执法。全面落实行政执法三项制度，组织行政执法人员培训4期共计820人次，评查行政执法案卷215卷。",
    "（四）健全矛盾纠纷预防调处化解体系。办理行政复议案件58件，调解矛盾纠纷1436件，调解成功率达97.2%。",
]

FIRST_RESPONSIBLE = [
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "县委、县政府主要负责人认真履行推进法治建设第一责任人职责，对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。全年召开县政府常务会议会前学法12次，听取法治政府建设工作汇报4次，主要负责人出庭应诉3次，年终开展述法评议。",
]

SHORTCOMINGS = [
    "二、存在的不足和原因",
    "一是部分乡镇和部门对法治政府建设重视不够；二是基层行政执法力量薄弱，执法规范化水平有待提高；三是普法宣传的针对性还不够强。",
    "主要原因：一些领导干部运用法治思维和法治方式推动工作的意识还不强，基层执法人员中法律专业人员偏少，培训考核机制还不够健全。",
]

PLAN = [
    "四、2024年推进法治政府建设的主要安排",
    "一是深入学习贯彻习近平法治思想，落实领导干部学法用法制度；二是加强行政执法队伍建设，开展执法案卷评查；三是健全矛盾纠纷多元化解机制，提升行政复议质效。",
]

RECTIFICATION = [
    "五、上年度问题整改情况",
    "针对上年度报告指出的行政执法不规范问题，制定整改方案，开展专项整治，问题已全部整改到位，整改落实情况已向社会公开。",
]

SIGNATURE = ["青山县人民政府", "2024年2月28日"]


def complete_report() -> list[str]:
    return [TITLE, PREAMBLE, *MEASURES, *SHORTCOMINGS, *FIRST_RESPONSIBLE, *PLAN, *RECTIFICATION, *SIGNATURE]


def text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def without(lines: list[str], block: list[str]) -> list[str]:
    return [ln for ln in lines if ln not in block]


def replace_line(lines: list[str], old: str, new: str) -> list[str]:
    assert old in lines, old
    return [new if ln == old else ln for ln in lines]


def analyse(lines: list[str], rulebook, **options):
    """Run the whole pipeline on lines of text (no file, no reader)."""
    from checker.engine import Options, check_document
    from checker.model import Document, SourceLine

    doc = Document(path="report.txt", format="text", lines=[SourceLine(i, t) for i, t in enumerate(lines, 1)])
    return check_document(doc, rulebook, Options(**options))


def statuses(result) -> dict[str, str]:
    return {p.id: p.status for p in result.parts}


def rules_found(result) -> set[str]:
    return {f.rule for f in result.findings}
