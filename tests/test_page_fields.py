"""A web page's own fields: its column tag, its metadata block, and field lines inside items."""

from __future__ import annotations

import pytest

from extractor.base import labels
from extractor.outline.document_fields import extract_fields
from extractor.pipeline import extract_bytes


def _extract(text: str) -> dict:
    return extract_bytes(text.encode("utf-8"), "case.txt")


# F2 — a site's column tag before the headline is no bracket-heading bullet.

def test_column_tag_before_a_headline_is_no_item():
    document = _extract("【惠民生】关于印发2024年十件民生实事的通知\n各镇人民政府：\n"
                        "一、新建学校\n新建学校3所。\n二、新建公园\n新建公园2个。")
    assert document["document"]["title"] == "关于印发2024年十件民生实事的通知"
    assert [item["path"] for item in document["items"]] == [[1], [2]]


def test_bracket_heading_before_a_figure_stays_a_bullet():
    assert labels.find_label("【稳就业】全年城镇新增就业3万人").style == "bullet"
    assert labels.find_label("【保基本民生】某某市2024年实施47项民生实事的通知") is None


def test_column_tag_is_stripped_from_the_web_title():
    fields = extract_fields(["名称：【保民生】某某市民生工作领导小组办公室关于2024年实施30项民生实事的通知",
                             "文号：", "发布日期：2024-03-14"])
    assert fields["title"] == "某某市民生工作领导小组办公室关于2024年实施30项民生实事的通知"
    assert fields["issuer"] == "某某市民生工作领导小组办公室"
    assert fields["doc_number"] is None


def test_tagged_headline_under_the_article_is_the_title():
    document = _extract("县长在报告中指出，今年重点办好3件实事。分别是：（1）新建学校3所。（2）新建公园2个。（3）新增就业500人。\n"
                        "政府信息公开\n【直击两会】某某县政府2020年将为民办好3件实事\n索引号：20230425-095005 时间：2020-05-11")
    assert document["document"]["title"] == "某某县政府2020年将为民办好3件实事"
    assert [item["path"] for item in document["items"]] == [[1], [2], [3]]


# F3 — the metadata reader: whole keys, values that stop at every key, 来源 as the issuer.

def test_key_inside_a_longer_key_is_not_that_key():
    fields = extract_fields(["•所属类目：区政府办公室文件", "•机构名称：区政府办公室", "各镇人民政府：", "现将实事印发给你们。"])
    assert fields["title"] is None


def test_value_stops_at_a_glued_key():
    fields = extract_fields(["发布机构：某某县人民政府生成日期：2024-03-16文件编号：有效性：有效公开范围：面向全社会",
                             "1.新建学校3所。"])
    assert fields["issuer"] == "某某县人民政府"
    assert fields["date"] is None  # 生成日期 is a record stamp, not the signing date


def test_empty_field_stays_empty():
    fields = extract_fields(["索引号：主题分类：", "发布机构：生成日期：2020-12-30文件编号：有效性：",
                             "公开范围：公开方式：", "某某区民生实事项目完成情况"])
    assert fields["issuer"] is None


def test_serial_number_key_gives_the_document_number():
    fields = extract_fields(["•索引号：11N000/ZK-2023-000021", "•发文单位：区政府办",
                             "•发文序号：某政办发〔2023〕5号", "关于印发重点工作分工方案的通知"])
    assert fields["doc_number"] == "某政办发〔2023〕5号"


def test_metadata_block_without_colons():
    fields = extract_fields(["发文机关某某县人民政府发文字号某政〔2020〕13号发布日期2020-5-12",
                             "某某县人民政府关于印发2020年重点民生实事的通知"])
    assert fields["doc_number"] == "某政〔2020〕13号"
    assert fields["title"] == "某某县人民政府关于印发2020年重点民生实事的通知"


