"""The layout stage on its own: the examples of patterns/layout.toml, the four layouts of the
issue that were refused or misread, and the table shapes a page can flatten a table into."""

from __future__ import annotations

import pytest

from extractor.base import patterns
from extractor.layout import find_blocks
from extractor.normalise import normalise
from extractor.pipeline import extract_bytes


def _blocks(text: str) -> list[str]:
    normalised = normalise(text)
    return [block.text for block in find_blocks(normalised.text, normalised.paragraphs())]


def _extract(text: str) -> dict:
    return extract_bytes(text.encode("utf-8"), "example.txt")


def _targets(item: dict) -> list[tuple]:
    return [(t["metric"], t["value"], t["unit"], t["comparator"], t["role"]) for t in item["targets"]]


LAYOUT = patterns.load("layout")


@pytest.mark.parametrize("example", LAYOUT["example"] + LAYOUT["counter_example"], ids=lambda e: e["text"][:30])
def test_block_examples(example):
    assert _blocks(example["text"]) == example["blocks"]


@pytest.mark.parametrize("group", LAYOUT["field"], ids=lambda group: group["kind"])
def test_field_examples_open_a_block(group):
    for text in group["examples"]:
        blocks = _blocks(text)
        assert len(blocks) >= 2 and any(block.startswith(key) for block in blocks for key in group["keys"]), \
            (text, blocks)
    for text in group["counter_examples"]:
        assert _blocks(text) == [text], text


# The four examples of the layout issue, each refused or misread before the layout stage.

def test_numbering_in_running_text():
    document = _extract("县政府将重点办好以下民生实事: (1)新建农村公路120公里。 (2)改造老旧小区15个,惠及居民3200户。"
                        " (3)新增城镇就业岗位不少于4000个。")
    assert [item["id"] for item in document["items"]] == ["1", "2", "3"]
    assert [_targets(item) for item in document["items"]] == [
        [("新建农村公路", 120, "公里", "=", "target")],
        [("改造老旧小区", 15, "个", "=", "target"), ("惠及居民", 3200, "户", "=", "target")],
        [("新增城镇就业岗位", 4000, "个", ">=", "target")],
    ]
    assert document["document"]["title"] is None  # a sentence ending in ： is no title


def test_pipe_table():
    document = _extract("序号 | 项目 | 目标任务 | 牵头单位 | 配合单位 |\n"
                        "1 | 城镇老旧小区改造 | 完成改造小区42个,加装电梯60部 | 区住建局 | 各街道 |\n"
                        "2 | 托育服务 | 新增托位300个以上 | 区卫健局 | 区教育局、各街道 |\n")
    first, second = document["items"]
    assert (first["title"], first["responsible_units"]) == ("城镇老旧小区改造", ["区住建局", "各街道"])
    assert _targets(first) == [("改造小区", 42, "个", "=", "target"), ("加装电梯", 60, "部", "=", "target")]
    assert (second["title"], second["responsible_units"]) == ("托育服务", ["区卫健局", "区教育局", "各街道"])
    assert _targets(second) == [("新增托位", 300, "个", ">=", "target")]


def test_progress_report_run_together():
    document = _extract("某市2024年民生实事项目进展情况 1.新建停车位3000个。 责任单位:市城管局 完成情况:已建成2100个,"
                        "完成年度目标的70%。 2.新增公办学位5000个。 责任单位:市教育局 配合单位:市财政局、各区政府 "
                        "完成情况:已新增学位4200个。")
    first, second = document["items"]
    assert first["responsible_units"] == ["市城管局"]
    assert _targets(first) == [("新建停车位", 3000, "个", "=", "target"), ("新建停车位", 2100, "个", "=", "actual"),
                               ("新建停车位", 70, "%", "=", "completion")]
    assert second["responsible_units"] == ["市教育局", "市财政局", "各区政府"]
    assert _targets(second) == [("新增公办学位", 5000, "个", "=", "target"), ("新增学位", 4200, "个", "=", "actual")]
    assert document["document"]["title"] == "某市2024年民生实事项目进展情况"


