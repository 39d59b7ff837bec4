"""Roles (target / actual / completion) as real notices write them: completion news, shares of a
plan, a plan's baselines and comparisons, and a report's restated task beside what was done."""

from __future__ import annotations

from extractor import extract_text
from extractor.pipeline import extract_bytes


def _extract(text: str) -> dict:
    return extract_bytes(text.encode("utf-8"), "case.txt")


def _roles(item: dict) -> list[tuple]:
    return [(target["value"], target["role"]) for target in item["targets"]]


def _all_roles(document: dict) -> list[tuple]:
    return [pair for item in document["items"] for pair in _roles(item)]


# Shares of a plan or of the work, however they are worded.

def test_a_share_of_the_plan_is_a_completion_and_what_it_is_a_share_of_was_done():
    document = _extract("某市2023年为民办实事完成情况\n1.新增养老床位3000张，为计划的102%。\n"
                        "2.新建社区食堂40家，为计划的100%。\n")
    assert _roles(document["items"][0]) == [(3000, "actual"), (102, "completion")]


def test_shares_of_the_years_target_the_planned_investment_and_the_work():
    document = _extract("某县民生工程进展情况\n1.公路工程。建成通村公路300公里，完成年度目标61.5%。\n"
                        "2.饮水工程。完成投资1.2亿元，完成计划投资的80.5%。\n"
                        "3.市政工程。滨河步道已完成工程量的85%，外墙涂装完成75%。\n")
    assert [role for value, role in _all_roles(document) if value in (61.5, 80.5, 85, 75)] == ["completion"] * 4


def test_a_rate_reported_as_done_stays_no_share():
    document = _extract("某区民生实事进展情况\n1.垃圾分类。生活垃圾分类覆盖率完成95%。\n2.新建公厕10座，已建成8座。\n")
    assert _roles(document["items"][0]) == [(95, "actual")]


def test_a_share_of_the_projects_at_a_stage_is_a_completion():
    document = _extract("某区民生实事推进情况\n1.学校建设方面，30%的智慧校园项目已建成，70%的项目已完成招标。\n"
                        "2.养老服务方面，已建成养老服务站12个。\n")
    assert _roles(document["items"][0]) == [(30, "completion"), (70, "completion")]


# Completion news: the words that say the whole list was done stand above the list.

def test_a_headline_saying_the_list_was_delivered_makes_its_figures_actual():
    document = _extract("某镇2023年民生实事项目圆满“交卷”\n\n"
                        "今年以来，某镇确定民生实事项目3个，目前均已完工。其中，完成中心街排水管网建设800米，路面改造500米；"
                        "完成东村道路硬化1200平方米；完成西村文化广场建设1个。\n")
    assert {role for _, role in _all_roles(document)} == {"actual"}


def test_a_lede_saying_the_tasks_were_honoured_makes_the_paragraphs_actual():
    document = _extract("某县兑现20项民生实事\n\n  2022年，某县持续加强民生建设，5类20项民生实事全部兑现。\n\n"
                        "  2022年，某县城镇新增就业3200人，改造老旧小区1500套，新建养老服务中心6家。\n\n"
                        "  同时，森林覆盖率达40.2%，安装垃圾分类设备120台。\n")
    assert {role for _, role in _all_roles(document)} == {"actual"}


def test_a_lead_sentence_of_what_was_done_makes_its_run_in_list_actual():
    document = _extract("县长访谈实录\n县长答：2022年，我县为民办了5件实事：一是完善农村道路，完成通村道路硬化40公里；"
                        "二是实施人饮工程，解决1.2万农村人口饮水安全问题；三是实施安居工程，建设廉租住房120套；"
                        "四是实施改厕工程，完成农村改厕1500座；五是扩建县福利院。\n")
    assert {role for _, role in _all_roles(document)} == {"actual"}