def test_source_naming_a_full_office_is_the_issuer():
    fields = extract_fields(["县卫健委2021年重点任务分解",
                             "文章来源：某某县卫生健康委员会浏览量：发表时间：2021-05-07 10:49责任编辑：政务公开"])
    assert fields["issuer"] == "某某县卫生健康委员会"
    assert fields["region"] == "某某县"


def test_source_naming_a_media_or_a_short_name_is_no_issuer():
    assert extract_fields(["某某县2020年将办好15件实事", "时间：2020-05-11 来源：某某县融媒体中心"])["issuer"] is None
    assert extract_fields(["某某区2022年实事", "信息来源：区政府办公室 发布时间 2022-01-10"])["issuer"] is None


# F6 — a `key：value` line is a field, never a headline that closes an item.

def test_leader_field_does_not_close_the_item():
    document = _extract("一、主要任务\n（一）充电设施工程包\n建设充电桩75个。全年计划完成投资1000万元。\n"
                        "分管区领导：张某某\n牵头单位：区建设局\n配合单位：城建集团\n"
                        "（二）停车设施工程包\n新增停车泊位115个。\n督导区领导：李某某\n牵头单位：区交通局")
    assert [item["responsible_units"] for item in document["items"]] == [["区建设局", "城建集团"], ["区交通局"]]
    assert "张某某" not in document["items"][0]["text"]


# F7 — compound responsibility markers.

def test_compound_lead_and_cooperating_markers():
    document = _extract("1.创建国家卫生县城。\n牵头责任单位：县卫健委\n主要协作单位：各乡镇人民政府、县直有关单位\n"
                        "2.推广家庭医生签约服务，签约8万人牵头责任单位：县卫健委、县医保局协作单位：各乡镇人民政府")
    assert [item["responsible_units"] for item in document["items"]] == [
        ["县卫健委", "各乡镇人民政府", "县直有关单位"], ["县卫健委", "县医保局", "各乡镇人民政府"]]


def test_every_labelled_note_of_an_item_gives_its_units():
    document = _extract("二、生态提升工程\n建设调蓄工程，年底前完成。（牵头责任单位：水利局；配合单位：有关乡镇）。打造街头游园9个。"
                        "（牵头责任单位：城管局；配合单位：有关乡镇）。整治河道3条。（牵头责任单位：水利局；配合单位：有关乡镇）\n"
                        "三、交通提升工程\n新建道路5条。（牵头责任单位：交通局）")
    assert document["items"][0]["responsible_units"] == ["水利局", "城管局", "有关乡镇"]
    assert document["items"][0]["lead_units"] == 2


# F8 — a meta field cut by the end of the copy is still meta.

def test_meta_field_cut_by_the_copy_is_no_item_text():
    document = _extract("1.新建中小学校3所。\n牵头领导：副区长\n主要责任单位：区教委\n完成时")
    item = document["items"][0]
    assert item["text"] == "新建中小学校3所。"
    assert item["responsible_units"] == ["区教委"]


# Regions from the document fields.

def test_region_does_not_chain_across_an_office_name():
    fields = extract_fields(["中共东海省委办公厅东海省人民政府办公厅关于2023年为民办实事项目完成情况的通报",
                             "1.新建学校3所。"])
    assert fields["region"] == "东海省"


def test_region_skips_the_year_of_a_title():
    fields = extract_fields(["2022年度市县民生实事未完成项目进度表（截至10月31日）", "序号\t项目内容\t当前进度"])
    assert fields["region"] is None


# Document fields as real pages glue them: a tool bar left open, a document-sharing site's banner,
# a 文号 run on after the title, a 文件编号 that is the 文号, a news dateline, a red header's name.

_TASKS = "1.新建幼儿园3所。\n2.改造老旧小区12个。\n"


