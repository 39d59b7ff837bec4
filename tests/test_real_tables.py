"""Task tables as real notices print them (examples written for these tests, in the same forms):
headers with column names outside the vocabulary, rows of varying width one cell per line,
rows broken over several lines, sub-rows without a 序号, and unit cells as printed."""

from __future__ import annotations

import pytest

from extractor.base import labels
from extractor.pipeline import extract_bytes


def _extract(text: str) -> dict:
    return extract_bytes(text.encode("utf-8"), "example.txt")


def _rows(document: dict) -> list[tuple]:
    return [(item["id"], item["title"], item["responsible_units"]) for item in document["items"]]


def _targets(item: dict) -> list[tuple]:
    return [(t["value"], t["unit"], t["role"]) for t in item["targets"]]


# A. A header is not all-or-nothing.

@pytest.mark.parametrize("name, kind", [
    ("分管领导", "person"), ("责任领导", "person"), ("牵头领导", "person"), ("项目责任人", "person"),
    ("落实情况", "progress"), ("协同单位", "support"), ("市州", "title"), ("工作举措", "content"),
    ("主要工作", "content"), ("计划完成数", "value"), ("累计开工数", "progress"), ("开工率", "completion"),
    ("占全年计划", "completion"), ("占年任务之比", "completion"), ("最新进度（9月15日）", "progress"),
    ("是否达序时", "other"), ("说明", "other"), ("建设地点", "other"),
    ("进展情况、存在问题及下一步打算", "progress"), ("牵头单位", "lead"), ("责任单位", "unit"),
])
def test_column_words(name, kind):
    from extractor.layout.tables import _kind

    assert _kind(name) == kind


def test_a_numbered_header_with_unknown_columns_is_read():
    document = _extract("某县2024年民生实事推进表\n"
                        "序号 | 实事项目 | 工作举措及实施安排 | 责任领导 | 责任单位 | 协同单位 | 落实情况 |\n"
                        "1 | 新建幼儿园3所 | 5月底前完成选址；10月底前开工建设。 | 李某某 | 县教育局 | 县财政局、县住建局 | 已开工2所。 |\n"
                        "2 | 改造农村公路60公里 | 3月底前完成设计；11月底前建成通车。 | 王某 | 县交通运输局 | 各乡镇人民政府 | 已完工45公里。 |\n")
    assert _rows(document) == [("1", "新建幼儿园3所", ["县教育局", "县财政局", "县住建局"]),
                               ("2", "改造农村公路60公里", ["县交通运输局", "各乡镇人民政府"])]
    assert _targets(document["items"][0]) == [(3, "所", "target"), (2, "所", "actual")]
    assert _targets(document["items"][1]) == [(60, "公里", "target"), (45, "公里", "actual")]


def test_a_header_one_cell_per_line_with_unknown_columns():
    document = _extract("2024年某区民生实事推进情况\n序号 |\n主要任务 |\n分管领导 |\n牵头单位 |\n协同单位 |\n"
                        "最新进度 |\n是否达序时 |\n说明 |\n"
                        "7 |\n新建城市书房5个。 |\n张某某 |\n区文旅局 |\n各街道 |\n已建成3个。 |\n是 |\n"
                        "8 |\n改造老旧小区20个。 |\n张某某 |\n区住建局 |\n区财政局、各街道 |\n已开工12个。 |\n否 |\n资金未到位。 |\n")
    assert _rows(document) == [("7", "新建城市书房5个", ["区文旅局", "各街道"]),
                               ("8", "改造老旧小区20个", ["区住建局", "区财政局", "各街道"])]
    assert _targets(document["items"][0]) == [(5, "个", "target"), (3, "个", "actual")]


def test_page_metadata_rows_are_never_a_table():
    document = _extract("索引号 | 00123/2024-001 | 公开方式 | 主动公开 |\n发布单位 | 区政府 | 发文日期 | 2024-03-01 |\n"
                        "关于2024年民生实事的通知\n1.新建幼儿园3所。（责任单位：区教育局）\n2.新增停车位500个。（责任单位：区城管局）\n")
    assert _rows(document) == [("1", "新建幼儿园3所", ["区教育局"]), ("2", "新增停车位500个", ["区城管局"])]


# B. A row of a table one cell per line ends at the next row number, not at the header's width.

def test_rows_one_cell_per_line_of_varying_width():
    document = _extract("附件\n2024年民生实事任务分解表\n序号\n实事项目\n责任单位\n完成时限\n"
                        "1\n新建城市公园2个。\n县住建局\n县城管局\n县自然资源局\n11月底前\n"
                        "2\n改造供水管网30公里。\n县水务局\n①6月底前完成招标；\n②12月底前完工。\n"
                        "3\n新建公办幼儿园1所。\n县教育局\n9月底前开园\n新增学位360个。\n12月底前\n"
                        "4\n新建农贸市场1个。\n县商务局\n12月底前\n")
    assert _rows(document) == [("1", "新建城市公园2个", ["县住建局", "县城管局", "县自然资源局"]),
                               ("2", "改造供水管网30公里", ["县水务局"]), ("3", "新建公办幼儿园1所", ["县教育局"]),
                               ("4", "新建农贸市场1个", ["县商务局"])]
    assert [t[:2] for t in _targets(document["items"][2])] == [(1, "所"), (360, "个")]


