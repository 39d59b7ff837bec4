"""Task lists written without numbers: `；` lists after an opener word, run-in leads and crossheads,
一是… opening each paragraph, and narrative paragraphs (never a refusal while a quantity is there).
Every text here is made up in the form of real notices."""

from __future__ import annotations

import pytest

from extractor.base import labels, patterns
from extractor.base.errors import NoticeError
from extractor.normalise import normalise
from extractor.outline import responsibility
from extractor.pipeline import extract_bytes


def _extract(text: str) -> dict:
    return extract_bytes(text.encode("utf-8"), "case.txt")


def _outline(document: dict) -> list[tuple]:
    return [(item["section"], item["path"], item["title"]) for item in document["items"]]


# F1: `；` lists after an opener word, closed by the first `。` after their last `；`.

def test_semicolon_list_after_其中_ends_at_its_full_stop():
    document = _extract("今年以来，某镇确定民生实事项目4个，目前均已完工。其中，新建村道硬化1200米，改造路灯60盏；"
                        "改造农贸市场2个；完善社区服务功能；新增停车位300个。总投资860万元，群众普遍满意。")
    assert _outline(document) == [(1, [1], "新建村道硬化1200米"), (1, [2], "改造农贸市场2个"),
                                  (1, [3], "完善社区服务功能"), (1, [4], "新增停车位300个")]
    assert document["items"][3]["text"] == "新增停车位300个"
    assert all(target["raw"] != "860万元" for item in document["items"] for target in item["targets"])


def test_colon_list_whose_last_part_holds_no_quantity():
    document = _extract("某县将集中力量办好五件实事。\n这五件实事分别是：新建幼儿园3所；改造老旧小区20个；"
                        "硬化农村道路45公里；全面推行家庭医生签约服务，提高服务水平。")
    assert [item["title"] for item in document["items"]] == ["新建幼儿园3所", "改造老旧小区20个", "硬化农村道路45公里",
                                                            "全面推行家庭医生签约服务"]


def test_lists_in_separate_paragraphs_are_separate_sections():
    document = _extract("各地实事工程各有特点。\n甲旗积极为群众办好6件实事。包括提高高龄津贴标准；新建卫生室4所；硬化村道15公里等。\n"
                        "乙旗在为民办的5件实事中，也把民生放在首位。包括改造危房320户；发放助学金每人2000元；建设文化广场。")
    assert _outline(document) == [(1, [1], "提高高龄津贴标准"), (1, [2], "新建卫生室4所"), (1, [3], "硬化村道15公里等"),
                                  (2, [1], "改造危房320户"), (2, [2], "发放助学金每人2000元"), (2, [3], "建设文化广场")]


def test_category_lead_ins_give_a_group_level_and_由X负责的_names_the_unit():
    document = _extract("某县共议定为民办实事5项。\n教育卫生类3项实事中，由县教育局负责的校舍改造项目投资300万元，新建教室12间；"
                        "由县卫健局负责的老年义诊项目，累计服务老人2100人次；由县医保局负责的慢病帮扶项目投资40万元。\n"
                        "城乡建设类2项实事中，由县住建局负责的道路改造项目总投资900万元，改造道路6条；"
                        "由甲镇、乙镇负责的污水治理项目建设管网8公里，改善人居环境。")
    assert [(item["path"], item["title"], item["responsible_units"]) for item in document["items"]] == [
        ([1, 1], "教育卫生类3项实事中", ["县教育局"]), ([1, 2], "教育卫生类3项实事中", ["县卫健局"]),
        ([1, 3], "教育卫生类3项实事中", ["县医保局"]), ([2, 1], "城乡建设类2项实事中", ["县住建局"]),
        ([2, 2], "城乡建设类2项实事中", ["甲镇", "乙镇"])]
    assert [target["value"] for target in document["items"][0]["targets"]] == [3000000, 12]


def test_opening_responsibility_form_is_found_and_no_statement():
    text = "由县教育局负责的校舍改造项目投资300万元"
    mention = responsibility.opening_mention(text)
    assert mention is not None and mention.lead + mention.others == ["县教育局"]
    assert not responsibility.is_statement(text)
    assert responsibility.opening_mention("各地要由点到面负责的同志抓好落实") is None


def test_list_opener_examples():
    entry = patterns.load("layout")["list_opener"]
    assert all(labels.list_opener().search(text) for text in entry["examples"])
    assert not any(labels.list_opener().search(text) for text in entry["counter_examples"])


