"""Which numbered or bulleted level is a task level is decided by what its nodes hold, not by where
it stands: page chrome printed as list items before a notice (metadata lists, tool bars, buttons,
date stamps) is no level, never an item and never the parent of the real list."""

from __future__ import annotations

import pytest

from extractor import extract_text
from extractor.base import labels, patterns
from extractor.outline.tree import is_page_chrome

CHROME = patterns.load("document")["page_chrome"]


def _content(line: str) -> str:
    stripped = line.strip()
    label = labels.find_label(stripped)
    return stripped[label.end:] if label else stripped


@pytest.mark.parametrize("line", CHROME["examples"])
def test_chrome_examples(line):
    assert is_page_chrome(_content(line))


@pytest.mark.parametrize("line", CHROME["counter_examples"])
def test_chrome_counter_examples(line):
    assert not is_page_chrome(_content(line))


def _paths(text: str) -> list[tuple[list[int], str]]:
    return [(item["path"], item["title"]) for item in extract_text(text).items]


METADATA_LIST = """• 索引号:00123/2025-00045
  • 发文机关:某县人民政府办公室
  • 主题分类:综合政务
  • 成文日期:2025年2月10日
  • 发布日期:2025年2月12日
某县人民政府办公室关于印发2025年民生实事项目的通知
各乡镇人民政府，县直各单位：
现将2025年民生实事项目印发给你们，请认真组织实施。
一、新建城市公园3个。责任单位：县住建局
二、新增普惠性托位200个。责任单位：县卫健局
三、改造农村公路45公里。责任单位：县交通局
"""


def test_a_metadata_list_before_the_tasks_is_no_level():
    assert _paths(METADATA_LIST) == [([1], "新建城市公园3个"), ([2], "新增普惠性托位200个"), ([3], "改造农村公路45公里")]


BUTTON_ABOVE = """关闭
  • 提交
    首页 > 通知公告 > 正文
某市今年十件民生实事出炉
经市人大代表票决，确定以下项目为今年民生实事：
1 新建社区食堂30个；
2 改造老旧小区40个；
3 新增停车泊位5000个。
"""


def test_a_button_read_as_a_bullet_parents_no_list():
    assert [path for path, _ in _paths(BUTTON_ABOVE)] == [[1], [2], [3]]


TOOL_BAR = """  • 浏览量:
  • 字体【      】
【民生实事】关于下达2025年民生实事任务的通知
各区人民政府：
一、教育
1.新建幼儿园5所。
2.新增学位3000个。
二、医疗
1.建设社区医院2家。
"""


def test_a_tool_bar_is_dropped_and_short_group_headings_stay():
    assert _paths(TOOL_BAR) == [([1, 1], "教育"), ([1, 2], "教育"), ([2, 1], "医疗")]


def test_a_date_stamp_read_as_a_label_is_no_level():
    text = """29.12.2014 19:45
一、当年完成的实事
1.新建农村公路120公里。
2.新增就业岗位8000个。
"""
    assert [path for path, _ in _paths(text)] == [[1, 1], [1, 2]]


def test_bulleted_tasks_stay_a_level():
    text = """某县2025年民生实事
● 新建社区卫生服务站6个；
● 新增停车泊位1200个；
● 改造农村户厕800户。
"""
    notice = extract_text(text)
    assert [item["path"] for item in notice.items] == [[1], [2], [3]]
    assert [target["value"] for item in notice.items for target in item["targets"]] == [6, 1200, 800]


def test_a_covering_notice_signed_above_the_plan_title_keeps_its_own_paragraphs():
    text = """关于印发《2025年重点工作分工方案》的通知
各镇人民政府，区政府各委、办、局：
《2025年重点工作分工方案》已经区政府常务会审议通过，现印发给你们，请认真贯彻执行。
一、提高站位，强化担当。各部门要将落实好86项重点工作作为首要任务。
二、狠抓落实，确保完成。各部门要细化、量化工作任务。
某区人民政府办公室
2025年3月3日
2025年重点工作分工方案（共计86项）
一、主要预期目标
1.地区生产总值增长5%以上。
2.城镇新增就业1.2万人。
"""
    notice = extract_text(text)
    assert [item["path"] for item in notice.items] == [[1, 1], [1, 2]]
    assert [target["value"] for item in notice.items for target in item["targets"]] == [5, 12000]


def test_a_sites_story_links_are_no_level_beside_bulleted_tasks():
    text = """头条新闻：
·某区：送医下乡暖民心\t2025-04-19\t·某区开展读书活动
某市2025年重点民生实事项目出炉
为补齐民生短板，今年确定实施十大类民生实事项目。
●稳定就业方面。城镇新增就业3.3万人，技能培训3万人次。
●公共服务方面。新建幼儿园20所，新增学位5000个。
"""
    assert _paths(text) == [([1], "稳定就业方面"), ([2], "公共服务方面")]


def test_blocks_counted_as_parts_of_a_whole_are_the_items():
    text = ("某街道打造四大民生工程\n年初，街道敞出了“四大工程”的盘子——\n"
            "之一：“安居工程”——改造老旧小区12个，惠及居民3000户。\n"
            "之二：“暖心工程”——新建社区食堂3个。\n"
            "之三：“畅行工程”——新增停车泊位500个。\n")
    items = extract_text(text).items
    assert [(item["path"], item["targets"][0]["value"]) for item in items] == [([1], 12), ([2], 3), ([3], 500)]


def test_a_list_run_into_one_line_heads_no_list_of_the_lines_after_it():
    """…承诺：1.…；2.…；3.… in one line, then 之一：… blocks: the blocks are a list of their own, not
    children of the run-in list's last item."""
    text = ("年前，街道做出三项承诺：1.新建社区食堂3个；2.改造老旧小区12个；3.新增停车泊位500个。\n"
            "年后，街道又敞出了“三大工程”的盘子——\n"
            "之一：“安居工程”——改造农村危房80户。\n"
            "之二：“暖心工程”——新建养老服务站6个。\n"
            "之三：“畅行工程”——新建公交候车亭40个。\n")
    paths = [(item["section"], item["path"]) for item in extract_text(text).items]
    assert paths == [(1, [1]), (1, [2]), (1, [3]), (2, [1]), (2, [2]), (2, [3])]


def test_meta_line_examples():
    chrome = patterns.load("document")["page_chrome"]
    for line in chrome["meta_line_examples"]:
        assert is_page_chrome(line), line
    for line in chrome["meta_line_counter_examples"]:
        assert not is_page_chrome(line), line


def test_a_bullet_list_of_page_metadata_with_unknown_keys_is_no_level():
    text = ("当前位置：首页 > 信息公开 > 政策文件\n• 信息索引号：000014349/2024-00021\n• 生效状态：有效\n"
            "• 信息类别：通知公告\n• 公开日期：2024-04-02\n某县人民政府办公室关于下达2024年为民办实事项目的通知\n"
            "各乡镇人民政府：\n经县政府研究，决定2024年为民办好以下实事：\n1.新建农村公路60公里。（县交通运输局）\n"
            "2.改造农村户厕2000户。（县农业农村局）\n某县人民政府办公室\n2024年4月1日\n")
    items = extract_text(text).items
    assert [(item["id"], item["targets"][0]["value"]) for item in items] == [("1", 60), ("2", 2000)]