def test_rows_numbered_across_a_report_with_gaps():
    document = _extract("序号\n主要任务\n牵头单位\n落实情况\n"
                        "12\n提升城市绿化水平，新建口袋公园10个。\n市城管局、市住建局\n已建成口袋公园6个。\n"
                        "40\n推进数字政府建设，上线政务服务事项300项。\n市数据局\n已上线政务服务事项320项。\n")
    assert [item["id"] for item in document["items"]] == ["12", "40"]
    assert _targets(document["items"][1]) == [(300, "项", "target"), (320, "项", "actual")]


def test_a_number_in_a_value_cell_opens_no_row():
    document = _extract("序号\n项目名称\n建设地点\n年度投资（万元）\n责任单位\n"
                        "1\n城区道路改造项目\n城关镇\n2\n县住建局\n"
                        "2\n农贸市场建设项目\n城南街道\n300\n县商务局\n")
    assert _rows(document) == [("1", "城区道路改造项目", ["县住建局"]), ("2", "农贸市场建设项目", ["县商务局"])]


# C. Rows broken over several lines, sub-rows without 序号, group rows inside a table.

def test_steps_inside_a_pipe_cell_stay_in_their_row():
    document = _extract("序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |\n"
                        "1 | 新建公办幼儿园3所，新增学位900个。 | 1.4月底前城东幼儿园主体完工，开始装修施工；城西幼儿园完成基础工程。"
                        " 2.8月底前城东幼儿园、城南幼儿园竣工交付。 3.11月底前城西幼儿园竣工交付。 | 区教育局 | 区发改局、区住建局 |\n"
                        "2 | 改造农村公路50公里。 | 1.6月底前开工。 2.11月底前完工。 | 区交通运输局 | 各镇（街道） |\n")
    assert _rows(document) == [("1", "新建公办幼儿园3所，新增学位900个", ["区教育局", "区发改局", "区住建局"]),
                               ("2", "改造农村公路50公里", ["区交通运输局", "各镇（街道）"])]


def test_unit_cell_broken_over_lines_and_group_rows_inside_the_table():
    document = _extract("2024年区政府工作报告目标任务推进情况\n序号 目标任务 责任单位 上半年推进情况\n"
                        "一、主要预期目标\n1 地区生产总值增长6%。 区发展改革委 地区生产总值增长3.1%。\n"
                        "2 农业增加值增长4%。 区农业农村委\n区林业局\n区水利局\n农业增加值增长2.5%。\n"
                        "3 居民人均可支配收入增长6%。 区发展改革委 居民人均可支配收入增长5.2%。\n"
                        "二、重点工作\n4 新建城市书房5个。 区文旅委 已建成城市书房2个。\n")
    items = document["items"]
    assert [item["path"] for item in items] == [[1, 1], [1, 2], [1, 3], [2, 4]]
    assert items[1]["responsible_units"] == ["区农业农村委", "区林业局", "区水利局"]
    assert _targets(items[1]) == [(4, "%", "target"), (2.5, "%", "actual")]
    assert len({item["section"] for item in items}) == 1


def test_sub_rows_without_a_number_belong_to_the_row_above():
    document = _extract("2024年为民办实事项目完成情况\n序号 | 实事项目名称 | 完成情况 | 占全年计划 |\n"
                        "1 | 新增2000张养老床位 | 2150 | 108% |\n | 新增300张认知障碍照护床位 | 320 | 107% |\n"
                        "2 | 新建20个社区食堂 | 23 | 115% |\n3 | 改造50个老旧小区 | 52 | 104% |\n")
    items = document["items"]
    assert [item["id"] for item in items] == ["1", "2", "3"]
    assert _targets(items[0]) == [(2000, "张", "target"), (2150, "张", "actual"), (108, "%", "completion"),
                                  (300, "张", "target"), (320, "张", "actual"), (107, "%", "completion")]
    assert _targets(items[1]) == [(20, "个", "target"), (23, "个", "actual"), (115, "%", "completion")]


def test_a_page_bullet_list_beside_a_task_table_is_no_task_list():
    document = _extract("2024年民生实事项目进度表\n• 发布日期：2024-11-02\n• 浏览次数：\n• 来源：某县人民政府办公室\n"
                        "序号\n项目内容\n当前进度\n牵头单位\n"
                        "1\n新建公办幼儿园3所。\n80%\n县教育局\n2\n改造农村公路40公里。\n95%\n县交通局\n")
    assert [(item["section"], item["id"]) for item in document["items"]] == [(1, "1"), (1, "2")]


# F. Unit cells as printed.