def test_traditional_characters_come_out_simplified():
    document = _extract("一、新建公共充電樁2000個以上。(責任單位:市發展改革委、各區政府)")
    (item,) = document["items"]
    assert item["title"] == "新建公共充电桩2000个以上"
    assert item["responsible_units"] == ["市发展改革委", "各区政府"]
    assert _targets(item) == [("新建公共充电桩", 2000, "个", ">=", "target")]
    assert item["targets"][0]["raw"] == "2000个以上"


# Tables as pages flatten them.

def test_table_fragment_without_header_counting_from_twelve():
    document = _extract("（续表）\n12      城乡居民医疗保险      医保财政补助标准提高到每人每年670元      市医保局      市财政局\n"
                        "13      困难群众救助          发放救助资金1.2亿元                  市民政局      各县市区政府\n")
    assert [(item["id"], item["title"], item["responsible_units"]) for item in document["items"]] == [
        ("12", "城乡居民医疗保险", ["市医保局", "市财政局"]), ("13", "困难群众救助", ["市民政局", "各县市区政府"])]


def test_section_rows_and_numbering_restarting_in_each():
    document = _extract("序号 | 项目名称 | 年度目标任务 | 责任单位 |\n一、教育 | | | |\n1 | 幼儿园 | 新建幼儿园2所 | 区教育局 |\n"
                        "2 | 书房 | 新建城市书房4个 | 区文旅局 |\n二、民生 | | | |\n1 | 助餐 | 新建助餐点30个 | 区民政局 |\n"
                        "2 | 就业 | 新增城镇就业5000人 | 区人社局 |\n")
    assert [item["id"] for item in document["items"]] == ["1.1", "1.2", "2.1", "2.2"]
    assert [item["title"] for item in document["items"]] == ["幼儿园", "书房", "助餐", "就业"]


def test_bare_numbers_take_the_unit_of_their_column():
    document = _extract("序号\t项目\t计量单位\t目标值\t责任单位\n1\t新建公共充电桩\t个\t1900\t市发展改革委\n"
                        "2\t新增城镇就业\t万人\t4.5\t市人社局\n3\t新增普惠托位（个）\t\t\t市卫健委\n")
    first, second = document["items"][:2]
    assert _targets(first) == [("新建公共充电桩", 1900, "个", "=", "target")]
    assert first["targets"][0]["raw"] == "1900"
    assert _targets(second) == [("新增城镇就业", 45000, "人", "=", "target")]


def test_progress_table_columns_give_roles():
    document = _extract("序号 | 项目名称 | 年度目标任务 | 上半年完成情况 | 完成率 | 责任单位\n"
                        "1 | 普惠托育 | 新增普惠托位400个 | 新增普惠托位180个 | 45% | 区卫健局\n"
                        "2 | 农村饮水 | 巩固提升农村供水工程10处 | 已完工6处 | 60% | 区水务局\n")
    first, second = document["items"]
    assert _targets(first) == [("新增普惠托位", 400, "个", "=", "target"), ("新增普惠托位", 180, "个", "=", "actual"),
                               ("新增普惠托位", 45, "%", "=", "completion")]
    assert [t["role"] for t in second["targets"]] == ["target", "actual", "completion"]


def test_table_run_into_one_line_is_split_back_into_rows():
    document = _extract("序号 | 项目 | 目标任务 | 责任单位 | 1 | 停车 | 新增停车泊位2000个 | 区城管局 | "
                        "2 | 燃气 | 改造燃气管道45公里 | 区住建局 | 3 | 公园 | 新建口袋公园6个 | 区城管局 |\n")
    assert [(item["id"], item["title"], item["responsible_units"]) for item in document["items"]] == [
        ("1", "停车", ["区城管局"]), ("2", "燃气", ["区住建局"]), ("3", "公园", ["区城管局"])]


