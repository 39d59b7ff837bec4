"""Task tables, second round (examples written for these tests, in the forms real notices print):
cells put in their columns by what they hold when a row has lost or gained cells, spaced tables
with spaced header characters and sub-rows, and small quantity readings in table cells."""

from __future__ import annotations

import pytest

from extractor.pipeline import extract_bytes


def _extract(text: str) -> dict:
    return extract_bytes(text.encode("utf-8"), "example.txt")


def _targets(item: dict) -> list[tuple]:
    return [(t["value"], t["unit"], t["role"]) for t in item["targets"]]


# E. Cells placed by type, not by counting.

@pytest.mark.parametrize("value, kind", [
    ("徐某某", "person"), ("县住建局", "units"), ("▲发改局，各部门，各镇乡（街道）", "units"), ("是", "check"),
    ("-", "empty"), ("96.64%", "share"), ("1063", "number"), ("万人", "measure"), ("元/月/人", "measure"),
    ("12月底前", "date"), ("开工建设老年大学。", "text"), ("建成县残疾人综合服务中心", "text"), ("2024", "year"),
])
def test_cell_types(value, kind):
    from extractor.layout.alignment import cell_type

    assert cell_type(value) == kind


def test_a_row_without_its_target_cell_keeps_the_leader_out_of_the_task():
    document = _extract("2024年区民生实事推进情况（1-9月）\n序号\n主要任务\n全年目标任务\n分管领导\n牵头单位\n协同单位\n"
                        "1-8月推进情况\n1-9月推进情况\n是否达序\n说明\n"
                        "31\n改造老旧小区12个。\n刘某某\n住建局\n各街道\n已开工8个。\n已完工5个。\n是\n"
                        "32\n新建口袋公园6个。\n刘某某\n城管局\n园林处、各街道\n已完成选址。\n已建成2个。\n否\n"
                        "资金拨付滞后1个月。\n")
    items = document["items"]
    assert [(item["id"], item["title"], item["responsible_units"]) for item in items] == [
        ("31", "改造老旧小区12个", ["住建局", "各街道"]), ("32", "新建口袋公园6个", ["城管局", "园林处", "各街道"])]
    assert _targets(items[0]) == [(12, "个", "target"), (8, "个", "actual"), (5, "个", "actual")]


def test_a_progress_table_with_empty_marks_and_sub_rows_run_on():
    lines = ["序号", "类别", "项目名称", "目标任务", "牵头单位", "目标任务", "累计完成", "累计进度", "备注",
             "1", "一、就业创业（2项）", "稳定就业", "城镇新增就业800人", "县人社局", "800", "815", "101.88%", "",
             "零就业家庭动态清零社区12个", "12", "12", "100%", "",
             "2", "技能培训", "开展职业技能培训人次", "县人社局", "-", "960", "持续推进", ""]
    document = _extract("".join(line + " |\n" for line in lines))
    items = document["items"]
    assert [(item["path"], item["title"]) for item in items] == [([1, 1], "就业创业"), ([1, 2], "就业创业")]
    assert _targets(items[0]) == [(800, "人", "target"), (815, "人", "actual"), (101.88, "%", "completion"),
                                  (12, "个", "target"), (12, "个", "actual"), (100, "%", "completion")]
    assert _targets(items[1]) == [(960, "人次", "actual")]


def test_units_in_a_notes_column_are_the_rows_units():
    document = _extract("序号 | 考核指标 | 单位 | 工作目标 | 已完成数 | 备注 |\n"
                        "1 | 新增城镇就业 | 人 | 3000 | 3300 | 县人社局 |\n"
                        "2 | 改造农村公路 | 公里 | 60 | 64 | 县交通局、各乡镇人民政府 |\n")
    assert [item["responsible_units"] for item in document["items"]] == [["县人社局"], ["县交通局", "各乡镇人民政府"]]


# Quantities in table cells.

def test_a_count_with_no_measure_anywhere_has_unit_empty():
    document = _extract("附件\n2024年农村危房改造进度表\n序号\n县市区\n计划完成数\n累计开工数\n开工率\n"
                        "1\n东城区\n120\n96\n80.00%\n2\n西城区\n80\n80\n100.00%\n")
    assert _targets(document["items"][0]) == [(120, "", "target"), (96, "", "actual"), (80, "%", "completion")]


