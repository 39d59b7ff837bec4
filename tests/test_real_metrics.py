"""Metrics as the real notices print them (CONVENTIONS: Targets and metrics): a clause with no
noun takes it from the clause before, a table row's target, actual and share take one metric, a
share over several quantities takes its printed label, parts by place name their total."""

from __future__ import annotations

import pytest

from extractor import extract_text
from extractor.base import patterns
from extractor.quantities.targets import overall_label


def _targets(text: str) -> list[tuple[str, float, str]]:
    return [(target["metric"], target["value"], target["role"])
            for item in extract_text(text).items for target in item["targets"]]


def _metrics(text: str) -> list[tuple[str, float]]:
    return [(metric, value) for metric, value, _ in _targets(text)]


def test_a_result_that_names_nothing_takes_the_plan_figure_beside_it():
    text = ("一、完成情况\n1.城乡商业网点。全市计划新建或改造60个社区超市，现已超额完成71个；"
            "计划升级改造15个乡镇集贸市场，现已建成9个。\n")
    assert _metrics(text) == [("新建或改造社区超市", 60), ("新建或改造社区超市", 71),
                              ("升级改造乡镇集贸市场", 15), ("升级改造乡镇集贸市场", 9)]


def test_each_sub_row_of_a_progress_table_keeps_its_own_metric():
    text = ("2024年为民办实事项目完成情况\n序号\t实事项目名称\t完成情况\t占全年计划\n"
            "1\t新增2000张托育床位\t2150\t108%\n新增500张社区助浴床位\t520\t104%\n"
            "2\t建设40个社区食堂\t44\t110%\n")
    assert _metrics(text) == [("新增托育床位", 2000), ("新增托育床位", 2150), ("新增托育床位", 108),
                              ("新增社区助浴床位", 500), ("新增社区助浴床位", 520), ("新增社区助浴床位", 104),
                              ("建设社区食堂", 40), ("建设社区食堂", 44), ("建设社区食堂", 110)]


def test_a_cell_run_on_after_the_target_shares_its_metric():
    text = ("序号\t指标\t年度目标\t完成情况\t责任单位\n1\t区级税收收入增长率6%以上12.5%\t区财政局\n"
            "2\t新增规模以上企业30家41家\t区经信局\n")
    assert _metrics(text) == [("区级税收收入增长率", 6), ("区级税收收入增长率", 12.5),
                              ("新增规模以上企业", 30), ("新增规模以上企业", 41)]


def test_a_stage_without_a_noun_takes_the_subject_of_the_clause_before():
    text = "一、主要任务\n1.城区道路改造工程建成12公里、开工30公里。\n2.农村危房改造新开工800户、基本建成650户。\n"
    assert _metrics(text) == [("城区道路改造工程建成", 12), ("城区道路改造工程开工", 30),
                              ("农村危房改造新开工", 800), ("农村危房改造基本建成", 650)]


def test_a_change_without_a_noun_takes_the_thing_before_it():
    text = ("一、完成情况\n1.经济运行。全区地区生产总值初步核算数3200亿元，增幅4.1%；"
            "城乡居民人均可支配收入52000元，同比增长5.3%。\n")
    assert _metrics(text) == [("地区生产总值初步核算数", 320000000000), ("地区生产总值初步核算数增幅", 4.1),
                              ("城乡居民人均可支配收入", 52000), ("城乡居民人均可支配收入增长", 5.3)]


def test_parts_named_beside_a_place_are_places_too():
    text = ("一、完成情况\n1.公交出行。全市计划新增5条公交线路，现已新增12条，其中市本级8条、青山1条、东湖区3条。\n")
    assert [metric for metric, _ in _metrics(text)][2:] == [
        "市本级新增公交线路", "青山新增公交线路", "东湖区新增公交线路"]


def test_parts_of_a_length_name_their_total():
    text = "一、完成情况\n1.慢行系统。15公里滨水步道已完成6.2公里，其中南溪3.1公里，北河3.1公里。\n"
    assert [metric for metric, _ in _metrics(text)][2:] == ["南溪滨水步道", "北河滨水步道"]


def test_an_overall_share_over_several_quantities_takes_its_label():
    text = ("一、完成情况\n（一）已新增社区食堂120个、新增养老床位800张，整体完成率105.5%。\n"
            "（二）已建成口袋公园30个，完成率120%。\n")
    assert _metrics(text) == [("新增社区食堂", 120), ("新增养老床位", 800), ("整体完成率", 105.5),
                              ("建成口袋公园", 30), ("建成口袋公园", 120)]