def test_opening_responsibility_examples():
    data = patterns.load("responsibility")
    assert all(responsibility.opening_mention(text) for text in data["opening_examples"])
    assert not any(responsibility.opening_mention(text) for text in data["opening_counter_examples"])


def test_narrative_semicolons_without_an_opener_stay_one_paragraph_item():
    document = _extract("2023年，某区4类20项民生实事全部完成，民生领域支出8.2亿元。\n"
                        "2023年，全区新增就业3200人；新建学校2所；改造老旧小区15个；新增养老床位200张。\n"
                        "同时，新增停车位800个，建成口袋公园3个。")
    assert _outline(document) == [(1, [1], "2023年"), (1, [2], "同时")]


# F2: run-in leads, heading sentences, slogans as groups, crossheads.

def test_one_heading_sentence_per_paragraph():
    document = _extract("某县今年将办好以下民生实事。\n建设城乡供水工程。争取专项资金，铺设供水管网，改善饮水质量。\n"
                        "推进人居环境整治。清理积存垃圾，创建美丽乡村样板村。\n农村公路提质改造。提质改造农村公路6条，年底完工。\n"
                        "持续加强城市管理。解决占道经营等群众反映强烈的问题。")
    assert _outline(document) == [(1, [1], "建设城乡供水工程"), (1, [2], "推进人居环境整治"),
                                  (1, [3], "农村公路提质改造"), (1, [4], "持续加强城市管理")]
    assert [target["value"] for target in document["items"][2]["targets"]] == [6]


def test_工程_leads_run_on_in_one_paragraph():
    document = _extract("今年全省继续实施12项民生工程。\n危房改造工程。改造农村危房2万户，改善群众居住条件。道路畅通工程。"
                        "新改建农村公路3000公里，应改尽改。校舍安全工程。加固校舍150所。饮水安全工程。解决40万人饮水问题。")
    assert _outline(document) == [(1, [1], "危房改造工程"), (1, [2], "道路畅通工程"), (1, [3], "校舍安全工程"),
                                  (1, [4], "饮水安全工程")]
    assert document["items"][1]["text"] == "新改建农村公路3000公里，应改尽改。"


def test_方面_leads_after_a_lede_of_counts():
    document = _extract("今年要办好10个方面28项民生实事，目前已完成3项。\n"
                        "扩大就业方面，新增城镇就业6.2万人；培训劳动者12万人次。改善教育条件方面，新建幼儿园20所。"
                        "医疗服务方面，开通跨省结算医疗机构113家。\n养老服务方面，新建养老床位800张。住房保障方面，改造老旧小区90个。")
    assert [item["title"] for item in document["items"]] == ["扩大就业方面", "改善教育条件方面", "医疗服务方面",
                                                            "养老服务方面", "住房保障方面"]
    assert [len(item["targets"]) for item in document["items"]] == [2, 1, 1, 1, 1]


def test_slogan_sentence_over_leads_is_a_group_level():
    document = _extract("会议票决产生了民生实事项目共5大类12项，总投资1.8亿元。\n"
                        "聚焦“急难愁盼”，精准施策解民忧。教育惠民方面，改造幼儿园附属设施，提升办学条件。\n"
                        "医疗健康方面，建设智慧医院项目。\n就业服务方面，组织农村劳动力转移就业5000人次。\n"
                        "聚焦“品质提升”，以务实行动惠民生。城市品质提升方面，改造排水管网2.6公里。")
    assert _outline(document) == [(1, [1, 1], "聚焦“急难愁盼”，精准施策解民忧")] * 1 + [
        (1, [1, 2], "聚焦“急难愁盼”，精准施策解民忧"), (1, [1, 3], "聚焦“急难愁盼”，精准施策解民忧"),
        (1, [2, 1], "聚焦“品质提升”，以务实行动惠民生")]


def test_crosshead_line_is_not_glued_to_the_paragraph_after_it():
    text = "截至10月底，今年的为民办实事项目中，已有部分项目提前完成。\n改善农村条件 落实放心工程\n我市今年计划建成农村公路200公里，现已完成216公里。"
    assert normalise(text).text.split("\n")[1].replace(" ", "") == "改善农村条件落实放心工程"