def test_a_plans_lede_that_vows_completion_keeps_the_targets():
    document = _extract("某县2024年民生实事项目\n\n今年，县政府确定以下民生实事，确保年底前全部完成：\n"
                        "1.新建幼儿园3所。\n2.改造农村公路60公里。\n3.新增城镇就业2000人。\n")
    assert {role for _, role in _all_roles(document)} == {"target"}


# A plan's own words that are no report.

def test_a_plans_growth_over_last_year_is_a_target():
    document = _extract("某区2024年重点工作分工方案\n一、主要预期目标\n1.地区生产总值比上年增长5%以上。\n"
                        "牵头单位：区发展改革委\n2.一般公共预算收入较上年增长3%。\n牵头单位：区财政局\n")
    assert {role for _, role in _all_roles(document)} == {"target"}


def test_a_plans_baseline_and_cumulative_floor_stay_targets():
    document = _extract("某县2025年民生实事\n1.就业服务方面，在现有零工驿站的基础上，新增2个零工小站，"
                        "累计开展招聘会不少于15场次，实现城镇新增就业3000人。\n"
                        "2.养老服务方面，新建养老护理型床位120张。\n")
    assert {role for _, role in _all_roles(document)} == {"target"}


# A report: the task restated before what was done, the target that was exceeded.

def test_a_reports_figure_beside_what_is_now_done_is_the_target():
    document = _extract("某市为民办实事项目进展情况\n\n截至10月底，20件为民办实事项目中已有部分项目提前完成。\n\n"
                        "1.农村条件改善。80公里农村公路安保工程，现已完成92公里；12个村庄规划编制工作已完成。"
                        "解决3万农村人口饮水安全问题项目已超额完成。巩固提升20个蔬菜基地、15个禽蛋基地，已完成既定目标。\n"
                        "2.市民出行。30公里休闲步道已完成12.5公里；我市计划新增6条公交线路，现已新增9条。\n"
                        "3.文化服务。已建成农家书屋120个。\n")
    first, second, _ = document["items"]
    assert _roles(first) == [(80, "target"), (92, "actual"), (12, "actual"), (30000, "target"), (20, "target"), (15, "target")]
    assert _roles(second) == [(30, "target"), (12.5, "actual"), (6, "target"), (9, "actual")]


def test_a_reports_restated_task_before_its_results_is_the_target():
    document = _extract("某市十件实事完成情况的通报\n截至2023年12月31日，十件实事全面完成。具体情况如下：\n"
                        "1.实施易地扶贫搬迁12000人，其中贫困人口9000人。（责任单位：市移民局）\n"
                        "此项工作已完成。截至2023年12月底，全市建设安置点5个，已完成搬迁入住12000人（其中：贫困人口9100人）。\n"
                        "2.解决5万人农村饮水安全问题。（责任单位：市水务局）\n"
                        "此项工作已完成。截至2023年12月底，全市争取省下达饮水安全项目补助资金3000万元，解决5.2万人的饮水安全问题。\n")
    first, second = document["items"]
    assert _roles(first) == [(12000, "target"), (9000, "target"), (5, "actual"), (12000, "actual"), (9100, "actual")]
    assert _roles(second) == [(50000, "target"), (30000000, "actual"), (52000, "actual")]


def test_a_progress_fields_year_words_say_no_plan():
    document = _extract("某市民生实事完成情况\n1.促进就业\n目标任务：全年城镇新增就业10万人，开展职业技能培训15万人次。\n"
                        "完成情况：全年城镇新增就业12.3万人，开展职业技能培训16万人次。\n")
    assert _roles(document["items"][0]) == [(100000, "target"), (150000, "target"), (123000, "actual"), (160000, "actual")]


def test_a_planned_figure_in_a_progress_report_is_a_target():
    document = _extract("某区民生实事推进有序\n1.教育方面，规划的12所新建幼儿园、8万平方米新建校舍已全部开工。\n"
                        "2.就业方面，城镇新增就业2.1万人，完成目标任务的95%。\n")
    assert _roles(document["items"][0]) == [(12, "target"), (80000, "target")]