@pytest.mark.parametrize("text, expected", [
    ("1.实际利用外资1.5亿美元以上。（责任单位：区商务局）\n2.新建学校2所。（责任单位：区教育局）\n", (150000000, "美元")),
    ("1.实施汽车零部件产业提升行动，新增规上企业5家。（责任单位：区工信局）\n2.新建学校2所。（责任单位：区教育局）\n", (5, "家")),
    ("1.完成职业学校项目二期建设，新增学位600个。（责任单位：区教育局）\n2.新建学校2所。（责任单位：区教育局）\n", (600, "个")),
])
def test_small_quantity_readings(text, expected):
    document = _extract("2024年民生实事\n" + text)
    assert [(t["value"], t["unit"]) for t in document["items"][0]["targets"]] == [expected]


# H. A table whose cells are separated by spaces, with spaced header characters and sub-rows.

_SPACED_TABLE = ("2024年1-10月重点民生实事落实情况\n"
                 "序号 指标名称 单 位 年度目标 已完成数 占年任务之比 备  注\n"
                 "1 新增城镇就业 万人 3.5 3.8  108.6% 县人社局\n"
                 "2 改造农村公路 公里  120 126.5  105.4% 县交通局\n"
                 "新建农村桥梁 座  10 8  80.0%\n"
                 "3 减少大班额2.1万个以上 980 1012 103.3% 县教育局\n"
                 "4 提高残疾人护理补贴标准 元/月/人 不低于80元 80  达到目标80元 县民政局\n")


def test_a_spaced_table_with_spaced_header_characters():
    items = _extract(_SPACED_TABLE)["items"]
    assert [(item["id"], item["title"], item["responsible_units"]) for item in items] == [
        ("1", "新增城镇就业", ["县人社局"]), ("2", "改造农村公路", ["县交通局"]),
        ("3", "减少大班额2.1万个以上", ["县教育局"]), ("4", "提高残疾人护理补贴标准", ["县民政局"])]
    assert _targets(items[0]) == [(35000, "人", "target"), (38000, "人", "actual"), (108.6, "%", "completion")]
    assert _targets(items[1]) == [(120, "公里", "target"), (126.5, "公里", "actual"), (105.4, "%", "completion"),
                                  (10, "座", "target"), (8, "座", "actual"), (80, "%", "completion")]
    assert [t[:2] for t in _targets(items[2])] == [(21000, "个"), (980, "个"), (1012, "个"), (103.3, "%")]
    assert [t[:2] for t in _targets(items[3])] == [(80, "元/月/人"), (80, "元/月/人")]


def test_a_header_of_whole_names_with_single_spaces_is_read_as_before():
    document = _extract("序号 项目名称 目标任务 牵头单位\n1 城镇老旧小区改造 改造老旧小区50个 县住建局\n"
                        "2 农村公路建设 新建农村公路80公里 县交通局\n")
    assert [(item["title"], item["responsible_units"]) for item in document["items"]] == [
        ("城镇老旧小区改造", ["县住建局"]), ("农村公路建设", ["县交通局"])]


def test_a_sub_row_of_the_last_row_is_kept_but_a_total_row_is_no_sub_row():
    from extractor import extract_text

    text = ("某市民生实事落实情况\n序号\t考核指标\t单位\t工作目标\t已完成数\t占年任务之比\n"
            "1\t新建农村公路\t公里\t500\t520\t104.0%\n2\t新建5G基站\t个\t300\t240\t80.0%\n"
            "新建农村4G基站\t个\t150\t150\t100.0%\n")
    last = extract_text(text).items[-1]
    assert [(t["value"], t["role"]) for t in last["targets"]] == [
        (300, "target"), (240, "actual"), (80, "completion"), (150, "target"), (150, "actual"), (100, "completion")]
    totalled = extract_text(text.replace("新建农村4G基站\t个\t150\t150\t100.0%", "合计\t-\t800\t760\t95.0%"))
    assert [t["value"] for t in totalled.items[-1]["targets"]] == [300, 240, 80]