def test_units_broken_over_lines_in_a_table_row():
    document = _extract("序号 | 项目名称 | 年度目标任务 | 牵头单位 | 配合单位 |\n"
                        "1 | 就业帮扶 | 新增城镇就业5000人 | 区人社局 | 区财政局 |\n| | | | 各街道办事处 |\n"
                        "2 | 停车泊位 | 新增公共停车泊位2000个 | 区住建局 | 区公安分局 |\n")
    assert document["items"][0]["responsible_units"] == ["区人社局", "区财政局", "各街道办事处"]


def test_page_number_inside_a_word_is_dropped():
    document = _extract("一、就业\n1.新增城镇就业4200人。\n责任单位：区人社局、区财\n2\n政局\n"
                        "2.开展职业技能培训2500人次。\n责任单位：区人社局\n")
    assert document["items"][0]["responsible_units"] == ["区人社局", "区财政局"]
    assert [item["id"] for item in document["items"]] == ["1.1", "1.2"]


def test_people_are_never_units():
    document = _extract("1.新建改建城市道路8条 牵头领导:刘某某 责任单位:区住建局 项目责任人:赵某 配合单位:区自然资源局"
                        " 实际完成情况:已开工6条 2.新增普惠托位300个 牵头领导:孙某某 责任单位:区卫健局 项目责任人:周某"
                        " 实际完成情况:已新增托位210个")
    first, second = document["items"]
    assert first["responsible_units"] == ["区住建局", "区自然资源局"]
    assert second["responsible_units"] == ["区卫健局"]
    assert _targets(first)[0] == ("新建改建城市道路", 8, "条", "=", "target")
    assert _targets(second)[1][4] == "actual"


# Layouts that no issue named, met while testing the families above.

def test_markdown_table_with_its_separator_row():
    document = _extract("| 序号 | 项目名称 | 目标任务 | 责任单位 |\n| --- | --- | --- | --- |\n"
                        "| 1 | 新建学校 | 新建中小学3所 | 县教育局 |\n| 2 | 饮水工程 | 新建供水站5座 | 县水利局 |\n")
    assert [(item["title"], item["responsible_units"]) for item in document["items"]] == [
        ("新建学校", ["县教育局"]), ("饮水工程", ["县水利局"])]


def test_row_numbers_written_with_a_dot():
    document = _extract("序号\t项目\t目标任务\t责任单位\n1.\t新建学校\t新建中小学3所\t县教育局\n2.\t饮水工程\t新建供水站5座\t县水利局\n")
    assert [(item["id"], item["title"]) for item in document["items"]] == [("1", "新建学校"), ("2", "饮水工程")]


def test_ordinals_first_second_in_one_paragraph():
    document = _extract("2024年全县十件民生实事\n第一，新增城镇就业3000人。（县人社局负责）第二，改造农村危房500户。"
                        "（县住建局负责）第三，新建村级养老服务站20个。（县民政局负责）")
    assert [(item["id"], item["responsible_units"]) for item in document["items"]] == [
        ("1", ["县人社局"]), ("2", ["县住建局"]), ("3", ["县民政局"])]


def test_bullets_are_counted_under_their_parent():
    document = _extract("2024年民生实事\n一、教育\n★ 新建幼儿园3所。\n责任单位：区教育局\n★ 新增学位900个。\n"
                        "二、医疗\n★ 新建卫生院2所。\n★ 免费体检2万人次。\n")
    assert [item["id"] for item in document["items"]] == ["1.1", "1.2", "2.1", "2.2"]
    assert document["items"][0]["responsible_units"] == ["区教育局"]


def test_records_of_fields_without_numbers():
    document = _extract("项目名称：城镇老旧小区改造 目标任务：改造老旧小区60个 牵头单位：市住建局 完成时限：12月底\n"
                        "项目名称：托育服务 目标任务：新增托位800个 牵头单位：市卫健委 完成时限：11月底\n")
    assert [(item["id"], item["title"], item["responsible_units"]) for item in document["items"]] == [
        ("1", "城镇老旧小区改造", ["市住建局"]), ("2", "托育服务", ["市卫健委"])]
    assert [_targets(item) for item in document["items"]] == [
        [("改造老旧小区", 60, "个", "=", "target")], [("新增托位", 800, "个", "=", "target")]]


