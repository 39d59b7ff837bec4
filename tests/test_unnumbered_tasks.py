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


# F2: run-in leads, heading sentences, slogans as groups, crossheads.

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

def test_text_without_any_quantity_is_still_refused():
    with pytest.raises(NoticeError, match="no numbered task items"):
        _extract("关于做好民生工作的通知\n各单位要高度重视，认真抓好落实。")
