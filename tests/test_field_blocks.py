"""Blocks of labelled fields, word ordinals and report phrases: one test per family, each with
an example written here in the form the real notices use, before its fix."""

from __future__ import annotations

from extractor.pipeline import extract_bytes


def _extract(text: str) -> dict:
    return extract_bytes(text.encode("utf-8"), "case.txt")


def _paths(document: dict) -> list[list[int]]:
    return [item["path"] for item in document["items"]]


def _roles(item: dict) -> list[tuple[float, str]]:
    return [(target["value"], target["role"]) for target in item["targets"]]


# F1: numbered field labels under a project, and steps inside a field, are no sub-items.

def test_numbered_fields_under_a_project_make_the_project_the_leaf():
    document = _extract("现将有关项目进展报告如下：\n一、关于《城东学校扩建项目》进展情况\n（一）责任领导：李明\n"
                        "（二）年度目标：新建教学楼2栋。\n（三）完成情况：已建成教学楼1栋。\n"
                        "二、关于《河道整治项目》进展情况\n（一）责任领导：王强\n（二）年度目标：清淤河道5公里。\n"
                        "（三）完成情况：清淤3公里。")
    assert _paths(document) == [[1], [2]]
    assert document["items"][0]["title"] == "关于《城东学校扩建项目》进展情况"
    assert _roles(document["items"][1]) == [(5, "target"), (3, "actual")]


def test_sub_items_that_each_name_the_same_field_stay_items():
    document = _extract("一、教育\n（一）目标任务：新建学校3所。\n（二）目标任务：新增学位500个。\n"
                        "二、卫生\n（一）目标任务：新建卫生院2所。\n（二）目标任务：招聘医生40名。")
    assert _paths(document) == [[1, 1], [1, 2], [2, 1], [2, 2]]


def test_steps_inside_a_progress_field_open_no_items():
    document = _extract("某区民生实事进展情况\n1.新建口袋公园8个。\n责任单位：区城管局\n"
                        "项目进展：1.东区：已建成口袋公园3个。2.西区：已建成口袋公园2个。3.南区：正在施工。\n"
                        "2.改造农贸市场4个。\n责任单位：区商务局\n项目进展：已完成改造3个。")
    assert _paths(document) == [[1], [2]]
    assert _roles(document["items"][0]) == [(8, "target"), (3, "actual"), (2, "actual")]


# F3: run-in ordinals 一是…三是 end with their paragraph and are never parents of a list after it.

def test_numbered_list_after_run_in_ordinals_is_no_child_of_the_last():
    document = _extract("一是加强领导。各单位高度重视。二是强化督查。定期通报进度。三是注重宣传。\n"
                        "现将完成情况报告如下：\n一、新建学校3所。\n二、改造道路12公里。")
    assert _paths(document) == [[1], [2]]


# F2: word ordinals and keyword leads are numbering.

def test_ordinal_naming_the_counted_thing_numbers_items():
    document = _extract("一、实事内容\n第一件实事：新建中小学5所。\n第二件实事：改造老旧小区30个。\n"
                        "第三件实事：新增公共停车位2000个。\n二、工作要求\n各单位要高度重视。")
    assert _paths(document) == [[1, 1], [1, 2], [1, 3]]
    assert document["items"][0]["title"] == "实事内容"


def test_keyword_blocks_of_a_news_report_are_items():
    document = _extract("我市为民办实事项目全部完成\n今年确定的为民办实事项目全部完成。\n关键词：教育优先\n"
                        "【主要项目】新建学校、扩充学位\n【完成情况】新建中小学6所，新增学位5400个。\n"
                        "关键词：健康城市\n【主要项目】基层医疗\n【完成情况】新建社区卫生服务站12个。")
    assert _paths(document) == [[1], [2]]
    assert [item["title"] for item in document["items"]] == ["教育优先", "健康城市"]
    assert [len(item["targets"]) for item in document["items"]] == [2, 1]


def test_instruction_heading_on_the_division_of_work_is_no_item():
    document = _extract("一、实事内容\n1.新建中小学5所。\n2.改造老旧小区30个。\n二、工作分工\n各牵头单位要制定方案。")
    assert _paths(document) == [[1, 1], [1, 2]]


# F6: a bracketed share is an entry of its own; a project's phase is no count.