def test_what_a_reported_share_follows_was_done():
    document = _extract("关于2024年十件民生实事完成情况的报告\n（一）就业：全年新增城镇就业5.6万人，完成目标任务的112%。\n"
                        "（二）教育：新建幼儿园12所，完成率100%。\n")
    assert [[t["role"] for t in item["targets"]] for item in document["items"]] == [
        ["actual", "completion"], ["actual", "completion"]]
    plan = _extract("2024年民生实事\n1.全年新增托位5000个，完成率不低于95%。\n2.新建幼儿园3所。\n")
    assert [t["role"] for t in plan["items"][0]["targets"]] == ["target", "completion"]


def test_table_whose_header_has_no_number_column_counts_its_rows():
    document = _extract("项目名称\t建设内容\t责任单位\n新建学校\t新建中小学3所\t县教育局\n饮水工程\t新建供水站5座\t县水利局\n")
    assert [(item["id"], item["title"], item["responsible_units"]) for item in document["items"]] == [
        ("1", "新建学校", ["县教育局"]), ("2", "饮水工程", ["县水利局"])]


def test_a_time_limit_in_the_units_note_is_no_unit():
    document = _extract("1、城乡就业。全年新增城镇就业2000人以上。（责任单位：县人社局；完成时限：2024年12月底）\n"
                        "2、教育提升。新建幼儿园2所。（责任单位：县教育局，完成时限：2024年9月底）\n")
    assert [item["responsible_units"] for item in document["items"]] == [["县人社局"], ["县教育局"]]


def test_a_list_without_numbers_in_one_sentence():
    document = _extract("原标题：我市确定2024年十大民生实事\n来源：某某日报 2024-01-20\n"
                        "记者从市政府获悉，今年我市十大民生实事为：新建中小学5所；新增停车位3000个；改造老旧小区40个。\n")
    assert [(item["id"], item["text"]) for item in document["items"]] == [
        ("1", "新建中小学5所"), ("2", "新增停车位3000个"), ("3", "改造老旧小区40个")]


def test_a_text_with_no_task_list_is_still_refused():
    from extractor.base.errors import NoticeError

    with pytest.raises(NoticeError, match="no numbered task items"):
        _extract("关于做好春季森林防火工作的通知\n各单位要高度重视，落实责任，确保安全。\n")


def test_closing_remark_after_the_last_task_of_a_line():
    document = _extract("据悉，2024年市政府将办好以下民生实事：一是扩大就业，城镇新增就业6万人；二是发展普惠托育，"
                        "新增普惠托位3000个。会议要求，各地各部门要细化实施方案。")
    assert document["items"][-1]["text"] == "发展普惠托育，新增普惠托位3000个。"


def test_rows_numbered_in_chinese_and_a_category_column():
    document = _extract("序号\t类别\t项目名称\t建设内容及规模\t责任单位\t完成时限\n"
                        "一\t教育\t学前教育\t新建幼儿园3所\t区教育局\t2024年12月\n"
                        "二\t卫生\t基层医疗\t新建村卫生室15个\t区卫健局\t2024年10月\n")
    assert [(item["id"], item["title"], item["responsible_units"]) for item in document["items"]] == [
        ("1", "学前教育", ["区教育局"]), ("2", "基层医疗", ["区卫健局"])]


def test_a_narrative_target_part_is_no_task():
    document = _extract("一、目标任务\n围绕群众最关心的利益问题，集中力量办好10件民生实事。\n二、项目安排\n"
                        "（一）教育惠民工程。新建中小学校4所。（牵头单位：区教育局）\n"
                        "（二）养老服务工程。新增养老床位400张。（牵头单位：区民政局）\n")
    assert [item["id"] for item in document["items"]] == ["2.1", "2.2"]