def test_a_forecast_in_a_report_is_actual():
    document = _extract("某区2023年重点任务上半年推进情况的报告\n1.数字经济。1-6月，数字经济完成产值120亿元，同比增长3.2%。\n"
                        "2.外贸。1-6月，进出口总额完成80亿元，预计全年增长6%。\n")
    assert _roles(document["items"][1]) == [(8000000000, "actual"), (6, "actual")]


# A progress table whose rows leave the last (备注) cell empty.

def test_bare_shares_of_a_progress_table_are_completions():
    document = _extract("2023年度民生实事项目进度表（截至10月31日）\n序号\n项目内容\n当前进度\n牵头单位\n备注\n"
                        "1\n新建公办幼儿园4所。\n80%\n县教育局\n市民生实事\n"
                        "2\n建设农村公路50公里。\n95%\n县交通局\n"
                        "3\n完成农村公路大中修60公里。\n90%\n县交通局\n")
    assert [_roles(item) for item in document["items"]] == [
        [(4, "target"), (80, "completion")], [(50, "target"), (95, "completion")], [(60, "target"), (90, "completion")]]


def test_a_figure_named_as_the_target_it_beat_is_a_target():
    document = _extract("某市2023年十件实事完成情况\n1.促进就业。完成安置城镇人员就业5.1万人，实现城镇登记失业率3.2%，低于3.5%的控制目标。\n"
                        "2.新建社区食堂20家，已全部建成。\n")
    assert _roles(document["items"][0]) == [(51000, "actual"), (3.2, "actual"), (3.5, "target")]


def test_the_examples_of_the_role_phrases():
    from extractor.base import patterns
    from extractor.quantities import roles

    data = patterns.load("roles")
    for text in data["done_news"]["examples"]:
        assert roles.says_all_done("", text), text
    for text in data["done_news"]["counter_examples"]:
        assert not roles.says_all_done("", text), text
    after = patterns.compiled(data["completion_after"]["regex"])
    assert all(after.match(text) for text in data["completion_after"]["examples"])
    assert not any(after.match(text) for text in data["completion_after"]["counter_examples"])
    reached = data["reached"]
    assert all(roles.is_reached_by_next(text) for text in reached["examples"])
    assert not any(roles.is_reached_by_next(text) for text in reached["counter_examples"])
    assert all(roles.is_beaten(text) for text in reached["beaten_examples"])
    assert not any(roles.is_beaten(text) for text in reached["beaten_counter_examples"])
    assert all(roles.is_under_way(text) for text in reached["under_way_examples"])
    assert not any(roles.is_under_way(text) for text in reached["under_way_counter_examples"])


def test_a_projects_spending_beside_its_share_of_the_years_plan():
    """占年度计划99% (no 的) is a completion; the project named before 完成投入 in its own clause is
    what the spending measures, and the share takes that metric."""
    notice = extract_text("有3个项目进展较快，其中：东湖防洪工程完成投入1亿元，占年度计划99%；"
                          "西山供水工程完成投入4500万元，占年度计划80.4%；北区学校建设工程完成投入8300万元，占年度计划83%。")
    rows = [(target["metric"], target["role"]) for item in notice.items for target in item["targets"]]
    assert rows == [("东湖防洪工程投入", "actual"), ("东湖防洪工程投入", "completion"),
                    ("西山供水工程投入", "actual"), ("西山供水工程投入", "completion"),
                    ("北区学校建设工程投入", "actual"), ("北区学校建设工程投入", "completion")]


def test_a_report_items_plan_beside_what_was_done():
    """Under a title naming a report, an item that restates its plan (计划投资…) beside what was done
    (完成项目投资…) is a report's item: the plan figure is the target, the done figure the actual."""
    notice = extract_text("关于2025年区政府民生实事项目完成情况的通报\n已投入使用3项：\n1.乡村道路改造工程项目。\n"
                          "该项目计划投资2900万元。完成项目投资2900万元，于2025年7月全面完工并投入使用。\n"
                          "2.危桥改造工程项目。\n该项目计划投资320万元。完成项目投资320万元，于2025年9月完工并投入使用。\n"
                          "3.城区充电桩建设项目。\n该项目计划投资480万元。完成项目投资380万元，已投入使用。\n")
    assert [[target["role"] for target in item["targets"]] for item in notice.items] == [["target", "actual"]] * 3