def test_crossheads_over_news_paragraphs():
    document = _extract("截至10月底，今年的20件为民办实事项目中，已有部分项目提前完成年度目标。\n改善农村条件 落实放心工程\n"
                        "我市今年计划建成农村公路200公里，现已完成216公里。\n另外，计划新建社区便利店80个，现已完成93个。\n"
                        "市民出行更加方便\n我市计划新增公交线路7条，现已新增20条。\n丰富群众文化生活\n全年送戏下乡300场。")
    assert _outline(document) == [(1, [1], "改善农村条件落实放心工程"), (1, [2], "市民出行更加方便"),
                                  (1, [3], "丰富群众文化生活")]
    assert len(document["items"][0]["targets"]) == 4


# F3: 一是…十是 opening consecutive paragraphs.

def test_word_ordinals_opening_each_paragraph_are_items():
    document = _extract("某市市长作政府工作报告时提出，今年市政府将为民办好以下实事。\n一是投入2亿元，建设美丽乡村示范村10个。\n"
                        "二是新建城区水厂净水设施。\n三是启动第一小学改扩建；完成运动场建设。\n四是改扩建乡镇卫生院3家。\n（作者：报道组）")
    assert _outline(document) == [(1, [1], "投入2亿元"), (1, [2], "新建城区水厂净水设施"), (1, [3], "启动第一小学改扩建"),
                                  (1, [4], "改扩建乡镇卫生院3家")]


def test_a_reports_own_working_methods_stay_no_tasks():
    document = _extract("各位代表：\n一是始终高度重视。将民生实事作为重要工作。二是强化组织保障。成立工作专班。三是加强督查。\n"
                        "一、关于供水站提升项目进展情况\n完成12个单村供水站改造提升。\n二、关于水域整治项目进展情况\n新建堰坝3座。")
    assert [item["title"] for item in document["items"]] == ["关于供水站提升项目进展情况", "关于水域整治项目进展情况"]


def test_field_labels_under_a_project_are_its_fields_not_sub_items():
    document = _extract("一、关于供水站提升项目进展情况\n（一）责任领导：张某\n（二）年度目标：完成12个供水站提升改造。\n"
                        "（三）完成情况：已完成供水站提升10个。\n二、关于水域整治项目进展情况\n（一）责任领导：李某\n"
                        "（二）年度目标：新建堰坝3座。\n（三）完成情况：已建成2座。")
    assert [(item["path"], [(target["value"], target["role"]) for target in item["targets"]])
            for item in document["items"]] == [([1], [(12, "target"), (10, "actual")]), ([2], [(3, "target"), (2, "actual")])]


# F4: never refuse a text with task quantities; a summing lede is no item.

def test_single_paragraph_with_quantities_is_one_item():
    document = _extract("某市民生实事进展顺利\n今年以来，全市新增城镇就业1.2万人，新建幼儿园5所。")
    assert _outline(document) == [(1, [1], "今年以来")]


def test_text_without_any_quantity_is_still_refused():
    with pytest.raises(NoticeError, match="no numbered task items"):
        _extract("关于做好民生工作的通知\n各单位要高度重视，认真抓好落实。")


def test_summing_lede_examples():
    from extractor.outline.items import is_summing_lede

    entry = patterns.load("exclusions")["summing_lede"]
    assert all(is_summing_lede(text) for text in entry["examples"])
    assert not any(is_summing_lede(text) for text in entry["counter_examples"])


def test_run_in_lead_examples():
    entry = patterns.load("headings")["run_in_lead"]
    assert all(labels.run_in_lead().search(text) for text in entry["examples"])
    assert not any(labels.run_in_lead().search(text) for text in entry["counter_examples"])


def test_ordinals_run_into_one_paragraph_go_on_in_the_paragraphs_after_it():
    """一是…；二是…；三是… joined into one paragraph (each line ended in ；), then 四是… and 五是… on
    lines of their own: one list of five, none lost."""
    from extractor import extract_text

    text = ("某市2023年十件民生实事全面完成\n2023年，市政府确定的十件民生实事项目已全部完成。\n一是新建城区幼儿园6所；\n"
            "二是改造农村公路320公里；\n三是新增城镇就业1.2万人。\n四是建成社区养老服务中心15个。\n五是新建公园3个。\n")
    assert [t["value"] for item in extract_text(text).items for t in item["targets"]] == [6, 320, 12000, 15, 3]