def test_an_investment_figure_names_its_project():
    text = ("一、完成情况\n1.农村供水工程。\n完成投资3.5亿元，建成供水工程120处。\n"
            "2.乡村道路工程。\n--通村公路。通村公路项目已开工80个，完成投资1.2亿元。\n")
    metrics = _metrics(text)
    assert metrics[0] == ("农村供水工程投资", 350000000)
    assert metrics[-1] == ("通村公路项目投资", 120000000)


OVERALL = patterns.load("metric_words")["overall_share"]


@pytest.mark.parametrize("label", OVERALL["examples"])
def test_overall_share_examples(label):
    assert overall_label(label)


@pytest.mark.parametrize("label", OVERALL["counter_examples"])
def test_overall_share_counter_examples(label):
    assert not overall_label(label)


def test_a_per_area_table_counts_the_thing_its_total_names_in_the_intro():
    """A row per county under columns that name no thing (计划完成数): the total row's figure is the
    intro's task figure, and that names what every count of the column counts."""
    text = ("2023年民生实事（村级养老服务站）目标任务为：新建村级养老服务站300个。各县认真落实。\n"
            "附件\n序号\t县区\t计划完成数\t累计建成数\t完成率\n"
            "1\t东湖县\t120\t90\t75.00%\n2\t西山县\t180\t120\t66.67%\n全市\t300\t210\t70.00%\n")
    assert _metrics(text) == [("新建村级养老服务站", 120), ("新建村级养老服务站", 90), ("新建村级养老服务站", 75),
                              ("新建村级养老服务站", 180), ("新建村级养老服务站", 120), ("新建村级养老服务站", 66.67)]


def test_without_a_total_equal_to_an_intro_figure_a_count_column_keeps_the_row_name():
    text = ("2023年民生实事（村级养老服务站）目标任务为：新建村级养老服务站280个。各县认真落实。\n"
            "附件\n序号\t县区\t计划完成数\t累计建成数\t完成率\n"
            "1\t东湖县\t120\t90\t75.00%\n2\t西山县\t180\t120\t66.67%\n全市\t300\t210\t70.00%\n")
    assert [metric for metric, _ in _metrics(text)] == ["东湖县"] * 3 + ["西山县"] * 3


def test_a_sub_rows_figures_count_what_its_own_name_cell_names():
    text = ("某市1-11月重点民生实事落实情况\n序号\t考核指标\t单位\t工作目标\t已完成数\t占年任务之比\t备注\n"
            "1\t新建农村公路\t公里\t500\t520\t104.0%\t交通局\n提质改造农村公路\t公里\t120\t96\t80.0%\n"
            "2\t提高城乡低保标准\t元/月/人\t不低于600元\t620\t达到目标\t民政局\n"
            "提高特困人员救助标准\t元/月/人\t不低于800元\t820\t达到目标\n")
    assert _metrics(text) == [("新建农村公路", 500), ("新建农村公路", 520), ("新建农村公路", 104),
                              ("提质改造农村公路", 120), ("提质改造农村公路", 96), ("提质改造农村公路", 80),
                              ("提高城乡低保标准", 600), ("提高城乡低保标准", 620),
                              ("提高特困人员救助标准", 800), ("提高特困人员救助标准", 820)]


def test_the_verb_opening_a_list_of_counted_things_applies_to_each():
    text = "2024年民生实事\n一、教育。主要是新建（改扩建）幼儿园12所、中小学6所，改造老旧小区30个、涉及居民1.2万户。\n"
    assert _metrics(text) == [("新建（改扩建）幼儿园", 12), ("新建（改扩建）中小学", 6), ("改造老旧小区", 30),
                              ("涉及居民", 12000)]


def test_a_heading_note_counting_the_programmes_projects_is_no_quantity():
    text = ("2024年民生实事\n一、科教惠民工程（项目3个，其中基建工程类2个、“小而美”事项类1个）。新建幼儿园5所，"
            "新增学位1200个。\n")
    assert [value for _, value in _metrics(text)] == [5, 1200]


def test_names_listed_before_deng_are_instances_of_the_kind_after_the_figure():
    text = "2024年重点工作\n1.抓好东湖调蓄工程、城北热电工程等120个以上省、市重点项目建设，推动项目早开工、早建成。\n"
    assert _metrics(text) == [("省、市重点项目建设", 120)]


def test_a_length_alone_takes_the_work_of_the_clause_before():
    text = "2024年民生工程\n四、集中供热扩建工程\n铺设城东大道供热主管网，全长约4.3公里。\n"
    assert _metrics(text) == [("铺设城东大道供热主管网", 4.3)]