def test_bracketed_share_after_a_count_is_kept():
    document = _extract("1.实施道路改造项目4个，已完成2个（50%）。\n2.新增就业岗位1000个。")
    values = [(target["value"], target["unit"]) for target in document["items"][0]["targets"]]
    assert (50, "%") in values


def test_bracketed_conversion_is_still_one_entry():
    document = _extract("1.新建绿地1.2万平方米（18亩）。\n2.新增就业岗位1000个。")
    assert len(document["items"][0]["targets"]) == 1


def test_phase_of_a_project_is_no_quantity():
    document = _extract("1.启动农贸市场二期工程，新建摊位120个。\n2.完成安置小区（一期）建设，二期5栋安置楼开工。\n"
                        "3.举办技能培训班3期。")
    assert [[(target["value"], target["unit"]) for target in item["targets"]] for item in document["items"]] == \
        [[(120, "个")], [(5, "栋")], [(3, "期")]]


# F7: units in several labelled brackets, under 牵头责任单位, and named by a group heading.

def test_lead_responsible_unit_marker_gives_the_lead():
    document = _extract("一、新建城市道路8公里。（牵头责任单位：交通局、住建局；配合单位：各乡镇）\n二、新增就业岗位1000个。（牵头单位：人社局）")
    assert document["items"][0]["responsible_units"] == ["交通局", "住建局", "各乡镇"]


def test_several_labelled_brackets_in_one_item_give_all_their_units_leads_first():
    document = _extract("一、推进水环境治理\n建设引水工程一处。（牵头单位：水利局；配合单位：各乡镇）。新建街头游园6个。"
                        "（牵头单位：城管局；配合单位：各乡镇）。疏浚河道20公里。（牵头单位：水利局；配合单位：各乡镇）\n"
                        "二、新增就业岗位1000个。（牵头单位：人社局）")
    first = document["items"][0]
    assert first["responsible_units"] == ["水利局", "城管局", "各乡镇"]
    assert [(target["value"], target["unit"]) for target in first["targets"]] == [(6, "个"), (20, "公里")]


def test_group_heading_naming_its_lead_gives_the_leaves_their_unit():
    document = _extract("一、县教育局牵头工作（2项）\n1.新建幼儿园3所。\n2.新增学位900个。\n"
                        "二、王明副县长牵头工作（1项）\n1.新建公园2个。")
    assert [item["responsible_units"] for item in document["items"]] == [["县教育局"], ["县教育局"], []]


def test_group_lead_pattern_examples():
    from extractor.base import patterns
    from extractor.outline import responsibility
    entry = patterns.load("responsibility")["group_lead"]
    assert all(responsibility.group_lead(text) for text in entry["examples"])
    assert not any(responsibility.group_lead(text) for text in entry["counter_examples"])


# F5: what says a list reports: a target met, a heading above the group, a progress field that
# goes on over the next paragraph.

def test_items_that_say_their_target_was_met_report():
    document = _extract("（五）农村建设\n1.农村交通。建成农村公路600公里，完成目标任务。\n"
                        "2.农村电网。改造农村电网线路320公里，全面完成目标任务。\n3.农村饮水。解决12个村饮水问题。")
    assert [_roles(item) for item in document["items"]] == [[(600, "actual")], [(320, "actual")], [(12, "actual")]]


def test_a_plan_that_vows_to_meet_its_target_does_not_report():
    document = _extract("1.新建学校5所，确保完成目标任务。\n2.新增学位2000个，力争完成全年目标任务。\n3.改造道路8条。")
    assert [_roles(item) for item in document["items"]] == [[(5, "target")], [(2000, "target")], [(8, "target")]]


def test_a_heading_two_levels_up_saying_its_items_are_done_makes_them_actual():
    document = _extract("某市民生实事办理工作情况\n一、当年完成的实事\n（一）就业方面\n"
                        "一是完成创建充分就业社区20个；二是开展职业培训1.2万人次。\n（二）教育方面\n"
                        "一是新建中小学4所；二是新增学位3000个。")
    assert [_roles(item) for item in document["items"]] == \
        [[(20, "actual")], [(12000, "actual")], [(4, "actual")], [(3000, "actual")]]


def test_a_progress_field_goes_on_over_the_unlabelled_paragraph_after_it():
    document = _extract("1.新建学校5所。\n完成情况：已建成学校3所。\n另新增学位1200个，改造操场8个。\n"
                        "责任单位：市教育局\n2.新建公园2个。\n完成情况：已建成公园1个。")
    assert _roles(document["items"][0]) == [(5, "target"), (3, "actual"), (1200, "actual"), (8, "actual")]