def test_the_year_target_beside_the_period_figure():
    document = _extract("某市2024年民生实事上半年进展\n1.城镇新增就业。年度目标5万人，上半年新增3.2万人，占全年目标的64%。\n"
                        "2.老旧小区改造。全年计划改造120个，1-6月已开工95个。\n"
                        "3.普惠托位。目标新增托位2000个，截至6月底新增1350个，完成进度67.5%。\n"
                        "4.农村公路。全年任务新改建农村公路300公里，上半年完成180公里。\n")
    assert [[(t["value"], t["role"]) for t in item["targets"]] for item in document["items"]] == [
        [(50000, "target"), (32000, "actual"), (64, "completion")], [(120, "target"), (95, "actual")],
        [(2000, "target"), (1350, "actual"), (67.5, "completion")], [(300, "target"), (180, "actual")]]
    assert document["items"][3]["targets"][0]["metric"] == "新改建农村公路"


@pytest.mark.parametrize("debris", ["www.xxgov-mirror.com", "https://mirror.example.cn/a?id=3", "【来源：某某资讯网】",
                                    "（转自：某某网）"])
def test_debris_injected_into_a_sentence_is_dropped(debris):
    document = _extract(f"1.新增城镇就业5万人{debris}以上。（责任单位：市人社局）\n2.新建学校3所。（责任单位：市教育局）\n")
    assert _targets(document["items"][0]) == [("新增城镇就业", 50000, "人", ">=", "target")]


def test_bare_number_takes_the_unit_written_in_its_row_title():
    document = _extract("序号\t指标名称\t目标值\t责任单位\n1\t新建公共充电桩（个）\t1900\t市发展改革委\n"
                        "2\t新增城镇就业（万人）\t4.5\t市人社局\n")
    assert [[(t["value"], t["unit"]) for t in item["targets"]] for item in document["items"]] == [
        [(1900, "个")], [(45000, "人")]]


def test_the_signature_under_a_table_is_no_unit_of_its_last_row():
    document = _extract("序号\t项目名称\t目标任务\t牵头单位\n1\t学前教育\t新建幼儿园3所\t市教育局\n"
                        "2\t基层医疗\t新建村卫生室15个\t市卫健委\n某市人民政府办公室\n2024年3月1日\n")
    assert document["items"][-1]["responsible_units"] == ["市卫健委"]
    assert document["document"]["date"] == "2024-03-01"


def test_word_one_character_labels():
    document = _extract("㈠教育\n⑴新建幼儿园3所。⑵新增学位900个。\n㈡医疗\n⒈新建卫生院2所。\n⒉免费体检2万人次。\n")
    assert [(item["id"], item["title"]) for item in document["items"]] == [
        ("1.1", "教育"), ("1.2", "教育"), ("2.1", "医疗"), ("2.2", "医疗")]


def test_page_number_glued_to_the_second_half_of_a_word():
    document = _extract("一、就业\n1、新增城镇就业4200人。\n责任单位：区人社局、区财\n2、政局\n2、开展职业技能培训2500人次。\n"
                        "责任单位：区人社局\n")
    assert [item["id"] for item in document["items"]] == ["1.1", "1.2"]
    assert document["items"][0]["responsible_units"] == ["区人社局", "区财政局"]


def test_ordinals_counting_their_things():
    document = _extract("今年十件民生实事如下。第一件：新建中小学5所。第二件：新增停车位3000个。第三件：改造老旧小区40个。\n")
    assert [(item["id"], item["text"]) for item in document["items"]] == [
        ("1", "新建中小学5所。"), ("2", "新增停车位3000个。"), ("3", "改造老旧小区40个。")]


def test_html_entities_of_a_copied_page_source():
    document = _extract("1.新建学校3所&nbsp;&nbsp;（责任单位：市教育局）\n2.新增&ldquo;口袋公园&rdquo;5个。（责任单位：市城管局）\n")
    assert [(item["text"], item["responsible_units"]) for item in document["items"]] == [
        ("新建学校3所", ["市教育局"]), ("新增“口袋公园”5个。", ["市城管局"])]
