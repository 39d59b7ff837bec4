"""Spoilt numbering: pages whose labels the copy damaged, hid or faked (written before each fix)."""

from __future__ import annotations

from extractor.normalise import normalise
from extractor.pipeline import extract_bytes


def _extract(text: str) -> dict:
    return extract_bytes(text.encode("utf-8"), "case.txt")


def _paths(document: dict) -> list[str]:
    return [item["id"] for item in document["items"]]


# F5a: a page saved without its line breaks keeps two spaces where each break was.

def test_double_spaces_between_labelled_sentences_are_line_breaks_not_cell_borders():
    raw = ("某县农业局2023年工作总结\n"
           "2023年，县农业局认真落实县委、县政府的部署，各项工作取得了明显成效。现将有关情况报告如下：  "
           "一、2023年主要工作完成情况  （一）、民生实事项目推进情况  1、县政府为民办实事项目任务完成情况  "
           "（1）高标准农田建设项目。计划建设高标准农田2万亩，总投资3000万元，已全部完工。"
           "（2）农村户厕改造项目。计划改造农村户厕1500户，已完成1480户。（3）农村饮水安全项目。新建供水站12个。")
    document = _extract(raw)
    assert _paths(document) == ["1.1.1.1", "1.1.1.2", "1.1.1.3"]
    assert document["items"][1]["targets"][0]["value"] == 1500


def test_a_row_of_cells_separated_by_double_spaces_stays_one_row():
    raw = "序号  项目名称  目标任务  责任单位\n1  新建学校  新建学校3所，新增学位2000个  县教育局\n"
    assert "\t" in normalise(raw).text.split("\n")[1]


# F6: a mirror site glosses each character of a traditional page with its pinyin.

def test_pinyin_glosses_are_dropped_and_spans_stay_grounded():
    raw = ("1.實(shí)施農(nóng)村危房改造4萬(wàn)人。（責(zé)任單位：縣住建局）\n"
           "2.新建鄉(xiāng)鎮(zhèn)衛(wèi)生院3個(gè)。（責(zé)任單位：縣衛(wèi)健局）\n")
    document = _extract(raw)
    first, second = document["items"]
    assert first["title"] == "实施农村危房改造4万人"
    assert (first["targets"][0]["value"], first["targets"][0]["unit"]) == (40000, "人")
    assert first["responsible_units"] == ["县住建局"]
    assert second["responsible_units"] == ["县卫健局"]
    normalised = normalise(raw)
    start = normalised.text.index("4万人")
    low, high = normalised.raw_span(start, start + 3)
    assert raw[low:high] == "4萬(wàn)人"


# F5c: a news page numbers its tasks with bare numbers, each alone on its line above its text, and
# its chrome has a line starting with a number.

def test_bare_numbers_alone_on_their_lines_label_the_paragraph_after_them():
    raw = ("36看点 › 栏目 › 某市发布\n"
           "截至目前，今年市政府安排的实事项目已全部完成。具体完成情况如下\n"
           "1\n新增公办养老床位3200张，为计划的102%。\n"
           "2\n新建社区食堂45家，为计划的112.5%。\n"
           "3\n完成120公里河道整治，为计划的100%。\n")
    document = _extract(raw)
    assert _paths(document) == ["1", "2", "3"]
    assert [target["value"] for target in document["items"][1]["targets"]][:1] == [45]


def test_a_one_cell_per_line_table_keeps_its_row_numbers_out_of_the_numbering():
    raw = "1\n新建学校\n2\n改造道路\n3\n新增停车位\n"
    assert _extract_or_none(raw) is None or _paths(_extract_or_none(raw)) != ["1", "2", "3"]


def test_a_lone_high_number_opening_a_line_is_no_list():
    raw = ("88资讯 › 专栏\n"
           "1.新建幼儿园5所。\n2.改造老旧小区12个。\n")
    assert _paths(_extract(raw)) == ["1", "2"]


# G: a page of a long list, numbered on from earlier pages, its groups led by unnumbered dash leads.

def test_numbering_that_starts_high_under_dash_leads_is_the_list_and_the_leads_add_no_level():
    raw = ("某市2024年政府工作报告目标任务分解方案\n"
           "——推进教育高质量发展\n"
           "57.新改扩建公办幼儿园12所、新增学位6000个。（责任单位：市教育局）\n"
           "58.推进普通高中多样化发展。（责任单位：市教育局）\n"
           "59.建设市级优质专业20个。（责任单位：市教育局）\n"
           "——加快建设健康城市\n"
           "60.新建社区卫生服务中心8个。（责任单位：市卫健委）\n"
           "61.推进公立医院高质量发展。（责任单位：市卫健委）\n")
    document = _extract(raw)
    assert _paths(document) == ["57", "58", "59", "60", "61"]
    assert "健康城市" not in document["items"][2]["text"]  # the lead ends the item above it
    assert document["items"][3]["responsible_units"] == ["市卫健委"]