def test_target_met_pattern_examples():
    from extractor.base import patterns
    from extractor.quantities import roles
    entry = patterns.load("roles")["target_met"]
    assert all(roles.says_target_met(text) for text in entry["examples"])
    assert not any(roles.says_target_met(text) for text in entry["counter_examples"])


def test_done_heading_pattern_examples():
    from extractor.base import patterns
    from extractor.quantities import roles
    entry = patterns.load("roles")["done_heading"]
    assert all(roles.says_done(text) for text in entry["examples"])
    assert not any(roles.says_done(text) for text in entry["counter_examples"])


# F9: document fields.

def test_document_number_in_brackets_on_its_own_line():
    document = _extract("某市人民政府关于认真办理2024年度实事的通知\n（某政发[2024]11号）\n各县区人民政府：\n"
                        "现将有关事项通知如下：\n1.新建学校3所。\n2.改造道路8条。")
    assert document["document"]["doc_number"] == "某政发〔2024〕11号"


def test_no_title_is_taken_from_inside_the_task_list_or_the_signature():
    document = _extract("一、新建幼儿园\n1.新建幼儿园3所。\n2.新增学位900个。\n项目名称 年度目标 实际完成\n"
                        "二、改造道路\n1.改造道路8条。\n沁县人民政府办公室\n2024年3月5日")
    assert document["document"]["title"] is None
    assert document["document"]["issuer"] == "沁县人民政府办公室"


def test_two_character_county_and_township_name_the_region():
    body = "\n1.新建学校3所。\n2.改造道路8条。"
    assert _extract("萧县人民政府关于2024年民生实事的通知" + body)["document"]["region"] == "萧县"
    assert _extract("安民乡人民政府关于2024年民生实事的通知" + body)["document"]["region"] == "安民乡"
    assert _extract("安徽省萧县教育局关于2024年民生实事的通知" + body)["document"]["region"] == "萧县"
    assert _extract("全县人民政府关于2024年民生实事的通知" + body)["document"]["region"] is None


def test_a_signature_above_the_attached_list_is_no_title():
    document = _extract("各镇政府，县政府各部门：\n现将今年重要工作事项分工印发给你们，请认真落实。\n金乡县人民政府\n"
                        "2025年2月28日\n一、主要目标\n1.新建学校3所。（牵头单位：县教育局）\n2.改造道路8条。（牵头单位：县交通局）")
    assert document["document"]["title"] is None


# F10 (h51): a page's day-first time stamp is no label and no part of the headline.

def test_a_day_first_time_stamp_is_no_label_and_stands_alone():
    document = _extract("某市民生实事办理情况\n29.12.2014 19:45\n一、当年完成的实事\n（一）就业方面\n"
                        "1.新增城镇就业3000人。\n2.培训农民工2000人次。\n（二）教育方面\n1.新建学校3所。")
    assert document["document"]["title"] == "某市民生实事办理情况"
    assert _paths(document) == [[1, 1, 1], [1, 1, 2], [1, 2, 1]]


def test_a_heading_figure_printed_again_in_the_task_field_is_one_entry():
    from extractor import extract_text

    text = ("2024年民生实事项目\n一、8万平方米老旧小区改造项目\n牵头单位：县住建局\n"
            "任务目标：2024年计划改造东湖巷、西湖巷等住宅小区，改造总建筑面积不少于8万平方米。\n"
            "二、新建200个公共充电桩项目\n牵头单位：县城投集团\n任务目标：2024年计划在城区共完成200个公共充电桩建设。\n")
    items = extract_text(text).items
    assert [[(t["value"], t["unit"], t["comparator"]) for t in item["targets"]] for item in items] == [
        [(80000, "平方米", ">=")], [(200, "个", "=")]]
    assert items[0]["targets"][0]["metric"].startswith("老旧小区改造")


def test_a_first_line_that_is_a_sentence_keeps_each_figure():
    from extractor import extract_text

    text = ("2024年民生实事进展\n一、城乡市场。升级改造农贸市场8个，\n已完成改造8个。\n")
    assert [t["value"] for item in extract_text(text).items for t in item["targets"]] == [8, 8]