def test_a_tool_bar_left_open_runs_into_nothing():
    document = _extract("江西省人民政府门户网站\n\n发布时间：2024-02-20 11:02\n\n【字体:\n\n江西省人民政府关于\n\n"
                        "落实《政府工作报告》重点工作部门分工的意见\n\n赣府发〔2024〕1号\n\n省直有关单位：\n\n" + _TASKS)["document"]
    assert (document["title"], document["doc_number"]) == ("江西省人民政府关于落实《政府工作报告》重点工作部门分工的意见",
                                                           "赣府发〔2024〕1号")


@pytest.mark.parametrize("banner", [
    "《{title}.docx》由会员分享，可在线阅读，更多相关《{title}.docx（4页珍藏版）》请在某文库上搜索。",
    "《{title}.pdf》上传人：某某 文档页数：4页 下载积分：5",  # another site's words: the file name decides
])
def test_a_sharing_sites_banner_names_the_file_and_the_number_runs_on_after_the_title(banner):
    title = "某市人民政府关于2024年重点办好16件实事的通知"
    document = _extract(banner.format(title=title) + "\n"
                        f"{title}（某政发（2024）1号）各区人民政府：现就有关事项通知如下：\n" + _TASKS)["document"]
    assert (document["title"], document["doc_number"], document["issuer"]) == (title, "某政发〔2024〕1号", "某市人民政府")


def test_a_file_number_that_is_a_doc_number():
    document = _extract("索引号:\t001-2024-69894\t成文日期:\t2024-04-18\n文件编号:\t某政办发〔2024〕16号\t组配分类:\t政府工作报告\n"
                        "某县人民政府办公室关于印发2024年重点工作责任分解的通知\n" + _TASKS)["document"]
    assert document["doc_number"] == "某政办发〔2024〕16号"
    assert _extract("文件编号:\tA0123-2024-0016\n某县人民政府办公室关于印发2024年重点工作的通知\n" + _TASKS)["document"]["doc_number"] is None


def test_a_title_without_a_dateline_a_header_name_or_book_marks():
    assert _extract("某省2024年“十件民生实事”出炉\n时间:2024-01-15 11:37:35 作者:网络\n原标题:某省2024年“十件民生实事”出炉\n"
                    "人民网某城1月15日电（记者某某） 1月15日，某省在会上表示，将办好以下实事。\n"
                    + _TASKS)["document"]["title"] == "某省2024年“十件民生实事”出炉"
    assert _extract("某河政发文件某河区人民政府关于印发2024年主要工作任务分解表的通知\n" + _TASKS)["document"]["title"] \
        == "某河区人民政府关于印发2024年主要工作任务分解表的通知"
    assert _extract("《2024年区政府工作报告目标任务推进情况汇总表》\n" + _TASKS)["document"]["title"] \
        == "2024年区政府工作报告目标任务推进情况汇总表"


def test_a_headline_is_no_bar_breadcrumb_or_byline_and_loses_what_a_site_put_before_it():
    assert _extract("上一篇 下一篇 放大 缩小 默认\n\n某区1-9月重点民生实事进展顺利\n\n" + _TASKS)["document"]["title"] \
        == "某区1-9月重点民生实事进展顺利"
    assert _extract("人民网>>某省频道>>某省要闻\n\n某省2024年民生实事推进有序\n\n" + _TASKS)["document"]["title"] \
        == "某省2024年民生实事推进有序"
    assert _extract("某某体育在线-【官网直营】关于印发2024年50件民生实事项目安排意见的通知\n" + _TASKS)["document"]["title"] \
        == "关于印发2024年50件民生实事项目安排意见的通知"
    assert _extract("（江西省）南昌市2024年《政府工作报告》目标任务责任分解方案\n" + _TASKS)["document"]["title"] \
        == "南昌市2024年《政府工作报告》目标任务责任分解方案"
    assert _extract("本页内容请按Tab键切换浏览某区2024年上半年计划执行情况\n\n" + _TASKS)["document"]["title"] \
        == "某区2024年上半年计划执行情况"
    kept = "江西省人民政府办公厅关于印发2024年重点工作分工方案的通知"
    assert _extract(kept + "\n" + _TASKS)["document"]["title"] == kept