def test_an_isolated_high_number_in_prose_stays_text():
    raw = ("——新建幼儿园5所。\n——改造老旧小区12个。\n"
           "3.5万户居民受益，群众满意度明显提升。\n")
    assert _paths(_extract(raw)) == ["1", "2"]


def _extract_or_none(text: str) -> dict | None:
    try:
        return _extract(text)
    except Exception:  # a refusal: no task found
        return None


def test_a_stray_item_of_an_unseen_group_then_groups_that_start_high_are_one_list():
    raw = ("6.推进农家书屋建设。完成120个农家书屋建设，全面完成目标任务。\n"
           "（七）基础设施工程\n1.农村交通建设。建成农村公路300公里。\n2.农村电网改造。改造线路58公里。\n"
           "（八）生态环境工程\n1.退耕还林工程。巩固退耕还林成果6万亩。\n"
           "（九）文化体育工程\n1.文化设施建设。完成16个乡镇文化站建设。\n")
    assert _paths(_extract(raw)) == ["6", "7.1", "7.2", "8.1", "9.1"]


def test_a_day_first_timestamp_over_the_report_is_no_parent():
    raw = ("某市改善民生实事办理情况\n\n29.12.2024  19:45\n\n  2024年，我市为民办理的实事共30件。\n\n"
           "    一、当年完成的实事\n\n   （一）促进就业方面 15\n\n  一是新增城镇就业3000人；二是培训农民工2000人次。\n")
    assert _paths(_extract(raw)) == ["1.1.1", "1.1.2"]


# F5b: a document-sharing site's copy: its page numbers (1、 2、 …) open each page's line, cutting
# words and unit lists, and the typist's labels are spoilt (3， 4完善).

def test_page_numbers_of_a_document_sharing_site_are_dropped_whatever_they_cut():
    raw = ("《某市人民政府关于2024年办好民生实事的通知.docx》由会员分享，可在线阅读，更多相关《某市人民政府关于2024年"
           "办好民生实事的通知.docx（3页珍藏版）》请在某某文库上搜索。\n"
           "1、某市人民政府关于2024年办好民生实事的通知各区人民政府，市政府各部门：现就有关事项通知如下：1 .新增城镇就业"
           "12万人以上。（责任单位：市人力资源社会保障局、市财政局，各区政府）2.改造城镇老旧小区200个以上，同步推进加装电梯"
           "工作。（责任单位：市住房城乡建设局、市\n"
           "2、财政局，各区政府）3，新建改扩建中小学和幼儿园20所。（责任单位：市教育局，各区政府）4完善社区养老服务中心30处。"
           "（责任单位：市民政局，各区政府）5 .新增普惠托位2000个。（责\n"
           "3、任单位：市卫生健康委，各区政府）6 .实施城市更")
    document = _extract(raw)
    assert _paths(document)[:5] == ["1", "2", "3", "4", "5"]
    assert document["items"][1]["responsible_units"] == ["市住房城乡建设局", "市财政局", "各区政府"]
    assert document["items"][3]["title"] == "完善社区养老服务中心30处"
    assert document["items"][4]["responsible_units"] == ["市卫生健康委", "各区政府"]


def test_a_list_numbered_one_item_a_line_keeps_its_labels():
    raw = ("某县2024年民生实事项目\n"
           "1、新建幼儿园3所，新增学位900个，由县教育局负责实施，年底前全部建成投入使用\n"
           "2、改造农村公路120公里，由县交通运输局负责实施，年底前全部完工\n"
           "3、新增城镇就业3000人，由县人社局负责实施\n")
    assert _paths(_extract(raw)) == ["1", "2", "3"]


def test_a_spoilt_label_counts_only_where_it_continues_the_numbering():
    document = _extract("1.新建学校3所。（责任单位：县教育局）2.改造道路5条。（责任单位：县交通局）"
                        "3，新增停车位800个。（责任单位：县住建局）全县共投入资金2亿元。\n")
    assert _paths(document) == ["1", "2", "3"]
    assert _extract("1.新建学校3所。2.改造道路5条，其中4条已完工。5，新增停车位800个。\n")["items"][1]["id"] == "2"


def test_a_spoilt_label_opening_a_line_out_of_sequence_is_text():
    document = _extract("某县2024年民生实事\n12，我县继续办好民生实事，共3件。\n1.新建学校3所。\n2.改造道路5条。\n")
    assert _paths(document) == ["1", "2"]