def test_a_task_restated_before_its_progress_keeps_its_target():
    """A report's item whose first sentence states the task (整治提升1500户。) before a sentence of
    progress with no figure (目前已拟定整治范围) keeps the task's figure as the target."""
    notice = extract_text("2025年重点任务上半年推进情况的报告\n一、乡村建设\n1.农房风貌整治提升1500户。目前已拟定整治范围，正在确定施工单位。\n"
                          "2.新建村级篮球场20个。目前已完成12个。\n")
    rows = [(target["value"], target["role"]) for item in notice.items for target in item["targets"]]
    assert rows == [(1500, "target"), (20, "target"), (12, "actual")]


def test_a_share_in_brackets_after_a_count_done_is_its_completion():
    """已完成8个（53%）: the bracketed share is the completion of that count's target, with its metric."""
    notice = extract_text("一、进展情况\n1.剩余项目中，2个养老机构建设已完成1个（50%），1170件法律援助已完成948件（81%）。\n")
    rows = [(target["value"], target["role"], target["metric"]) for item in notice.items for target in item["targets"]]
    by_value = {value: (role, metric) for value, role, metric in rows}
    assert by_value[1] == ("actual", "养老机构建设") and by_value[50] == ("completion", "养老机构建设")
    assert by_value[948] == ("actual", "法律援助") and by_value[81] == ("completion", "法律援助")


def test_a_share_of_the_plan_made_at_the_years_start_is_a_completion():
    """完成年初计划的119.64%: a completion; and a list whose items report so, under a title naming a
    report, reports (its figures are actuals)."""
    notice = extract_text("关于2025年十件民生实事完成情况的通报\n一、教育提升工程\n全年项目资金支出4.98亿元，完成年初计划的119.64%。"
                          "新增公办义务教育学位2.28万个。\n二、停车场建设工程\n全年项目资金支出4.56亿元，完成年初计划的162.06%。"
                          "新增停车位2.29万个。\n")
    rows = [(target["value"], target["role"]) for item in notice.items for target in item["targets"]]
    assert rows == [(498000000, "actual"), (119.64, "completion"), (22800, "actual"),
                    (456000000, "actual"), (162.06, "completion"), (22900, "actual")]


def test_in_a_run_of_progress_pairs_each_first_figure_is_the_task_it_was_done_against():
    """…已完成1个（50%）、15个农村幸福院建设已完成8个（53%）: the 已完成 before 15个 is the pair
    before's; 15 is the task, 8 was done, 53% the share; 已送 is a word of what was done too."""
    document = _extract("某县9月份民生工程进展情况\n截至9月底，4个社区食堂建设已完成2个（50%）、12个口袋公园建设已完成9个（75%），"
                        "80场送电影下乡已送64场（80%）。\n")
    assert _all_roles(document) == [(4, "target"), (2, "actual"), (50, "completion"), (12, "target"), (9, "actual"),
                                     (75, "completion"), (80, "target"), (64, "actual"), (80, "completion")]


def test_a_share_in_brackets_after_a_work_under_way_is_its_completion():
    document = _extract("某县9月份民生工程进展情况\n截至9月底，城区供水管网改造工程正在施工中（93%）、"
                        "5个老旧小区改造正在施工中（90%），预计11月底前全部完成。\n")
    targets = [(target["metric"], target["value"], target["role"]) for item in document["items"]
               for target in item["targets"]]
    assert [(value, role) for _, value, role in targets] == [(93, "completion"), (5, "target"), (90, "completion")]
    assert targets[0][0].startswith("城区供水管网改造工程") and targets[2][0] == targets[1][0]