def test_units_separated_by_single_spaces_are_kept_apart():
    document = _extract("序号 | 主要任务 | 牵头单位 | 落实情况 |\n"
                        "1 | 新建口袋公园10个。 | 市城管局、市住建局 市自然资源局 | 已建成口袋公园6个。 |\n"
                        "2 | 新增停车泊位2000个。 | 市公安局 市城管局 | 已新增停车泊位1500个。 |\n")
    assert [item["responsible_units"] for item in document["items"]] == [
        ["市城管局", "市住建局", "市自然资源局"], ["市公安局", "市城管局"]]


def test_spaced_characters_are_still_joined():
    document = _extract("2024年民生实事\n1.全 年新建幼儿园3所。（责任单位：县教育局）\n2.新增停车位500个。（责任单位：县城管局）\n")
    assert document["items"][0]["text"].startswith("全年新建幼儿园3所")


def test_unit_names_repeated_in_a_table_are_no_running_heads():
    document = _extract("附件\n民生实事目标任务分解表\n序号\n民生实事\n责任单位\n完成时限\n"
                        "1\n新建农贸市场2个。\n县商务局\n县住建局\n12月底前\n2\n新建人行天桥2座。\n县住建局\n9月底前\n"
                        "3\n改造老旧小区12个。\n县住建局\n12月底前\n4\n新建公办幼儿园1所。\n县教育局\n12月底前\n")
    assert [item["responsible_units"] for item in document["items"]] == [
        ["县商务局", "县住建局"], ["县住建局"], ["县住建局"], ["县教育局"]]


def test_marked_leads_come_first_and_a_cut_fragment_is_dropped():
    document = _extract("序号\n主要工作\n责任单位\n1\n新建城市公园3个\n住建局，▲城管局，各镇（街道）\n"
                        "2\n新增就业岗位5000个\n人社局，各部门\n3\n新建学校2所\n▲教育局，财政局，各镇（\n")
    units = [item["responsible_units"] for item in document["items"]]
    assert units == [["城管局", "住建局", "各镇（街道）"], ["人社局", "各部门"], ["教育局", "财政局"]]


# D. Group rows, numbered category cells and a numbered heading right above a table give the
# rows their path level and title.

def test_group_rows_inside_a_table_with_numbering_running_on():
    document = _extract("2024年区政府工作报告目标任务推进情况\n序号 目标任务 责任单位 上半年推进情况\n"
                        "一、主要预期目标\n1 地区生产总值增长6%。 区发展改革委 地区生产总值增长3.1%。\n"
                        "2 居民人均可支配收入增长6%。 区发展改革委 居民人均可支配收入增长5.2%。\n"
                        "二、重点工作\n（一）提升公共服务水平\n3 新建城市书房5个。 区文旅委 已建成城市书房2个。\n"
                        "4 新增养老床位300张。 区民政局 已新增养老床位120张。\n")
    assert [(item["path"], item["title"]) for item in document["items"]] == [
        ([1, 1], "主要预期目标"), ([1, 2], "主要预期目标"), ([2, 1, 3], "提升公共服务水平"), ([2, 1, 4], "提升公共服务水平")]


def test_numbered_category_cells_open_groups():
    document = _extract("序号\n类别\n项目名称\n目标任务\n牵头单位\n"
                        "1\n一、教育提升（2项）\n新建学校\n新建中小学3所\n县教育局\n"
                        "2\n公办幼儿园\n新增公办学位500个\n县教育局\n"
                        "3\n二、医疗卫生（1项）\n村卫生室\n新建村卫生室10个\n县卫健局\n")
    assert [(item["path"], item["title"], item["responsible_units"]) for item in document["items"]] == [
        ([1, 1], "教育提升", ["县教育局"]), ([1, 2], "教育提升", ["县教育局"]), ([2, 3], "医疗卫生", ["县卫健局"])]
    assert [t[:2] for t in _targets(document["items"][1])] == [(500, "个")]


def test_a_numbered_heading_right_above_a_table_is_its_parent():
    document = _extract("一、2024年民生实事任务分解表\n序号 | 具体工作任务 | 责任领导 | 责任单位 | 落实情况 |\n"
                        "1 | 新建幼儿园3所。 | 李某 | 县教育局 | 已建成2所。 |\n"
                        "2 | 改造农村公路60公里。 | 王某 | 县交通运输局 | 已完工45公里。 |\n")
    assert [(item["section"], item["path"], item["title"]) for item in document["items"]] == [
        (1, [1, 1], "2024年民生实事任务分解表"), (1, [1, 2], "2024年民生实事任务分解表")]


def test_numbering_restarting_in_each_group_keeps_its_paths():
    document = _extract("序号 | 项目名称 | 年度目标任务 | 责任单位 |\n一、教育 | | | |\n1 | 幼儿园 | 新建幼儿园2所 | 区教育局 |\n"
                        "2 | 书房 | 新建城市书房4个 | 区文旅局 |\n二、民生 | | | |\n1 | 助餐 | 新建助餐点30个 | 区民政局 |\n")
    assert [(item["path"], item["title"]) for item in document["items"]] == [
        ([1, 1], "幼儿园"), ([1, 2], "书房"), ([2, 1], "助餐")]
